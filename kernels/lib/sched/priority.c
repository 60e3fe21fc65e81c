/*
 * priority: static priorities, round robin within a priority.
 *
 * Every entity has a priority from 0 (highest) to SCHED_PRIO_MAX, set by the kernel (nice,
 * or a system call) and never changed by the scheduler. There is one line per priority; the
 * highest non-empty line runs, round robin with a time slice of SCHED_SLICE ticks. When an
 * entity of a higher priority than the running one becomes runnable, the running one is
 * preempted at the next tick, whatever is left of its slice.
 *
 * Simple and predictable, which is why real-time systems use it; but a high-priority CPU
 * hog starves everything below it forever. MLFQ, lottery and stride are three answers.
 */
#include "sched.h"

/* The entity's line: the kernel may have stored any int in priority. */
static int prio_of(const struct sched_entity *e) {
  return sched_clamp(e->priority, 0, SCHED_PRIO_MAX);
}

static void prio_init(struct sched *s) { (void)s; }

static void prio_enqueue(struct sched *s, struct sched_entity *e) {
  sched_queue_push(s, prio_of(e), e);
}

static void prio_dequeue(struct sched *s, struct sched_entity *e) { sched_queue_remove(s, e); }

/* The head of the highest non-empty line, with a fresh slice. */
static struct sched_entity *prio_pick_next(struct sched *s) {
  int qi = sched_queue_first(s, SCHED_PRIO_MAX + 1);
  if (qi < 0) return NULL;
  struct sched_entity *e = sched_queue_pop(s, qi);
  e->used = 0;
  return e;
}

/* Preempt now if someone better waits; at the end of the slice, if someone as good waits
 * (that is the round robin within a line); otherwise go on. */
static bool prio_tick(struct sched *s, struct sched_entity *running) {
  int best = sched_queue_first(s, SCHED_PRIO_MAX + 1);
  int mine = prio_of(running);
  running->used++;
  if (best >= 0 && best < mine) return true;
  if (running->used < SCHED_SLICE) return false;
  if (best == mine) return true;
  running->used = 0;
  return false;
}

/* A queued entity moves to the back of its new line. */
static void prio_set_priority(struct sched *s, struct sched_entity *e, int value) {
  bool queued = e->rq != NULL;
  if (queued) sched_queue_remove(s, e);
  e->priority = sched_clamp(value, 0, SCHED_PRIO_MAX);
  if (queued) sched_queue_push(s, e->priority, e);
}

const struct sched_policy sched_priority = {
    .name = "priority",
    .description = "static priorities (0 is the highest), round robin within a priority",
    .init = prio_init,
    .enqueue = prio_enqueue,
    .dequeue = prio_dequeue,
    .pick_next = prio_pick_next,
    .tick = prio_tick,
    .set_priority = prio_set_priority,
};
