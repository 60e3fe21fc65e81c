/*
 * proc.c: processes, the per-hart scheduler, sleep and wakeup — xv6's proc.c, hosted.
 *
 * Each hart runs a scheduler context (sched_loop) that picks a runnable process, loads its
 * registers and page table into the hart, and switches to the process's kernel context.
 * The process runs its user code (run_user in trap.c) and comes back here through sched()
 * when it sleeps, yields or exits.
 *
 * No locks: one kernel context runs at a time, and a context only loses the host at the
 * calls that switch (swtch, mono_yield_to_machine), so everything between two such calls is
 * atomic — xv6's p->lock and wait_lock become this rule. Threads keep it: the threads of one
 * process do run at once on several harts, but only their user code interleaves (the
 * machine runs the harts in turn); kernel code still runs one context at a time.
 *
 * Threads (see struct proc): a slot per thread, the main thread's slot holding what they
 * share. exit() from any thread ends them all; thread_exit() ends one, and the last one's
 * end is the process's, with status 0. fork() copies only the calling thread (POSIX's rule:
 * the child has one thread, running where the caller was); exec from the main thread ends
 * the others first, and from any other thread is refused (-EINVAL).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "abi/errno.h"
#include "exec.h"
#include "mono.h"

struct cpu *mycpu(struct mono *k) {
  return &k->cpus[k->cur];
}
struct proc *myproc(struct mono *k) {
  return mycpu(k)->proc;
}

/* Every change of a process's state goes through here, so the event stream sees it. */
static void set_state(struct mono *k, struct proc *p, enum procstate st) {
  p->state = st;
  machine_emit(k->k.m, EV_PROC_STATE, (uint32_t)p->tid, (uint32_t)st, 0, 0);
}

void mono_emit_name(struct mono *k, uint16_t type, uint32_t a0, const char *name, size_t max) {
  uint32_t w[3] = {0};
  size_t n = strnlen(name, max);
  memcpy(w, name, n < sizeof w ? n : sizeof w);
  machine_emit(k->k.m, type, a0, w[0], w[1], w[2]);
}

void proc_emit_name(struct mono *k, struct proc *p) {
  mono_emit_name(k, EV_PROC_NAME, (uint32_t)p->tid, p->name, sizeof p->name);
}

/* Puts p's registers and address space on hart h, in U mode, with the timer armed. */
static void load_user(struct mono *k, struct hart *h, struct proc *p) {
  memcpy(h->x, p->tf.x, sizeof p->tf.x);
  h->x[0] = 0;
  h->pc = p->tf.pc;
  h->priv = PRIV_U;
  h->scounteren = 7; /* U mode may read cycle, time and instret (userland/bench) */
  h->sie = SIP_STIP | SIP_SEIP;
  uint32_t satp =
      SATP_MODE_SV32 | proc_asid(k, p) << SATP_ASID_SHIFT | p->leader->pagetable >> PGSHIFT;
  /* As a real kernel's `csrw satp`: the machine counts it as an address-space switch. */
  if (h->satp != satp) csr_set_satp(h, satp);
  /* Armed once, at the hart's first thread: from then on only the tick's own trap moves it.
   * A tick that fell due while the kernel worked (a long kernel call, a switch) stays due, so
   * it is taken as soon as the hart is back in U mode; re-arming it here would drop it, and a
   * thread that is nearly always in the kernel would never be preempted. */
  if (h->stimecmp == UINT64_MAX) h->stimecmp = h->cycles + TICK_CYCLES;
  mmu_update_mode(h);
  cpu_kick(h);
}

static void save_user(struct hart *h, struct proc *p) {
  memcpy(p->tf.x, h->x, sizeof p->tf.x);
  p->tf.pc = h->pc;
}

/* Switches from the current process to this hart's scheduler; returns when some hart's
 * scheduler picks the process again (its registers are then on that hart). */
static void sched(struct mono *k) {
  struct proc *p = myproc(k);
  struct cpu *c = mycpu(k);
  save_user(c->h, p);
  swtch(&p->ctx, &c->sched);
}

/* The next process to run, as the scheduling policy says. */
static struct proc *pick(struct mono *k) {
  struct sched_entity *e = sched_pick_next(&k->sched);
  return e ? (struct proc *)((char *)e - offsetof(struct proc, se)) : NULL;
}

void make_runnable(struct mono *k, struct proc *p) {
  set_state(k, p, PROC_RUNNABLE);
  sched_enqueue(&k->sched, &p->se);
}

void sched_loop(void *arg) {
  struct cpu *c = arg;
  struct mono *k = c->k;
  for (;;) {
    mono_device_poll(k);
    struct proc *p = pick(k);
    if (!p) {
      /* Nothing to run: the hart idles to the end of the round. */
      sched_tick(&k->sched, NULL);
      if (c->h->cycles < k->round_end) c->h->cycles = k->round_end;
      mono_yield_to_machine(k);
      continue;
    }
    set_state(k, p, PROC_RUNNING);
    c->h->cycles += k->k.m->cfg.cost.kernel_switch; /* this C code's own work (sim/cost.h) */
    machine_emit(k->k.m, EV_SCHED_SWITCH, (uint32_t)p->tid, 0, 0, 0);
    c->proc = p;
    load_user(k, c->h, p);
    c->current = &p->ctx;
    uint64_t start = c->h->cycles;
    swtch(&c->sched, &p->ctx);
    /* Back on this hart: a process always returns to the scheduler of the hart it ran on. */
    p->cpu_cycles += c->h->cycles - start;
    c->current = &c->sched;
    c->proc = NULL;
    machine_emit(k->k.m, EV_SCHED_SWITCH, 0, (uint32_t)p->tid, 0, 0);
  }
}

void yield(struct mono *k) {
  make_runnable(k, myproc(k));
  sched(k);
}

/* Sleeps on chan until wakeup(chan). The caller re-checks its condition afterwards. */
void sleep_on(struct mono *k, const void *chan) {
  struct proc *p = myproc(k);
  p->chan = chan;
  set_state(k, p, PROC_SLEEPING);
  sched(k);
  p->chan = NULL;
}

void wakeup(struct mono *k, const void *chan) {
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state == PROC_SLEEPING && p->chan == chan) make_runnable(k, p);
}

static void proc_entry(void *arg);
static void emit_sched(struct mono *k, struct proc *p);

/* A free slot with a kernel context and a fresh id in tid (pids and tids are one series),
 * its own leader, with no memory; or NULL. */
static struct proc *allocslot(struct mono *k) {
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++) {
    if (p->state != PROC_UNUSED) continue;
    if (context_init(&p->ctx, proc_entry, p) < 0) return NULL;
    memset(&p->tf, 0, sizeof p->tf);
    p->k = k;
    p->pid = p->tid = k->nextpid++;
    p->leader = p;
    p->nthreads = 1;
    p->ending = false;
    p->state = PROC_USED;
    p->killed = false;
    p->pagetable = 0;
    p->sz = 0;
    p->cpu_cycles = 0;
    p->parent = NULL;
    p->name[0] = 0;
    sched_entity_init(&p->se, p->tid);
    return p;
  }
  return NULL;
}

/* A dead thread's slot (or a slot never started) becomes free. */
static void freeslot(struct mono *k, struct proc *p) {
  context_free(&p->ctx);
  set_state(k, p, PROC_UNUSED);
}

/* A new process: a slot with a page table of its own. */
static struct proc *allocproc(struct mono *k) {
  struct proc *p = allocslot(k);
  if (!p) return NULL;
  p->pagetable = uvm_create(k, p); /* charged to the slot; the USYSCALL page says its pid */
  if (!p->pagetable) {
    freeslot(k, p);
    return NULL;
  }
  return p;
}

/* Frees a zombie's memory and kernel stack; its slot becomes free. */
static void freeproc(struct mono *k, struct proc *p) {
  uvm_free(k, p->pagetable, p->sz);
  uvm_flush(k, p); /* its ASID will be reused */
  p->pagetable = 0;
  freeslot(k, p);
}

/* Every process starts here, on its own kernel stack, when a scheduler first picks it. */
static void proc_entry(void *arg) {
  struct proc *p = arg;
  struct mono *k = p->k;
  if (p == k->initproc) mono_first_process_start(k, p);
  run_user(k, p); /* never returns */
}

int proc_first(struct mono *k, const char *path, char *err, size_t errlen) {
  struct proc *p = allocproc(k);
  if (!p) {
    snprintf(err, errlen, "out of memory for the first process");
    return -OSSIM_ENOMEM;
  }
  snprintf(p->name, sizeof p->name, "%s", path);
  machine_emit(k->k.m, EV_PROC_CREATE, (uint32_t)p->pid, 0, 0, 0);
  proc_emit_name(k, p);
  emit_sched(k, p);
  k->initproc = p;
  make_runnable(k, p);
  return 0;
}

/* Copies the calling thread only: the child is a process of one thread. */
int proc_fork(struct mono *k) {
  /* parent: the calling thread; from: its process's leader, which holds the memory */
  struct proc *parent = myproc(k), *from = parent->leader, *child = allocproc(k);
  if (!child) return -OSSIM_EAGAIN;
  if (uvm_copy(k, from->pagetable, child->pagetable, from->sz) < 0) {
    freeproc(k, child);
    return -OSSIM_ENOMEM;
  }
  uvm_flush(k, from); /* its pages just lost W */
  child->sz = from->sz;
  save_user(mycpu(k)->h, child); /* pc is already past the ecall (usertrap) */
  child->tf.x[10] = 0;           /* fork returns 0 in the child */
  memcpy(child->name, from->name, sizeof child->name);
  // LAB 01 BEGIN
  child->trace_mask = parent->trace_mask; /* children are traced as their parent is */
  // LAB 01 STARTER
  // LAB 01 END
  mono_files_fork(k, from, child);
  child->parent = from;
  machine_emit(k->k.m, EV_PROC_CREATE, (uint32_t)child->pid, (uint32_t)from->pid, 0, 0);
  proc_emit_name(k, child);
  child->se.priority = parent->se.priority;
  child->se.tickets = parent->se.tickets;
  emit_sched(k, child);
  make_runnable(k, child);
  return child->pid;
}

/* Tells the other threads of p's process to end (they notice as a kill), and wakes them. */
static void end_other_threads(struct mono *k, struct proc *p) {
  p->leader->ending = true;
  for (struct proc *t = k->procs; t < &k->procs[NPROC]; t++)
    if (t != p && t->leader == p->leader && t->state != PROC_UNUSED && t->state != PROC_ZOMBIE) {
      t->killed = true;
      if (t->state == PROC_SLEEPING) make_runnable(k, t);
    }
}

/* Waits until the leader p is its process's only thread, and frees the others' slots.
 * Returns 0, or -EINTR if p is killed meanwhile (only an exec gives up so). */
static int await_other_threads(struct mono *k, struct proc *p, bool interruptible) {
  while (p->nthreads > 1) {
    if (interruptible && p->killed) return -OSSIM_EINTR;
    sleep_on(k, &p->nthreads);
  }
  for (struct proc *t = k->procs; t < &k->procs[NPROC]; t++)
    if (t != p && t->leader == p && t->state == PROC_ZOMBIE) freeslot(k, t);
  return 0;
}

/* The calling thread, not its process's leader, ends: a zombie until joined, or until its
 * process ends. */
static void thread_end(struct mono *k, struct proc *t) {
  struct proc *g = t->leader;
  g->nthreads--;
  machine_emit(k->k.m, EV_THREAD_EXIT, (uint32_t)t->tid, (uint32_t)t->pid, 0, 0);
  set_state(k, t, PROC_ZOMBIE);
  wakeup(k, t);            /* its joiner */
  wakeup(k, &g->nthreads); /* a leader waiting for the others */
  sched(k);
  /* A zombie is never scheduled again. */
}

int exec_end_other_threads(struct mono *k) {
  struct proc *p = myproc(k);
  if (p != p->leader) return -OSSIM_EINVAL;
  if (p->nthreads == 1) return 0;
  end_other_threads(k, p);
  int rc = await_other_threads(k, p, true);
  p->ending = false;
  return rc;
}

/* Any thread: the process ends, with all its threads. */
void proc_exit(struct mono *k, int status) {
  struct proc *t = myproc(k), *p = t->leader;
  if (!p->ending) {
    p->xstate = status;
    end_other_threads(k, t);
  }
  if (t != p) thread_end(k, t);
  await_other_threads(k, p, false);
  status = p->xstate;
  mono_files_exit(k, p);
  for (struct proc *c = k->procs; c < &k->procs[NPROC]; c++)
    if (c->parent == p) {
      c->parent = k->initproc;
      if (c->state == PROC_ZOMBIE) wakeup(k, k->initproc);
    }
  p->xstate = status;
  machine_emit(k->k.m, EV_PROC_EXIT, (uint32_t)p->pid, (uint32_t)status, 0, 0);
  set_state(k, p, PROC_ZOMBIE);
  /* The first process's end is the system's; so is the end of a shell of init's once the
   * console's input is over (piped input: the machine powers off at its end). */
  bool init_is_init = !k->args.command && !k->args.init;
  if (p == k->initproc || (init_is_init && p->parent == k->initproc && mono_console_over(k)))
    mono_halt(k, status);
  if (p->parent) wakeup(k, p->parent);
  sched(k);
  /* A zombie is never scheduled again. */
}

int proc_wait(struct mono *k, uint32_t status_va) {
  struct proc *t = myproc(k), *p = t->leader;
  for (;;) {
    bool children = false;
    for (struct proc *c = k->procs; c < &k->procs[NPROC]; c++) {
      if (c->parent != p || c->state == PROC_UNUSED) continue;
      children = true;
      if (c->state != PROC_ZOMBIE) continue;
      int pid = c->pid;
      if (status_va && copyout(k, status_va, &c->xstate, sizeof c->xstate) < 0)
        return -OSSIM_EFAULT;
      freeproc(k, c);
      c->parent = NULL;
      return pid;
    }
    if (!children) return -OSSIM_ECHILD;
    if (t->killed) return -OSSIM_EINTR;
    sleep_on(k, p);
  }
}

/* Kills every thread of process pid. */
int proc_kill(struct mono *k, int pid) {
  int rc = -OSSIM_ESRCH;
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++) {
    if (p->pid != pid || p->state == PROC_UNUSED || p->state == PROC_ZOMBIE) continue;
    p->killed = true;
    if (p->state == PROC_SLEEPING) make_runnable(k, p); /* to notice it */
    rc = 0;
  }
  return rc;
}

/* Tells the event stream p's scheduling parameters (at its creation and when they change). */
static void emit_sched(struct mono *k, struct proc *p) {
  machine_emit(k->k.m, EV_PROC_SCHED, (uint32_t)p->tid, (uint32_t)p->se.priority, p->se.tickets, 0);
}

/* setpriority: prio < 0 or tickets 0 leaves that one as it is. Every thread of process pid. */
int proc_setpriority(struct mono *k, int pid, int prio, int32_t tickets) {
  if (tickets < 0) return -OSSIM_EINVAL;
  int rc = -OSSIM_ESRCH;
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++) {
    if (p->pid != pid || p->state == PROC_UNUSED || p->state == PROC_ZOMBIE) continue;
    sched_set_params(&k->sched, &p->se, prio, (uint32_t)tickets);
    emit_sched(k, p);
    rc = 0;
  }
  return rc;
}

/* Copies out entry n of procinfo's array: thread p of process g. */
static int info_entry(struct mono *k, uint32_t buf_va, int n, struct proc *g, struct proc *p) {
  struct procinfo pi = {.pid = p->pid,
                        .tid = p->tid,
                        .ppid = g->parent ? g->parent->pid : 0,
                        .state = (int)p->state,
                        .priority = sched_shown_priority(&k->sched, &p->se),
                        .cpu_cycles = p->cpu_cycles,
                        .size = g->sz};
  memcpy(pi.name, g->name, sizeof pi.name);
  return copyout(k, buf_va + (uint32_t)n * sizeof pi, &pi, sizeof pi);
}

/* One entry per thread, each process's main thread first and its other threads after it. */
int proc_info(struct mono *k, uint32_t buf_va, int max) {
  int n = 0;
  for (struct proc *g = k->procs; g < &k->procs[NPROC] && n < max; g++) {
    if (g->state == PROC_UNUSED || g->leader != g) continue;
    if (info_entry(k, buf_va, n++, g, g) < 0) return -OSSIM_EFAULT;
    for (struct proc *t = k->procs; t < &k->procs[NPROC] && n < max; t++)
      if (t != g && t->leader == g && t->state != PROC_UNUSED)
        if (info_entry(k, buf_va, n++, g, t) < 0) return -OSSIM_EFAULT;
  }
  return n;
}

/* A new thread of the caller's process, at entry with a0 = arg, sp and tp = tls; its tid. */
int thread_create(struct mono *k, uint32_t entry, uint32_t arg, uint32_t sp, uint32_t tls) {
  struct proc *caller = myproc(k), *g = caller->leader, *t = allocslot(k);
  if (!t) return -OSSIM_EAGAIN;
  t->pid = g->pid;
  t->leader = g;
  t->tf.pc = entry;
  t->tf.x[2] = sp;
  t->tf.x[4] = tls;
  t->tf.x[10] = arg;
  t->tf.x[3] = mycpu(k)->h->x[3]; /* gp: the program's, for the linker's gp-relative data */
  memcpy(t->name, g->name, sizeof t->name);
  // LAB 01 BEGIN
  t->trace_mask = caller->trace_mask;
  // LAB 01 STARTER
  // LAB 01 END
  t->se.priority = caller->se.priority;
  t->se.tickets = caller->se.tickets;
  g->nthreads++;
  machine_emit(k->k.m, EV_THREAD_CREATE, (uint32_t)t->tid, (uint32_t)t->pid, 0, 0);
  proc_emit_name(k, t);
  emit_sched(k, t);
  make_runnable(k, t);
  return t->tid;
}

/* The calling thread ends. The main thread stays (it holds what the threads share) until
 * the others have ended, and then the process ends with status 0. */
void thread_exit(struct mono *k) {
  struct proc *t = myproc(k), *g = t->leader;
  if (t != g) thread_end(k, t);
  while (g->nthreads > 1 && !g->killed)
    sleep_on(k, &g->nthreads);
  proc_exit(k, 0);
}

/* Waits for thread tid of the caller's process (not its main thread) to end, and frees it. */
int thread_join(struct mono *k, int tid) {
  struct proc *self = myproc(k), *t = k->procs;
  if (tid == self->tid || tid == self->pid) return -OSSIM_EINVAL;
  for (; t < &k->procs[NPROC]; t++)
    if (t->tid == tid && t->leader == self->leader && t->state != PROC_UNUSED) break;
  if (t == &k->procs[NPROC]) return -OSSIM_ESRCH;
  while (t->state != PROC_ZOMBIE) {
    if (self->killed) return -OSSIM_EINTR;
    sleep_on(k, t);
    if (t->tid != tid || t->state == PROC_UNUSED) return -OSSIM_ESRCH; /* another joined it */
  }
  freeslot(k, t);
  return 0;
}
