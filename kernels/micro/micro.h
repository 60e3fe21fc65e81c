/*
 * micro.h: the microkernel's shared definitions — the kernel instance, its harts and its
 * address spaces. Host C code that plays the supervisor, as mono does, but built the other
 * way round (see micro.c): event-based with one kernel stack, as seL4.
 *
 * What lives here is only what must be privileged: running threads on harts and switching
 * address spaces (satp is a supervisor register), page tables (whoever writes a page table
 * owns all memory), capabilities and IPC (kobj.h, cap.h, ipc.h, notify.h), interrupts (only
 * the supervisor can claim them at the interrupt controller), the timer tick that drives
 * the scheduling policy, and a debug print. Everything else — processes, files, drivers —
 * is a guest server under servers/.
 */
#ifndef OSSIM_MICRO_H
#define OSSIM_MICRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/kevents.h"
#include "abi/proc.h"
#include "abi/sv32.h"
#include "hostbus.h"
#include "kernel.h"
#include "kernel_options.h"
#include "kobj.h"
#include "machine.h"
#include "plicdrv.h"
#include "sched/sched.h"
#include "uartdrv.h"
#include "vm/frames.h"
#include "vm/pt.h"

#define MICRO_MAX_CPUS 4
#define MICRO_NAS KOBJ_NTHREAD
#define MICRO_NIRQ 32                 /* interrupt sources a driver may bind */
#define TICK_CYCLES MICRO_TICK_CYCLES /* timer interrupt every 1 ms at 1 GHz, as mono */
#define MICRO_NMOD 16                 /* boot modules: the system servers, or --module's */
/* Software bits of a leaf entry (RSW: the MMU ignores them). */
#define PTE_COW PTE_RSW0 /* shared since a fork: copied at the first store (vm.c) */
#define PTE_PIN PTE_RSW1 /* a DMA page: the device writes it by its address, never shared */

/* A boot module, as the kernel keeps it to start it again (KC_SRV_RESTART): its ELF file,
 * its argument and the caps it was booted with, as seL4 keeps the boot modules' frames. The
 * reincarnation server names a module by its index here, its place at boot. */
struct bootmod {
  char name[16];
  uint8_t *image; /* the ELF file (malloc'd) */
  uint32_t len, arg;
  struct cspace caps; /* its caps once the system was booted: a new instance gets them again */
  struct tcb *t;      /* the thread of its instance now; NULL while it is dead */
  int pid;            /* that instance's pid (the last one's, while dead) */
  uint32_t dma;       /* its DMA page (KC_AS_DMA): kept for the next instance, since a disk
                         request the dead one started still writes it */
  bool watched;       /* at its death, notification watch_ntfn is signalled (KC_SRV_WATCH) */
  uint16_t watch_ntfn;
  uint32_t watch_bits;
  unsigned restarts;
};

/* An address space: a root page table in guest RAM, and its ASID (its index + 1). */
struct aspace {
  bool live;
  uint32_t root;      /* physical address of the root table */
  int threads;        /* threads that run in it: it goes with the last */
  uint32_t pages;     /* physical pages it holds: tables, and the pages mapped for it */
  int owner;          /* the pid its pages are charged to (EV_PROC_MEM): whoever made it (0: the
                         kernel, at boot) until a thread first enters, then that thread */
  uint32_t max_pages; /* its quota of pages, set by its maker (0: no limit but the RAM's) */
  int maker;          /* the address space that made it (KC_AS_CREATE), -1 the kernel: it
                         goes with its maker's */
};

/* A hart as the kernel sees it. */
struct mcpu {
  struct hart *h;
  struct tcb *cur; /* the thread on it (its registers are on the hart), or NULL */
  bool yield;      /* cur asked to give up the hart (KC_YIELD) */
  /* The IPC fast path: the thread cur's call woke, to run next (micro.c, fast_next). */
  struct tcb *handoff;
  uint8_t bad_arg; /* the argument the kernel call in progress found wrong (kabi.h) */
};

/* --inject SERVER@CYCLE[:hang]: the server faults (or, with hang, stops answering) when the
 * machine reaches that cycle. */
struct micro_inject {
  char server[16];
  uint64_t cycle;
  bool hang;
};

/* micro's own command-line options (their table is in micro.c). */
struct micro_options {
  struct kernel_option_list modules; /* --module [+]NAME[:ARG]: boot modules */
  struct micro_injects {
    struct micro_inject v[16];
    unsigned n;
  } injects; /* --inject, in order */
};

struct micro {
  struct kernel k; /* first: the front end's view */
  struct kernel_args args;
  struct micro_options opts;
  struct mcpu cpus[MICRO_MAX_CPUS];
  unsigned ncpu;
  uint64_t target;    /* the cycle the current round runs the harts to */
  uint64_t round_end; /* where the current round ends (target, unless a slice ends first) */
  bool halted;
  bool cannot_start;   /* the file server could not mount the disk: k.message says so */
  char disk_name[256]; /* the image the user named (or the build's), for that message */
  /* The hart in a call or a reply-receive, whose partner may take it over (micro_wake). */
  struct mcpu *ipc_hart;

  /* The objects: threads, endpoints, notifications, capability tables. */
  struct kobjs o;
  struct aspace as[MICRO_NAS];
  struct sched sched;
  int nextpid;    /* the next process's pid */
  int server_pid; /* the next boot module's: apart from the processes', a restart's too */

  /* Physical memory: the frames with their reference counts, and how the page tables reach
   * guest RAM (kernels/lib/vm; vm.c). */
  struct vm_frames frames;
  struct pt_mem pt;
  uint8_t *holder;       /* per page: 1 + the address space it was allocated for, 0 kernel */
  uint32_t kernel_pages; /* pages allocated for no address space (the vDSO's) */

  /* The debug console (kernel output before, or without, a console server) and the
   * interrupt controller. */
  uint32_t vdso[2]; /* the vDSO's pages (physical), mapped into every address space */

  /* Interrupt sources bound to notifications (KC_IRQ_BIND): a claimed interrupt is masked at
   * the PLIC and signals its notification; the driver's KC_IRQ_ACK unmasks it. */
  struct {
    bool bound;
    uint16_t ntfn;
    uint32_t bits;
  } irq[MICRO_NIRQ];
  bool input_over; /* the host's console input ended, and the UART's driver was told */
  /* Timers (KC_TIMER): at tick deadline[n], notification n is signalled with bits[n]. */
  uint64_t deadline[KOBJ_NNTFN];
  uint32_t timer_bits[KOBJ_NNTFN];
  bool watchdog[KOBJ_NNTFN]; /* the timer alone does not keep the system running */

  /* The boot modules, and which of --inject's injections have happened (bit i: the i-th). */
  struct bootmod mods[MICRO_NMOD];
  unsigned nmods;
  uint32_t injected;

  struct hostbus hb;
  struct uartdrv uart;
  struct plicdrv plic;
};

/* thread.c: threads' lives, below the rest of the kernel (it calls none of it) */
/* Thread t's process state, as the visualizer sees it (an EV_PROC_STATE event). */
void micro_thread_state(struct micro *k, struct tcb *t, enum procstate st);
/* t is runnable: on the run queue, or handed to the hart in a call (the IPC fast path). */
void micro_wake(struct micro *k, struct tcb *t);
/* Ends thread t (exit or fault): off every queue, its caps and memory freed with the last
 * thread of its address space, and the watcher of its boot module told (KC_SRV_WATCH).
 * why and code are EV_SERVER_DEATH's a1 and a2. */
void micro_thread_end(struct micro *k, struct tcb *t, uint32_t why, uint32_t code, uint32_t addr);
/* If t has a fault endpoint (its manager set one: KC_TH_FAULT), t calls it with label and
 * words w0..w2 and its pid, and waits for its manager to decide; true then. */
bool micro_call_manager(struct micro *k, struct tcb *t, uint32_t label, uint32_t w0, uint32_t w1,
                        uint32_t w2);
/* A new inactive thread in address space as, with an empty cspace of its own and the IPC
 * buffer at BOOT_IPC_BUF; NULL when all are used. Its pid is the next of *pids:
 * &k->nextpid for a process, &k->server_pid for a boot module, so servers (restarted ones
 * too) keep apart from the processes' pids. */
struct tcb *micro_thread_new(struct micro *k, int as, const char *name, int *pids);
/* An event of type (EV_PROC_NAME, EV_SERVER_START) with the thread's pid and name. */
void micro_emit_name(struct micro *k, struct tcb *t, uint16_t type);
/* One thread fewer in address space as: it goes, with every cap to it, after the last. */
void micro_as_release(struct micro *k, int as);
/* Text straight to the UART (the kernel's own messages, and KC_DEBUG_PUTS). */
void micro_puts(struct micro *k, const char *s, size_t n);
/* Thread t's boot module, or NULL. */
struct bootmod *micro_mod_of(struct micro *k, const struct tcb *t);

/* vm.c: pages and address spaces (mvm_: micro's vm, beside mono's in one program) */
int mvm_init(struct micro *k);
void mvm_free_all(struct micro *k);
/* A zeroed page for address space as (-1: the kernel's own), or 0. */
uint32_t mvm_page_alloc(struct micro *k, int as);
void mvm_page_put(struct micro *k, uint32_t pa);
void mvm_page_get(struct micro *k, uint32_t pa); /* one more reference to a page */
/* An address space's index, or -ENOMEM; its pages are charged to owner (a pid, 0 kernel),
 * at most max_pages of them (0: no limit); maker is the space that made it (-1: the kernel). */
int mvm_as_create(struct micro *k, int owner, int maker, uint32_t max_pages);
/* Thread pid enters address space as (one thread more); the first to enter pays for it. */
void mvm_as_enter(struct micro *k, int as, int pid);
void mvm_as_destroy(struct micro *k, int as);
int mvm_map(struct micro *k, int as, uint32_t va, uint32_t pa, uint32_t perm);
/* Maps fresh zeroed pages over [va, va + len). */
int mvm_map_fresh(struct micro *k, int as, uint32_t va, uint32_t len, uint32_t perm);
/* The physical address va maps to in as (any permission), or 0. */
uint32_t mvm_translate(struct micro *k, int as, uint32_t va);
/* Writes n bytes at va of as (mapped pages only; a shared page is copied first). 0 or
 * -EFAULT. */
int mvm_write(struct micro *k, int as, uint32_t va, const void *src, uint32_t n);
uint32_t mvm_satp(struct micro *k, int as);
/* Unmaps the pages of [va, va + len) in as. */
void mvm_unmap(struct micro *k, int as, uint32_t va, uint32_t len);
/* True if [va, va + len) is all mapped for the user in as, writable if write. */
bool mvm_user_ok(struct micro *k, int as, uint32_t va, uint32_t len, bool write);
/* Maps every user page of from into to as well (fork), shared: copy-on-write if writable.
 * Device and DMA pages are not shared. */
int mvm_as_copy(struct micro *k, int to, int from);
/* A store faulted at va in as: if the page is copy-on-write, as gets a copy of its own (or
 * the page itself, if no other space shares it any more), writable, and 0 is returned: the
 * store can be retried. -EFAULT for a real fault, -ENOMEM when no page is left. */
int mvm_cow(struct micro *k, int as, uint32_t va);
/* Copies n bytes from va of the address space running on hart h into va2 of as. */
int mvm_copy_across(struct micro *k, struct hart *h, uint32_t va, int as, uint32_t va2, uint32_t n);
/* kobj_ops.copy_buf: one IPC buffer to another, charged to the hart that runs the kernel. */
int mvm_copy_buf(void *ctx, struct tcb *from, struct tcb *to, uint32_t n);

/* micro.c: the timers due at the machine's time are signalled; true while any is armed. */
bool micro_timers(struct micro *k);

/* kcall.c */
void kcall_dispatch(struct micro *k, struct mcpu *c, struct tcb *t);

/* boot.c */
int boot_modules(struct micro *k, char *err, size_t errlen);
/* Starts an instance of module m: a new address space with its image, a thread with its boot
 * caps, runnable. 0, or a negative errno with a message in err. */
int micro_mod_start(struct micro *k, struct bootmod *m, char *err, size_t errlen);

/* restart.c: the kernel's part in restarting servers (see there). */
/* Ends module m's instance (KC_SRV_KILL, EV_SERVER_DEATH's why). -ESRCH when it is dead. */
int micro_srv_kill(struct micro *k, struct bootmod *m, uint32_t why);
/* Starts module m again, ending its instance if it lives; backoff (cycles) is for the event.
 * The new pid, or a negative errno. */
int micro_srv_restart(struct micro *k, struct bootmod *m, uint32_t backoff);
/* Makes module m's instance fault now, or hang (it runs, but never again answers). */
int micro_srv_inject(struct micro *k, struct bootmod *m, bool hang);
/* Parses --inject SERVER@CYCLE[:hang] into the next entry of a struct micro_injects (a
 * kernel_option's parse). */
int micro_inject_parse(void *injects, const char *val, char *err, size_t errlen);
/* --inject: checks that each names a module (0, or -EINVAL with a message); makes those
 * that are due happen; the cycle of the next one still to come (UINT64_MAX: none). */
int micro_injects_check(struct micro *k, char *err, size_t errlen);
void micro_injects_due(struct micro *k);
uint64_t micro_injects_next(struct micro *k);

/* The threads as gdb threads (debug.c; kernel.h's debugging hooks). */
extern const struct kernel_debug_ops micro_debug;

#endif
