/*
 * trap.c: what happens when user code traps — xv6's trap.c, hosted.
 *
 * The harts run with host_traps set, so every trap from U mode ends cpu_run and comes here
 * with sepc, scause and stval filled in by the machine. A system call returns to the next
 * instruction; a page fault the kernel can satisfy (a zero page, a copy-on-write copy) is
 * retried; any other exception kills the process with a message naming the cause and the
 * address, and the kernel goes on.
 */
#include <stdio.h>

#include "abi/errno.h"
#include "mono.h"

static const char *cause_name(uint32_t cause) {
  switch (cause) {
  case CAUSE_MISALIGNED_FETCH: return "instruction address misaligned";
  case CAUSE_FETCH_ACCESS: return "instruction access fault";
  case CAUSE_ILLEGAL_INSTRUCTION: return "illegal instruction";
  case CAUSE_BREAKPOINT: return "breakpoint";
  case CAUSE_MISALIGNED_LOAD: return "load address misaligned";
  case CAUSE_LOAD_ACCESS: return "load access fault";
  case CAUSE_MISALIGNED_STORE: return "store address misaligned";
  case CAUSE_STORE_ACCESS: return "store access fault";
  case CAUSE_FETCH_PAGE_FAULT: return "instruction page fault";
  case CAUSE_LOAD_PAGE_FAULT: return "load page fault";
  case CAUSE_STORE_PAGE_FAULT: return "store page fault";
  default: return "exception";
  }
}

/* The timer: arm the next tick, and let the policy say whether p's time is up. */
static void timer_tick(struct mono *k, struct proc *p) {
  struct hart *h = mycpu(k)->h;
  h->stimecmp = h->cycles + TICK_CYCLES;
  cpu_set_pending(h, SIP_STIP, false);
  if (sched_tick(&k->sched, &p->se)) yield(k);
}

/*
 * Handles the trap that just ended cpu_run. The first thing it does is set the hart's pc to
 * where the process will resume (the next instruction after an ecall, the same one after an
 * interrupt or a page fault put right), so that whatever sleeps or yields below saves the
 * right pc. run_user then returns to U mode with sret.
 */
void usertrap(struct mono *k, struct proc *p) {
  struct hart *h = mycpu(k)->h;
  uint32_t cause = h->scause;
  h->pc = h->sepc + (cause == CAUSE_ECALL_U ? 4 : 0);
  if (k->swap.limit) swap_sample(k); /* what the process touched since its last trap */
  if (cause & CAUSE_INTERRUPT) {
    uint32_t irq = cause & ~CAUSE_INTERRUPT;
    if (irq == IRQ_S_TIMER)
      timer_tick(k, p);
    else if (irq == IRQ_S_EXT)
      mono_device_poll(k);
    return;
  }
  if (cause == CAUSE_ECALL_U) {
    mono_syscall(k, p);
    return;
  }
  bool page_fault = cause == CAUSE_LOAD_PAGE_FAULT || cause == CAUSE_STORE_PAGE_FAULT ||
                    cause == CAUSE_FETCH_PAGE_FAULT;
  bool resolved = page_fault && cause != CAUSE_FETCH_PAGE_FAULT &&
                  uvm_fault(k, p->leader, h->stval, cause == CAUSE_STORE_PAGE_FAULT) == 0;
  if (page_fault) machine_emit(k->k.m, EV_PAGE_FAULT, (uint32_t)p->pid, h->stval, cause, resolved);
  if (resolved) return; /* retry the access */
  if (cause == CAUSE_ILLEGAL_INSTRUCTION)
    mono_console_printf(k, "pid %d (%s): killed by illegal instruction 0x%08x (pc 0x%x)\n", p->pid,
                        p->name, h->stval, h->sepc);
  else
    mono_console_printf(k, "pid %d (%s): killed by %s at address 0x%x (pc 0x%x)\n", p->pid, p->name,
                        cause_name(cause), h->stval, h->sepc);
  p->killed = true;
}

/* Runs p's user code on whatever hart p is on, forever: until it exits. */
void run_user(struct mono *k, struct proc *p) {
  for (;;) {
    if (p->killed) proc_exit(k, -1);
    struct hart *h = mycpu(k)->h;
    if (h->priv != PRIV_U) { /* back from a trap: sret to the pc usertrap chose */
      h->sepc = h->pc;
      h->sstatus &= ~SSTATUS_SPP;
      cpu_sret(h);
    }
    /* The sret may have spent the round (a cost file can make it cost a million cycles):
     * the round ends here, before cpu_run takes the interrupt now due, or a tick at every
     * return would keep the hart in this loop for ever, past any --max-cycles. */
    if (h->cycles >= k->target) {
      mono_yield_to_machine(k);
      continue;
    }
    switch (cpu_run(h, k->target)) {
    case CPU_EXIT_TRAP: usertrap(k, p); break;
    default: mono_yield_to_machine(k); break; /* the hart's round is over */
    }
  }
}
