/*
 * abi/proc.h: what SYS_procinfo reports about each process, for ps and the visualizer's
 * process table. procinfo(struct procinfo *buf, int max) fills up to max entries and returns
 * how many it filled: one entry per thread, the main thread's first.
 */
#ifndef OSSIM_ABI_PROC_H
#define OSSIM_ABI_PROC_H

#include <stdint.h>

enum procstate { PROC_UNUSED, PROC_USED, PROC_SLEEPING, PROC_RUNNABLE, PROC_RUNNING, PROC_ZOMBIE };

struct procinfo {
  int pid, ppid;
  int state;           /* enum procstate */
  int priority;        /* the scheduler's view: priority, level or tickets */
  uint64_t cpu_cycles; /* simulated cycles spent running */
  uint32_t size;       /* bytes of user memory */
  char name[16];
  int tid; /* the thread's id; the main thread's is pid (a kernel without threads: 0) */
};

#endif
