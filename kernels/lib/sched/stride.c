/*
 * stride: proportional share without luck (Waldspurger, 1995; OSTEP chapter 9).
 *
 * Each entity has a stride, SCHED_STRIDE_BIG / tickets, and a pass, the virtual time it has
 * consumed: each tick it runs adds its stride to its pass. The entity with the smallest pass
 * runs next, for a slice. An entity with twice the tickets has half the stride, so it must
 * run twice as many ticks before its pass catches up: shares are exact, off by at most about
 * a slice at any moment, where lottery is only right on average.
 *
 * The catch is joining. An entity that was blocked (or is new) has a small pass and would
 * run alone until it caught up with everyone. So a newly runnable entity starts no lower
 * than s->vtime, the smallest pass among the runnable ones: it joins the race where the
 * race is, not where it left it. (It keeps a larger pass: running ahead is paid back.)
 */
#include "sched.h"

// LAB 02 BEGIN
/* How far one tick moves e's pass: fewer tickets, longer strides. */
static uint64_t stride_of(const struct sched_entity *e) {
  return SCHED_STRIDE_BIG / (e->tickets ? e->tickets : 1);
}
// LAB 02 STARTER
// LAB 02 END

static void stride_init(struct sched *s) { s->vtime = 0; }

/* Keeps the line sorted by pass, first come first served among equals. */
static void insert_sorted(struct sched *s, struct sched_entity *e) {
  struct sched_entity *pos = s->q[0].head;
  while (pos && pos->pass <= e->pass)
    pos = pos->next;
  sched_queue_insert_before(s, 0, pos, e);
}

static void stride_enqueue(struct sched *s, struct sched_entity *e) {
  // LAB 02 BEGIN
  if (e->pass < s->vtime) e->pass = s->vtime;
  // LAB 02 STARTER
  // /* TODO (lab 2): a newly runnable entity joins the race where it is (s->vtime) */
  // LAB 02 END
  insert_sorted(s, e);
}

static void stride_dequeue(struct sched *s, struct sched_entity *e) { sched_queue_remove(s, e); }

/* The smallest pass, with a fresh slice. Nothing runnable has a smaller pass (on one hart),
 * so it is the new floor for joiners. */
static struct sched_entity *stride_pick_next(struct sched *s) {
  struct sched_entity *e = sched_queue_pop(s, 0);
  if (!e) return NULL;
  e->used = 0;
  // LAB 02 BEGIN
  if (e->pass > s->vtime) s->vtime = e->pass;
  // LAB 02 STARTER
  // /* TODO (lab 2): e has the smallest pass: move the floor s->vtime up to it */
  // LAB 02 END
  return e;
}

/* Advances running's pass and the floor; at the end of the slice, gives way to a smaller
 * or equal pass (equal: so that equals alternate). */
static bool stride_tick(struct sched *s, struct sched_entity *running) {
  // LAB 02 BEGIN
  running->pass += stride_of(running);
  struct sched_entity *head = s->q[0].head;
  uint64_t low = head && head->pass < running->pass ? head->pass : running->pass;
  if (low > s->vtime) s->vtime = low;
  if (++running->used < SCHED_SLICE) return false;
  if (head && head->pass <= running->pass) return true;
  running->used = 0;
  return false;
  // LAB 02 STARTER
  // /* TODO (lab 2): charge the tick to running's pass (its stride), move the floor
  //  * s->vtime, and at the end of the slice give way to a smaller or equal pass. Until
  //  * then every pass stays 0 and this is round robin: */
  // if (++running->used < SCHED_SLICE) return false;
  // running->used = 0;
  // return s->q[0].head != NULL;
  // LAB 02 END
}

/* value is the number of tickets. The pass is kept: the new stride applies from now on. */
static void stride_set_tickets(struct sched *s, struct sched_entity *e, int value) {
  bool queued = e->rq != NULL;
  if (queued) sched_queue_remove(s, e);
  e->tickets = (uint32_t)sched_clamp(value, 1, SCHED_TICKETS_MAX);
  if (queued) insert_sorted(s, e);
}

static int stride_shown(const struct sched *s, const struct sched_entity *e) {
  (void)s;
  return (int)e->tickets;
}

const struct sched_policy sched_stride = {
    .name = "stride",
    .description = "stride: the smallest pass runs; exact shares proportional to tickets",
    .init = stride_init,
    .enqueue = stride_enqueue,
    .dequeue = stride_dequeue,
    .pick_next = stride_pick_next,
    .tick = stride_tick,
    .set_priority = stride_set_tickets,
    .shown_priority = stride_shown,
};
