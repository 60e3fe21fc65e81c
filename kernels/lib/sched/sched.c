/*
 * sched.c: what every policy shares: the wrappers a kernel calls, the run-queue lists, the
 * random numbers and switching policy. (The table of built-in policies is policies.c, so
 * that one policy can be built alone, as a loadable module, with this file.)
 */
#include "sched.h"

#include <string.h>

/* splitmix64: spreads any seed, 0 included, over the state space; xorshift64 needs a
 * non-zero state, and nearby seeds should give unrelated schedules. */
static uint64_t mix_seed(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x ? x : 0x2545f4914f6cdd1dull;
}

uint64_t sched_random(struct sched *s) {
  uint64_t x = s->rng; /* xorshift64 (Marsaglia 2003) */
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  s->rng = x;
  return x;
}

void sched_init(struct sched *s, const struct sched_policy *p, uint64_t seed) {
  memset(s, 0, sizeof *s);
  s->policy = p;
  s->rng = mix_seed(seed);
  s->gen = 1; /* differs from the 0 of a fresh entity */
  p->init(s);
}

void sched_entity_init(struct sched_entity *e, int id) {
  memset(e, 0, sizeof *e);
  e->id = id;
  e->priority = SCHED_PRIO_DEFAULT;
  e->tickets = SCHED_TICKETS_DEFAULT;
}

/* Brings e's private fields up to date with s->gen: a fresh slice at the top MLFQ level and
 * a stride pass of 0 (which stride's enqueue lifts to s->vtime). Only for an entity on no
 * queue: queued ones are kept up to date by whoever bumps gen. */
static void refresh(struct sched *s, struct sched_entity *e) {
  if (e->gen == s->gen) return;
  e->gen = s->gen;
  e->used = 0;
  e->level = 0;
  e->pass = 0;
}

void sched_enqueue(struct sched *s, struct sched_entity *e) {
  if (e->rq) return; /* already runnable: never queue anyone twice */
  refresh(s, e);
  s->policy->enqueue(s, e);
}

void sched_dequeue(struct sched *s, struct sched_entity *e) {
  if (!e->rq) return; /* running or blocked: nothing to take off */
  s->policy->dequeue(s, e);
}

struct sched_entity *sched_pick_next(struct sched *s) {
  if (s->nqueued == 0) return NULL;
  return s->policy->pick_next(s);
}

bool sched_tick(struct sched *s, struct sched_entity *running) {
  s->ticks++;
  if (!running) return false;
  if (!running->rq) refresh(s, running);
  return s->policy->tick(s, running);
}

void sched_set_priority(struct sched *s, struct sched_entity *e, int value) {
  if (!e->rq) refresh(s, e);
  s->policy->set_priority(s, e, value);
}

void sched_set_params(struct sched *s, struct sched_entity *e, int priority, uint32_t tickets) {
  bool queued = e->rq != NULL;
  if (queued) s->policy->dequeue(s, e); /* a policy may account for what e holds */
  if (priority >= 0) e->priority = sched_clamp(priority, 0, SCHED_PRIO_MAX);
  if (tickets > 0) e->tickets = tickets < SCHED_TICKETS_MAX ? tickets : SCHED_TICKETS_MAX;
  if (queued) sched_enqueue(s, e);
}

int sched_shown_priority(const struct sched *s, const struct sched_entity *e) {
  if (s->policy->shown_priority) return s->policy->shown_priority(s, e);
  return e->priority;
}

/* The old policy gives up its queued entities in queue order (q[0] first, each from head
 * to tail), chained through their next links while they are on no queue; the new policy
 * then takes them in that order. Bumping gen resets everyone's private fields: a slice or
 * pass earned under one policy means nothing under another. */
void sched_switch(struct sched *s, const struct sched_policy *p) {
  struct sched_entity *first = NULL, *last = NULL;
  for (int qi = 0; qi < SCHED_NQUEUES; qi++) {
    struct sched_entity *e;
    while ((e = s->q[qi].head) != NULL) {
      s->policy->dequeue(s, e);
      e->next = NULL;
      if (last)
        last->next = e;
      else
        first = e;
      last = e;
    }
  }
  s->policy = p;
  s->gen++;
  p->init(s);
  while (first) {
    struct sched_entity *e = first;
    first = e->next;
    e->next = NULL;
    sched_enqueue(s, e);
  }
}

void sched_queue_push(struct sched *s, int qi, struct sched_entity *e) {
  sched_queue_insert_before(s, qi, NULL, e);
}

void sched_queue_insert_before(struct sched *s, int qi, struct sched_entity *pos,
                               struct sched_entity *e) {
  struct sched_queue *q = &s->q[qi];
  e->rq = q;
  e->next = pos;
  e->prev = pos ? pos->prev : q->tail;
  if (e->prev)
    e->prev->next = e;
  else
    q->head = e;
  if (pos)
    pos->prev = e;
  else
    q->tail = e;
  q->n++;
  s->nqueued++;
}

void sched_queue_remove(struct sched *s, struct sched_entity *e) {
  struct sched_queue *q = e->rq;
  if (e->prev)
    e->prev->next = e->next;
  else
    q->head = e->next;
  if (e->next)
    e->next->prev = e->prev;
  else
    q->tail = e->prev;
  e->next = e->prev = NULL;
  e->rq = NULL;
  q->n--;
  s->nqueued--;
}

struct sched_entity *sched_queue_pop(struct sched *s, int qi) {
  struct sched_entity *e = s->q[qi].head;
  if (e) sched_queue_remove(s, e);
  return e;
}

int sched_queue_first(const struct sched *s, int nq) {
  for (int qi = 0; qi < nq; qi++)
    if (s->q[qi].head) return qi;
  return -1;
}
