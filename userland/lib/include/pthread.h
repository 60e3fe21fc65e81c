/*
 * pthread.h: POSIX threads over the kernel's threads and its futex (user.h), so that
 * programs written against pthreads (6.1810's ph.c and barrier.c) build for ossim.
 *
 * What is here: threads (create, join, exit, self), mutexes, condition variables,
 * barriers and spinlocks. Attributes are accepted and must be NULL (default behaviour).
 * Not here: cancellation, detached threads, thread-specific data, timed waits.
 *
 * A mutex is Drepper's three-state futex mutex ("Futexes Are Tricky", mutex 2): 0 unlocked,
 * 1 locked, 2 locked with (perhaps) waiters, so that an unlock calls the kernel only when
 * someone may be waiting. A condition variable is a sequence number that signal and
 * broadcast bump before waking; a waiter sleeps only while the number is the one it saw
 * before unlocking, so a signal between its unlock and its sleep is not lost. Spinlocks
 * spin on the A extension's amoswap. Contended acquires and waking releases are marked in
 * the event stream (abi/marks.h).
 */
#ifndef OSSIM_PTHREAD_H
#define OSSIM_PTHREAD_H

#include <stdint.h>

struct pthread; /* a thread's control block (pthread.c) */
typedef struct pthread *pthread_t;
typedef struct pthread_attr pthread_attr_t; /* never defined: pass NULL */
typedef struct pthread_mutexattr pthread_mutexattr_t;
typedef struct pthread_condattr pthread_condattr_t;
typedef struct pthread_barrierattr pthread_barrierattr_t;

typedef struct {
  volatile uint32_t state; /* 0 unlocked, 1 locked, 2 locked with waiters */
} pthread_mutex_t;
#define PTHREAD_MUTEX_INITIALIZER                                                                  \
  { 0 }

typedef struct {
  volatile uint32_t seq; /* bumped by each signal and broadcast */
} pthread_cond_t;
#define PTHREAD_COND_INITIALIZER                                                                   \
  { 0 }

typedef struct {
  pthread_mutex_t lock; /* guards the rest */
  pthread_cond_t all_here;
  unsigned count, waiting, round;
} pthread_barrier_t;
#define PTHREAD_BARRIER_SERIAL_THREAD (-1) /* what one thread of each round gets */

typedef volatile uint32_t pthread_spinlock_t;
#define PTHREAD_PROCESS_PRIVATE 0

/* All return 0 or a positive error number (POSIX's rule; errno is not set), except
 * pthread_self and pthread_exit. */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                   void *arg);
int pthread_join(pthread_t thread, void **retval);
_Noreturn void pthread_exit(void *retval);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m); /* EBUSY while locked */
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m); /* EBUSY when locked */
int pthread_mutex_unlock(pthread_mutex_t *m);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr, unsigned count);
int pthread_barrier_destroy(pthread_barrier_t *b);
int pthread_barrier_wait(pthread_barrier_t *b);

int pthread_spin_init(pthread_spinlock_t *s, int pshared);
int pthread_spin_destroy(pthread_spinlock_t *s);
int pthread_spin_lock(pthread_spinlock_t *s);
int pthread_spin_trylock(pthread_spinlock_t *s); /* EBUSY when held */
int pthread_spin_unlock(pthread_spinlock_t *s);

#endif
