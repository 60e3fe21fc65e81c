/*
 * ps [-T]: lists the processes (SYS_procinfo), one line each:
 *
 *   PID PPID STATE NAME
 *
 * With -T, one line per thread, its tid after the pid (a main thread's tid is its pid; a
 * kernel without threads reports tid 0, shown as the pid):
 *
 *   PID TID PPID STATE NAME
 */
#include "user.h"

#define MAXPROCS 64

static const char *state_name(int state) {
  switch (state) {
  case PROC_USED: return "used";
  case PROC_SLEEPING: return "sleeping";
  case PROC_RUNNABLE: return "runnable";
  case PROC_RUNNING: return "running";
  case PROC_ZOMBIE: return "zombie";
  default: return "?";
  }
}

int main(int argc, char *argv[]) {
  static struct procinfo procs[MAXPROCS];
  int threads = argc > 1 && strcmp(argv[1], "-T") == 0;
  if (argc > 1 && !threads) {
    fprintf(2, "usage: ps [-T]\n");
    return 2;
  }
  int n = procinfo(procs, MAXPROCS);
  if (n < 0) {
    fprintf(2, "ps: %s\n", strerror(n));
    return 1;
  }
  if (threads)
    printf("%5s %5s %5s %-8s %s\n", "PID", "TID", "PPID", "STATE", "NAME");
  else
    printf("%5s %5s %-8s %s\n", "PID", "PPID", "STATE", "NAME");
  for (int i = 0; i < n; i++) {
    struct procinfo *p = &procs[i];
    int tid = p->tid ? p->tid : p->pid;
    if (p->state == PROC_UNUSED || (!threads && tid != p->pid)) continue;
    if (threads)
      printf("%5d %5d", p->pid, tid);
    else
      printf("%5d", p->pid);
    printf(" %5d %-8s %.*s\n", p->ppid, state_name(p->state), (int)sizeof p->name, p->name);
  }
  return 0;
}
