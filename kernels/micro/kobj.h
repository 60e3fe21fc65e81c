/*
 * kobj: the microkernel's objects as plain data — threads (TCBs), endpoints and
 * notifications — and struct kobjs, which holds them all with the capability tables.
 *
 * Event-based kernel, one kernel stack (as seL4): a thread that blocks keeps nothing in
 * the kernel but its TCB — its saved registers and its state. There is no host stack per
 * thread to come back to: a kernel call is handled to completion by plain functions that
 * return, and the thread that blocked is later resumed by some other thread's call writing
 * the answer into its saved registers and making it runnable.
 *
 * The IPC (ipc.c) and notification (notify.c) logic works on these structs only, through
 * struct kobj_ops for what needs the machine (copying IPC buffers, scheduling, events), so
 * the Check tests drive it without a machine.
 *
 * Not for: running threads on harts, address spaces, devices (micro.h).
 */
#ifndef OSSIM_MICRO_KOBJ_H
#define OSSIM_MICRO_KOBJ_H

#include <stdbool.h>
#include <stdint.h>

#include "cap.h"
#include "sched/sched.h"

#define KOBJ_NTHREAD 64
#define KOBJ_NEP 64
#define KOBJ_NNTFN 32

/* Register numbers of the kernel-call ABI (micro/kabi.h). */
enum { R_A0 = 10, R_A1, R_A2, R_A3, R_A4, R_A5, R_A6, R_A7 };

enum tstate {
  TS_FREE = 0, /* the slot holds no thread */
  TS_INACTIVE, /* created (or suspended), not yet resumed */
  TS_RUNNABLE, /* on the run queue, or on a hart */
  TS_SEND,     /* blocked sending (or calling) on an endpoint */
  TS_RECV,     /* blocked receiving on an endpoint */
  TS_REPLY,    /* called, received, waiting for the reply */
  TS_NTFN,     /* waiting on a notification */
};

struct tcb;

/* A FIFO of blocked threads (through tcb->qnext). */
struct tqueue {
  struct tcb *head, *tail;
};

struct tcb {
  /* Saved user registers (x[0] stays 0) and pc: the whole of a thread off a hart. The
   * kernel writes a call's results here; they reach the hart when the thread next runs. */
  uint32_t x[32];
  uint32_t pc;

  /* Identity, set at creation. */
  int pid; /* the one pid space of events, shared with processes */
  char name[16];
  struct cspace *cs;   /* its capability table */
  int as;              /* its address space (micro.h), -1 none */
  uint32_t ipc_buf;    /* virtual address of its IPC buffer page (0: none) */
  uint32_t syscall;    /* 1 + the system call it is in (the vDSO marks them), or 0 */
  struct cap fault_ep; /* where its faults are sent (CAP_NULL: the kernel kills it) */

  /* Blocking state: changed by ipc.c and notify.c. */
  enum tstate state;
  struct tcb *qnext;    /* next in the endpoint's or notification's queue */
  void *blocked_on;     /* the struct endpoint or ntfn it waits on */
  bool calling;         /* TS_SEND: a call, which waits for a reply once received */
  uint32_t send_badge;  /* TS_SEND: the badge of the cap it sends through */
  bool send_grant;      /* TS_SEND: that cap had the grant right */
  uint32_t call_gen;    /* bumped at each call: a reply cap names the call by it */
  struct tcb *reply_to; /* the caller whose call this thread received and owes */
  struct ntfn *bound;   /* a notification bound to it (ntfn_bind), or NULL */
  uint32_t reply_gen;   /* ... and that call's generation */

  /* Scheduling: used by micro.c. */
  struct sched_entity se;
  int on_hart;                /* the hart running it, or -1 */
  uint64_t cpu_cycles, since; /* cycles run, and the hart's count when it last went on */
};

/* Endpoints and notifications a thread makes (KC_EP_CREATE, KC_NTFN_CREATE) belong to its
 * address space, its process: they go with it, and one may hold at most this many. */
#define KOBJ_PER_SPACE 8

struct endpoint {
  bool live;
  int owner;       /* the address space that made it, or -1: the kernel, at boot */
  struct tqueue q; /* all senders or all receivers (never both: one would have met) */
};

struct ntfn {
  bool live;
  int owner;         /* as an endpoint's */
  uint32_t word;     /* the bits signalled and not yet taken */
  struct tqueue q;   /* waiters */
  struct tcb *bound; /* the thread whose receives it also wakes (ntfn_bind), or NULL */
};

/* What the object logic needs from the kernel around it. */
struct kobj_ops {
  void (*wake)(void *ctx, struct tcb *t); /* t became runnable: enqueue it */
  /* Copies n bytes from one thread's IPC buffer to the other's. 0 or -EFAULT. */
  int (*copy_buf)(void *ctx, struct tcb *from, struct tcb *to, uint32_t n);
  void (*emit)(void *ctx, uint16_t type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
};

struct kobjs {
  struct tcb tcb[KOBJ_NTHREAD];
  struct endpoint ep[KOBJ_NEP];
  struct ntfn ntfn[KOBJ_NNTFN];
  struct cspace cspace[KOBJ_NTHREAD]; /* one per thread at most */
  struct cap_sys caps;
  const struct kobj_ops *ops;
  void *ctx;
};

/* Sets up an empty set of objects. */
void kobj_init(struct kobjs *o, const struct kobj_ops *ops, void *ctx);

/* A queue's helpers. */
void tq_push(struct tqueue *q, struct tcb *t);
struct tcb *tq_pop(struct tqueue *q);
void tq_remove(struct tqueue *q, struct tcb *t);

#endif
