/*
 * evq: the machine's cycle-ordered event queue.
 *
 * Devices never act on the host clock. A device that needs to do something later
 * (a disk request completing, the UART polling its input) schedules a callback at a
 * simulated cycle; the machine runs every callback whose time has come between quanta.
 * Callbacks due at the same cycle run in the order they were scheduled, so a run is
 * deterministic.
 *
 * Not for: timer interrupts (a hart compares its own cycles with stimecmp).
 */
#ifndef OSSIM_EVQ_H
#define OSSIM_EVQ_H

#include <stddef.h>
#include <stdint.h>

#define EVQ_NEVER UINT64_MAX

typedef void (*evq_fn)(void *ctx, uint64_t now);

struct evq_item {
  uint64_t when; /* cycle at which to run */
  uint64_t seq;  /* tie-break: order of scheduling */
  evq_fn fn;
  void *ctx;
};

/* A binary min-heap on (when, seq). Owned by one machine; not thread-safe. */
struct evq {
  struct evq_item *heap;
  size_t n, cap;
  uint64_t next_seq;
};

void evq_init(struct evq *q);
void evq_free(struct evq *q);
/* Returns 0, or -ENOMEM. */
int evq_schedule(struct evq *q, uint64_t when, evq_fn fn, void *ctx);
/* Removes every pending item with this fn and ctx; returns how many. */
size_t evq_cancel(struct evq *q, evq_fn fn, void *ctx);
/* Cycle of the earliest item, or EVQ_NEVER. */
uint64_t evq_next(const struct evq *q);
/* Runs, in order, every item due at or before `now` (including ones they schedule). */
void evq_run_until(struct evq *q, uint64_t now);

#endif
