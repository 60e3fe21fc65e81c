/*
 * test_sched: the scheduler policies of kernels/lib/sched.
 *
 * Most tests drive a small tick-driven CPU written here: tasks that either compute forever
 * (hogs) or run a burst and then block for a while, one hart, a timer tick every few steps,
 * and the protocol of sched.h (enqueue on wake-up and preemption, pick_next when the hart
 * is free, tick on every timer interrupt). They check what each policy promises. The
 * others check the bookkeeping against a model: no operation sequence loses or duplicates
 * an entity, under any policy or across a switch of policy.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "sched/sched.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAXT 16

/* A task of the simulated CPU. */
struct task {
  struct sched_entity se;
  int burst;    /* steps it runs before blocking; 0: a hog that never blocks */
  int sleep;    /* steps it stays blocked */
  int left;     /* steps left of the current burst */
  long wake_at; /* when blocked: the step it wakes up at; -1: not started yet */
  bool blocked;
  long ran;      /* steps run */
  long woke;     /* the step it last became runnable, for latency */
  long max_wait; /* the longest wait from becoming runnable to running, in steps */
  long last_run; /* the step it last ran */
  long max_gap;  /* the longest gap between two steps it ran, while runnable throughout */
  int max_level; /* the highest shown priority seen, for MLFQ */
};

/* One hart, its run queue and its tasks. */
struct cpu {
  struct sched s;
  struct task t[MAXT];
  int n;
  struct task *running;
  long step;
  int steps_per_tick;
  int trace[8192]; /* who ran each step (id, or -1 idle), for the first steps */
};

static void cpu_init(struct cpu *c, const char *policy, uint64_t seed, int steps_per_tick) {
  memset(c, 0, sizeof *c);
  const struct sched_policy *p = sched_find(policy);
  ck_assert_ptr_nonnull(p);
  sched_init(&c->s, p, seed);
  c->steps_per_tick = steps_per_tick;
}

/* Adds a task that becomes runnable at step `start`. */
static struct task *cpu_add(struct cpu *c, int burst, int sleep, long start) {
  ck_assert_int_lt(c->n, MAXT);
  struct task *t = &c->t[c->n];
  sched_entity_init(&t->se, c->n);
  t->burst = burst;
  t->sleep = sleep;
  t->blocked = true;
  t->wake_at = start;
  t->last_run = -1;
  c->n++;
  return t;
}

static struct task *task_of(struct sched_entity *e) { return (struct task *)e; }

static void make_runnable(struct cpu *c, struct task *t) {
  t->blocked = false;
  t->left = t->burst;
  t->woke = c->step;
  t->last_run = -1;
  sched_enqueue(&c->s, &t->se);
}

/* One step: wake-ups, dispatch if the hart is free, run, and the timer at each tick's end. */
static void cpu_step(struct cpu *c) {
  for (int i = 0; i < c->n; i++)
    if (c->t[i].blocked && c->t[i].wake_at >= 0 && c->t[i].wake_at <= c->step)
      make_runnable(c, &c->t[i]);
  if (!c->running) {
    struct sched_entity *e = sched_pick_next(&c->s);
    if (e) {
      c->running = task_of(e);
      if (sched_queued(e)) ck_abort_msg("pick_next left %d on the queue", e->id);
      long wait = c->step - c->running->woke;
      if (wait > c->running->max_wait) c->running->max_wait = wait;
    }
  }
  struct task *r = c->running;
  if (c->step < (long)N(c->trace)) c->trace[c->step] = r ? r->se.id : -1;
  if (r) {
    if (r->last_run >= 0 && c->step - r->last_run > r->max_gap) r->max_gap = c->step - r->last_run;
    r->last_run = c->step;
    r->ran++;
    if (r->burst && --r->left == 0) { /* it blocks */
      r->blocked = true;
      r->wake_at = c->step + 1 + r->sleep;
      c->running = NULL;
    }
  }
  bool tick = (c->step + 1) % c->steps_per_tick == 0;
  if (tick && sched_tick(&c->s, c->running ? &c->running->se : NULL)) {
    c->running->woke = c->step + 1;
    sched_enqueue(&c->s, &c->running->se);
    c->running = NULL;
  }
  for (int i = 0; i < c->n; i++) {
    int lv = sched_shown_priority(&c->s, &c->t[i].se);
    if (lv > c->t[i].max_level) c->t[i].max_level = lv;
  }
  c->step++;
}

static void cpu_run(struct cpu *c, long steps) {
  for (long i = 0; i < steps; i++)
    cpu_step(c);
}

/* ---- the registry ---- */

START_TEST(find_knows_every_policy_and_nothing_else) {
  const char *names[] = {"rr", "priority", "mlfq", "lottery", "stride"};
  const struct sched_policy *const *all = sched_policies();
  ck_assert_ptr_eq(all[0], &sched_rr); /* the default comes first */
  int n = 0;
  while (all[n]) {
    ck_assert_ptr_eq(sched_find(all[n]->name), all[n]);
    ck_assert_ptr_nonnull(all[n]->description);
    n++;
  }
  ck_assert_int_eq(n, (int)N(names));
  for (size_t i = 0; i < N(names); i++)
    ck_assert_str_eq(sched_find(names[i])->name, names[i]);
  ck_assert_ptr_null(sched_find("RR"));
  ck_assert_ptr_null(sched_find("fifo"));
  ck_assert_ptr_null(sched_find(""));
  ck_assert_ptr_null(sched_find("rr "));
  ck_assert_ptr_null(sched_find(NULL));
}
END_TEST

START_TEST(empty_and_idle_are_harmless) {
  for (const struct sched_policy *const *p = sched_policies(); *p; p++) {
    struct sched s;
    struct sched_entity e;
    sched_init(&s, *p, 1);
    sched_entity_init(&e, 7);
    ck_assert_ptr_null(sched_pick_next(&s));
    ck_assert(!sched_tick(&s, NULL));
    sched_dequeue(&s, &e); /* not queued: nothing happens */
    ck_assert_int_eq(s.nqueued, 0);
    sched_enqueue(&s, &e);
    sched_enqueue(&s, &e); /* twice: still once */
    ck_assert_int_eq(s.nqueued, 1);
    ck_assert_ptr_eq(sched_pick_next(&s), &e);
    ck_assert_ptr_null(sched_pick_next(&s));
    /* Alone on the hart it is never preempted: nobody else could run. */
    for (int i = 0; i < 200; i++)
      ck_assert(!sched_tick(&s, &e));
  }
}
END_TEST

/* ---- rr ---- */

START_TEST(rr_gives_everyone_a_turn_and_equal_shares) {
  static struct cpu c;
  cpu_init(&c, "rr", 1, 1);
  for (int i = 0; i < 5; i++)
    cpu_add(&c, 0, 0, 0);
  cpu_run(&c, 1000);
  for (int i = 0; i < 5; i++) {
    ck_assert_int_le(c.t[i].max_gap, 5 * SCHED_SLICE);
    ck_assert_int_le(c.t[i].max_wait, 5 * SCHED_SLICE);
    ck_assert_int_ge(c.t[i].ran, 200 - SCHED_SLICE);
    ck_assert_int_le(c.t[i].ran, 200 + SCHED_SLICE);
  }
  /* Turns in order, a whole slice each. */
  for (int i = 0; i < 40; i++)
    ck_assert_int_eq(c.trace[i], (i / SCHED_SLICE) % 5);
}
END_TEST

START_TEST(rr_serves_a_waking_task_within_a_round) {
  static struct cpu c;
  cpu_init(&c, "rr", 1, 1);
  for (int i = 0; i < 3; i++)
    cpu_add(&c, 0, 0, 0);
  struct task *io = cpu_add(&c, 1, 7, 3);
  cpu_run(&c, 2000);
  ck_assert_int_gt(io->ran, 40);
  ck_assert_int_le(io->max_wait, 4 * SCHED_SLICE);
  for (int i = 0; i < 3; i++)
    ck_assert_int_le(c.t[i].max_wait, 4 * SCHED_SLICE);
}
END_TEST

/* ---- priority ---- */

START_TEST(priority_runs_the_highest_only) {
  static struct cpu c;
  cpu_init(&c, "priority", 1, 1);
  struct task *lo1 = cpu_add(&c, 0, 0, 0), *hi = cpu_add(&c, 0, 0, 0), *lo2 = cpu_add(&c, 0, 0, 0);
  sched_set_priority(&c.s, &lo1->se, 5);
  sched_set_priority(&c.s, &hi->se, 3);
  sched_set_priority(&c.s, &lo2->se, 5);
  cpu_run(&c, 300);
  ck_assert_int_eq(hi->ran, 300);
  ck_assert_int_eq(lo1->ran + lo2->ran, 0);
  ck_assert_int_eq(sched_shown_priority(&c.s, &hi->se), 3);
}
END_TEST

START_TEST(priority_alternates_equal_ones) {
  static struct cpu c;
  cpu_init(&c, "priority", 1, 1);
  struct task *a = cpu_add(&c, 0, 0, 0), *b = cpu_add(&c, 0, 0, 0), *low = cpu_add(&c, 0, 0, 0);
  sched_set_priority(&c.s, &low->se, SCHED_PRIO_MAX);
  const int steps = 50 * 2 * SCHED_SLICE;
  cpu_run(&c, steps);
  for (int i = 0; i < steps; i++)
    ck_assert_int_eq(c.trace[i], (i / SCHED_SLICE) % 2);
  ck_assert_int_eq(a->ran, steps / 2);
  ck_assert_int_eq(b->ran, steps / 2);
  ck_assert_int_eq(low->ran, 0);
}
END_TEST

START_TEST(priority_preempts_for_a_higher_one_that_wakes) {
  static struct cpu c;
  cpu_init(&c, "priority", 1, 1);
  struct task *low = cpu_add(&c, 0, 0, 0);
  struct task *high = cpu_add(&c, 2, 30, 10);
  sched_set_priority(&c.s, &high->se, 1);
  cpu_run(&c, 400);
  /* It wakes at step 10, mid-slice; the running low one is preempted at that step's tick. */
  ck_assert_int_eq(c.trace[10], low->se.id);
  ck_assert_int_eq(c.trace[11], high->se.id);
  ck_assert_int_eq(c.trace[12], high->se.id);
  ck_assert_int_eq(c.trace[13], low->se.id);
  ck_assert_int_le(high->max_wait, 1);
  ck_assert_int_gt(low->ran, 300);

  /* The tick itself says so, mid-slice. */
  struct sched s;
  struct sched_entity l, h;
  sched_init(&s, &sched_priority, 1);
  sched_entity_init(&l, 1);
  sched_entity_init(&h, 2);
  sched_set_priority(&s, &h, 0);
  sched_enqueue(&s, &l);
  ck_assert_ptr_eq(sched_pick_next(&s), &l);
  ck_assert(!sched_tick(&s, &l));
  sched_enqueue(&s, &h);
  ck_assert(sched_tick(&s, &l));
}
END_TEST

START_TEST(priority_change_moves_a_queued_entity) {
  struct sched s;
  struct sched_entity a, b, c;
  sched_init(&s, &sched_priority, 1);
  sched_entity_init(&a, 1);
  sched_entity_init(&b, 2);
  sched_entity_init(&c, 3);
  sched_enqueue(&s, &a);
  sched_enqueue(&s, &b);
  sched_enqueue(&s, &c);
  sched_set_priority(&s, &c, 2);
  sched_set_priority(&s, &a, 1000); /* clamped */
  ck_assert_int_eq(a.priority, SCHED_PRIO_MAX);
  sched_set_priority(&s, &b, -5);
  ck_assert_int_eq(b.priority, 0);
  ck_assert_ptr_eq(sched_pick_next(&s), &b);
  ck_assert_ptr_eq(sched_pick_next(&s), &c);
  ck_assert_ptr_eq(sched_pick_next(&s), &a);
  ck_assert_int_eq(s.nqueued, 0);
}
END_TEST

/* sched_set_params sets both numbers under any policy, leaves what it is told to, clamps,
 * and re-positions a queued entity for the policy in force. */
START_TEST(set_params_sets_both_under_any_policy) {
  struct sched s;
  struct sched_entity a, b;
  sched_init(&s, &sched_priority, 1);
  sched_entity_init(&a, 1);
  sched_entity_init(&b, 2);
  sched_enqueue(&s, &a);
  sched_enqueue(&s, &b);
  sched_set_params(&s, &b, 2, 400);
  ck_assert_int_eq(b.priority, 2);
  ck_assert_uint_eq(b.tickets, 400);
  sched_set_params(&s, &a, -1, 0); /* leaves both */
  ck_assert_int_eq(a.priority, SCHED_PRIO_DEFAULT);
  ck_assert_uint_eq(a.tickets, SCHED_TICKETS_DEFAULT);
  sched_set_params(&s, &a, 99, SCHED_TICKETS_MAX + 1u); /* clamped */
  ck_assert_int_eq(a.priority, SCHED_PRIO_MAX);
  ck_assert_uint_eq(a.tickets, SCHED_TICKETS_MAX);
  ck_assert_ptr_eq(sched_pick_next(&s), &b); /* moved ahead by its new priority */
  ck_assert_ptr_eq(sched_pick_next(&s), &a);
  ck_assert_int_eq(s.nqueued, 0);
}
END_TEST

/* ---- mlfq ---- */

START_TEST(mlfq_sinks_a_hog_and_the_boost_lifts_it) {
  static struct cpu c;
  cpu_init(&c, "mlfq", 1, 1);
  struct task *h1 = cpu_add(&c, 0, 0, 0), *h2 = cpu_add(&c, 0, 0, 0);
  ck_assert_int_eq(sched_shown_priority(&c.s, &h1->se), 0);
  cpu_run(&c, 12);
  ck_assert_int_eq(sched_shown_priority(&c.s, &h1->se), SCHED_MLFQ_LEVELS - 1);
  ck_assert_int_eq(sched_shown_priority(&c.s, &h2->se), SCHED_MLFQ_LEVELS - 1);
  /* The first steps: each uses 1 tick at level 0, then 2 at level 1, then 4 at the bottom. */
  int expect[] = {0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1};
  for (size_t i = 0; i < N(expect); i++)
    ck_assert_int_eq(c.trace[i], expect[i]);
  cpu_run(&c, SCHED_BOOST - 1 - 12);
  ck_assert_int_eq(sched_shown_priority(&c.s, &h1->se), SCHED_MLFQ_LEVELS - 1);
  cpu_run(&c, 1); /* the SCHED_BOOST-th tick */
  ck_assert_int_eq(sched_shown_priority(&c.s, &h1->se), 0);
  ck_assert_int_eq(sched_shown_priority(&c.s, &h2->se), 0);
  cpu_run(&c, 12);
  ck_assert_int_eq(sched_shown_priority(&c.s, &h1->se), SCHED_MLFQ_LEVELS - 1);
}
END_TEST

START_TEST(mlfq_keeps_an_interactive_task_on_top) {
  static struct cpu c;
  cpu_init(&c, "mlfq", 1, 10); /* ten steps a tick: an interactive burst is shorter */
  struct task *hog = cpu_add(&c, 0, 0, 0);
  struct task *io = cpu_add(&c, 2, 25, 5);
  cpu_run(&c, 10 * 1000);
  ck_assert_int_eq(io->max_level, 0);
  ck_assert_int_eq(sched_shown_priority(&c.s, &io->se), 0);
  ck_assert_int_gt(io->ran, 500);
  ck_assert_int_le(io->max_wait, 10); /* it waits at most for the next tick */
  ck_assert_int_eq(hog->max_level, SCHED_MLFQ_LEVELS - 1);
  ck_assert_int_gt(hog->ran, 8000);
}
END_TEST

START_TEST(mlfq_counts_the_allotment_across_blocking) {
  /* Rule 4: a task that blocks just before its slice ends still sinks. Each burst of two
   * steps is charged one tick (it blocks before the second tick), half of level 1's
   * allotment: were the count reset on blocking, it would stay at level 1 for ever. */
  static struct cpu c;
  cpu_init(&c, "mlfq", 1, 1);
  cpu_add(&c, 0, 0, 0);
  struct task *gamer = cpu_add(&c, 2, 1, 0);
  cpu_run(&c, 40);
  ck_assert_int_eq(sched_shown_priority(&c.s, &gamer->se), SCHED_MLFQ_LEVELS - 1);
}
END_TEST

START_TEST(mlfq_boost_reaches_a_blocked_task) {
  static struct cpu c;
  cpu_init(&c, "mlfq", 1, 1);
  cpu_add(&c, 0, 0, 0);
  struct task *sleeper = cpu_add(&c, 8, 2 * SCHED_BOOST, 0);
  cpu_run(&c, 30);
  ck_assert(sleeper->blocked);
  ck_assert_int_eq(sched_shown_priority(&c.s, &sleeper->se), SCHED_MLFQ_LEVELS - 1);
  while (sleeper->blocked)
    cpu_step(&c);
  ck_assert_int_eq(sched_shown_priority(&c.s, &sleeper->se), 0);
}
END_TEST

/* ---- lottery ---- */

static void add_hogs_with_tickets(struct cpu *c, const int *tickets, int n) {
  for (int i = 0; i < n; i++) {
    struct task *t = cpu_add(c, 0, 0, 0);
    sched_set_priority(&c->s, &t->se, tickets[i]);
  }
}

START_TEST(lottery_shares_follow_tickets) {
  static struct cpu c;
  const int tickets[] = {100, 200, 300, 400};
  cpu_init(&c, "lottery", 42, 1);
  add_hogs_with_tickets(&c, tickets, 4);
  long steps = 100000;
  cpu_run(&c, steps);
  for (int i = 0; i < 4; i++) {
    double share = (double)c.t[i].ran / (double)steps, want = tickets[i] / 1000.0;
    ck_assert_msg(share > want - 0.02 && share < want + 0.02, "task %d: share %.3f, want %.3f", i,
                  share, want);
    ck_assert_int_eq(sched_shown_priority(&c.s, &c.t[i].se), tickets[i]);
  }
}
END_TEST

START_TEST(lottery_is_deterministic_per_seed) {
  static struct cpu a, b, d;
  const int tickets[] = {100, 100, 300};
  cpu_init(&a, "lottery", 7, 1);
  cpu_init(&b, "lottery", 7, 1);
  cpu_init(&d, "lottery", 8, 1);
  add_hogs_with_tickets(&a, tickets, 3);
  add_hogs_with_tickets(&b, tickets, 3);
  add_hogs_with_tickets(&d, tickets, 3);
  cpu_run(&a, 4000);
  cpu_run(&b, 4000);
  cpu_run(&d, 4000);
  ck_assert_mem_eq(a.trace, b.trace, sizeof a.trace);
  ck_assert(memcmp(a.trace, d.trace, sizeof a.trace) != 0);
}
END_TEST

START_TEST(lottery_never_starves_a_zero_ticket_entity) {
  struct sched s;
  struct sched_entity e[2];
  sched_init(&s, &sched_lottery, 3);
  for (int i = 0; i < 2; i++)
    sched_entity_init(&e[i], i);
  sched_set_priority(&s, &e[0], 0);
  ck_assert_uint_eq(e[0].tickets, 1); /* clamped */
  e[1].tickets = 0;                   /* a kernel that writes it directly */
  int won[2] = {0, 0};
  for (int i = 0; i < 1000; i++) {
    sched_enqueue(&s, &e[0]);
    sched_enqueue(&s, &e[1]);
    won[sched_pick_next(&s)->id]++;
    sched_dequeue(&s, &e[0]);
    sched_dequeue(&s, &e[1]);
  }
  ck_assert_int_gt(won[0], 300);
  ck_assert_int_gt(won[1], 300);
}
END_TEST

/* ---- stride ---- */

START_TEST(stride_shares_are_exact) {
  static struct cpu c;
  const int tickets[] = {100, 200, 300, 50};
  const int total = 650;
  cpu_init(&c, "stride", 1, 1);
  add_hogs_with_tickets(&c, tickets, 4);
  for (long step = 1; step <= 13000; step++) {
    cpu_step(&c);
    for (int i = 0; i < 4; i++) {
      double want = (double)step * tickets[i] / total;
      if (c.t[i].ran < want - SCHED_SLICE - 1 || c.t[i].ran > want + SCHED_SLICE + 1)
        ck_abort_msg("step %ld task %d ran %ld, want %.1f", step, i, c.t[i].ran, want);
    }
  }
  /* After a whole number of rounds, exact within one slice. */
  for (int i = 0; i < 4; i++) {
    long want = 13000L * tickets[i] / total;
    ck_assert_int_le(labs(c.t[i].ran - want), SCHED_SLICE);
  }
}
END_TEST

START_TEST(stride_joiner_does_not_monopolise) {
  static struct cpu c;
  cpu_init(&c, "stride", 1, 1);
  cpu_add(&c, 0, 0, 0);
  cpu_add(&c, 0, 0, 0);
  struct task *late = cpu_add(&c, 0, 0, 3000); /* new at step 3000 */
  cpu_run(&c, 3000);
  ck_assert_int_eq(late->ran, 0);
  cpu_run(&c, 600);
  ck_assert_int_ge(late->ran, 200 - 2 * SCHED_SLICE);
  ck_assert_int_le(late->ran, 200 + 2 * SCHED_SLICE);
  ck_assert_int_le(late->max_gap, 3 * SCHED_SLICE);
}
END_TEST

START_TEST(stride_sleeper_rejoins_where_the_race_is) {
  static struct cpu c;
  cpu_init(&c, "stride", 1, 1);
  struct task *hog = cpu_add(&c, 0, 0, 0);
  struct task *nap = cpu_add(&c, 400, 2000, 0); /* runs, sleeps long, comes back */
  cpu_run(&c, 2800 + 400);
  ck_assert(!nap->blocked);
  long before = hog->ran;
  cpu_run(&c, 400);
  /* Back from its nap, it shares half and half: no catching up for the time it slept. */
  ck_assert_int_ge(hog->ran - before, 200 - 2 * SCHED_SLICE);
}
END_TEST

/* ---- the bookkeeping, against a model ---- */

static uint64_t test_rand(uint64_t *x) {
  *x ^= *x << 13;
  *x ^= *x >> 7;
  *x ^= *x << 17;
  return *x;
}

/* Walks every run queue: each queued entity appears once, on the queue it says, links
 * consistent; and the queued set is exactly the model's. Returns what is wrong, or NULL.
 * (Plain tests rather than ck_assert: this runs after every one of many operations.) */
static const char *queues_wrong(const struct sched *s, struct sched_entity *e, const bool *queued,
                                int n) {
  int seen[MAXT] = {0}, total = 0;
  for (int qi = 0; qi < SCHED_NQUEUES; qi++) {
    const struct sched_queue *q = &s->q[qi];
    int count = 0;
    const struct sched_entity *prev = NULL;
    for (const struct sched_entity *x = q->head; x; x = x->next) {
      if (x->rq != q) return "an entity's rq is not its queue";
      if (x->prev != prev) return "a prev link is wrong";
      if (x < e || x >= e + n) return "a stranger on a queue";
      if (++count > n) return "a queue loops";
      seen[x - e]++;
      prev = x;
    }
    if (q->tail != prev) return "a tail is wrong";
    if (q->n != count) return "a queue's count is wrong";
    total += count;
  }
  if (total != s->nqueued) return "nqueued is wrong";
  for (int i = 0; i < n; i++) {
    if (seen[i] != (queued[i] ? 1 : 0)) return queued[i] ? "an entity was lost" : "duplicate";
    if (sched_queued(&e[i]) != queued[i]) return "sched_queued disagrees";
  }
  return NULL;
}

static void check_queues(const struct sched *s, struct sched_entity *e, const bool *queued, int n) {
  const char *wrong = queues_wrong(s, e, queued, n);
  if (wrong) ck_abort_msg("%s", wrong);
}

enum { IDLE, QUEUED, RUNNING };

static void random_ops(const struct sched_policy *p, uint64_t seed) {
  struct sched s;
  struct sched_entity e[MAXT];
  int state[MAXT];
  bool queued[MAXT];
  uint64_t x = seed;
  sched_init(&s, p, seed);
  for (int i = 0; i < MAXT; i++) {
    sched_entity_init(&e[i], i);
    state[i] = IDLE;
  }
  for (int op = 0; op < 20000; op++) {
    int i = (int)(test_rand(&x) % MAXT);
    switch (test_rand(&x) % 6) {
    case 0: /* wake up: a no-op when queued; a running one is put back (preempted) */
    case 1:
      sched_enqueue(&s, &e[i]);
      state[i] = QUEUED;
      break;
    case 2: /* kill, or block (then dequeue is a no-op) */
      sched_dequeue(&s, &e[i]);
      if (state[i] == QUEUED) state[i] = IDLE;
      break;
    case 3: { /* a free hart picks */
      struct sched_entity *r = sched_pick_next(&s);
      int nq = 0;
      for (int k = 0; k < MAXT; k++)
        nq += state[k] == QUEUED;
      if ((nq == 0) != (r == NULL)) ck_abort_msg("pick_next: %d queued, got %p", nq, (void *)r);
      if (!r) break;
      if (state[r - e] != QUEUED) ck_abort_msg("pick_next returned %d, not queued", r->id);
      state[r - e] = RUNNING;
      break;
    }
    case 4: /* a tick on every running one; preempted ones go back */
      for (int k = 0; k < MAXT; k++)
        if (state[k] == RUNNING && sched_tick(&s, &e[k])) {
          sched_enqueue(&s, &e[k]);
          state[k] = QUEUED;
        }
      if (sched_tick(&s, NULL)) ck_abort_msg("an idle tick asked for a preemption");
      break;
    case 5: sched_set_priority(&s, &e[i], (int)(test_rand(&x) % 400) - 50); break;
    }
    for (int k = 0; k < MAXT; k++)
      queued[k] = state[k] == QUEUED;
    check_queues(&s, e, queued, MAXT);
  }
}

START_TEST(every_policy_keeps_every_entity_once) {
  for (const struct sched_policy *const *p = sched_policies(); *p; p++)
    for (uint64_t seed = 1; seed <= 3; seed++)
      random_ops(*p, seed * 0x9e3779b97f4a7c15ull);
}
END_TEST

START_TEST(switch_between_every_pair_keeps_the_runnable_set) {
  const struct sched_policy *const *all = sched_policies();
  uint64_t x = 12345;
  for (int a = 0; all[a]; a++)
    for (int b = 0; all[b]; b++) {
      struct sched s;
      struct sched_entity e[MAXT];
      bool queued[MAXT] = {false};
      sched_init(&s, all[a], 5);
      for (int i = 0; i < MAXT; i++) {
        sched_entity_init(&e[i], i);
        sched_set_priority(&s, &e[i], (int)(test_rand(&x) % 20));
      }
      for (int k = 0; k < 12; k++) {
        int i = (int)(test_rand(&x) % MAXT);
        sched_enqueue(&s, &e[i]);
        queued[i] = true;
      }
      /* Something ran for a while, and one still runs. */
      for (int k = 0; k < 30; k++) {
        struct sched_entity *r = sched_pick_next(&s);
        ck_assert_ptr_nonnull(r);
        sched_tick(&s, r);
        sched_enqueue(&s, r);
      }
      struct sched_entity *running = sched_pick_next(&s);
      queued[running - e] = false;
      check_queues(&s, e, queued, MAXT);
      sched_switch(&s, all[b]);
      ck_assert_ptr_eq(s.policy, all[b]);
      check_queues(&s, e, queued, MAXT);
      /* The running one goes on under the new policy, then joins the others. */
      for (int k = 0; k < 10; k++)
        sched_tick(&s, running);
      sched_enqueue(&s, running);
      queued[running - e] = true;
      check_queues(&s, e, queued, MAXT);
      int picked[MAXT] = {0}, n = 0;
      struct sched_entity *r;
      while ((r = sched_pick_next(&s)) != NULL) {
        picked[r - e]++;
        n++;
      }
      for (int i = 0; i < MAXT; i++)
        ck_assert_int_eq(picked[i], queued[i] ? 1 : 0);
      ck_assert_int_eq(s.nqueued, 0);
      (void)n;
    }
}
END_TEST

START_TEST(switch_keeps_the_order_of_a_line) {
  struct sched s;
  struct sched_entity e[6];
  sched_init(&s, &sched_rr, 1);
  for (int i = 0; i < 6; i++) {
    sched_entity_init(&e[i], i);
    sched_enqueue(&s, &e[i]);
  }
  sched_switch(&s, &sched_priority);
  sched_switch(&s, &sched_mlfq);
  sched_switch(&s, &sched_rr);
  for (int i = 0; i < 6; i++)
    ck_assert_ptr_eq(sched_pick_next(&s), &e[i]);
}
END_TEST

START_TEST(switch_forgets_what_the_old_policy_charged) {
  /* A hog sunk to the bottom of MLFQ, while it is blocked, meets a new MLFQ at the top. */
  static struct cpu c;
  cpu_init(&c, "mlfq", 1, 1);
  cpu_add(&c, 0, 0, 0);
  struct task *t = cpu_add(&c, 10, 40, 0); /* blocks at step 20, wakes before a boost */
  cpu_run(&c, 30);
  ck_assert(t->blocked);
  ck_assert_int_eq(sched_shown_priority(&c.s, &t->se), SCHED_MLFQ_LEVELS - 1);
  sched_switch(&c.s, &sched_stride);
  sched_switch(&c.s, &sched_mlfq);
  ck_assert_int_eq(sched_shown_priority(&c.s, &t->se), 0);
  while (t->blocked)
    cpu_step(&c);
  ck_assert_int_lt(c.s.ticks, c.s.next_boost);
  ck_assert_int_eq(sched_shown_priority(&c.s, &t->se), 0);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("sched");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, find_knows_every_policy_and_nothing_else);
  tcase_add_test(tc, empty_and_idle_are_harmless);
  tcase_add_test(tc, rr_gives_everyone_a_turn_and_equal_shares);
  tcase_add_test(tc, rr_serves_a_waking_task_within_a_round);
  tcase_add_test(tc, priority_runs_the_highest_only);
  tcase_add_test(tc, priority_alternates_equal_ones);
  tcase_add_test(tc, priority_preempts_for_a_higher_one_that_wakes);
  tcase_add_test(tc, priority_change_moves_a_queued_entity);
  tcase_add_test(tc, set_params_sets_both_under_any_policy);
  tcase_add_test(tc, mlfq_sinks_a_hog_and_the_boost_lifts_it);
  tcase_add_test(tc, mlfq_keeps_an_interactive_task_on_top);
  tcase_add_test(tc, mlfq_counts_the_allotment_across_blocking);
  tcase_add_test(tc, mlfq_boost_reaches_a_blocked_task);
  tcase_add_test(tc, lottery_shares_follow_tickets);
  tcase_add_test(tc, lottery_is_deterministic_per_seed);
  tcase_add_test(tc, lottery_never_starves_a_zero_ticket_entity);
  tcase_add_test(tc, stride_shares_are_exact);
  tcase_add_test(tc, stride_joiner_does_not_monopolise);
  tcase_add_test(tc, stride_sleeper_rejoins_where_the_race_is);
  tcase_add_test(tc, every_policy_keeps_every_entity_once);
  tcase_add_test(tc, switch_between_every_pair_keeps_the_runnable_set);
  tcase_add_test(tc, switch_keeps_the_order_of_a_line);
  tcase_add_test(tc, switch_forgets_what_the_old_policy_charged);
  suite_add_tcase(s, tc);
  return s;
}
