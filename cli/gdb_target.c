#include "gdb_target.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "run.h"

#define ECALL 0x00000073u
#define REG_A7 17

static bool settle(struct gdb_target *t, struct gdb_stop *stop);

/* ---- the kernel ---- */

static int boot(struct gdb_target *t, char *err, size_t errlen) {
  gdb_record_rewind(&t->rec); /* reboot has made sure the record is whole */
  t->hart = 0;
  t->state = KERNEL_RUNNING;
  t->entry_reported = false;
  t->jumped = false;
  return t->ops->create(&t->cfg, &t->args, &t->k, err, errlen);
}

int gdb_target_open(struct gdb_target *t, const struct kernel_ops *ops,
                    const struct machine_config *cfg, const struct kernel_args *args,
                    bool replayable, char *err, size_t errlen) {
  *t = (struct gdb_target){.ops = ops, .args = *args, .cfg = *cfg, .replayable = replayable};
  gdb_record_wrap(&t->rec, &t->cfg);
  int rc = boot(t, err, errlen);
  struct gdb_stop stop;
  if (rc == 0) settle(t, &stop); /* a hosted kernel: to the first user instruction */
  return rc;
}

void gdb_target_close(struct gdb_target *t) {
  if (t->k) t->ops->destroy(t->k);
  t->k = NULL;
  gdb_record_free(&t->rec);
}

static struct machine *mach(const struct gdb_target *t) { return t->k->m; }
static struct hart *hart0(const struct gdb_target *t) { return mach(t)->harts[0]; }
/* The hart the machine last stopped on: the one whose thread gdb is shown. */
static struct hart *stop_hart(const struct gdb_target *t) { return mach(t)->harts[t->hart]; }

struct gdb_pos gdb_position(const struct gdb_target *t) {
  return (struct gdb_pos){machine_instret(mach(t)), hart0(t)->cycles};
}

static bool pos_before(struct gdb_pos a, struct gdb_pos b) {
  return a.instret < b.instret || (a.instret == b.instret && a.cycles < b.cycles);
}

/* ---- threads ---- */

static unsigned kthreads(struct gdb_target *t, struct kernel_thread *out) {
  unsigned n = t->ops->debug->threads(t->k, out, GDB_MAX_THREADS);
  return n < GDB_MAX_THREADS ? n : GDB_MAX_THREADS;
}

/* The kernel's thread tid into *out; false if there is none. */
static bool kthread(struct gdb_target *t, int tid, struct kernel_thread *out) {
  struct kernel_thread all[GDB_MAX_THREADS];
  unsigned n = kthreads(t, all);
  for (unsigned i = 0; i < n; i++)
    if (all[i].pid == tid) {
      *out = all[i];
      return true;
    }
  return false;
}

unsigned gdb_threads(struct gdb_target *t, int *tids, unsigned max) {
  if (!t->ops->debug) {
    unsigned n = mach(t)->nharts < max ? mach(t)->nharts : max;
    for (unsigned i = 0; i < n; i++)
      tids[i] = (int)i + 1;
    return n;
  }
  struct kernel_thread all[GDB_MAX_THREADS];
  unsigned n = kthreads(t, all), got = 0;
  for (unsigned i = 0; i < n && got < max; i++)
    tids[got++] = all[i].pid;
  return got;
}

int gdb_current_tid(struct gdb_target *t) {
  if (!t->ops->debug) return (int)t->hart + 1;
  int pid = t->ops->debug->on_hart(t->k, t->hart);
  if (pid >= 0) return pid;
  struct kernel_thread first; /* the system is over: whoever is left */
  return t->ops->debug->threads(t->k, &first, 1) ? first.pid : 1;
}

bool gdb_thread_alive(struct gdb_target *t, int tid) {
  struct kernel_thread kt = {0};
  if (!t->ops->debug) return tid >= 1 && (unsigned)tid <= mach(t)->nharts;
  return kthread(t, tid, &kt);
}

void gdb_thread_name(struct gdb_target *t, int tid, char *out, size_t len) {
  struct kernel_thread kt = {0};
  if (!t->ops->debug)
    snprintf(out, len, "hart %d", tid - 1);
  else if (kthread(t, tid, &kt))
    snprintf(out, len, "pid %d %s (%s)", kt.pid, kt.name, kt.state);
  else
    snprintf(out, len, "%s", "");
}

/* Where thread tid's registers are: a hart (*h), or saved by the kernel (*h NULL, *kt). */
static int locate(struct gdb_target *t, int tid, struct hart **h, struct kernel_thread *kt) {
  if (tid <= 0) tid = gdb_current_tid(t);
  *h = NULL;
  if (!t->ops->debug) {
    if (tid < 1 || (unsigned)tid > mach(t)->nharts) return -ESRCH;
    *h = mach(t)->harts[tid - 1];
    return 0;
  }
  if (!kthread(t, tid, kt)) return -ESRCH;
  if (kt->hart >= 0) *h = mach(t)->harts[kt->hart];
  return 0;
}

#define REG_PC 32
#define REG_CSR0 65

int gdb_reg_get(struct gdb_target *t, int tid, unsigned n, uint32_t *val) {
  struct hart *h;
  struct kernel_thread kt = {0};
  int rc = locate(t, tid, &h, &kt);
  if (rc < 0) return rc;
  if (n >= REG_CSR0) {
    if (!h) h = hart0(t); /* CSRs are the hart's, whoever is on it */
    return debug_csr_get(h, n - REG_CSR0, val);
  }
  if (n > REG_PC) return -ENOENT;
  if (h) {
    *val = n == REG_PC ? h->pc : n == 0 ? 0 : h->x[n];
    return 0;
  }
  uint32_t x[32], pc;
  if ((rc = t->ops->debug->regs(t->k, kt.pid, x, &pc)) < 0) return rc;
  *val = n == REG_PC ? pc : x[n];
  return 0;
}

int gdb_reg_set(struct gdb_target *t, int tid, unsigned n, uint32_t val) {
  struct hart *h;
  struct kernel_thread kt = {0};
  int rc = locate(t, tid, &h, &kt);
  if (rc < 0) return rc;
  if (n >= REG_CSR0) return debug_csr_set(h ? h : hart0(t), n - REG_CSR0, val);
  if (n > REG_PC) return -ENOENT;
  if (h) {
    if (n == REG_PC) {
      h->pc = val;
      cpu_kick(h);
    } else if (n) {
      h->x[n] = val;
    }
    return 0;
  }
  uint32_t x[32], pc;
  if ((rc = t->ops->debug->regs(t->k, kt.pid, x, &pc)) < 0) return rc;
  if (n == REG_PC)
    pc = val;
  else if (n)
    x[n] = val;
  return t->ops->debug->set_regs(t->k, kt.pid, x, pc);
}

int gdb_thread_satp(struct gdb_target *t, int tid, uint32_t *satp) {
  struct hart *h;
  struct kernel_thread kt = {0};
  int rc = locate(t, tid, &h, &kt);
  if (rc < 0) return rc;
  *satp = t->ops->debug ? kt.satp : debug_hart_satp(h);
  return 0;
}

long gdb_read_mem(struct gdb_target *t, int tid, uint32_t va, void *buf, size_t n) {
  uint32_t satp;
  int rc = gdb_thread_satp(t, tid, &satp);
  return rc < 0 ? rc : debug_read(mach(t), satp, va, buf, n);
}

long gdb_write_mem(struct gdb_target *t, int tid, uint32_t va, const void *buf, size_t n) {
  uint32_t satp;
  int rc = gdb_thread_satp(t, tid, &satp);
  return rc < 0 ? rc : debug_write(mach(t), satp, va, buf, n);
}

/* ---- breakpoints and watchpoints ---- */

int gdb_point_add(struct gdb_target *t, int type, uint32_t addr, uint32_t len) {
  if (type < 0 || type > 2 || (type == 2 && (len == 0 || len > sizeof t->points[0].old)))
    return -EINVAL;
  for (unsigned i = 0; i < t->npoints; i++)
    if (t->points[i].type == type && t->points[i].addr == addr && t->points[i].len == len) return 0;
  if (t->npoints == GDB_MAX_POINTS) return -ENOSPC;
  struct gdb_point p = {.type = type, .addr = addr, .len = len, .tid = gdb_current_tid(t)};
  if (type == 2 && gdb_read_mem(t, p.tid, addr, p.old, len) != (long)len) return -EINVAL;
  t->points[t->npoints++] = p;
  return 0;
}

void gdb_point_remove(struct gdb_target *t, int type, uint32_t addr, uint32_t len) {
  for (unsigned i = 0; i < t->npoints; i++)
    if (t->points[i].type == type && t->points[i].addr == addr && t->points[i].len == len) {
      t->points[i] = t->points[--t->npoints];
      return;
    }
}

/* ---- stepping ---- */

/* Where a stop may be shown: in user code of a hosted kernel, anywhere on bare and uni. */
static bool hart_at_boundary(const struct gdb_target *t, unsigned i) {
  return !t->ops->debug ||
         (mach(t)->harts[i]->priv == PRIV_U && t->ops->debug->on_hart(t->k, i) >= 0);
}

static bool at_boundary(const struct gdb_target *t) { return hart_at_boundary(t, t->hart); }

/* The cycle before which no instruction can run, or 0 if one can now: a hosted kernel
 * says (it idles its harts itself); on bare and uni, every hart waits in wfi for the next
 * device event or timer. */
static uint64_t idle_until(const struct gdb_target *t) {
  const struct machine *m = mach(t);
  if (t->ops->debug) return t->ops->debug->idle_until(t->k);
  uint64_t wake = evq_next(&m->evq);
  for (unsigned i = 0; i < m->nharts; i++) {
    const struct hart *h = m->harts[i];
    if (!h->wfi) return 0;
    if ((h->sie & SIP_STIP) && h->stimecmp < wake) wake = h->stimecmp;
  }
  return wake;
}

/* Runs the kernel by the least it can: one instruction on the hart furthest behind. When
 * nothing can run, time jumps instead to the next thing that can wake a thread (at most a
 * quantum on), and stops there: the step after a jump is one instruction again, so nothing
 * a wake-up runs goes unseen. */
static void nudge(struct gdb_target *t) {
  struct machine *m = mach(t);
  uint64_t low = UINT64_MAX;
  for (unsigned i = 0; i < m->nharts; i++)
    if (m->harts[i]->cycles < low) low = m->harts[i]->cycles;
  if (low < m->now) low = m->now;
  uint64_t until = low + 1, wake;
  if (!t->jumped && (wake = idle_until(t)) > until)
    until = wake < low + m->cfg.quantum ? wake : low + m->cfg.quantum;
  t->jumped = until > low + 1;
  t->state = t->ops->run(t->k, until);
}

static void exited(struct gdb_target *t, struct gdb_stop *stop) {
  *stop = (struct gdb_stop){.kind = GDB_STOP_EXITED, .status = t->k->exit_status};
  if (t->state != KERNEL_HALTED) stop->status = t->state == KERNEL_FAILED ? EXIT_PANIC : 1;
}

/* One step to the next boundary. False (and *stop filled) if the system stopped. */
static bool step_once(struct gdb_target *t, struct gdb_stop *stop) {
  struct gdb_pos p0 = gdb_position(t);
  uint32_t pc0 = stop_hart(t)->pc;
  for (;;) {
    nudge(t);
    if (t->state != KERNEL_RUNNING) {
      exited(t, stop);
      return false;
    }
    if (!at_boundary(t)) continue;
    struct gdb_pos p = gdb_position(t);
    if (p.instret != p0.instret || (stop_hart(t)->pc != pc0 && pos_before(p0, p))) return true;
  }
}

static bool at_ecall(struct gdb_target *t) {
  uint32_t insn = 0;
  return gdb_read_mem(t, 0, stop_hart(t)->pc, &insn, 4) == 4 && insn == ECALL;
}

static bool caught(const struct gdb_target *t, uint32_t num) {
  return t->catch_any || (num < GDB_NSYSCALLS && t->catch_set[num]);
}

static void trap_stop(struct gdb_target *t, struct gdb_stop *stop) {
  *stop =
      (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .signal = GDB_SIGTRAP, .tid = gdb_current_tid(t)};
}

/* Does a breakpoint stop the thread that is on hart 0 now? All do unless `monitor only`
 * names a program: a hosted kernel's programs share their addresses. */
static bool bp_applies(struct gdb_target *t, unsigned hart) {
  struct kernel_thread kt = {0};
  if (!t->only[0] || !t->ops->debug) return true;
  return kthread(t, t->ops->debug->on_hart(t->k, hart), &kt) && !strcmp(kt.name, t->only);
}

/* A breakpoint at the pc of a hart that is where a stop may be shown: that hart, or -1. */
static int breakpoint_hart(struct gdb_target *t) {
  for (unsigned h = 0; h < mach(t)->nharts; h++) {
    if (!hart_at_boundary(t, h)) continue;
    for (unsigned i = 0; i < t->npoints; i++)
      if (t->points[i].type < 2 && t->points[i].addr == mach(t)->harts[h]->pc && bp_applies(t, h))
        return (int)h;
  }
  return -1;
}

/* Did a breakpoint (on any hart), a watchpoint or a caught call stop us? Watchpoints and
 * calls are looked at only where a stop may be shown, so a word the kernel writes for a
 * process is reported when the process goes on. */
static bool check_points(struct gdb_target *t, struct gdb_stop *stop) {
  int hit = breakpoint_hart(t);
  if (hit >= 0) {
    t->hart = (unsigned)hit;
    trap_stop(t, stop);
    stop->breakpoint = true;
    return true;
  }
  if (!at_boundary(t)) return false;
  trap_stop(t, stop);
  for (unsigned i = 0; i < t->npoints; i++) {
    struct gdb_point *p = &t->points[i];
    uint8_t now[sizeof p->old];
    if (p->type == 2 && gdb_read_mem(t, p->tid, p->addr, now, p->len) == (long)p->len &&
        memcmp(now, p->old, p->len) != 0) {
      memcpy(p->old, now, p->len);
      stop->kind = GDB_STOP_WATCH;
      stop->addr = p->addr;
      return true;
    }
  }
  if (t->catch_syscalls && at_ecall(t)) {
    uint32_t num = 0;
    gdb_reg_get(t, 0, REG_A7, &num);
    if (caught(t, num)) {
      t->entry_reported = true;
      t->entry_syscall = num;
      stop->kind = GDB_STOP_SYSCALL_ENTRY;
      stop->syscall = num;
      return true;
    }
  }
  return false;
}

/* One step from here. -1: the system stopped; 1: the step ended at a breakpoint,
 * watchpoint or caught call (or left a call whose entry was reported); 0: just a step. */
static int step_from_here(struct gdb_target *t, struct gdb_stop *stop) {
  bool was_entry = t->entry_reported;
  t->entry_reported = false;
  if (!step_once(t, stop)) return -1;
  trap_stop(t, stop);
  if (was_entry && t->catch_syscalls && caught(t, t->entry_syscall)) {
    stop->kind = GDB_STOP_SYSCALL_RETURN;
    stop->syscall = t->entry_syscall;
    return 1;
  }
  if (check_points(t, stop)) return 1;
  trap_stop(t, stop);
  return 0;
}

void gdb_step(struct gdb_target *t, struct gdb_stop *stop) {
  step_from_here(t, stop);
  t->last = *stop;
}

/* Steps to the next boundary if the machine is between two (after a slice). */
static bool settle(struct gdb_target *t, struct gdb_stop *stop) {
  while (!at_boundary(t)) {
    nudge(t);
    if (t->state != KERNEL_RUNNING) {
      exited(t, stop);
      return false;
    }
  }
  return true;
}

/* How many steps go between two looks at Ctrl-C. */
#define STEPS_PER_POLL 4096

void gdb_continue(struct gdb_target *t, gdb_interrupted_fn interrupted, void *ctx,
                  struct gdb_stop *stop) {
  if (t->npoints == 0 && !t->catch_syscalls) {
    t->entry_reported = false;
    for (;;) {
      t->state = t->ops->run(t->k, machine_now(mach(t)) + RUN_SLICE_CYCLES);
      if (t->state != KERNEL_RUNNING) {
        exited(t, stop);
        break;
      }
      if (interrupted(ctx)) {
        if (settle(t, stop)) {
          trap_stop(t, stop);
          stop->signal = GDB_SIGINT;
        }
        break;
      }
    }
    t->last = *stop;
    return;
  }
  /* Off the instruction it stopped at first, so that its own breakpoint does not fire;
   * then every hart is looked at after each of its instructions. */
  if (step_from_here(t, stop) == 0) {
    for (unsigned long n = 1;; n++) {
      nudge(t);
      if (t->state != KERNEL_RUNNING) {
        exited(t, stop);
        break;
      }
      if (check_points(t, stop)) break;
      if (n % STEPS_PER_POLL == 0 && interrupted(ctx)) {
        if (settle(t, stop)) {
          trap_stop(t, stop);
          stop->signal = GDB_SIGINT;
        }
        break;
      }
    }
  }
  t->last = *stop;
}

enum kernel_state gdb_run_free(struct gdb_target *t, uint64_t until) {
  if (t->state == KERNEL_RUNNING) t->state = t->ops->run(t->k, until);
  return t->state;
}

/* ---- reverse execution ---- */

static int reboot(struct gdb_target *t) {
  char err[512];
  if (!t->replayable) return -EPERM;
  if (t->rec.con.lost) return -ENOMEM; /* the input record is incomplete */
  t->ops->destroy(t->k);
  t->k = NULL;
  int rc = boot(t, err, sizeof err);
  return rc < 0 ? rc : 0;
}

/* Runs forward, fast, to no further than `instret` instructions: a slice of n cycles
 * retires at most n instructions on a hart, so slices of what is left never overshoot. */
static void fast_forward(struct gdb_target *t, uint64_t instret) {
  struct machine *m = mach(t);
  for (;;) {
    uint64_t done = machine_instret(m);
    if (done + 64 >= instret || t->state != KERNEL_RUNNING) return;
    uint64_t low = UINT64_MAX;
    for (unsigned i = 0; i < m->nharts; i++)
      if (m->harts[i]->cycles < low) low = m->harts[i]->cycles;
    if (low < m->now) low = m->now;
    uint64_t left = (instret - done - 64) / m->nharts;
    t->state = t->ops->run(t->k, low + (left > RUN_SLICE_CYCLES ? RUN_SLICE_CYCLES : left));
  }
}

/* Boots again and runs to the boundary at `goal` exactly. */
static int replay_to(struct gdb_target *t, struct gdb_pos goal, struct gdb_stop *stop) {
  int rc = reboot(t);
  if (rc < 0) return rc;
  fast_forward(t, goal.instret);
  t->ntrail = 0;
  if (!settle(t, stop)) return 0;
  for (;;) {
    struct gdb_pos p = gdb_position(t);
    if (t->ntrail == sizeof t->trail / sizeof t->trail[0]) { /* keep the newest half */
      t->ntrail /= 2;
      memmove(t->trail, t->trail + t->ntrail, t->ntrail * sizeof t->trail[0]);
    }
    t->trail[t->ntrail++] = p;
    if (!pos_before(p, goal) || !step_once(t, stop)) break;
  }
  if (t->state == KERNEL_RUNNING) trap_stop(t, stop);
  return 0;
}

static bool pos_equal(struct gdb_pos a, struct gdb_pos b) {
  return a.instret == b.instret && a.cycles == b.cycles;
}

int gdb_reverse_step(struct gdb_target *t, struct gdb_stop *stop) {
  struct gdb_pos here = gdb_position(t), prev = {0, 0};
  bool any = false;
  for (unsigned j = t->ntrail; j-- > 1;) /* known from the last replay: one replay, not two */
    if (pos_equal(t->trail[j], here)) {
      int rc = replay_to(t, t->trail[j - 1], stop);
      if (rc == 0) t->last = *stop;
      return rc;
    }
  int rc = reboot(t);
  if (rc < 0) return rc;
  fast_forward(t, here.instret > 0 ? here.instret - 1 : 0);
  if (settle(t, stop)) {
    for (struct gdb_pos p = gdb_position(t); pos_before(p, here); p = gdb_position(t)) {
      prev = p;
      any = true;
      if (!step_once(t, stop)) break;
    }
  }
  if (!any) {
    if ((rc = replay_to(t, (struct gdb_pos){0, 0}, stop)) < 0) return rc;
    stop->kind = GDB_STOP_HISTORY_BEGIN;
  } else if ((rc = replay_to(t, prev, stop)) < 0) {
    return rc;
  }
  t->last = *stop;
  return 0;
}

int gdb_reverse_continue(struct gdb_target *t, gdb_interrupted_fn interrupted, void *ctx,
                         struct gdb_stop *stop) {
  struct gdb_pos here = gdb_position(t), hit = {0, 0};
  bool any = false;
  int rc = reboot(t);
  if (rc < 0) return rc;
  /* Breakpoints only: a watchpoint's old value belongs to the forward run. */
  for (unsigned long n = 1; t->state == KERNEL_RUNNING; n++) {
    struct gdb_pos p = gdb_position(t);
    if (!pos_before(p, here)) break;
    if (breakpoint_hart(t) >= 0) {
      hit = p;
      any = true;
    }
    if (n % STEPS_PER_POLL == 0 && interrupted(ctx)) break;
    nudge(t);
  }
  if ((rc = replay_to(t, hit, stop)) < 0) return rc;
  if (any)
    stop->breakpoint = true;
  else
    stop->kind = GDB_STOP_HISTORY_BEGIN;
  t->last = *stop;
  return 0;
}
