#include "compare_run.h"

#include <stdlib.h>

#include <inttypes.h>
#include <string.h>

#include "options.h"
#include "run.h"

/* The guest's console, kept for a failure report: the last line it wrote. */
struct console_tail {
  char line[200], last[200];
  size_t len;
};

static void console_put(void *ctx, uint8_t byte) {
  struct console_tail *t = ctx;
  if (byte == '\n') {
    if (t->len) {
      memcpy(t->last, t->line, t->len);
      t->last[t->len] = 0;
    }
    t->len = 0;
  } else if (byte >= ' ' && t->len + 1 < sizeof t->line) {
    t->line[t->len++] = (char)byte;
  }
}

/* No input: the run powers off when the command is done, as with `ossim -c < /dev/null`. */
static int console_get(void *ctx) {
  (void)ctx;
  return UART_HOST_EOF;
}

/* Fills res->reason from how the run ended; returns true if it ended well. */
static bool judge(enum kernel_state s, const struct kernel *k, uint64_t max_cycles,
                  const struct console_tail *t, struct cmp_result *res) {
  const char *said = t->last[0] ? t->last : "(no output)";
  switch (s) {
  case KERNEL_HALTED:
    if (k->exit_status == 0) return true;
    snprintf(res->reason, sizeof res->reason, "exit status %d: %s", k->exit_status, said);
    return false;
  case KERNEL_RUNNING:
    snprintf(res->reason, sizeof res->reason, "did not finish in %" PRIu64 " cycles", max_cycles);
    return false;
  default: snprintf(res->reason, sizeof res->reason, "%s", k->message); return false;
  }
}

/* The run's events: to the metrics, and to the model for the pictures if there is one. */
static void sink(void *ctx, const struct ev_record *r) {
  struct cmp_result *res = ctx;
  metrics_sink(&res->mx, r);
  if (res->model) model_feed(res->model, r);
}

void cmp_run(const struct kernel_ops *ops, const struct machine_config *cfg,
             const struct kernel_args *args, uint64_t max_cycles, struct cmp_result *res) {
  struct console_tail tail = {0};
  struct machine_config mc = *cfg;
  mc.uart = (struct uart_host){.put = console_put, .get = console_get, .ctx = &tail};
  mc.ev_sink = sink;
  mc.ev_sink_ctx = res;
  res->ops = ops;
  res->ok = false;
  metrics_init(&res->mx);
  struct kernel *k = NULL;
  struct kernel_args a = *args;
  void *own = calloc(1, ops->options_size + 1); /* the kernel's own options: defaults */
  if (!(a.own = own)) {
    snprintf(res->reason, sizeof res->reason, "out of memory");
    return;
  }
  if (ops->create(&mc, &a, &k, res->reason, sizeof res->reason) < 0) {
    free(own);
    return;
  }
  enum kernel_state s = KERNEL_RUNNING;
  while (s == KERNEL_RUNNING && machine_now(k->m) < max_cycles) {
    uint64_t now = machine_now(k->m);
    s = ops->run(k, max_cycles - now > RUN_SLICE_CYCLES ? now + RUN_SLICE_CYCLES : max_cycles);
  }
  res->ok = judge(s, k, max_cycles, &tail, res);
  metrics_finish(&res->mx, k);
  if (res->model) {
    ov_finish(res->ov, res->model);
    if (k->m->nharts > res->ov->nharts) /* a hart that never ran still has its lane */
      res->ov->nharts = k->m->nharts < MODEL_HARTS ? k->m->nharts : MODEL_HARTS;
  }
  ops->destroy(k);
  free(own);
}
