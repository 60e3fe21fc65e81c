/*
 * syscall.c: system call dispatch and the calls on processes — xv6's syscall.c and
 * sysproc.c. Arguments arrive in a0..a5 of the hart; the result goes back in a0 (a negative
 * errno on failure). Every user pointer goes through copyin/copyout, so a bad one is
 * -EFAULT, never a host fault.
 */
#include <string.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "abi/systab.h"
#include "exec.h"
#include "mono.h"

int sys_read(struct mono *, struct proc *, const uint32_t *);
int sys_write(struct mono *, struct proc *, const uint32_t *);
int sys_close(struct mono *, struct proc *, const uint32_t *);
int sys_dup(struct mono *, struct proc *, const uint32_t *);
int sys_pipe(struct mono *, struct proc *, const uint32_t *);
int sys_open(struct mono *, struct proc *, const uint32_t *);
int sys_fstat(struct mono *, struct proc *, const uint32_t *);
int sys_lseek(struct mono *, struct proc *, const uint32_t *);
int sys_link(struct mono *, struct proc *, const uint32_t *);
int sys_unlink(struct mono *, struct proc *, const uint32_t *);
int sys_mkdir(struct mono *, struct proc *, const uint32_t *);
int sys_mknod(struct mono *, struct proc *, const uint32_t *);
int sys_chdir(struct mono *, struct proc *, const uint32_t *);
int sys_symlink(struct mono *, struct proc *, const uint32_t *);
int sys_readlink(struct mono *, struct proc *, const uint32_t *);

static int sys_fork(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p, (void)a;
  return proc_fork(k);
}

static int sys_exit(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  proc_exit(k, (int)a[0]);
  return 0; /* not reached */
}

static int sys_wait(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return proc_wait(k, a[0]);
}

static int sys_kill(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return proc_kill(k, (int)a[0]);
}

static int sys_getpid(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)k, (void)a;
  return p->pid;
}

/* trace(mask): from now on, print each system call whose number's bit is set in mask, for
 * this process and the children it forks after. (Lab 1.) */
static int sys_trace(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)k;
  // LAB 01 BEGIN
  p->trace_mask = a[0];
  return 0;
  // LAB 01 STARTER
  // (void)p, (void)a;
  // return -OSSIM_ENOSYS; /* TODO (lab 1): remember the mask in the process */
  // LAB 01 END
}

static int sys_getppid(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)k, (void)a;
  return p->leader->parent ? p->leader->parent->pid : 0;
}

static int sys_sbrk(struct mono *k, struct proc *p, const uint32_t *a) {
  struct proc *g = p->leader; /* the memory is the process's */
  int32_t n = (int32_t)a[0];
  uint32_t old = g->sz;
  int rc;
  if (n >= 0)
    rc = (uint64_t)old + (uint32_t)n > USER_TOP ? -OSSIM_ENOMEM : uvm_grow(k, g, old + (uint32_t)n);
  else {
    uint32_t less = 0u - (uint32_t)n; /* not -n, which overflows for INT32_MIN */
    rc = less > old - USER_BASE ? -OSSIM_EINVAL : uvm_shrink(k, g, old - less);
  }
  return rc < 0 ? rc : (int)old;
}

/* Ticks are milliseconds of simulated time (TICK_CYCLES). */
static uint32_t ticks(struct mono *k) { return (uint32_t)(mycpu(k)->h->cycles / TICK_CYCLES); }

static int sys_uptime(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p, (void)a;
  return (int)ticks(k);
}

/* A machine event at the end of a sleep: wake the sleeper (it checks the time itself). */
static void sleep_done(void *ctx, uint64_t now) {
  struct proc *p = ctx;
  (void)now;
  wakeup(p->k, &p->sleep_until);
}

static int sys_sleep(struct mono *k, struct proc *p, const uint32_t *a) {
  if ((int32_t)a[0] < 0) return -OSSIM_EINVAL;
  p->sleep_until = mycpu(k)->h->cycles + (uint64_t)a[0] * TICK_CYCLES;
  if (machine_schedule(k->k.m, p->sleep_until, sleep_done, p) < 0) return -OSSIM_ENOMEM;
  while (mycpu(k)->h->cycles < p->sleep_until) {
    if (p->killed) {
      evq_cancel(&k->k.m->evq, sleep_done, p);
      return -OSSIM_EINTR;
    }
    sleep_on(k, &p->sleep_until);
  }
  return 0;
}

static int sys_yield(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p, (void)a;
  yield(k);
  return 0;
}

static int sys_trace_mark(struct mono *k, struct proc *p, const uint32_t *a) {
  machine_emit(k->k.m, EV_MARK, a[0], a[1], a[2], (uint32_t)p->tid);
  return 0;
}

static int sys_procinfo(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  if ((int32_t)a[1] < 0) return -OSSIM_EINVAL;
  return proc_info(k, a[0], (int)a[1]);
}

static int sys_exec(struct mono *k, struct proc *p, const uint32_t *a) {
  char path[FILE_MAXPATH], args[MAXARG][FILE_MAXPATH], *argv[MAXARG + 1];
  int rc = copyinstr(k, path, a[0], sizeof path), argc = 0;
  if (rc < 0) return rc;
  for (;; argc++) {
    uint32_t uarg;
    if (argc == MAXARG) return -OSSIM_E2BIG;
    if (copyin(k, &uarg, a[1] + 4 * (uint32_t)argc, 4) < 0) return -OSSIM_EFAULT;
    if (!uarg) break;
    if ((rc = copyinstr(k, args[argc], uarg, FILE_MAXPATH)) < 0)
      return rc == -OSSIM_ENAMETOOLONG ? -OSSIM_E2BIG : rc;
    argv[argc] = args[argc];
  }
  argv[argc] = NULL;
  return exec_program(k, p, path, argv, argc);
}

/* Copies a module name and an optional text argument in, runs op, and copies its message
 * out to the caller's buffer (so insmod can say exactly what was wrong). */
static int module_call(struct mono *k, const uint32_t *a, bool with_params) {
  char name[64], params[256] = "", msg[256];
  int rc = copyinstr(k, name, a[0], sizeof name);
  if (rc >= 0 && with_params && a[1]) rc = copyinstr(k, params, a[1], sizeof params);
  if (rc < 0) return rc;
  uint32_t buf = with_params ? a[2] : a[1], len = with_params ? a[3] : a[2];
  rc = with_params ? mod_insmod(k, name, params, msg, sizeof msg)
                   : mod_rmmod(k, name, msg, sizeof msg);
  uint32_t n = (uint32_t)strlen(msg) + 1;
  if (buf && len && copyout(k, buf, msg, n < len ? n : len) < 0) return -OSSIM_EFAULT;
  return rc;
}

static int sys_insmod(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return module_call(k, a, true);
}

static int sys_rmmod(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return module_call(k, a, false);
}

static int sys_lsmod(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  char text[2048];
  int n = mod_list(k, text, sizeof text);
  if ((int32_t)a[1] < 0) return -OSSIM_EINVAL;
  uint32_t m = (uint32_t)n < a[1] ? (uint32_t)n : a[1];
  if (m && copyout(k, a[0], text, m) < 0) return -OSSIM_EFAULT;
  return (int)m;
}

static int sys_setpriority(struct mono *k, struct proc *p, const uint32_t *a) {
  return proc_setpriority(k, a[0] ? (int)a[0] : p->pid, (int)a[1], (int32_t)a[2]);
}

/* bpf(cmd, attr): eBPF objects (bpf.c). */
static int sys_bpf(struct mono *k, struct proc *p, const uint32_t *a) {
  return mono_bpf_syscall(k, p, a[0], a[1]);
}

static int sys_thread_create(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return thread_create(k, a[0], a[1], a[2], a[3]);
}

static int sys_thread_exit(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p, (void)a;
  thread_exit(k);
  return 0; /* not reached */
}

static int sys_thread_join(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return thread_join(k, (int)a[0]);
}

static int sys_gettid(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)k, (void)a;
  return p->tid;
}

static int sys_futex_wait(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return futex_wait(k, a[0], a[1]);
}

static int sys_futex_wake(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)p;
  return futex_wake(k, a[0], (int)a[1]);
}

typedef int (*sysfn)(struct mono *, struct proc *, const uint32_t *);

static const sysfn calls[SYS_count] = {
    [SYS_fork] = sys_fork,
    [SYS_exit] = sys_exit,
    [SYS_wait] = sys_wait,
    [SYS_pipe] = sys_pipe,
    [SYS_read] = sys_read,
    [SYS_kill] = sys_kill,
    [SYS_exec] = sys_exec,
    [SYS_fstat] = sys_fstat,
    [SYS_chdir] = sys_chdir,
    [SYS_dup] = sys_dup,
    [SYS_getpid] = sys_getpid,
    [SYS_sbrk] = sys_sbrk,
    [SYS_sleep] = sys_sleep,
    [SYS_uptime] = sys_uptime,
    [SYS_open] = sys_open,
    [SYS_write] = sys_write,
    [SYS_mknod] = sys_mknod,
    [SYS_unlink] = sys_unlink,
    [SYS_link] = sys_link,
    [SYS_mkdir] = sys_mkdir,
    [SYS_close] = sys_close,
    [SYS_getppid] = sys_getppid,
    [SYS_lseek] = sys_lseek,
    [SYS_yield] = sys_yield,
    [SYS_trace_mark] = sys_trace_mark,
    [SYS_procinfo] = sys_procinfo,
    [SYS_insmod] = sys_insmod,
    [SYS_rmmod] = sys_rmmod,
    [SYS_lsmod] = sys_lsmod,
    [SYS_setpriority] = sys_setpriority,
    [SYS_trace] = sys_trace,
    [SYS_symlink] = sys_symlink,
    [SYS_readlink] = sys_readlink,
    [SYS_bpf] = sys_bpf,
    [SYS_thread_create] = sys_thread_create,
    [SYS_thread_exit] = sys_thread_exit,
    [SYS_thread_join] = sys_thread_join,
    [SYS_gettid] = sys_gettid,
    [SYS_futex_wait] = sys_futex_wait,
    [SYS_futex_wake] = sys_futex_wake,
};

void mono_syscall(struct mono *k, struct proc *p) {
  struct hart *h = mycpu(k)->h;
  uint32_t num = h->x[17], a[6];
  memcpy(a, &h->x[10], sizeof a);
  h->cycles += k->k.m->cfg.cost.kernel_syscall; /* this C code's own work (sim/cost.h) */
  machine_emit(k->k.m, EV_SYSCALL_ENTER, (uint32_t)p->tid, num, a[0], a[1]);
  struct mod_trace t;
  bool traced = k->tracer != NULL; /* all a call pays when no tracer is loaded */
  if (traced) mod_trace_begin(k, p, num, a, &t);
  int ret = k->bpf ? mono_bpf_enter(k, p, num, a) : 0; /* a filter may refuse the call */
  if (ret == 0) ret = num < SYS_count && calls[num] ? calls[num](k, p, a) : -OSSIM_ENOSYS;
  if (k->bpf) mono_bpf_exit(k, p, num, ret);
  machine_emit(k->k.m, EV_SYSCALL_EXIT, (uint32_t)p->tid, num, (uint32_t)ret, 0);
  // LAB 01 BEGIN
  if (num < 32 && (p->trace_mask >> num & 1) && systab(num))
    mono_console_printf(k, "%d: syscall %s -> %d\n", p->pid, systab(num)->name, ret);
  // LAB 01 STARTER
  // /* TODO (lab 1): if p traces call num, print "PID: syscall NAME -> RESULT" */
  // LAB 01 END
  if (traced && k->tracer) mod_trace_end(k, p, &t, ret); /* the call may have unloaded it */
  /* The process may have slept and woken on another hart: answer on the one it is on. */
  mycpu(k)->h->x[10] = (uint32_t)ret;
}
