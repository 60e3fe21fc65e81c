/*
 * sysfuzz [N] [SEED]: calls the system calls N times (default 20000) with random numbers and
 * random arguments — small integers, wild pointers, pointers into its own memory, strings —
 * in a child process, then checks that the system is still there. A kernel must answer
 * every call with a result or an error and never crash; the test of that is that this
 * program gets to print its last line. Calls that would end or stall the run (exit, sleep,
 * kill, exec, a read of the console) are left out, a pipe it makes is closed at once (it
 * could block on it forever), and a fork's child exits at once.
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

static char scratch[256];

/* An argument: a small number, an address anywhere, or one inside our own memory. */
static long arg(void) {
  switch (next() % 6) {
  case 0: return (long)(next() % 8);
  case 1: return (long)next();
  case 2: return (long)(uintptr_t)scratch + (long)(next() % sizeof scratch);
  case 3: return (long)(uintptr_t)"/tmp-fuzz";
  case 4: return (long)(VDSO_BASE + next() % 4096);
  default: return -(long)(next() % 64);
  }
}

static long call(int n, long a0, long a1, long a2, long a3) {
  typedef long (*entry_fn)(long, long, long, long, long, long);
  entry_fn f = (entry_fn)(uintptr_t)(VDSO_BASE + (uint32_t)n * VDSO_STRIDE);
  return f(a0, a1, a2, a3, 0, 0);
}

static void fuzz(int n) {
  for (int i = 0; i < n; i++) {
    int num = (int)(next() % (SYS_count + 4)); /* a few numbers past the last, too */
    long a0 = arg(), a1 = arg(), a2 = arg(), a3 = arg();
    if (num == SYS_exit || num == SYS_sleep || num == SYS_kill) continue;
    if (num == SYS_read && a0 == 0) continue; /* the console would wait for a person */
    if (num == SYS_exec) continue;            /* success would end the fuzzing */
    if (num == SYS_sbrk) a0 %= 1 << 20;       /* keep the heap reasonable */
    long r = call(num, a0, a1, a2, a3);
    if (num == SYS_fork && r == 0) exit(0);
    if (num == SYS_pipe && r == 0) { /* a pipe we hold both ends of could block us forever */
      int *fds = (int *)(uintptr_t)a0;
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
