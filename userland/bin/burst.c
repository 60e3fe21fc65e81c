/*
 * burst [-n ROUNDS] [-w WORK] [-s TICKS]: a process that computes in bursts, for watching
 * how a scheduler treats it. ROUNDS times (default 20) it runs WORK iterations of a loop
 * (default 1000: a few thousand cycles), then sleeps TICKS timer ticks (default 1).
 *
 *     spin 100 100 100 & burst -n 50     an interactive process among three CPU hogs: how
 *                                        long does it wait each time it wakes up?
 *     burst -n 1 -w 2000000 -s 0         a short CPU-bound job: when does it finish?
 *
 * The work is a plain loop, so the same arguments cost the same cycles on every run.
 */
#include "user.h"

static int usage(void) {
  fprintf(2, "usage: burst [-n ROUNDS] [-w WORK] [-s TICKS]\n");
  return 2;
}

/* WORK iterations the compiler cannot take away. */
static void work(long n) {
  for (volatile long i = 0; i < n; i++)
    ;
}

int main(int argc, char *argv[]) {
  long rounds = 20, n = 1000, ticks = 1;
  int c;
  while ((c = getopt(argc, argv, "n:w:s:")) != -1) {
    switch (c) {
    case 'n': rounds = atoi(optarg); break;
    case 'w': n = atoi(optarg); break;
    case 's': ticks = atoi(optarg); break;
    default: return usage();
    }
  }
  if (optind != argc || rounds < 0 || n < 0 || ticks < 0) return usage();
  for (long r = 0; r < rounds; r++) {
    work(n);
    if (ticks > 0) sleep((int)ticks);
  }
  return 0;
}
