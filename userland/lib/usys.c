/*
 * usys: the system calls, each a call into the vDSO page (abi/syscall.h).
 *
 * Entry n of the page, at VDSO_BASE + n * VDSO_STRIDE, is a function taking the call's
 * arguments in a0..a5 and returning its result in a0. How it reaches the kernel is the
 * kernel's business (on mono it is `li a7, n; ecall; ret`), which is why this file is all a
 * program needs to run on any kernel. A result from -4095 to -1 is an error (-ENOENT ...);
 * anything else -- a count, a descriptor, an address -- is a success. This is Linux's rule,
 * and it keeps addresses above 2 GiB from looking like errors.
 */
#include "abi/syscall.h"
#include "user.h"

int errno;

/* The vDSO entry of call n, called with four arguments (no call takes more). */
static inline long vdso_call(int n, long a0, long a1, long a2, long a3) {
  typedef long (*entry_fn)(long, long, long, long, long, long);
  entry_fn f = (entry_fn)(uintptr_t)(VDSO_BASE + (uint32_t)n * VDSO_STRIDE);
  return f(a0, a1, a2, a3, 0, 0);
}

static inline int is_error(long r) { return (unsigned long)r >= (unsigned long)-4095; }

/* Performs call n and records a failure in errno; returns the kernel's result. */
static long sys(int n, long a0, long a1, long a2, long a3) {
  long r = vdso_call(n, a0, a1, a2, a3);
  if (is_error(r)) errno = (int)-r;
  return r;
}

/* Pointer arguments travel as longs. */
#define P(p) ((long)(uintptr_t)(p))

int fork(void) { return (int)sys(SYS_fork, 0, 0, 0, 0); }

int exit(int status) {
  sys(SYS_exit, status, 0, 0, 0);
  for (;;) /* not reached: exit does not return */
    ;
}

int wait(int *status) { return (int)sys(SYS_wait, P(status), 0, 0, 0); }
int pipe(int *fds) { return (int)sys(SYS_pipe, P(fds), 0, 0, 0); }
int write(int fd, const void *buf, int n) { return (int)sys(SYS_write, fd, P(buf), n, 0); }
int read(int fd, void *buf, int n) { return (int)sys(SYS_read, fd, P(buf), n, 0); }
int close(int fd) { return (int)sys(SYS_close, fd, 0, 0, 0); }
int kill(int pid) { return (int)sys(SYS_kill, pid, 0, 0, 0); }
int exec(const char *path, char **argv) { return (int)sys(SYS_exec, P(path), P(argv), 0, 0); }
int open(const char *path, int flags) { return (int)sys(SYS_open, P(path), flags, 0, 0); }
int mknod(const char *path, short major, short minor) {
  return (int)sys(SYS_mknod, P(path), major, minor, 0);
}
int unlink(const char *path) { return (int)sys(SYS_unlink, P(path), 0, 0, 0); }
int fstat(int fd, struct stat *st) { return (int)sys(SYS_fstat, fd, P(st), 0, 0); }
int link(const char *oldpath, const char *newpath) {
  return (int)sys(SYS_link, P(oldpath), P(newpath), 0, 0);
}
int mkdir(const char *path) { return (int)sys(SYS_mkdir, P(path), 0, 0, 0); }
int chdir(const char *path) { return (int)sys(SYS_chdir, P(path), 0, 0, 0); }
int dup(int fd) { return (int)sys(SYS_dup, fd, 0, 0, 0); }
int getpid(void) { return (int)sys(SYS_getpid, 0, 0, 0, 0); }

/* The kernel returns the old end of the heap or an error; the caller sees SBRK_ERROR for
 * the latter, as xv6 programs expect (-1 cast to a pointer), with errno set. */
char *sbrk(int n) {
  long r = sys(SYS_sbrk, n, 0, 0, 0);
  return is_error(r) ? SBRK_ERROR : (char *)(uintptr_t)r;
}

int sleep(int ticks) { return (int)sys(SYS_sleep, ticks, 0, 0, 0); }
int uptime(void) { return (int)sys(SYS_uptime, 0, 0, 0, 0); }
int getppid(void) { return (int)sys(SYS_getppid, 0, 0, 0, 0); }
int trace(int mask) { return (int)sys(SYS_trace, (uint32_t)mask, 0, 0, 0); }
int lseek(int fd, int offset, int whence) { return (int)sys(SYS_lseek, fd, offset, whence, 0); }
int yield(void) { return (int)sys(SYS_yield, 0, 0, 0, 0); }
int trace_mark(int id, int a0, int a1, int a2) { return (int)sys(SYS_trace_mark, id, a0, a1, a2); }
int procinfo(struct procinfo *buf, int max) { return (int)sys(SYS_procinfo, P(buf), max, 0, 0); }
int insmod(const char *name, const char *params, char *msg, int msglen) {
  return (int)sys(SYS_insmod, P(name), P(params), P(msg), msglen);
}
int rmmod(const char *name, char *msg, int msglen) {
  return (int)sys(SYS_rmmod, P(name), P(msg), msglen, 0);
}
int lsmod(char *buf, int len) { return (int)sys(SYS_lsmod, P(buf), len, 0, 0); }
int bpf(int cmd, struct bpf_attr *attr) { return (int)sys(SYS_bpf, cmd, P(attr), 0, 0); }
int setpriority(int pid, int prio, int tickets) {
  return (int)sys(SYS_setpriority, pid, prio, tickets, 0);
}
int inject(const char *server) { return (int)sys(SYS_inject, P(server), 0, 0, 0); }
int symlink(const char *target, const char *path) {
  return (int)sys(SYS_symlink, P(target), P(path), 0, 0);
}
int readlink(const char *path, char *buf, int n) {
  return (int)sys(SYS_readlink, P(path), P(buf), n, 0);
}
int thread_create(void (*entry)(void *), void *arg, void *sp, void *tls) {
  return (int)sys(SYS_thread_create, P(entry), P(arg), P(sp), P(tls));
}
int thread_exit(void) {
  sys(SYS_thread_exit, 0, 0, 0, 0);
  for (;;) /* not reached: the thread has ended */
    ;
}
int thread_join(int tid) { return (int)sys(SYS_thread_join, tid, 0, 0, 0); }
int gettid(void) { return (int)sys(SYS_gettid, 0, 0, 0, 0); }
int futex_wait(volatile uint32_t *addr, uint32_t expected) {
  return (int)sys(SYS_futex_wait, P(addr), (long)expected, 0, 0);
}
int futex_wake(volatile uint32_t *addr, int n) {
  return (int)sys(SYS_futex_wake, P(addr), n, 0, 0);
}
