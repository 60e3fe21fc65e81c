/*
 * trace MASK PROG [ARG...]: runs PROG with the system calls in MASK traced (lab 1).
 *
 * Bit n of MASK stands for system call n (abi/syscall.h): `trace 32 cat f`
 * traces read (call 5, 1 << 5 = 32). The kernel prints a line for each traced call that PROG
 * and the children it forks make:
 *
 *     PID: syscall NAME -> RESULT
 *
 * MASK may be decimal or 0x hex. PROG without a '/' is looked for in /bin, as the shell does.
 */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc < 3) {
    fprintf(2, "usage: trace MASK PROG [ARG...]\n");
    return 2;
  }
  char *end;
  long mask = strtol(argv[1], &end, 0);
  if (*end || end == argv[1]) {
    fprintf(2, "trace: MASK '%s': need a number\n", argv[1]);
    return 2;
  }
  int r = trace((int)mask);
  if (r < 0) {
    fprintf(2, "trace: %s\n", strerror(r));
    return 1;
  }
  char path[64];
  const char *prog = argv[2];
  if (!strchr(prog, '/') && strlen(prog) + 6 <= sizeof path) {
    strcpy(path, "/bin/");
    strcat(path, prog);
    prog = path;
  }
  r = exec(prog, &argv[2]);
  fprintf(2, "trace: exec %s: %s\n", argv[2], strerror(r));
  return 1;
}
