/*
 * debug.c: micro's view for the gdb stub (kernel.h's debugging hooks): every thread —
 * the servers and the processes — is a gdb thread named by its pid and program, with its
 * registers (on its hart, or in its TCB while off one) and its address space's page table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "micro.h"

static const char *const state_names[] = {"free", "inactive", "runnable", "sending",
                                          "receiving", "awaiting reply", "waiting"};

static unsigned threads(struct kernel *kk, struct kernel_thread *out, unsigned max) {
  struct micro *k = (struct micro *)kk;
  unsigned n = 0;
  for (struct tcb *t = k->o.tcb; t < &k->o.tcb[KOBJ_NTHREAD]; t++) {
    if (t->state == TS_FREE || t->as < 0) continue;
    if (n < max) {
      struct kernel_thread *kt = &out[n];
      *kt = (struct kernel_thread){.pid = t->pid, .hart = -1, .state = state_names[t->state],
                                   .satp = mvm_satp(k, t->as)};
      snprintf(kt->name, sizeof kt->name, "%s", t->name);
      for (unsigned i = 0; i < k->ncpu; i++)
        if (k->cpus[i].cur == t) kt->hart = (int)i;
    }
    n++;
  }
  return n;
}

static int on_hart(struct kernel *kk, unsigned h) {
  struct micro *k = (struct micro *)kk;
  return h < k->ncpu && k->cpus[h].cur ? k->cpus[h].cur->pid : -1;
}

/* Nothing runs and no interrupt waits: nothing changes before the round ends, where the
 * kernel looks at its devices, timers and faults to inject again (micro_run). */
static uint64_t idle_until(struct kernel *kk) {
  struct micro *k = (struct micro *)kk;
  if (k->sched.nqueued > 0 || (k->cpus[0].h->sip & SIP_SEIP)) return 0;
  for (unsigned i = 0; i < k->ncpu; i++)
    if (k->cpus[i].cur) return 0;
  return k->round_end;
}

static struct tcb *find(struct micro *k, int pid) {
  for (struct tcb *t = k->o.tcb; t < &k->o.tcb[KOBJ_NTHREAD]; t++)
    if (t->state != TS_FREE && t->pid == pid) return t;
  return NULL;
}

static int regs(struct kernel *kk, int pid, uint32_t x[32], uint32_t *pc) {
  struct tcb *t = find((struct micro *)kk, pid);
  if (!t) return -ESRCH;
  memcpy(x, t->x, sizeof t->x);
  x[0] = 0;
  *pc = t->pc;
  return 0;
}

static int set_regs(struct kernel *kk, int pid, const uint32_t x[32], uint32_t pc) {
  struct tcb *t = find((struct micro *)kk, pid);
  if (!t) return -ESRCH;
  memcpy(t->x, x, sizeof t->x);
  t->pc = pc;
  return 0;
}

const struct kernel_debug_ops micro_debug = {
    .threads = threads, .on_hart = on_hart, .idle_until = idle_until, .regs = regs, .set_regs = set_regs};
