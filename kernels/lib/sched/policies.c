/*
 * policies.c: the table of built-in policies, for sched_find and sched_policies.
 */
#include <string.h>

#include "sched.h"

static const struct sched_policy *const policies[] = {
    &sched_rr, &sched_priority, &sched_mlfq, &sched_lottery, &sched_stride, NULL,
};

const struct sched_policy *const *sched_policies(void) { return policies; }

const struct sched_policy *sched_find(const char *name) {
  if (!name) return NULL;
  for (int i = 0; policies[i]; i++)
    if (strcmp(policies[i]->name, name) == 0) return policies[i];
  return NULL;
}
