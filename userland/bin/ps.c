/*
 * ps: lists the processes (SYS_procinfo), one line each:
 *
 *   PID PPID STATE NAME
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

int main(void) {
  static struct procinfo procs[MAXPROCS];
  int n = procinfo(procs, MAXPROCS);
  if (n < 0) {
    fprintf(2, "ps: %s\n", strerror(n));
    return 1;
  }
  printf("%5s %5s %-8s %s\n", "PID", "PPID", "STATE", "NAME");
  for (int i = 0; i < n; i++) {
    struct procinfo *p = &procs[i];
    if (p->state == PROC_UNUSED) continue;
    printf("%5d %5d %-8s %.*s\n", p->pid, p->ppid, state_name(p->state), (int)sizeof p->name,
           p->name);
  }
  return 0;
}
