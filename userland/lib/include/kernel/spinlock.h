/*
 * kernel/spinlock.h: xv6's struct spinlock, so that xv6 user programs that include
 * kernel/file.h (which needs it) compile. ossim's kernels are host code with their own
 * locks; no user program can take one of these.
 */
#ifndef OSSIM_XV6_SPINLOCK_H
#define OSSIM_XV6_SPINLOCK_H

#include "kernel/types.h"

struct cpu;

struct spinlock {
  uint locked;     /* held? */
  char *name;      /* for debugging */
  struct cpu *cpu; /* the holder */
};

#endif
