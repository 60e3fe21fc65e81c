/*
 * rr: round robin, the default policy.
 *
 * One line of runnable entities. The one at the head runs for a time slice of SCHED_SLICE
 * ticks, then goes to the back of the line; an entity that wakes up joins at the back too.
 * With N entities runnable, none waits more than (N - 1) slices for its turn, and entities
 * that use the CPU alike get equal shares. Priorities and tickets are ignored.
 *
 * The slice is the whole trade-off: shorter means a quicker response to whoever waits,
 * longer means fewer context switches.
 */
#include "sched.h"

static void rr_init(struct sched *s) { (void)s; }

static void rr_enqueue(struct sched *s, struct sched_entity *e) { sched_queue_push(s, 0, e); }

static void rr_dequeue(struct sched *s, struct sched_entity *e) { sched_queue_remove(s, e); }

/* The head of the line, with a fresh slice. */
static struct sched_entity *rr_pick_next(struct sched *s) {
  struct sched_entity *e = sched_queue_pop(s, 0);
  if (e) e->used = 0;
  return e;
}

/* Preempt at the end of the slice, unless nobody waits: then a new slice starts at once. */
static bool rr_tick(struct sched *s, struct sched_entity *running) {
  if (++running->used < SCHED_SLICE) return false;
  if (s->nqueued > 0) return true;
  running->used = 0;
  return false;
}

/* Kept for ps, and for the next policy; round robin itself ignores it. */
static void rr_set_priority(struct sched *s, struct sched_entity *e, int value) {
  (void)s;
  e->priority = sched_clamp(value, 0, SCHED_PRIO_MAX);
}

const struct sched_policy sched_rr = {
    .name = "rr",
    .description = "round robin: each runnable entity in turn for a time slice (default)",
    .init = rr_init,
    .enqueue = rr_enqueue,
    .dequeue = rr_dequeue,
    .pick_next = rr_pick_next,
    .tick = rr_tick,
    .set_priority = rr_set_priority,
};
