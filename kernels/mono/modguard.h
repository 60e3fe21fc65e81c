/*
 * modguard.h: every call from the kernel into module code goes through one guard, so that a
 * module that faults takes the kernel down the way it would on real hardware — a panic
 * report and a clean stop — and never takes ossim down with a host signal.
 *
 *     MOD_GUARDED(k, mod, "init", info->init,
 *                 rc = info->init(...),          the call into the module
 *                 rc = -OSSIM_EFAULT);           what the caller sees if it faulted
 *
 * How: a handler for SIGSEGV, SIGBUS, SIGFPE and SIGILL (SA_SIGINFO, on an alternate stack)
 * is in place while module code can run: around each guarded call, or around a whole
 * mono_run slice once a module is loaded (mod_protect_begin/end; nested uses cost nothing).
 * Each guarded call records a sigsetjmp point; the handler jumps back to it, and mod_oops
 * prints the report (fault, module, function, taint) and stops the kernel: kernel_run
 * returns KERNEL_FAILED, and ossim exits with status 3.
 *
 * After a fault the kernel is dead: inside a run the faulting context parks for good (it
 * never returns to the caller); outside one (loading a module at boot) mod_oops returns and
 * the caller's failure statement runs.
 *
 * Not for: faults in the kernel's own code. Those are ossim's bugs and kill it as before.
 * And module code must not sleep: a guarded call runs from start to end with no switch of
 * kernel context (the guards nest, innermost last).
 */
#ifndef OSSIM_MONO_MODGUARD_H
#define OSSIM_MONO_MODGUARD_H

#include <setjmp.h>
#include <signal.h>

struct mono;
struct module;

/* One call into module code in progress. Lives on the caller's stack. */
struct mod_guard {
  sigjmp_buf env;         /* where the handler jumps back to */
  struct mod_guard *prev; /* the guarded call this one is nested in, or NULL */
  struct module *mod;
  const char *what;  /* "init", "read", "syscall hook", "pick_next" ... */
  const void *entry; /* the module's function that was called */
  int sig;           /* set by the handler: the signal, */
  void *addr, *pc;   /* the faulting address, and the pc (NULL if unknown) */
};

/* What a kernel keeps while its handler is in place (k->protect). */
struct mod_protect {
  int depth;               /* begins not yet ended */
  struct sigaction old[4]; /* the actions the handler replaced, restored at the end */
  stack_t old_stack;       /* and the alternate stack */
  char stack[64 << 10];    /* the handler's own stack: a fault may come with the stack
                              pointer anywhere */
};

/* Taint flags (k->taint), shown by lsmod, /dev/modules and the panic report. */
#define TAINT_O 1u /* a module was loaded: the kernel runs code it was not built with */
#define TAINT_E 2u /* a module failed: its init returned an error */
#define TAINT_D 4u /* a module died: the kernel panicked */

#define MOD_GUARDED(k, mod, what, entry, call, on_fault)                                           \
  do {                                                                                             \
    struct mod_guard guard_;                                                                       \
    mod_guard_enter((k), &guard_, (mod), (what), (const void *)(entry));                           \
    if (sigsetjmp(guard_.env, 0) == 0) {                                                           \
      call;                                                                                        \
      mod_guard_leave((k), &guard_);                                                               \
    } else {                                                                                       \
      mod_oops((k), &guard_); /* returns only outside a run */                                     \
      on_fault;                                                                                    \
    }                                                                                              \
  } while (0)

void mod_guard_enter(struct mono *k, struct mod_guard *g, struct module *mod, const char *what,
                     const void *entry);
void mod_guard_leave(struct mono *k, struct mod_guard *g);
/* The panic: report g's fault, taint, stop the kernel. */
void mod_oops(struct mono *k, struct mod_guard *g);

/* The handler is in place from the first begin to the matching end (they nest). */
void mod_protect_begin(struct mono *k);
void mod_protect_end(struct mono *k);

/* "Tainted: OD" or "Not tainted", in buf. */
void mod_taint_text(unsigned taint, char *buf, size_t len);

#endif
