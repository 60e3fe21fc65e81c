/*
 * sched: scheduling policies behind one interface, so that a kernel can swap them.
 *
 * A kernel decides *when* to schedule (a process blocks, yields, exits, or the timer ticks);
 * a policy decides *who* runs next. The kernel embeds a struct sched_entity in each process
 * or thread, owns one struct sched (the run queue), and tells the scheduler what happens:
 *
 *     sched_init(&k->sched, sched_find("rr"), seed);     boot
 *     sched_entity_init(&p->se, p->pid);                 a process is created
 *     sched_enqueue(s, &p->se);                          it became runnable (new, woken up,
 *                                                        preempted, or it yielded)
 *     e = sched_pick_next(s);                            a hart needs work: removes and
 *                                                        returns the next entity, or NULL
 *     if (sched_tick(s, running)) preempt();            every timer tick, on every hart
 *     sched_dequeue(s, &p->se);                          a runnable process is killed
 *
 * The running entity is never on the run queue: pick_next takes it off, and the kernel puts
 * it back with sched_enqueue when it is preempted or yields. A blocked entity is on no queue
 * at all; the kernel enqueues it again when it wakes up.
 *
 * The policies are "rr" (the default), "priority", "mlfq", "lottery" and "stride"; each
 * file explains its idea. Writing a new one (a loadable module on mono) means filling a
 * struct sched_policy; it keeps its runnable entities on s->q with the sched_queue_*
 * helpers at the end of this header (sched_switch finds them there).
 *
 * Switching policy at run time: sched_switch(s, p) takes every queued entity out of the old
 * policy and enqueues it, in order, in the new one. Entities that are running or blocked
 * at that moment are not on any queue; they simply meet the new policy at their next tick
 * or enqueue, and their policy-private fields (slice used, MLFQ level, stride pass) start
 * afresh then (see `gen` below).
 *
 * Portable C for host and guest: no allocation, no globals but the constant policy table,
 * no host calls. The caller owns every struct and serialises every call on one struct
 * sched (a lock, or one host thread); several harts may share one struct sched.
 *
 * Not for: deciding when to switch, context switching, sleeping and waking, or per-hart
 * run queues. Those are the kernel's.
 */
#ifndef OSSIM_SCHED_H
#define OSSIM_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCHED_SLICE 4               /* ticks in a time slice: rr, priority, lottery, stride */
#define SCHED_PRIO_MAX 15           /* static priorities 0 (highest) .. SCHED_PRIO_MAX */
#define SCHED_PRIO_DEFAULT 8        /* what sched_entity_init gives */
#define SCHED_TICKETS_DEFAULT 100   /* lottery and stride */
#define SCHED_TICKETS_MAX 1000000   /* set_priority clamps tickets to 1 .. this */
#define SCHED_MLFQ_LEVELS 3         /* MLFQ levels 0 (top) .. 2; slices 1, 2, 4 ticks */
#define SCHED_BOOST 64              /* MLFQ: ticks between two boosts to the top level */
#define SCHED_STRIDE_BIG (1u << 30) /* stride: pass += SCHED_STRIDE_BIG / tickets per tick */
#define SCHED_NQUEUES (SCHED_PRIO_MAX + 1) /* run queues in a struct sched */

struct sched;
struct sched_queue;

/* One schedulable thing, embedded in a kernel's process or thread. */
struct sched_entity {
  /* Set by the kernel (sched_entity_init gives defaults). Change priority and tickets only
   * through sched_set_priority, which clamps them and re-positions a queued entity. */
  int id;           /* the kernel's pid or thread id, for traces */
  int priority;     /* static priority 0 (highest) .. SCHED_PRIO_MAX: "priority" */
  uint32_t tickets; /* share of the CPU: "lottery" and "stride" (0 counts as 1) */

  /* Private to the scheduler: the kernel never writes them. */
  struct sched_entity *next, *prev; /* run-queue links */
  struct sched_queue *rq;           /* the queue this entity is on, NULL when not queued */
  uint32_t gen;                     /* s->gen when the fields below were last valid */
  uint32_t used;                    /* ticks used of the current slice (MLFQ: of the level) */
  int level;                        /* MLFQ level, 0 = top */
  uint64_t pass;                    /* stride: virtual time consumed */
};

/* A policy: a table of functions. The kernel calls them through the sched_* wrappers below,
 * which keep the common rules (enqueue of a queued entity and dequeue of an unqueued one do
 * nothing), so a policy need not. */
struct sched_policy {
  const char *name, *description;
  /* Set up the policy's state in s; the run queues are empty. */
  void (*init)(struct sched *s);
  /* e became runnable and is on no queue. */
  void (*enqueue)(struct sched *s, struct sched_entity *e);
  /* e is on a queue and leaves it (exit, kill). */
  void (*dequeue)(struct sched *s, struct sched_entity *e);
  /* Removes and returns the entity to run next, or NULL when none is runnable. */
  struct sched_entity *(*pick_next)(struct sched *s);
  /* A timer tick charged to running (never NULL here). Returns true when running should be
   * preempted now: the kernel then enqueues it and picks again. */
  bool (*tick)(struct sched *s, struct sched_entity *running);
  /* Sets e's priority (tickets for lottery and stride), clamped; e may be queued, running
   * or blocked. */
  void (*set_priority)(struct sched *s, struct sched_entity *e, int value);
  /* Optional: what ps shows as e's priority (MLFQ: the level). NULL: e->priority. */
  int (*shown_priority)(const struct sched *s, const struct sched_entity *e);
};

/* A doubly linked FIFO of entities. */
struct sched_queue {
  struct sched_entity *head, *tail;
  int n;
};

/* The run queue of one kernel. Caller-owned; every call on it is serialised by the caller. */
struct sched {
  /* Set by sched_init and sched_switch; read by anyone. */
  const struct sched_policy *policy;
  /* xorshift64 state, seeded by sched_init from the kernel's seed: the only randomness, so a
   * run with the same seed schedules the same way. Use sched_random. */
  uint64_t rng;
  /* Private to the policy (through the sched_queue_* helpers); nqueued may be read. */
  struct sched_queue q[SCHED_NQUEUES]; /* rr, lottery, stride use q[0]; priority one per
                                          level; mlfq one per level */
  int nqueued;                         /* entities on all queues */
  uint64_t ticks;                      /* ticks seen since sched_init */
  /* Bumped by sched_init, sched_switch and each MLFQ boost: an entity whose gen differs has
   * stale private fields and is reset (slice, level, pass) before the policy sees it. This
   * is how a blocked or running entity, which no queue can reach, hears of a change. */
  uint32_t gen;
  uint64_t next_boost; /* mlfq: the tick at or after which the next boost happens */
  uint64_t vtime;      /* stride: the pass a newly runnable entity starts at, at least */
  void *priv;          /* for policies outside this folder (modules); unused here */
};

/* The built-in policies. */
extern const struct sched_policy sched_rr, sched_priority, sched_mlfq, sched_lottery, sched_stride;

/* Makes s an empty run queue under policy p, its random draws seeded by seed. */
void sched_init(struct sched *s, const struct sched_policy *p, uint64_t seed);
/* Gives e its defaults (priority SCHED_PRIO_DEFAULT, tickets SCHED_TICKETS_DEFAULT), not
 * queued. Call once when the process or thread is created, before any other call. */
void sched_entity_init(struct sched_entity *e, int id);

/* The calls a kernel makes; see the paragraph at the top. */
void sched_enqueue(struct sched *s, struct sched_entity *e); /* no-op when e is queued */
void sched_dequeue(struct sched *s, struct sched_entity *e); /* no-op when e is not queued */
struct sched_entity *sched_pick_next(struct sched *s);
/* A timer tick on a hart running `running`, or NULL when that hart is idle. True: preempt.
 * Each hart's tick counts: with N harts, MLFQ's boost period passes N times faster. */
bool sched_tick(struct sched *s, struct sched_entity *running);
void sched_set_priority(struct sched *s, struct sched_entity *e, int value);
/* Sets e's static priority and its tickets at once, whichever the policy in force uses (a
 * priority below 0, or 0 tickets, leaves that one as it is), clamped like set_priority. A
 * queued e leaves the queue and joins it again, at the back (rr: it loses its place). For
 * a system call that sets both, where sched_set_priority sets only the policy's own. */
void sched_set_params(struct sched *s, struct sched_entity *e, int priority, uint32_t tickets);
/* The number ps shows: priority, MLFQ level, or tickets, as the policy sees e. */
int sched_shown_priority(const struct sched *s, const struct sched_entity *e);
/* True when e is on the run queue. */
static inline bool sched_queued(const struct sched_entity *e) { return e->rq != NULL; }

/* Moves every queued entity from the current policy to p, keeping their order. */
void sched_switch(struct sched *s, const struct sched_policy *p);

/* The built-in policy called name, or NULL. A kernel with loadable policies looks in its
 * own list as well. */
const struct sched_policy *sched_find(const char *name);
/* Every built-in policy, NULL-terminated, the default first (for --help). */
const struct sched_policy *const *sched_policies(void);

/* For policy writers. A uniform 64-bit draw from s->rng. */
uint64_t sched_random(struct sched *s);
/* Appends e (on no queue) at the tail of s->q[qi]. */
void sched_queue_push(struct sched *s, int qi, struct sched_entity *e);
/* Inserts e (on no queue) in s->q[qi] just before pos, which is on it; pos NULL: the tail. */
void sched_queue_insert_before(struct sched *s, int qi, struct sched_entity *pos,
                               struct sched_entity *e);
/* Takes e off the queue it is on. */
void sched_queue_remove(struct sched *s, struct sched_entity *e);
/* Removes and returns the head of s->q[qi], or NULL when it is empty. */
struct sched_entity *sched_queue_pop(struct sched *s, int qi);
/* The lowest-numbered non-empty queue below nq, or -1 when all are empty. */
int sched_queue_first(const struct sched *s, int nq);
/* v limited to lo .. hi, for set_priority. */
static inline int sched_clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

#endif
