/*
 * context_switch.c: the register switch under swtch(), per host processor.
 *
 * On x86-64 and arm64 it is xv6's swtch.S in the host's instruction set: push the
 * registers the C calling convention says a call preserves (callee-saved), store the stack
 * pointer in `from`, load `to`'s, pop its registers and return — into `to`'s own call of
 * context_switch, or, for a fresh context, into a small start routine. The signal mask and
 * the floating-point control registers are not switched: every context of a kernel runs on
 * one host thread and none changes them. Elsewhere, POSIX ucontext does the same job, at
 * the price of a system call per switch (swapcontext saves and restores the signal mask).
 */
#include "context_switch.h"

#include <stdint.h>

#ifdef CONTEXT_SWITCH_ASM

/* A function's label as the assembler wants it: Mach-O prefixes C names with an
 * underscore; ELF also records the type and size (for debuggers and perf). */
#ifdef __APPLE__
#define ASM_FUNC(name) ".globl _" #name "\n.private_extern _" #name "\n_" #name ":\n"
#define ASM_END(name)
#else
#define ASM_FUNC(name)                                                                             \
  ".globl " #name "\n.hidden " #name "\n.type " #name ", %function\n" #name ":\n"
#define ASM_END(name) ".size " #name ", . - " #name "\n"
#endif

/* context_switch_regs(&from->sp, to->sp) saves the callee-saved registers on the running
 * stack, stores the stack pointer in *from_sp and returns on to_sp's stack.
 * context_switch_start: where a fresh context's first switch returns to; it calls the
 * function in a callee-saved register with the argument in another (the frame that
 * context_switch_prepare lays out). */
void context_switch_regs(void **from_sp, void *to_sp);
void context_switch_start(void);

#if defined(__x86_64__)
/* rbp, rbx, r12-r15, then the return address: 7 words, 16 bytes below the stack's top so
 * that the stack is 16-aligned at context_switch_start's call, as the convention wants. */
enum { FRAME_WORDS = 7, FRAME_FN = 2, FRAME_ARG = 3, FRAME_RETURN = 6, FRAME_GAP = 16 };
// clang-format off
__asm__(".text\n"
        ".p2align 4\n"
        ASM_FUNC(context_switch_regs)
        "pushq %rbp\n"
        "pushq %rbx\n"
        "pushq %r12\n"
        "pushq %r13\n"
        "pushq %r14\n"
        "pushq %r15\n"
        "movq %rsp, (%rdi)\n"
        "movq %rsi, %rsp\n"
        "popq %r15\n"
        "popq %r14\n"
        "popq %r13\n"
        "popq %r12\n"
        "popq %rbx\n"
        "popq %rbp\n"
        "ret\n"
        ASM_END(context_switch_regs)
        ".p2align 4\n"
        ASM_FUNC(context_switch_start)
        "movq %r12, %rdi\n"
        "callq *%r13\n"
        "ud2\n"
        ASM_END(context_switch_start));
// clang-format on
#elif defined(__aarch64__)
/* x19-x28, x29 (frame pointer), x30 (return address), d8-d15: 20 words, right at the
 * stack's top (sp must always be 16-aligned). */
enum { FRAME_WORDS = 20, FRAME_FN = 1, FRAME_ARG = 0, FRAME_RETURN = 11, FRAME_GAP = 0 };
// clang-format off
__asm__(".text\n"
        ".p2align 2\n"
        ASM_FUNC(context_switch_regs)
        "sub sp, sp, #160\n"
        "stp x19, x20, [sp, #0]\n"
        "stp x21, x22, [sp, #16]\n"
        "stp x23, x24, [sp, #32]\n"
        "stp x25, x26, [sp, #48]\n"
        "stp x27, x28, [sp, #64]\n"
        "stp x29, x30, [sp, #80]\n"
        "stp d8, d9, [sp, #96]\n"
        "stp d10, d11, [sp, #112]\n"
        "stp d12, d13, [sp, #128]\n"
        "stp d14, d15, [sp, #144]\n"
        "mov x9, sp\n"
        "str x9, [x0]\n"
        "mov sp, x1\n"
        "ldp x19, x20, [sp, #0]\n"
        "ldp x21, x22, [sp, #16]\n"
        "ldp x23, x24, [sp, #32]\n"
        "ldp x25, x26, [sp, #48]\n"
        "ldp x27, x28, [sp, #64]\n"
        "ldp x29, x30, [sp, #80]\n"
        "ldp d8, d9, [sp, #96]\n"
        "ldp d10, d11, [sp, #112]\n"
        "ldp d12, d13, [sp, #128]\n"
        "ldp d14, d15, [sp, #144]\n"
        "add sp, sp, #160\n"
        "ret\n"
        ASM_END(context_switch_regs)
        ".p2align 2\n"
        ASM_FUNC(context_switch_start)
        "mov x0, x19\n"
        "blr x20\n"
        "brk #0\n"
        ASM_END(context_switch_start));
// clang-format on
#endif

int context_switch_prepare(struct context *ctx) {
  uintptr_t top = ((uintptr_t)ctx->stack + ctx->stack_size) & ~(uintptr_t)15;
  uintptr_t *frame = (uintptr_t *)(top - FRAME_GAP) - FRAME_WORDS;
  for (int i = 0; i < FRAME_WORDS; i++)
    frame[i] = 0;
  frame[FRAME_FN] = (uintptr_t)context_entry;
  frame[FRAME_ARG] = (uintptr_t)ctx;
  frame[FRAME_RETURN] = (uintptr_t)context_switch_start;
  ctx->sp = frame;
  return 0;
}

void context_switch(struct context *from, struct context *to) {
  context_switch_regs(&from->sp, to->sp);
}

#else /* POSIX ucontext */

#include <errno.h>

/* makecontext passes only int arguments: the context's address comes in two halves. */
static void trampoline(unsigned hi, unsigned lo) {
  context_entry((struct context *)(((uintptr_t)hi << 16 << 16) | lo));
}

int context_switch_prepare(struct context *ctx) {
  if (getcontext(&ctx->uc) < 0) return -ENOMEM;
  ctx->uc.uc_stack.ss_sp = ctx->stack;
  ctx->uc.uc_stack.ss_size = ctx->stack_size;
  ctx->uc.uc_link = NULL;
  uintptr_t self = (uintptr_t)ctx;
  makecontext(&ctx->uc, (void (*)(void))trampoline, 2, (unsigned)(self >> 16 >> 16),
              (unsigned)self);
  return 0;
}

void context_switch(struct context *from, struct context *to) { swapcontext(&from->uc, &to->uc); }

#endif
