/*
 * modguard.c: the guard around calls into module code, and the panic when a module
 * faults (modguard.h says how it is used).
 */
#define _GNU_SOURCE /* dladdr, and the registers in ucontext_t */
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#include "abi/errno.h"
#include "mono.h"

static const int fault_signals[4] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

/*
 * The innermost guarded call on this thread. A signal handler is handed nothing of ours,
 * so this pointer is how it finds where to jump: the one mutable global of the kernel, and
 * thread-local, so kernels running on other threads keep their own.
 */
static _Thread_local struct mod_guard *current_guard;

/* The pc of the faulting instruction, from the context the kernel saved, where we know
 * how to read it; NULL elsewhere (the report then names the function called instead). */
static void *fault_pc(void *ucv) {
#if defined(__linux__) && defined(__x86_64__)
  return (void *)((ucontext_t *)ucv)->uc_mcontext.gregs[REG_RIP];
#elif defined(__linux__) && defined(__aarch64__)
  return (void *)((ucontext_t *)ucv)->uc_mcontext.pc;
#else
  (void)ucv;
  return NULL;
#endif
}

/* Runs on the alternate stack. Inside a guarded call: back to its sigsetjmp. Outside one
 * (a fault in the kernel's own code while the handler is in place): the default action,
 * as if we had never been here — the instruction faults again and ossim dies of it. */
static void on_fault(int sig, siginfo_t *si, void *uc) {
  struct mod_guard *g = current_guard;
  if (!g) {
    signal(sig, SIG_DFL);
    return;
  }
  g->sig = sig;
  g->addr = si->si_addr;
  g->pc = fault_pc(uc);
  siglongjmp(g->env, 1);
}

void mod_protect_begin(struct mono *k) {
  struct mod_protect *pr = &k->protect;
  if (pr->depth++ > 0) return;
  stack_t ss = {.ss_sp = pr->stack, .ss_size = sizeof pr->stack};
  sigaltstack(&ss, &pr->old_stack);
  /* SA_NODEFER: we leave the handler by a jump, so the signal must not stay blocked. */
  struct sigaction sa = {.sa_sigaction = on_fault,
                         .sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER};
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < 4; i++)
    sigaction(fault_signals[i], &sa, &pr->old[i]);
}

void mod_protect_end(struct mono *k) {
  struct mod_protect *pr = &k->protect;
  if (pr->depth == 0 || --pr->depth > 0) return;
  for (int i = 0; i < 4; i++)
    sigaction(fault_signals[i], &pr->old[i], NULL);
  sigaltstack(&pr->old_stack, NULL);
}

void mod_guard_enter(struct mono *k, struct mod_guard *g, struct module *mod, const char *what,
                     const void *entry) {
  *g = (struct mod_guard){.prev = current_guard, .mod = mod, .what = what, .entry = entry};
  mod_protect_begin(k);
  current_guard = g;
}

void mod_guard_leave(struct mono *k, struct mod_guard *g) {
  current_guard = g->prev;
  mod_protect_end(k);
}

void mod_taint_text(unsigned taint, char *buf, size_t len) {
  if (!taint) {
    snprintf(buf, len, "Not tainted");
    return;
  }
  snprintf(buf, len, "Tainted: %s%s%s", taint & TAINT_O ? "O" : "", taint & TAINT_E ? "E" : "",
           taint & TAINT_D ? "D" : "");
}

/* The first line of the report: what the hardware would have said. */
static void fault_title(const struct mod_guard *g, char *buf, size_t len) {
  switch (g->sig) {
  case SIGFPE: snprintf(buf, len, "BUG: divide error at %p", g->pc); break;
  case SIGILL: snprintf(buf, len, "BUG: invalid opcode at %p", g->pc); break;
  case SIGBUS: snprintf(buf, len, "BUG: bus error for address %p", g->addr); break;
  default: snprintf(buf, len, "BUG: unable to handle page fault for address %p", g->addr);
  }
}

/* Where in the module an address is: "oops_init+0x14 [oops]" when the module's dynamic
 * symbols name it, else its offset in the shared object, "oops.so+0x1193", which
 * `addr2line -f -e build/modules/oops.so 0x1193` turns into a function (a module's own
 * functions are static or hidden, so dladdr seldom knows them). */
static void describe(const void *where, const struct module *mod, char *buf, size_t len) {
  Dl_info info;
  if (!dladdr(where, &info)) {
    snprintf(buf, len, "%p [%s]", where, mod->name);
  } else if (info.dli_sname) {
    snprintf(buf, len, "%s+%#lx [%s]", info.dli_sname,
             (unsigned long)((uintptr_t)where - (uintptr_t)info.dli_saddr), mod->name);
  } else {
    const char *file = strrchr(info.dli_fname, '/');
    snprintf(buf, len, "%s+%#lx", file ? file + 1 : info.dli_fname,
             (unsigned long)((uintptr_t)where - (uintptr_t)info.dli_fbase));
  }
}

void mod_oops(struct mono *k, struct mod_guard *g) {
  /* Every guarded call on the way is over: none will return. */
  current_guard = NULL;
  k->protect.depth = 1;
  mod_protect_end(k);

  k->taint |= TAINT_D;
  k->panicked = true;
  char title[96], pc[128], entry[128], taint[32];
  fault_title(g, title, sizeof title);
  describe(g->pc ? g->pc : g->entry, g->mod, pc, sizeof pc);
  describe(g->entry, g->mod, entry, sizeof entry);
  mod_taint_text(k->taint, taint, sizeof taint);
  struct proc *p = k->k.m->running ? myproc(k) : NULL;
  mono_console_printf(k, "%s\n", title);
  mono_console_printf(k, "module: %s (%s)\n", g->mod->name, g->what);
  if (g->pc)
    mono_console_printf(k, "PC is at %s, called through %s\n", pc, entry);
  else
    mono_console_printf(k, "in %s (the pc is unknown on this host)\n", entry);
  if (p)
    mono_console_printf(k, "pid %d (%s) %s\n", p->pid, p->name, taint);
  else
    mono_console_printf(k, "%s\n", taint);
  mono_console_printf(k, "Kernel panic - not syncing: fatal exception in module %s\n",
                      g->mod->name);
  snprintf(k->k.message, sizeof k->k.message, "kernel panic: fatal exception in module %s (%s)",
           g->mod->name, g->what);
  mono_emit_name(k, EV_MODULE_FAIL, OSSIM_EFAULT, g->mod->name, sizeof g->mod->name);
  machine_power(k->k.m, MACHINE_FAILED, 3);
  if (!k->k.m->running) return; /* loading at boot: the caller carries on to the end */
  for (;;)
    mono_yield_to_machine(k); /* a dead kernel: this context never runs again */
}
