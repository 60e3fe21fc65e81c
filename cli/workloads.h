/*
 * workloads: the named workloads of `ossim compare`, read from userland/bench/workloads.txt
 * (one `NAME | what it stresses | command` a line; the file says more).
 *
 * Not for: running them. compare.c does that.
 */
#ifndef OSSIM_WORKLOADS_H
#define OSSIM_WORKLOADS_H

#include <stddef.h>

#define WORKLOAD_MAX 32

struct workload {
  char name[32];
  char about[128];   /* what it stresses */
  char command[512]; /* the shell command */
};

struct workload_list {
  struct workload w[WORKLOAD_MAX];
  unsigned n;
};

/* Reads the workloads file at path. Returns 0, or -1 with a message naming the file and the
 * line in err. */
int workloads_load(struct workload_list *list, const char *path, char *err, size_t errlen);
/* The workload called name, or NULL. */
const struct workload *workloads_find(const struct workload_list *list, const char *name);

#endif
