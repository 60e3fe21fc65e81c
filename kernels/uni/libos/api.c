/*
 * api.c: the C library's system calls (user.h), as the library OS implements them: each is
 * a plain function call. The uni link leaves out the C library's usys.o, whose functions of
 * the same names call the vDSO page, and links this file instead -- the program's objects
 * are the very ones that go into the disk image for mono.
 *
 * A call behaves as on mono: a negative error number is returned and also stored in errno.
 * When the event stream is recorded, each call is marked on entry and exit (abi/marks.h)
 * with its system-call number, so a trace shows where a program's time goes in the library
 * OS as mono's shows its system calls.
 *
 * What one program in one address space cannot do returns -ENOSYS: fork, exec, wait and
 * kill have no second process to make, replace, wait for or signal (docs/uni.md), and
 * there is no kernel to load modules into. Threads too: the library OS runs one thread on
 * one hart, so thread_create and the futex return -ENOSYS (gettid is the pid, 1). getpid is 1 and
 * getppid 0: the program is the first and only process, with no parent.
 */
#include "abi/marks.h"
#include "abi/syscall.h"
#include "libos.h"
#include "user.h"

int errno;

static inline int is_error(long r) { return (unsigned long)r >= (unsigned long)-4095; }

static void enter(int n, long a0, long a1) {
  if (libos_boot_info.marks) libos_mark(MARK_UNI_CALL(n), MARK_ENTER, (uint32_t)a0, (uint32_t)a1);
}

/* The end of call n with result r: the exit mark, and errno on a failure. */
static long leave(int n, long r) {
  if (libos_boot_info.marks) libos_mark(MARK_UNI_CALL(n), MARK_EXIT, (uint32_t)r, 0);
  if (is_error(r)) errno = (int)-r;
  return r;
}

/* CALL(n, a0, a1, expr): call number n, marked with its first two arguments, is expr. */
#define CALL(n, a0, a1, expr) (enter(n, (long)(a0), (long)(a1)), leave(n, (long)(expr)))
#define P(p) ((long)(uintptr_t)(p))

/* ---- what needs a second process ---- */

int fork(void) { return (int)CALL(SYS_fork, 0, 0, -ENOSYS); }
int wait(int *status) { return (int)CALL(SYS_wait, P(status), 0, -ENOSYS); }
int kill(int pid) { return (int)CALL(SYS_kill, pid, 0, -ENOSYS); }
int exec(const char *path, char **argv) { return (int)CALL(SYS_exec, P(path), P(argv), -ENOSYS); }

_Noreturn void libos_exit(int status) {
  enter(SYS_exit, status, 0);
  libos_poweroff(status);
}

int exit(int status) { libos_exit(status); }

/* ---- files ---- */

int pipe(int *fds) { return (int)CALL(SYS_pipe, P(fds), 0, libos_pipe(fds)); }
int write(int fd, const void *buf, int n) {
  return (int)CALL(SYS_write, fd, n, libos_write(fd, buf, n));
}
int read(int fd, void *buf, int n) { return (int)CALL(SYS_read, fd, n, libos_read(fd, buf, n)); }
int close(int fd) { return (int)CALL(SYS_close, fd, 0, libos_close(fd)); }
int open(const char *path, int flags) {
  return (int)CALL(SYS_open, P(path), flags, libos_open(path, flags));
}
int fstat(int fd, struct stat *st) { return (int)CALL(SYS_fstat, fd, P(st), libos_fstat(fd, st)); }
int dup(int fd) { return (int)CALL(SYS_dup, fd, 0, libos_dup(fd)); }
int lseek(int fd, int offset, int whence) {
  return (int)CALL(SYS_lseek, fd, offset, libos_lseek(fd, offset, whence));
}

int mknod(const char *path, short major, short minor) {
  return (int)CALL(SYS_mknod, P(path), major, libos_path_call(SYS_mknod, path, 0, major, minor));
}
int unlink(const char *path) {
  return (int)CALL(SYS_unlink, P(path), 0, libos_path_call(SYS_unlink, path, 0, 0, 0));
}
int link(const char *oldpath, const char *newpath) {
  return (int)CALL(SYS_link, P(oldpath), P(newpath),
                   libos_path_call(SYS_link, oldpath, newpath, 0, 0));
}
int mkdir(const char *path) {
  return (int)CALL(SYS_mkdir, P(path), 0, libos_path_call(SYS_mkdir, path, 0, 0, 0));
}
int chdir(const char *path) {
  return (int)CALL(SYS_chdir, P(path), 0, libos_path_call(SYS_chdir, path, 0, 0, 0));
}
int symlink(const char *target, const char *path) {
  return (int)CALL(SYS_symlink, P(target), P(path),
                   libos_path_call(SYS_symlink, target, path, 0, 0));
}
int readlink(const char *path, char *buf, int n) {
  return (int)CALL(SYS_readlink, P(path), n, libos_readlink(path, buf, n));
}

/* ---- memory, time, and the process ---- */

char *sbrk(int n) {
  long r = CALL(SYS_sbrk, n, 0, libos_sbrk(n));
  return is_error(r) ? SBRK_ERROR : (char *)(uintptr_t)r;
}

int sleep(int ticks) {
  if (ticks < 0) return (int)CALL(SYS_sleep, ticks, 0, -EINVAL);
  return (int)CALL(SYS_sleep, ticks, 0, (libos_sleep_ticks((uint32_t)ticks), 0));
}

int uptime(void) { return (int)CALL(SYS_uptime, 0, 0, libos_ticks()); }
int getpid(void) { return (int)CALL(SYS_getpid, 0, 0, 1); }
int getppid(void) { return (int)CALL(SYS_getppid, 0, 0, 0); }
int yield(void) { return (int)CALL(SYS_yield, 0, 0, 0); } /* no one else to run */

int trace_mark(int id, int a0, int a1, int a2) {
  libos_mark((uint32_t)id, (uint32_t)a0, (uint32_t)a1, (uint32_t)a2);
  return 0;
}

/* The one process: running, named after the program. */
static int one_procinfo(struct procinfo *buf, int max) {
  if (max < 0) return -EINVAL;
  if (max == 0) return 0;
  uint32_t lo, hi;
  __asm__ volatile("rdcycle %0; rdcycleh %1" : "=r"(lo), "=r"(hi));
  struct procinfo one = {.pid = 1,
                         .state = PROC_RUNNING,
                         .cpu_cycles = (uint64_t)hi << 32 | lo,
                         .size = libos_mem_size()};
  const char *base = strrchr(libos_boot_info.name, '/');
  strncpy(one.name, base ? base + 1 : libos_boot_info.name, sizeof one.name - 1);
  int rc = libos_put(buf, &one, sizeof one);
  return rc < 0 ? rc : 1;
}

int procinfo(struct procinfo *buf, int max) {
  return (int)CALL(SYS_procinfo, P(buf), max, one_procinfo(buf, max));
}

/* ---- kernel modules: no kernel to load them into ---- */

int insmod(const char *name, const char *params, char *msg, int msglen) {
  (void)params, (void)msg, (void)msglen;
  return (int)CALL(SYS_insmod, P(name), 0, -ENOSYS);
}
int rmmod(const char *name, char *msg, int msglen) {
  (void)msg, (void)msglen;
  return (int)CALL(SYS_rmmod, P(name), 0, -ENOSYS);
}
int lsmod(char *buf, int len) { return (int)CALL(SYS_lsmod, P(buf), len, -ENOSYS); }
int bpf(int cmd, struct bpf_attr *attr) { return (int)CALL(SYS_bpf, cmd, P(attr), -ENOSYS); }

/* No scheduler to set parameters for, and no kernel to print a trace (lab 1): one program
 * runs alone, start to end. */
int setpriority(int pid, int prio, int tickets) {
  (void)prio, (void)tickets;
  return (int)CALL(SYS_setpriority, pid, 0, -ENOSYS);
}
int trace(int mask) { return (int)CALL(SYS_trace, mask, 0, -ENOSYS); }
int inject(const char *server) { return (int)CALL(SYS_inject, P(server), 0, -ENOSYS); }

/* ---- threads: one thread on one hart ---- */

int thread_create(void (*entry)(void *), void *arg, void *sp, void *tls) {
  (void)arg, (void)sp, (void)tls;
  return (int)CALL(SYS_thread_create, P(entry), 0, -ENOSYS);
}
int thread_exit(void) { return exit(0); }
int thread_join(int tid) { return (int)CALL(SYS_thread_join, tid, 0, -ENOSYS); }
int gettid(void) { return (int)CALL(SYS_gettid, 0, 0, 1); }
int futex_wait(volatile uint32_t *addr, uint32_t expected) {
  return (int)CALL(SYS_futex_wait, P(addr), expected, -ENOSYS);
}
int futex_wake(volatile uint32_t *addr, int n) {
  return (int)CALL(SYS_futex_wake, P(addr), n, -ENOSYS);
}
