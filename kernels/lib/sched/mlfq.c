/*
 * mlfq: the multi-level feedback queue, after OSTEP chapter 8.
 *
 * The scheduler does not know which entities are interactive and which are CPU hogs, so it
 * learns it from how they behave. There are SCHED_MLFQ_LEVELS lines; level 0 is the top,
 * with the shortest slice (1, 2 and 4 ticks). OSTEP's rules:
 *   1. A higher level runs before a lower one: whoever waits higher up preempts at the next
 *      tick.
 *   2. Within a level, round robin with that level's slice.
 *   3. A new entity starts at the top.
 *   4. Once an entity has used up its level's allotment (here, one slice), it moves down a
 *      level, however many times it blocked on the way: so sleeping just before the slice
 *      ends does not let a hog stay on top.
 *   5. Every SCHED_BOOST ticks, every entity goes back to the top, so a hog cannot starve
 *      and one that turned interactive is noticed.
 * An entity that runs in short bursts and blocks is rarely charged a tick and stays high,
 * where it gets the CPU quickly when it wakes; a hog sinks to the bottom and soaks up what
 * is left. Static priorities and tickets are ignored; ps shows the level.
 *
 * Rule 5 has to reach entities that no queue holds (blocked, or running on another hart):
 * a boost bumps s->gen, and each such entity is reset to the top when it is next seen.
 */
#include "sched.h"

#define BOTTOM (SCHED_MLFQ_LEVELS - 1)

/* The allotment of each level, in ticks: longer lower down, where the hogs are. */
static const uint32_t allotment[SCHED_MLFQ_LEVELS] = {1, 2, 4};

static void mlfq_init(struct sched *s) { s->next_boost = s->ticks + SCHED_BOOST; }

static void mlfq_enqueue(struct sched *s, struct sched_entity *e) {
  sched_queue_push(s, e->level, e);
}

static void mlfq_dequeue(struct sched *s, struct sched_entity *e) { sched_queue_remove(s, e); }

/* The head of the highest non-empty level. Unlike round robin, the slice is not renewed:
 * rule 4 counts what the entity used at this level across every turn it had there. */
static struct sched_entity *mlfq_pick_next(struct sched *s) {
  int qi = sched_queue_first(s, SCHED_MLFQ_LEVELS);
  return qi < 0 ? NULL : sched_queue_pop(s, qi);
}

// LAB 02 BEGIN
/* Rule 5: every queued entity to the top line, keeping their order (the top line first),
 * and running too; gen tells the blocked ones. */
static void boost(struct sched *s, struct sched_entity *running) {
  s->gen++;
  s->next_boost = s->ticks + SCHED_BOOST;
  for (int qi = 1; qi < SCHED_MLFQ_LEVELS; qi++) {
    struct sched_entity *e;
    while ((e = sched_queue_pop(s, qi)) != NULL)
      sched_queue_push(s, 0, e);
  }
  for (struct sched_entity *e = s->q[0].head; e; e = e->next) {
    e->level = 0;
    e->used = 0;
    e->gen = s->gen;
  }
  running->level = 0;
  running->used = 0;
  running->gen = s->gen;
}

/* Charges the tick (rule 4), then applies rules 1, 2 and 5. */
static bool mlfq_tick(struct sched *s, struct sched_entity *running) {
  bool slice_over = ++running->used >= allotment[running->level];
  if (slice_over) {
    if (running->level < BOTTOM) running->level++;
    running->used = 0;
  }
  if (s->ticks >= s->next_boost) {
    boost(s, running);
    return s->nqueued > 0; /* a fresh round robin at the top, everyone included */
  }
  int best = sched_queue_first(s, SCHED_MLFQ_LEVELS);
  if (best < 0) return false;
  return best < running->level || slice_over;
}
// LAB 02 STARTER
// /* TODO (lab 2): rules 4, 1 and 5. Charge the tick to running; when it has used its
//  * level's allotment, move it down a level. Preempt it when a higher level has someone
//  * waiting, or when its slice is over. Every SCHED_BOOST ticks (s->ticks, s->next_boost)
//  * put everyone back on top, bumping s->gen. Until then everyone stays on the top level,
//  * and this is round robin with the top's slice: */
// static bool mlfq_tick(struct sched *s, struct sched_entity *running) {
//   if (++running->used < allotment[running->level]) return false;
//   running->used = 0;
//   return s->nqueued > 0;
// }
// LAB 02 END

/* Kept for ps under other policies; MLFQ sets levels from behaviour alone. */
static void mlfq_set_priority(struct sched *s, struct sched_entity *e, int value) {
  (void)s;
  e->priority = sched_clamp(value, 0, SCHED_PRIO_MAX);
}

/* The level; a stale one (a boost happened since) is the top, which is where e will be. */
static int mlfq_shown_priority(const struct sched *s, const struct sched_entity *e) {
  return e->gen == s->gen ? e->level : 0;
}

const struct sched_policy sched_mlfq = {
    .name = "mlfq",
    .description = "multi-level feedback queue: 3 levels, slices 1/2/4 ticks, periodic boost",
    .init = mlfq_init,
    .enqueue = mlfq_enqueue,
    .dequeue = mlfq_dequeue,
    .pick_next = mlfq_pick_next,
    .tick = mlfq_tick,
    .set_priority = mlfq_set_priority,
    .shown_priority = mlfq_shown_priority,
};
