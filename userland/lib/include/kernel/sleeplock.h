/*
 * kernel/sleeplock.h: xv6's struct sleeplock, for user programs that include kernel/file.h
 * (see kernel/spinlock.h).
 */
#ifndef OSSIM_XV6_SLEEPLOCK_H
#define OSSIM_XV6_SLEEPLOCK_H

#include "kernel/spinlock.h"

struct sleeplock {
  uint locked;        /* held? */
  struct spinlock lk; /* protects this lock */
  char *name;         /* for debugging */
  int pid;            /* the holder */
};

#endif
