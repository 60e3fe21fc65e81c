/*
 * lottery: proportional share by lottery (Waldspurger and Weihl, 1994; OSTEP chapter 9).
 *
 * Every entity holds tickets (SCHED_TICKETS_DEFAULT unless set). At the end of each time
 * slice the scheduler draws a winning ticket among all runnable entities, the one that just
 * ran included, and the holder runs next. An entity with twice the tickets wins twice as
 * often *on average*: shares are right over many slices, but over a few anything can happen.
 * Stride scheduling removes that luck.
 *
 * The draw comes from the xorshift generator in struct sched, seeded by the kernel, never
 * from the host: the same seed gives the same schedule, run after run.
 */
#include "sched.h"

/* An entity's tickets; 0 counts as 1 so that every runnable entity can win. */
static uint64_t weight(const struct sched_entity *e) { return e->tickets ? e->tickets : 1; }

static void lottery_init(struct sched *s) { (void)s; }

static void lottery_enqueue(struct sched *s, struct sched_entity *e) { sched_queue_push(s, 0, e); }

static void lottery_dequeue(struct sched *s, struct sched_entity *e) { sched_queue_remove(s, e); }

/* Draws a ticket number below the total and walks the line counting tickets until it
 * reaches the holder; it leaves the line with a fresh slice. */
static struct sched_entity *lottery_pick_next(struct sched *s) {
  uint64_t total = 0;
  for (struct sched_entity *e = s->q[0].head; e; e = e->next)
    total += weight(e);
  if (total == 0) return NULL;
  uint64_t winner = sched_random(s) % total;
  struct sched_entity *e = s->q[0].head;
  while (winner >= weight(e)) {
    winner -= weight(e);
    e = e->next;
  }
  sched_queue_remove(s, e);
  e->used = 0;
  return e;
}

/* A new draw at the end of each slice, when there is anyone else to draw. */
static bool lottery_tick(struct sched *s, struct sched_entity *running) {
  if (++running->used < SCHED_SLICE) return false;
  if (s->nqueued > 0) return true;
  running->used = 0;
  return false;
}

/* value is the number of tickets. */
static void lottery_set_tickets(struct sched *s, struct sched_entity *e, int value) {
  (void)s;
  e->tickets = (uint32_t)sched_clamp(value, 1, SCHED_TICKETS_MAX);
}

static int lottery_shown(const struct sched *s, const struct sched_entity *e) {
  (void)s;
  return (int)e->tickets;
}

const struct sched_policy sched_lottery = {
    .name = "lottery",
    .description = "lottery: a random draw each slice, odds proportional to tickets",
    .init = lottery_init,
    .enqueue = lottery_enqueue,
    .dequeue = lottery_dequeue,
    .pick_next = lottery_pick_next,
    .tick = lottery_tick,
    .set_priority = lottery_set_tickets,
    .shown_priority = lottery_shown,
};
