/*
 * pthread_sync.c: mutexes, condition variables, barriers and spinlocks (pthread.h says how
 * each works). Atomics are the compiler's __atomic builtins, which clang turns into the A
 * extension's amoswap, amoadd and lr/sc loops.
 */
#include "abi/marks.h"
#include "pthread.h"
#include "user.h"

#define ALL_WAITERS 0x7fffffff

/* The word's old value; stores desired if it held expected. */
static uint32_t cas(volatile uint32_t *word, uint32_t expected, uint32_t desired) {
  __atomic_compare_exchange_n(word, &expected, desired, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
  return expected;
}

static uint32_t swap(volatile uint32_t *word, uint32_t v) {
  return __atomic_exchange_n(word, v, __ATOMIC_ACQUIRE);
}

static void mark(unsigned id, volatile void *lock, unsigned kind) {
  trace_mark((int)id, (int)(uintptr_t)lock, (int)kind, 0);
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr) {
  if (attr) return EINVAL;
  m->state = 0;
  return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m) { return m->state ? EBUSY : 0; }

int pthread_mutex_trylock(pthread_mutex_t *m) { return cas(&m->state, 0, 1) ? EBUSY : 0; }

int pthread_mutex_lock(pthread_mutex_t *m) {
  uint32_t c = cas(&m->state, 0, 1);
  if (c == 0) return 0; /* the fast path: no system call */
  mark(MARK_LOCK_CONTEND, &m->state, MARK_LOCK_MUTEX);
  /* Say there are waiters (2) before sleeping, so that the holder's unlock wakes one; a
   * swap that finds 0 has taken the lock (leaving 2: perhaps one wake too many, never one
   * too few). */
  if (c != 2) c = swap(&m->state, 2);
  while (c != 0) {
    futex_wait(&m->state, 2);
    c = swap(&m->state, 2);
  }
  mark(MARK_LOCK_ACQUIRE, &m->state, MARK_LOCK_MUTEX);
  return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m) {
  if (__atomic_fetch_sub(&m->state, 1, __ATOMIC_RELEASE) == 1) return 0; /* nobody waits */
  __atomic_store_n(&m->state, 0, __ATOMIC_RELEASE);
  futex_wake(&m->state, 1);
  mark(MARK_LOCK_RELEASE, &m->state, MARK_LOCK_MUTEX);
  return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr) {
  if (attr) return EINVAL;
  c->seq = 0;
  return 0;
}

int pthread_cond_destroy(pthread_cond_t *c) {
  (void)c;
  return 0;
}

/* May return without a signal (a spurious wakeup, which POSIX allows): callers loop on
 * their condition, as they must with any pthreads. */
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  uint32_t seen = __atomic_load_n(&c->seq, __ATOMIC_ACQUIRE);
  pthread_mutex_unlock(m);
  futex_wait(&c->seq, seen); /* -EAGAIN at once if a signal came since the unlock */
  return pthread_mutex_lock(m);
}

static int cond_wake(pthread_cond_t *c, int n) {
  __atomic_fetch_add(&c->seq, 1, __ATOMIC_RELEASE);
  futex_wake(&c->seq, n);
  return 0;
}

int pthread_cond_signal(pthread_cond_t *c) { return cond_wake(c, 1); }
int pthread_cond_broadcast(pthread_cond_t *c) { return cond_wake(c, ALL_WAITERS); }

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count) {
  if (attr || count == 0) return EINVAL;
  *b = (pthread_barrier_t){.count = count};
  return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b) { return b->waiting ? EBUSY : 0; }

int pthread_barrier_wait(pthread_barrier_t *b) {
  pthread_mutex_lock(&b->lock);
  unsigned round = b->round;
  if (++b->waiting == b->count) { /* the last to arrive lets the round go */
    b->waiting = 0;
    b->round++;
    pthread_cond_broadcast(&b->all_here);
    pthread_mutex_unlock(&b->lock);
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  while (round == b->round)
    pthread_cond_wait(&b->all_here, &b->lock);
  pthread_mutex_unlock(&b->lock);
  return 0;
}

int pthread_spin_init(pthread_spinlock_t *s, int pshared) {
  (void)pshared;
  *s = 0;
  return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *s) { return *s ? EBUSY : 0; }

int pthread_spin_trylock(pthread_spinlock_t *s) { return swap(s, 1) ? EBUSY : 0; }

int pthread_spin_lock(pthread_spinlock_t *s) {
  if (!swap(s, 1)) return 0;
  mark(MARK_LOCK_CONTEND, s, MARK_LOCK_SPIN);
  do {
    while (__atomic_load_n(s, __ATOMIC_RELAXED)) /* read until free: no stores while waiting */
      ;
  } while (swap(s, 1));
  mark(MARK_LOCK_ACQUIRE, s, MARK_LOCK_SPIN);
  return 0;
}

int pthread_spin_unlock(pthread_spinlock_t *s) {
  __atomic_store_n(s, 0, __ATOMIC_RELEASE);
  return 0;
}
