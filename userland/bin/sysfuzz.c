/*
 * sysfuzz [N] [SEED]: calls the system calls N times (default 20000) with random numbers and
 * random arguments — small integers, wild pointers, pointers into its own memory, strings —
 * in a child process, then checks that the system is still there. A kernel must answer
 * every call with a result or an error and never crash; the test of that is that this
 * program gets to print its last line. Calls that would end or stall the run (exit, sleep,
 * kill, exec, a read of the console, a thread, a futex wait) are left out, a pipe it makes is
 * closed at once (it could block on it forever), and a fork's child exits at once.
 *
 * With a kernel, a call goes straight to its vDSO entry, so that numbers no call has reach
 * the kernel too. The unikernel (lab 10's port) has no fork, no vDSO and no system-call
 * numbers: there the fuzzing runs in this process and calls the library OS's functions.
 */
#include "abi/syscall.h"
#include "user.h"

static uint32_t rng;

static uint32_t next(void) { /* xorshift32: the same calls for the same seed */
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

static int direct; /* no kernel boundary (a unikernel): call the C library's functions */

/* What the pointers it makes point into: the first half. On a unikernel, also its path. */
static char scratch[512];

/* A number argument. Where writes through a pointer into the program's memory can reach
 * the library OS's own data (a unikernel: nothing protects it), it stays below 256, so that
 * a pointer into scratch's first half and a size from here keep every write in scratch. */
static long number(void) {
  // LAB 10 BEGIN
  if (direct) return (long)(next() % 256);
  // LAB 10 STARTER
  // LAB 10 END
  return (long)next();
}

/* A path argument. A literal is read-only only where there is an MMU. */
static long path(void) {
  // LAB 10 BEGIN
  if (direct) return (long)(uintptr_t)strcpy(scratch + 256, "/tmp-fuzz");
  // LAB 10 STARTER
  // LAB 10 END
  return (long)(uintptr_t) "/tmp-fuzz";
}

/* An argument: a small number, an address anywhere, or one inside our own memory. */
static long arg(void) {
  switch (next() % 6) {
  case 0: return (long)(next() % 8);
  case 1: return number();
  case 2: return (long)(uintptr_t)scratch + (long)(next() % 256);
  case 3: return path();
  case 4: return (long)(VDSO_BASE + next() % 4096);
  default: return -(long)(next() % 64);
  }
}

#define S(a) ((char *)(uintptr_t)(a))

/* System call n as the C library's function of that number: on a unikernel, the library
 * OS's code itself (kernels/uni/libos/api.c). A number with no function: -ENOSYS. */
static long library_call(int n, long a0, long a1, long a2, long a3) {
  // LAB 10 BEGIN
  switch (n) {
  case SYS_fork: return fork();
  case SYS_wait: return wait((int *)S(a0));
  case SYS_pipe: return pipe((int *)S(a0));
  case SYS_read: return read((int)a0, S(a1), (int)a2);
  case SYS_write: return write((int)a0, S(a1), (int)a2);
  case SYS_close: return close((int)a0);
  case SYS_open: return open(S(a0), (int)a1);
  case SYS_fstat: return fstat((int)a0, (struct stat *)S(a1));
  case SYS_dup: return dup((int)a0);
  case SYS_lseek: return lseek((int)a0, (int)a1, (int)a2);
  case SYS_chdir: return chdir(S(a0));
  case SYS_mkdir: return mkdir(S(a0));
  case SYS_mknod: return mknod(S(a0), (short)a1, (short)a2);
  case SYS_unlink: return unlink(S(a0));
  case SYS_link: return link(S(a0), S(a1));
  case SYS_symlink: return symlink(S(a0), S(a1));
  case SYS_readlink: return readlink(S(a0), S(a1), (int)a2);
  case SYS_getpid: return getpid();
  case SYS_getppid: return getppid();
  case SYS_sbrk: return (long)(uintptr_t)sbrk((int)a0);
  case SYS_uptime: return uptime();
  case SYS_yield: return yield();
  case SYS_trace_mark: return trace_mark((int)a0, (int)a1, (int)a2, (int)a3);
  case SYS_procinfo: return procinfo((struct procinfo *)S(a0), (int)a1);
  case SYS_insmod: return insmod(S(a0), S(a1), S(a2), (int)a3);
  case SYS_rmmod: return rmmod(S(a0), S(a1), (int)a2);
  case SYS_lsmod: return lsmod(S(a0), (int)a1);
  case SYS_setpriority: return setpriority((int)a0, (int)a1, (int)a2);
  case SYS_trace: return trace((int)a0);
  default: return -ENOSYS; /* exit, sleep, kill and exec are never fuzzed */
  }
  // LAB 10 STARTER
  // (void)n, (void)a0, (void)a1, (void)a2, (void)a3;
  // return -ENOSYS; /* TODO (lab 10): call the C library's function for system call n */
  // LAB 10 END
}

/* System call n: through the kernel's vDSO entry, or the library. */
static long call(int n, long a0, long a1, long a2, long a3) {
  if (direct) return library_call(n, a0, a1, a2, a3);
  typedef long (*entry_fn)(long, long, long, long, long, long);
  entry_fn f = (entry_fn)(uintptr_t)(VDSO_BASE + (uint32_t)n * VDSO_STRIDE);
  return f(a0, a1, a2, a3, 0, 0);
}

static void fuzz(int n) {
  for (int i = 0; i < n; i++) {
    int num = (int)(next() % (SYS_count + 4)); /* a few numbers past the last, too */
    long a0 = arg(), a1 = arg(), a2 = arg(), a3 = arg();
    if (num == SYS_exit || num == SYS_sleep || num == SYS_kill) continue;
    /* A thread at a random pc faults and takes the process down; a futex wait on a word
     * that holds what it expects sleeps for good; thread_exit ends the fuzzing. */
    if (num == SYS_thread_create || num == SYS_futex_wait || num == SYS_thread_exit) continue;
    if (num == SYS_read && a0 == 0) continue; /* the console would wait for a person */
    // LAB 10 BEGIN
    if (direct && num == SYS_close && a0 >= 0 && a0 <= 2) continue; /* its only voice */
    // LAB 10 STARTER
    // LAB 10 END
    if (num == SYS_exec) continue;      /* success would end the fuzzing */
    if (num == SYS_sbrk) a0 %= 1 << 20; /* keep the heap reasonable */
    long r = call(num, a0, a1, a2, a3);
    if (num == SYS_fork && r == 0) exit(0);
    if (num == SYS_pipe && r == 0) { /* a pipe we hold both ends of could block us forever */
      int fds[2];
      memcpy(fds, S(a0), sizeof fds); /* a0 may be misaligned: a word load there faults */
      close(fds[0]);
      close(fds[1]);
    }
  }
}

int main(int argc, char *argv[]) {
  int n = argc > 1 ? atoi(argv[1]) : 20000;
  rng = argc > 2 ? (uint32_t)atoi(argv[2]) : 2463534242u;
  if (rng == 0) rng = 1;
  int pid = fork();
  // LAB 10 BEGIN
  if (pid == -ENOSYS) { /* a unikernel: no second process, no vDSO */
    direct = 1;
    fuzz(n);
    printf("sysfuzz: %d calls, the library OS survived\n", n);
    return 0;
  }
  // LAB 10 STARTER
  // LAB 10 END
  if (pid < 0) {
    fprintf(2, "sysfuzz: fork: %s\n", strerror(pid));
    return 1;
  }
  if (pid == 0) {
    fuzz(n);
    exit(0);
  }
  int status = 0;
  while (wait(&status) >= 0) /* the fuzzer, and any child it left */
    ;
  printf("sysfuzz: %d calls, the system survived\n", n);
  return 0;
}
