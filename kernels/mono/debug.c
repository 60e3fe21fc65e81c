/*
 * debug.c: mono's view for the gdb stub (kernel.h's debugging hooks): every thread of every
 * process is a gdb thread, named by its tid (a main thread's is its pid) and program, with
 * its registers (on its hart, or in its trapframe while off one) and its page table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mono.h"

static const char *const state_names[] = {"unused",   "used",    "sleeping",
                                          "runnable", "running", "zombie"};

static unsigned threads(struct kernel *kk, struct kernel_thread *out, unsigned max) {
  struct mono *k = (struct mono *)kk;
  unsigned n = 0;
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++) {
    if (p->state == PROC_UNUSED || p->state == PROC_USED) continue;
    if (n < max) {
      struct kernel_thread *t = &out[n];
      *t = (struct kernel_thread){.pid = p->tid, .hart = -1, .state = state_names[p->state]};
      snprintf(t->name, sizeof t->name, "%s", p->name);
      t->satp = SATP_MODE_SV32 | proc_asid(k, p) << SATP_ASID_SHIFT | p->leader->pagetable >> 12;
      for (unsigned i = 0; i < k->ncpu; i++)
        if (k->cpus[i].proc == p) t->hart = (int)i;
    }
    n++;
  }
  return n;
}

static int on_hart(struct kernel *kk, unsigned h) {
  struct mono *k = (struct mono *)kk;
  return h < k->ncpu && k->cpus[h].proc ? k->cpus[h].proc->tid : -1;
}

/* Nothing runs and no interrupt waits: nothing changes before the round ends, where the
 * kernel looks at its devices again (mono_run). */
static uint64_t idle_until(struct kernel *kk) {
  struct mono *k = (struct mono *)kk;
  if (k->cpus[0].h->sip & SIP_SEIP) return 0;
  for (const struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state == PROC_RUNNABLE || p->state == PROC_RUNNING) return 0;
  return k->round_end;
}

static struct proc *find(struct mono *k, int pid) {
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state != PROC_UNUSED && p->tid == pid) return p;
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

/* monitor runq: who is on each hart, and the processes ready for one. */
static int monitor(struct kernel *kk, const char *cmd, char *out, size_t len) {
  struct mono *k = (struct mono *)kk;
  size_t o = 0;
  if (strcmp(cmd, "runq") != 0) {
    snprintf(out, len, "monitor runq: who is on each hart, and who is ready\n");
    return -EINVAL;
  }
  for (unsigned i = 0; i < k->ncpu && o < len; i++)
    o += (size_t)snprintf(out + o, len - o, "hart %u: %s\n", i,
                          k->cpus[i].proc ? k->cpus[i].proc->name : "(idle)");
  for (const struct proc *p = k->procs; p < &k->procs[NPROC] && o < len; p++)
    if (p->state == PROC_RUNNABLE)
      o += (size_t)snprintf(out + o, len - o, "ready: pid %d %s\n", p->pid, p->name);
  return 0;
}

const struct kernel_debug_ops mono_debug = {.threads = threads,
                                            .on_hart = on_hart,
                                            .idle_until = idle_until,
                                            .regs = regs,
                                            .set_regs = set_regs,
                                            .monitor = monitor};
