/*
 * User-level threads (uthread.h): a table of threads and a round-robin scheduler over
 * uthread_switch.
 */
#include "uthread.h"

#include "user.h"

enum uthread_state { UT_FREE, UT_RUNNABLE, UT_EXITED };

struct uthread {
  enum uthread_state state;
  struct uthread_context ctx;
  char *stack; /* malloc'd; NULL for the main thread, which runs on the process's stack */
  void (*fn)(void *);
  void *arg;
};

/* Slot 0 is the main thread, runnable from the start. */
static struct uthread threads[UTHREAD_MAX] = {[0] = {.state = UT_RUNNABLE}};
static int current;

/* Frees the stacks of threads that have exited: called on a stack that is not theirs. */
static void reap(void) {
  for (int i = 0; i < UTHREAD_MAX; i++)
    if (threads[i].state == UT_EXITED && i != current) {
      free(threads[i].stack);
      threads[i] = (struct uthread){.state = UT_FREE};
    }
}

/* Switches to the next runnable thread after the current one, if there is another. Returns
 * when the caller is resumed (at once if it is the only runnable one). */
static void schedule(void) {
  int next = current;
  for (int step = 1; step <= UTHREAD_MAX; step++) {
    int i = (current + step) % UTHREAD_MAX;
    if (threads[i].state == UT_RUNNABLE) {
      next = i;
      break;
    }
  }
  if (next == current) {
    if (threads[current].state != UT_RUNNABLE) exit(0); /* the last thread has exited */
    return;
  }
  int from = current;
  current = next;
  uthread_switch(&threads[from].ctx, &threads[next].ctx);
  reap();
}

/* Where a new thread's first switch returns to: its function, then its end. */
static void start(void) {
  reap();
  threads[current].fn(threads[current].arg);
  uthread_exit();
}

int uthread_create(void (*fn)(void *), void *arg) {
  int id = 1;
  while (id < UTHREAD_MAX && threads[id].state != UT_FREE)
    id++;
  if (id == UTHREAD_MAX) return -EAGAIN;
  char *stack = malloc(UTHREAD_STACK);
  if (!stack) return -ENOMEM;
  /* The stack grows down from its end, kept 16-byte aligned as the calling convention asks. */
  uint32_t top = ((uint32_t)(uintptr_t)(stack + UTHREAD_STACK)) & ~15u;
  threads[id] = (struct uthread){.state = UT_RUNNABLE,
                                 .ctx = {.ra = (uint32_t)(uintptr_t)start, .sp = top},
                                 .stack = stack,
                                 .fn = fn,
                                 .arg = arg};
  return id;
}

void uthread_yield(void) { schedule(); }

void uthread_exit(void) {
  threads[current].state = UT_EXITED;
  schedule();
  exit(0); /* not reached: an exited thread is never resumed */
}

int uthread_self(void) { return current; }
