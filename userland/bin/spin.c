/*
 * spin [-k] [-t TICKS] [-j TICKS] [-m MODULE [-a TICKS]] TICKETS...: CPU-bound processes, for
 * watching a scheduler share the CPU. One child per TICKETS argument gives itself that many
 * lottery and stride tickets and then burns the CPU, never blocking; with -k it burns it in
 * the kernel, making a call no kernel knows over and over (a bare ecall, past the vDSO: on
 * every kernel it only returns -ENOSYS), so that the timer's tick nearly always falls due
 * while the kernel works. The kernel must take the CPU from it all the same. The parent waits; with
 * -t it stops them after TICKS timer ticks — with -m, it first loads MODULE (a scheduling
 * policy: sched_lottery), lets them run -a TICKS more (default 200), then stops them, and
 * prints each child's share of the CPU before the module and under it. With
 * -j, the last child joins late: it is started -j TICKS after the others (within the -t).
 *
 *     spin 100 200 400 &        then ps: watch cpu time; ^C ends them
 *     spin -t 60 -m sched_lottery 100 200 400
 *     spin -t 200 -j 100 100 300
 *
 * The parent is in memory already when it loads the module, so the swap comes on time even
 * when the CPU-bound children make every program started from the disk wait its turn.
 */
#include <stdbool.h>

#include "user.h"

#define MAXSPIN 8

static void unknown_call(void) {
  register long a7 __asm__("a7") = 999;
  __asm__ volatile("ecall" : "+r"(a7) : : "a0", "memory");
}

static void burn(int tickets, bool in_kernel) {
  int r = setpriority(0, -1, tickets);
  if (r < 0) {
    fprintf(2, "spin: setpriority: %s\n", strerror(r));
    exit(1);
  }
  for (;;)
    if (in_kernel) unknown_call();
}

/* The CPU time of each of the n children so far, in units of 1024 cycles (procinfo). */
static void cpu_time(const int *pids, int n, uint32_t *kcycles) {
  static struct procinfo table[64];
  int got = procinfo(table, 64);
  for (int i = 0; i < n; i++) {
    kcycles[i] = 0;
    for (int j = 0; j < got; j++)
      if (table[j].pid == pids[i]) kcycles[i] = (uint32_t)(table[j].cpu_cycles >> 10);
  }
}

/* Prints each child's share of the CPU time the children had from `from` to `to`. */
static void print_shares(const char *when, char **tickets, int n, const uint32_t *from,
                         const uint32_t *to) {
  uint32_t total = 0;
  for (int i = 0; i < n; i++)
    total += to[i] - from[i];
  printf("spin: CPU shares %s:", when);
  for (int i = 0; i < n; i++)
    printf("%s %s tickets %d%%", i ? "," : "", tickets[i],
           total ? (int)((uint64_t)(to[i] - from[i]) * 100 / total) : 0);
  printf("\n");
}

static int usage(void) {
  fprintf(2, "usage: spin [-k] [-t TICKS] [-j TICKS] [-m MODULE [-a TICKS]] TICKETS...\n");
  return 2;
}

int main(int argc, char *argv[]) {
  int ticks = -1, after = 200, join = 0, c, pids[MAXSPIN], n = 0;
  const char *module = NULL;
  bool in_kernel = false;
  while ((c = getopt(argc, argv, "kt:j:m:a:")) != -1) {
    switch (c) {
    case 'k': in_kernel = true; break;
    case 't': ticks = atoi(optarg); break;
    case 'j': join = atoi(optarg); break;
    case 'm': module = optarg; break;
    case 'a': after = atoi(optarg); break;
    default: return usage();
    }
  }
  if (optind == argc || argc - optind > MAXSPIN || (module && ticks < 0) || join < 0 ||
      (join && (ticks < join || module)))
    return usage();
  for (int i = optind; i < argc; i++) {
    if (join && i == argc - 1) sleep(join);
    int pid = fork();
    if (pid == 0) burn(atoi(argv[i]), in_kernel);
    if (pid < 0)
      fprintf(2, "spin: fork: %s\n", strerror(pid));
    else
      pids[n++] = pid;
  }
  if (ticks >= 0) {
    sleep(ticks - join);
    char msg[128] = "";
    int r = module ? insmod(module, "", msg, sizeof msg) : 0;
    if (r < 0) fprintf(2, "spin: insmod: %s (%s)\n", msg, strerror(r));
    uint32_t start[MAXSPIN] = {0}, swap[MAXSPIN], end[MAXSPIN];
    if (module) {
      cpu_time(pids, n, swap);
      sleep(after);
      cpu_time(pids, n, end);
    }
    for (int i = 0; i < n; i++)
      kill(pids[i]);
    if (module && r >= 0) {
      char when[64];
      snprintf(when, sizeof when, "under %s", module);
      print_shares("before the module", argv + optind, n, start, swap);
      print_shares(when, argv + optind, n, swap, end);
    }
  }
  while (wait(NULL) >= 0)
    ;
  return 0;
}
