/*
 * context: kernel contexts and swtch(), the host's version of xv6's swtch.S.
 *
 * A context is a host stack and the registers saved on it. swtch(from, to) saves the
 * running context in `from` and resumes `to`; control comes back to the line after the
 * swtch when some other context switches to `from` again. On x86-64 and arm64 a switch is a
 * few instructions of assembly (context_switch.c), as in xv6; elsewhere it is POSIX
 * ucontext, which is slower (swapcontext makes a system call for the signal mask). Either
 * way with the notes AddressSanitizer needs to follow a change of stacks.
 *
 * Not for: user registers (struct trapframe) — those live in the hart.
 */
#ifndef OSSIM_MONO_CONTEXT_H
#define OSSIM_MONO_CONTEXT_H

#include <stddef.h>

#if defined(__x86_64__) || defined(__aarch64__)
#define CONTEXT_SWITCH_ASM 1
#else
#if defined(__APPLE__) && !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700 /* macOS declares ucontext only for XOPEN programs */
#endif
#include <ucontext.h>
#endif

struct context {
#ifdef CONTEXT_SWITCH_ASM
  void *sp; /* while switched away: the stack pointer, the saved registers just above it */
#else
  ucontext_t uc;
#endif
  void *stack; /* NULL: the host thread's own stack (mono_run's context) */
  size_t stack_size;
  void (*fn)(void *); /* what a new context runs */
  void *arg;
  /* For AddressSanitizer: the bounds of this context's stack (learnt on the first switch
   * away from it, for the host's own stack), and the context that switched to this one. */
  const void *asan_bottom;
  size_t asan_size;
  struct context *came_from;
};

/* Makes ctx a new context that will run fn(arg) on a fresh stack. Returns 0 or -ENOMEM. */
int context_init(struct context *ctx, void (*fn)(void *), void *arg);
void context_free(struct context *ctx);
/* Saves the current context in from and resumes to. */
void swtch(struct context *from, struct context *to);

#endif
