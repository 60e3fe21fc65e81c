/*
 * debug.c: mono's view for the gdb stub (kernel.h's debugging hooks): every process is a
 * thread, named by its pid and program, with its registers (on its hart, or in its
 * trapframe while off one) and its page table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mono.h"

static const char *const state_names[] = {"unused", "used", "sleeping", "runnable", "running",
                                          "zombie"};

static unsigned threads(struct kernel *kk, struct kernel_thread *out, unsigned max) {
  struct mono *k = (struct mono *)kk;
  unsigned n = 0;
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++) {
    if (p->state == PROC_UNUSED || p->state == PROC_USED) continue;
    if (n < max) {
      struct kernel_thread *t = &out[n];
      *t = (struct kernel_thread){.pid = p->pid, .hart = -1, .state = state_names[p->state]};
      snprintf(t->name, sizeof t->name, "%s", p->name);
      t->satp = SATP_MODE_SV32 | proc_asid(k, p) << SATP_ASID_SHIFT | p->pagetable >> 12;
      for (unsigned i = 0; i < k->ncpu; i++)
        if (k->cpus[i].proc == p) t->hart = (int)i;
    }
    n++;
  }
  return n;
}

static struct proc *find(struct mono *k, int pid) {
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state != PROC_UNUSED && p->pid == pid) return p;
  return NULL;
}

static int regs(struct kernel *kk, int pid, uint32_t x[32], uint32_t *pc) {
  struct proc *p = find((struct mono *)kk, pid);
  if (!p) return -ESRCH;
  memcpy(x, p->tf.x, sizeof p->tf.x);
  x[0] = 0;
  *pc = p->tf.pc;
  return 0;
}

static int set_regs(struct kernel *kk, int pid, const uint32_t x[32], uint32_t pc) {
  struct proc *p = find((struct mono *)kk, pid);
  if (!p) return -ESRCH;
  memcpy(p->tf.x, x, sizeof p->tf.x);
  p->tf.pc = pc;
  return 0;
}

const struct kernel_debug_ops mono_debug = {.threads = threads, .regs = regs, .set_regs = set_regs};
