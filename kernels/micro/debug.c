/*
 * debug.c: micro's view for the gdb stub (kernel.h's debugging hooks): every thread —
 * the servers and the processes — is a gdb thread named by its pid and program, with its
 * registers (on its hart, or in its TCB while off one) and its address space's page table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "micro.h"

static const char *const state_names[] = {"free",      "inactive",       "runnable", "sending",
                                          "receiving", "awaiting reply", "waiting"};

static unsigned threads(struct kernel *kk, struct kernel_thread *out, unsigned max) {
  struct micro *k = (struct micro *)kk;
  unsigned n = 0;
  for (struct tcb *t = k->o.tcb; t < &k->o.tcb[KOBJ_NTHREAD]; t++) {
    if (t->state == TS_FREE || t->as < 0) continue;
    if (n < max) {
      struct kernel_thread *kt = &out[n];
      *kt = (struct kernel_thread){
          .pid = t->pid, .hart = -1, .state = state_names[t->state], .satp = mvm_satp(k, t->as)};
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

/* monitor caps PID: the thread's capability table, slot by slot. */
static void caps(struct micro *k, const char *arg, char *out, size_t len) {
  static const char *const types[CAP_NTYPES] = {
      "null", "endpoint", "notification", "reply", "thread", "aspace", "irq", "frame", "system"};
  int pid;
  struct tcb *t = sscanf(arg, "%d", &pid) == 1 ? find(k, pid) : NULL;
  size_t o = 0;
  if (!t || !t->cs) {
    snprintf(out, len, "caps: no thread with pid '%s'\n", arg);
    return;
  }
  for (int i = 0; i < CSPACE_SLOTS && o < len; i++) {
    const struct cap *c = &t->cs->slot[i];
    if (c->type == CAP_NULL || c->type >= CAP_NTYPES) continue;
    o += (size_t)snprintf(out + o, len - o, "slot %2d: %-12s obj %u rights %c%c%c badge %#x\n", i,
                          types[c->type], c->obj, c->rights & CAP_R ? 'r' : '-',
                          c->rights & CAP_W ? 'w' : '-', c->rights & CAP_G ? 'g' : '-', c->badge);
  }
  if (o == 0) snprintf(out, len, "pid %d holds no capabilities\n", pid);
}

/* monitor runq: who is on each hart, and the threads ready for one. */
static void runq(struct micro *k, char *out, size_t len) {
  size_t o = 0;
  for (unsigned i = 0; i < k->ncpu && o < len; i++)
    o += (size_t)snprintf(out + o, len - o, "hart %u: %s\n", i,
                          k->cpus[i].cur ? k->cpus[i].cur->name : "(idle)");
  for (struct tcb *t = k->o.tcb; t < &k->o.tcb[KOBJ_NTHREAD] && o < len; t++)
    if (t->state == TS_RUNNABLE && t->on_hart < 0)
      o += (size_t)snprintf(out + o, len - o, "ready: pid %d %s\n", t->pid, t->name);
}

static int monitor(struct kernel *kk, const char *cmd, char *out, size_t len) {
  struct micro *k = (struct micro *)kk;
  if (!strncmp(cmd, "caps ", 5)) {
    caps(k, cmd + 5, out, len);
  } else if (!strcmp(cmd, "runq")) {
    runq(k, out, len);
  } else {
    snprintf(out, len,
             "monitor runq: who is on each hart, and who is ready\n"
             "monitor caps PID: a thread's capabilities\n");
    return -EINVAL;
  }
  return 0;
}

const struct kernel_debug_ops micro_debug = {.threads = threads,
                                             .on_hart = on_hart,
                                             .idle_until = idle_until,
                                             .regs = regs,
                                             .set_regs = set_regs,
                                             .monitor = monitor};
