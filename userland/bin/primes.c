// primes [N]: the primes up to N (default 35) by a pipeline sieve, one process per prime.
// The first process feeds 2..N into a pipe; each stage prints the first number it reads, a
// prime p, and passes on to a stage of its own (a child, over a new pipe) every later number
// that p does not divide. Lab 11; written as an xv6 program.
#include "kernel/types.h"
#include "user/user.h"

// LAB 11 BEGIN
// A stage: reads numbers from left until it is closed. A stage holds open only the ends it
// uses, or the stage after it would never see the end of its pipe (another write end stays
// open) and the machine would run out of descriptors.
static void __attribute__((noreturn)) stage(int left);

// Starts the next stage, a child that reads a new pipe, and returns the pipe's write end.
// The child first closes inherited (the caller's own input; -1: none).
static int start_stage(int inherited) {
  int fds[2];
  if (pipe(fds) < 0) {
    fprintf(2, "primes: pipe failed\n");
    exit(1);
  }
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "primes: fork failed\n");
    exit(1);
  }
  if (pid == 0) {
    if (inherited >= 0) close(inherited);
    close(fds[1]);
    stage(fds[0]);
  }
  close(fds[0]);
  return fds[1];
}

static void stage(int left) {
  int p;
  if (read(left, &p, sizeof p) != sizeof p) exit(0);
  printf("prime %d\n", p);
  int right = start_stage(left);
  int n;
  while (read(left, &n, sizeof n) == sizeof n)
    if (n % p != 0) write(right, &n, sizeof n);
  close(left);
  close(right);
  wait(0);
  exit(0);
}

int main(int argc, char *argv[]) {
  int limit = argc > 1 ? atoi(argv[1]) : 35;
  int first = start_stage(-1);
  for (int n = 2; n <= limit; n++)
    write(first, &n, sizeof n);
  close(first);
  wait(0);
  exit(0);
}
// LAB 11 STARTER
// int main(int argc, char *argv[]) {
//   (void)argc;
//   (void)argv;
//   fprintf(2, "primes: not written yet\n");
//   exit(1);
// }
// LAB 11 END
