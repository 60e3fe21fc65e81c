/*
 * pthread.c: threads and their control blocks. A thread's control block (struct pthread)
 * and its stack come from malloc; the kernel gets the block's address as the thread's TLS
 * pointer (tp), so pthread_self is one register read. The main thread, which the kernel
 * started with tp = 0, has a static block. pthread_join frees the joined thread's block and
 * stack: its kernel thread has ended by then, so nothing runs on that stack any more.
 */
#include "pthread.h"

#include "user.h"

#define STACK_SIZE (32u << 10)

struct pthread {
  int tid;
  void *(*start)(void *);
  void *arg;
  void *retval; /* what start returned, or pthread_exit's argument */
  char *stack;  /* NULL: the main thread's, which is not ours to free */
};

static struct pthread main_thread;

pthread_t pthread_self(void) {
  struct pthread *self;
  __asm__("mv %0, tp" : "=r"(self));
  if (!self) {
    main_thread.tid = gettid();
    return &main_thread;
  }
  return self;
}

int pthread_equal(pthread_t a, pthread_t b) { return a == b; }

/* Where every thread begins (the kernel passes the control block in a0). */
static void thread_start(void *arg) {
  struct pthread *self = arg;
  pthread_exit(self->start(self->arg));
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                   void *arg) {
  if (attr) return EINVAL;
  struct pthread *t = malloc(sizeof *t);
  char *stack = t ? malloc(STACK_SIZE) : 0;
  if (!stack) {
    free(t);
    return EAGAIN;
  }
  *t = (struct pthread){.start = start, .arg = arg, .stack = stack};
  /* The ABI wants sp aligned to 16 at a call. */
  char *sp = (char *)((uintptr_t)(stack + STACK_SIZE) & ~(uintptr_t)15);
  int tid = thread_create(thread_start, t, sp, t);
  if (tid < 0) {
    free(stack);
    free(t);
    return -tid;
  }
  t->tid = tid; /* before anyone can join it: the caller has not seen *thread yet */
  *thread = t;
  return 0;
}

int pthread_join(pthread_t thread, void **retval) {
  if (!thread || thread == &main_thread) return EINVAL;
  int rc = thread_join(thread->tid);
  if (rc < 0) return -rc;
  if (retval) *retval = thread->retval;
  free(thread->stack);
  free(thread);
  return 0;
}

_Noreturn void pthread_exit(void *retval) {
  pthread_self()->retval = retval;
  thread_exit();
  for (;;) /* not reached */
    ;
}
