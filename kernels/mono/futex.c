/*
 * futex.c: the one blocking primitive threads have — wait on a user address until someone
 * wakes it, if the word there still holds what the waiter expects (abi/syscall.h).
 *
 * A waiter sleeps on its own futex_addr field, which holds the address it waits on; a wake
 * looks for the process's threads sleeping so. Futexes are private to a process: the key
 * is the virtual address, which its threads share (a physical address would change under
 * them when a copy-on-write page is copied).
 *
 * The check is atomic with respect to wakes for the reason the rest of the kernel needs no
 * locks (proc.c): from the read of the word to the sleep, this context keeps the host, so
 * no other hart runs a store or a futex_wake in between. A wake that comes before the
 * sleep finds the word already changed, and the wait returns -EAGAIN instead of sleeping.
 */
#include "abi/errno.h"
#include "mono.h"

/* The word at addr, as the calling thread sees it: 0, -EINVAL or -EFAULT. */
static int read_word(struct mono *k, uint32_t addr, uint32_t *word) {
  if (addr & 3) return -OSSIM_EINVAL;
  return copyin(k, word, addr, sizeof *word) < 0 ? -OSSIM_EFAULT : 0;
}

int futex_wait(struct mono *k, uint32_t addr, uint32_t expected) {
  struct proc *p = myproc(k);
  uint32_t word;
  int rc = read_word(k, addr, &word);
  if (rc < 0) return rc;
  bool sleeps = word == expected && !p->killed;
  machine_emit(k->k.m, EV_FUTEX_WAIT, (uint32_t)p->tid, addr, sleeps, 0);
  if (p->killed) return -OSSIM_EINTR;
  if (!sleeps) return -OSSIM_EAGAIN;
  p->futex_addr = addr;
  sleep_on(k, &p->futex_addr);
  return p->killed ? -OSSIM_EINTR : 0;
}

int futex_wake(struct mono *k, uint32_t addr, int n) {
  struct proc *p = myproc(k);
  uint32_t word;
  int rc = read_word(k, addr, &word), woken = 0;
  if (rc < 0) return rc;
  if (n < 0) return -OSSIM_EINVAL;
  for (struct proc *t = k->procs; t < &k->procs[NPROC] && woken < n; t++)
    if (t->state == PROC_SLEEPING && t->chan == &t->futex_addr && t->leader == p->leader &&
        t->futex_addr == addr) {
      make_runnable(k, t);
      woken++;
    }
  machine_emit(k->k.m, EV_FUTEX_WAKE, (uint32_t)p->tid, addr, (uint32_t)woken, 0);
  return woken;
}
