/*
 * null: the smallest kernel there is, for the test that a kernel plugs in as one folder
 * (tests/extra_kernel.cmake). It runs nothing: the machine halts at once with the status
 * its one option gives.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel.h"
#include "kernel_options.h"

struct null_options {
  int status; /* --null-status N: what ossim exits with */
};

static int parse_status(void *field, const char *val, char *err, size_t errlen) {
  uint64_t n;
  if (kernel_option_number(val, false, 255, &n)) {
    snprintf(err, errlen, "--null-status '%s': need a number from 0 to 255", val);
    return -1;
  }
  *(int *)field = (int)n;
  return 0;
}

static const struct kernel_option null_option_table[] = {
    {.name = "--null-status",
     .arg = "N",
     .help = "halt at once with exit status N (default 0)",
     .kind = KOPT_PARSE,
     .offset = offsetof(struct null_options, status),
     .parse = parse_status},
    {0},
};

static int null_create(const struct machine_config *mc, const struct kernel_args *args,
                       struct kernel **out, char *err, size_t errlen) {
  const struct null_options *o = args->own;
  struct kernel *k = calloc(1, sizeof *k);
  if (!k) return -ENOMEM;
  int rc = machine_create(mc, &k->m, err, errlen);
  if (rc < 0) {
    free(k);
    return rc;
  }
  k->exit_status = o->status;
  *out = k;
  return 0;
}

static enum kernel_state null_run(struct kernel *k, uint64_t until) {
  (void)k, (void)until;
  return KERNEL_HALTED;
}

static void null_destroy(struct kernel *k) {
  machine_destroy(k->m);
  free(k);
}

const struct kernel_ops null_kernel = {
    .name = "null",
    .summary = "a test kernel: halts at once",
    .options = null_option_table,
    .options_size = sizeof(struct null_options),
    .create = null_create,
    .run = null_run,
    .destroy = null_destroy,
};
