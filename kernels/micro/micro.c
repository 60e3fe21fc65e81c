/*
 * micro.c: the microkernel's life — creation, the loop that runs harts through simulated
 * time, traps, faults and scheduling. It is the top of the kernel: it calls kcall.c,
 * restart.c, boot.c and thread.c (threads' lives), and none of them calls it.
 *
 * Event-based with one kernel stack, as seL4 — the contrast with mono. mono gives every
 * process a kernel context (a host stack switched with swapcontext) so that kernel code can
 * sleep in the middle of a system call, as xv6's does. micro has no such thing: every trap
 * is handled to completion by plain host functions on the host's one stack, and returns.
 * A thread that must wait (for a message, a reply, a signal) is only marked blocked, with
 * its registers saved in its TCB; when its partner comes, the kernel writes the results into
 * those saved registers and makes it runnable. So a blocked thread costs a TCB and nothing
 * else, and the kernel never has a half-finished call to return to.
 *
 * How time flows: micro_run runs the harts in turn, each to the round's target cycle. A hart
 * runs its current thread until it traps; the trap is handled (the thread's registers go to
 * its TCB, the kernel works on the TCB, and back) and the hart either goes on with the same
 * thread or picks the next one from the scheduling policy.
 *
 * Several harts (--cpus 2..4): the simulation is one host thread, so the kernel is entered
 * by one hart at a time, and a kernel call runs to its end before any other hart moves —
 * the effect of seL4's big kernel lock, with nothing to lock.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/proc.h"
#include "hostfile.h"
#include "ipc.h"
#include "micro.h"
#include "notify.h"
#include "uart.h"

#ifndef OSSIM_FS_IMAGE
#define OSSIM_FS_IMAGE NULL /* no disk image was built */
#endif

static void wake_cb(void *ctx, struct tcb *t) { micro_wake(ctx, t); }

static void emit_cb(void *ctx, uint16_t type, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
  struct micro *k = ctx;
  machine_emit(k->k.m, type, a0, a1, a2, a3);
}

static const struct kobj_ops micro_obj_ops = {
    .wake = wake_cb, .copy_buf = mvm_copy_buf, .emit = emit_cb};

static const char *cause_name(uint32_t cause) {
  switch (cause) {
  case CAUSE_ILLEGAL_INSTRUCTION: return "illegal instruction";
  case CAUSE_BREAKPOINT: return "breakpoint";
  case CAUSE_MISALIGNED_FETCH: return "instruction address misaligned";
  case CAUSE_MISALIGNED_LOAD: return "load address misaligned";
  case CAUSE_MISALIGNED_STORE: return "store address misaligned";
  case CAUSE_FETCH_ACCESS: return "instruction access fault";
  case CAUSE_LOAD_ACCESS: return "load access fault";
  case CAUSE_STORE_ACCESS: return "store access fault";
  case CAUSE_FETCH_PAGE_FAULT: return "instruction page fault";
  case CAUSE_LOAD_PAGE_FAULT: return "load page fault";
  case CAUSE_STORE_PAGE_FAULT: return "store page fault";
  default: return "exception";
  }
}

/* A thread's exception that is not a kernel call. A store to a page shared copy-on-write
 * since a fork gets a page of its own, and the store is made again (vm.c says why the kernel
 * does it, not a pager); nothing else here pages memory in (servers map what they need), so
 * every other fault is fatal to the thread, as mono words it. */
static void fault(struct micro *k, struct tcb *t, uint32_t cause, uint32_t tval) {
  bool pf = cause == CAUSE_LOAD_PAGE_FAULT || cause == CAUSE_STORE_PAGE_FAULT ||
            cause == CAUSE_FETCH_PAGE_FAULT;
  if (pf) machine_emit(k->k.m, EV_PAGE_FAULT, (uint32_t)t->pid, tval, cause, 0);
  if (cause == CAUSE_STORE_PAGE_FAULT && mvm_cow(k, t->as, tval) == 0) return;
  char msg[160];
  if (cause == CAUSE_ILLEGAL_INSTRUCTION)
    snprintf(msg, sizeof msg, "pid %d (%s): killed by illegal instruction 0x%08x (pc 0x%x)\n",
             t->pid, t->name, tval, t->pc);
  else
    snprintf(msg, sizeof msg, "pid %d (%s): killed by %s at address 0x%x (pc 0x%x)\n", t->pid,
             t->name, cause_name(cause), tval, t->pc);
  micro_puts(k, msg, strlen(msg));
  /* As seL4: the thread calls its fault endpoint; its manager decides (it kills). */
  if (!micro_call_manager(k, t, LABEL_FAULT, cause, t->pc, tval))
    micro_thread_end(k, t, 2, cause, tval);
}

/* Device interrupts reach hart 0. Why privileged: only the supervisor can claim them at the
 * interrupt controller. The kernel does no more: it masks the source and signals the
 * notification its driver bound to it; the driver talks to the device and acknowledges. */
static void device_poll(struct micro *k) {
  if (!k->input_over && uart_input_done(k->k.m->uart) && k->irq[MACHINE_IRQ_UART].bound) {
    k->input_over = true; /* a hangup: the console driver must learn it, as an interrupt */
    ntfn_signal(&k->o, &k->o.ntfn[k->irq[MACHINE_IRQ_UART].ntfn], k->irq[MACHINE_IRQ_UART].bits, 0);
  }
  if (!(k->cpus[0].h->sip & SIP_SEIP)) return;
  uint32_t src;
  while ((src = plicdrv_claim(&k->plic)) != 0) {
    plicdrv_complete(&k->plic, src);
    if (src >= MICRO_NIRQ || !k->irq[src].bound) continue;
    plicdrv_disable(&k->plic, src); /* after the completion: the PLIC ignores a masked one's */
    ntfn_signal(&k->o, &k->o.ntfn[k->irq[src].ntfn], k->irq[src].bits, 0);
  }
}

/* Puts t on hart c in U mode: its registers, its address space, the timer armed. */
static void load(struct micro *k, struct mcpu *c, struct tcb *t) {
  struct hart *h = c->h;
  memcpy(h->x, t->x, sizeof t->x);
  h->x[0] = 0;
  h->sepc = t->pc;
  h->sstatus &= ~SSTATUS_SPP;
  h->scounteren = 7; /* rdcycle for the IPC benchmark, as for user programs on mono */
  h->sie = SIP_STIP | SIP_SEIP;
  uint32_t satp = mvm_satp(k, t->as);
  if (h->satp != satp) csr_set_satp(h, satp); /* an EV_SATP: compare counts the switch */
  /* Armed once, at the hart's first thread: from then on only the tick's own trap moves it.
   * A tick that fell due while the kernel worked (a long kernel call, a switch) stays due, so
   * it is taken as soon as the hart is back in U mode; re-arming it here would drop it, and a
   * thread that is nearly always in the kernel would never be preempted. */
  if (h->stimecmp == UINT64_MAX) h->stimecmp = h->cycles + TICK_CYCLES;
  cpu_sret(h);
}

/* t becomes the thread on hart c (load puts its registers there). */
static void run_on(struct micro *k, struct mcpu *c, struct tcb *t) {
  c->cur = t;
  t->on_hart = (int)(c - k->cpus);
  t->since = c->h->cycles;
  micro_thread_state(k, t, PROC_RUNNING);
  machine_emit(k->k.m, EV_SCHED_SWITCH, (uint32_t)t->pid, 0, 0, 0);
}

/* The next thread for hart c, made its thread, or NULL. */
static struct tcb *pick(struct micro *k, struct mcpu *c) {
  struct sched_entity *e = sched_pick_next(&k->sched);
  if (!e) return NULL;
  struct tcb *t = (struct tcb *)((char *)e - offsetof(struct tcb, se));
  c->h->cycles += k->k.m->cfg.cost.kernel_switch; /* this C code's own work (sim/cost.h) */
  run_on(k, c, t);
  return t;
}

/*
 * The fast path, second half: after t's kernel call on hart c, the thread the call woke
 * (c->handoff) runs next on c at once if t blocked — a call that met its receiver, a
 * reply-receive that found no next message — as seL4's fastpath switches straight to the
 * partner: no trip through the run queue, no policy's pick (so no kernel_switch charge: the
 * registers moved with the message, and the hart only changes address space, which the
 * machine charges). The partner runs on the rest of the caller's time slice; the timer still
 * preempts it. If t goes on (or ended), the woken thread is queued as any other. Returns the
 * thread to run next on c, or NULL: pick one.
 */
static struct tcb *fast_next(struct micro *k, struct mcpu *c, struct tcb *t) {
  // LAB 07 BEGIN
  struct tcb *next = c->handoff;
  c->handoff = NULL;
  if (next && (c->cur != t || t->state == TS_RUNNABLE)) {
    sched_enqueue(&k->sched, &next->se);
    next = NULL;
  }
  return next;
  // LAB 07 STARTER
  // (void)k, (void)c, (void)t;
  // return NULL; /* TODO (lab 7): the thread t's call woke, if t blocked */
  // LAB 07 END
}

/* The thread leaves hart c (blocked, preempted or gone). */
static void unload(struct micro *k, struct mcpu *c, struct tcb *t) {
  t->cpu_cycles += c->h->cycles - t->since;
  t->on_hart = -1;
  c->cur = NULL;
  machine_emit(k->k.m, EV_SCHED_SWITCH, 0, (uint32_t)t->pid, 0, 0);
}

/* The trap that just ended cpu_run on hart c, handled to completion. */
static void trap(struct micro *k, struct mcpu *c) {
  struct hart *h = c->h;
  struct tcb *t = c->cur;
  uint32_t cause = h->scause;
  memcpy(t->x, h->x, sizeof t->x);
  t->pc = h->sepc + (cause == CAUSE_ECALL_U ? 4 : 0);
  bool preempt = false;
  if (cause == (CAUSE_INTERRUPT | IRQ_S_TIMER)) {
    h->stimecmp = h->cycles + TICK_CYCLES;
    cpu_set_pending(h, SIP_STIP, false);
    preempt = sched_tick(&k->sched, &t->se);
  } else if (cause == (CAUSE_INTERRUPT | IRQ_S_EXT)) {
    device_poll(k);
  } else if (cause == CAUSE_ECALL_U) {
    uint32_t num = t->x[R_A7];
    k->ipc_hart = num == KC_CALL || num == KC_REPLY_RECV ? c : NULL; /* see micro_wake */
    kcall_dispatch(k, c, t);
    k->ipc_hart = NULL;
  } else if (!(cause & CAUSE_INTERRUPT)) {
    fault(k, t, cause, h->stval);
  }
  struct tcb *next = fast_next(k, c, t);
  if (c->cur != t) return; /* it ended */
  preempt |= c->yield;
  c->yield = false;
  if (t->state == TS_RUNNABLE && !preempt) {
    load(k, c, t); /* the same thread goes on, with what the kernel wrote */
    return;
  }
  unload(k, c, t);
  if (t->state == TS_RUNNABLE)
    micro_wake(k, t); /* preempted or yielded */
  else
    micro_thread_state(k, t, PROC_SLEEPING);
  if (next) {
    run_on(k, c, next);
    load(k, c, next);
  }
}

/* Hart c runs threads until the round's target. */
static void run_hart(struct micro *k, struct mcpu *c) {
  struct hart *h = c->h;
  while (!k->halted && h->cycles < k->target) {
    if (!c->cur) {
      if (!pick(k, c)) {
        sched_tick(&k->sched, NULL);
        h->cycles = k->round_end; /* idle to the end of the round (past the slice's) */
        return;
      }
      load(k, c, c->cur);
    }
    enum cpu_exit e = cpu_run(h, k->target);
    if (e == CPU_EXIT_TRAP)
      trap(k, c);
    else if (e != CPU_EXIT_IDLE)
      return;
  }
}

bool micro_timers(struct micro *k) {
  uint64_t now = k->k.m->now / TICK_CYCLES;
  bool armed = false;
  for (int n = 0; n < KOBJ_NNTFN; n++) {
    if (!k->timer_bits[n]) continue;
    if (k->deadline[n] > now) {
      armed |= !k->watchdog[n];
      continue;
    }
    ntfn_signal(&k->o, &k->o.ntfn[n], k->timer_bits[n], 0);
    k->timer_bits[n] = 0;
  }
  return armed;
}

/* A thread is on a hart or ready for one. */
static bool something_runs(struct micro *k) {
  if (k->sched.nqueued > 0) return true;
  for (unsigned i = 0; i < k->ncpu; i++)
    if (k->cpus[i].cur) return true;
  return false;
}

static bool anything_can_run(struct micro *k) {
  if (micro_timers(k)) return true; /* time must pass for it */
  return evq_next(&k->k.m->evq) != EVQ_NEVER || something_runs(k);
}

static enum kernel_state micro_run(struct kernel *kk, uint64_t until) {
  struct micro *k = (struct micro *)kk;
  struct machine *m = kk->m;
  kk->idle = true;
  while (!k->halted && m->now < until) {
    /* A round begins only where the last one ended: a slice that ends inside a round (the
     * gdb stub's one-cycle steps) leaves it to go on at the next call, so the kernel does
     * the same whatever slices it is run in. */
    if (m->now >= k->round_end) {
      machine_advance(m, m->now);
      micro_injects_due(k);
      device_poll(k);
      if (!anything_can_run(k)) {
        snprintf(kk->message, sizeof kk->message,
                 "micro: every thread waits for something that can never happen");
        return KERNEL_STUCK;
      }
      uint64_t end = machine_round_end(m), next = micro_injects_next(k);
      if (next < end) end = next;
      k->round_end = end;
    }
    if (something_runs(k)) kk->idle = false; /* else all wait (for a key, a timer) */
    uint64_t target = k->round_end < until ? k->round_end : until;
    k->target = target;
    for (unsigned i = 0; i < k->ncpu && !k->halted; i++) {
      struct mcpu *c = &k->cpus[i];
      if (c->h->cycles >= target) continue;
      m->running = c->h;
      k->hb.hart = c->h;
      run_hart(k, c);
      m->running = NULL;
    }
    m->now = target;
  }
  if (k->cannot_start) return KERNEL_ERROR;
  return k->halted ? KERNEL_HALTED : KERNEL_RUNNING;
}

static void micro_destroy(struct kernel *kk) {
  struct micro *k = (struct micro *)kk;
  for (unsigned i = 0; i < k->nmods; i++)
    free(k->mods[i].image);
  mvm_free_all(k);
  machine_destroy(kk->m);
  free(k);
}

/* The scheduling policy --sched names, or a message listing the known ones. */
static int find_policy(const char *name, const struct sched_policy **out, char *err,
                       size_t errlen) {
  *out = sched_find(name ? name : "rr");
  if (*out) return 0;
  int n = snprintf(err, errlen, "unknown scheduler '%s'; known:", name);
  for (const struct sched_policy *const *s = sched_policies(); *s && n > 0 && (size_t)n < errlen;
       s++)
    n += snprintf(err + n, errlen - (size_t)n, " %s", (*s)->name);
  return KERNEL_EBADARG;
}

/* The machine, with a private copy of the disk (the file server writes to it) unless
 * --persist, as mono. */
static int create_machine(struct micro *k, const struct machine_config *mc, char *err,
                          size_t errlen) {
  const char *disk = k->args.disk ? k->args.disk : OSSIM_FS_IMAGE;
  snprintf(k->disk_name, sizeof k->disk_name, "%.200s", disk ? disk : "(no disk)");
  return hostfile_machine_create(mc, disk, k->args.persist, &k->k.m, err, errlen);
}

static int micro_create(const struct machine_config *mc, const struct kernel_args *args,
                        struct kernel **out, char *err, size_t errlen) {
  const struct sched_policy *policy;
  if (mc->ncpus > MICRO_MAX_CPUS) {
    snprintf(err, errlen, "micro runs on 1 to %d harts", MICRO_MAX_CPUS);
    return -EINVAL;
  }
  int rc = find_policy(args->sched, &policy, err, errlen);
  if (rc < 0) return rc;
  struct micro *k = calloc(1, sizeof *k);
  if (!k) return -ENOMEM;
  k->args = *args;
  k->opts = *(const struct micro_options *)args->own;
  k->nextpid = 1;
  sched_init(&k->sched, policy, mc->seed);
  kobj_init(&k->o, &micro_obj_ops, k);
  rc = create_machine(k, mc, err, errlen);
  if (rc == 0 && (rc = mvm_init(k)) < 0) snprintf(err, errlen, "out of memory");
  if (rc == 0) {
    hostbus_init(&k->hb, k->k.m);
    plicdrv_init(&k->plic, &k->hb.bus, MACHINE_PLIC_BASE, 0);
    uartdrv_init(&k->uart, &k->hb.bus, MACHINE_UART_BASE, NULL, NULL);
    k->ncpu = mc->ncpus;
    for (unsigned i = 0; i < k->ncpu; i++) {
      k->cpus[i].h = k->k.m->harts[i];
      k->cpus[i].h->host_traps = true;
    }
    rc = boot_modules(k, err, errlen);
    if (rc == 0) rc = micro_injects_check(k, err, errlen);
  }
  if (rc < 0) {
    if (!err[0]) snprintf(err, errlen, "micro: %s", strerror(-rc));
    if (k->k.m)
      micro_destroy(&k->k);
    else
      free(k);
    return rc;
  }
  *out = &k->k;
  return 0;
}

static const struct kernel_option micro_option_table[] = {
    {.name = "--module",
     .arg = "[+]NAME[:ARG]",
     .help = "boot module NAME instead of the system servers, +NAME\n"
             "beside them (repeatable)",
     .kind = KOPT_LIST,
     .offset = offsetof(struct micro_options, modules)},
    {.name = "--inject",
     .arg = "SERVER@CYCLE[:hang]",
     .help = "SERVER faults (or hangs) at CYCLE, and the\n"
             "reincarnation server restarts it (repeatable)",
     .kind = KOPT_PARSE,
     .offset = offsetof(struct micro_options, injects),
     .parse = micro_inject_parse},
    {0},
};

const struct kernel_ops micro_kernel = {
    .name = "micro",
    .summary = "microkernel: IPC, capabilities and notifications; everything else in servers",
    .options = micro_option_table,
    .options_size = sizeof(struct micro_options),
    .create = micro_create,
    .run = micro_run,
    .destroy = micro_destroy,
    .debug = &micro_debug,
};
