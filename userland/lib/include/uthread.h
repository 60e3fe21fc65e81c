/*
 * uthread.h: user-level threads, as 6.1810's thread lab has students build them. All of them
 * run in one kernel thread (one hart at a time): a thread runs until it calls uthread_yield
 * or uthread_exit, and then the next runnable one, round robin, takes its place. The switch
 * is uthread_switch (uthread_switch.S): it saves the registers a called function must
 * preserve (ra, sp, s0..s11) into one context and loads them from another.
 *
 * The program's main thread is uthread 0. A thread's stack comes from malloc; an exited
 * thread's stack is freed by the next thread that runs. When the last thread exits, the
 * process exits with status 0.
 *
 * Not for: running on several harts at once (that is <pthread.h>).
 */
#ifndef OSSIM_UTHREAD_H
#define OSSIM_UTHREAD_H

#include <stdint.h>

#define UTHREAD_MAX 16           /* threads at once, the main one included */
#define UTHREAD_STACK (16 << 10) /* bytes of stack each */

/* What uthread_switch saves of a thread that is not running. */
struct uthread_context {
  uint32_t ra, sp;
  uint32_t s[12]; /* s0..s11 */
};

/* Saves the caller's registers in *from and resumes the thread saved in *to: it returns
 * when some later switch resumes *from. */
void uthread_switch(struct uthread_context *from, const struct uthread_context *to);

/* A new runnable thread that will call fn(arg) and then uthread_exit. Returns its id (1 or
 * more), or -EAGAIN when UTHREAD_MAX threads exist, -ENOMEM when no stack can be had. */
int uthread_create(void (*fn)(void *), void *arg);
/* Lets the next runnable thread run; returns when this one's turn comes again. */
void uthread_yield(void);
/* Ends the calling thread (the main one too: the others go on). */
void uthread_exit(void) __attribute__((noreturn));
/* The calling thread's id: 0 for the main thread. */
int uthread_self(void);

#endif
