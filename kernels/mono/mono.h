/*
 * mono.h: the monolithic kernel's shared definitions — the kernel, its harts (struct cpu)
 * and its processes (struct proc). Host C code that plays the supervisor, as in Nachos: the
 * guest runs in U mode, every trap returns to the host, and the code here answers it.
 *
 * Process-based, as xv6: every process has a kernel context (a host stack, switched with
 * swtch() in context.c), and kernel code that must wait — for the disk, a pipe, a child —
 * sleeps on a channel and is woken by wakeup(). Only one kernel context runs at a time (the
 * simulation is one host thread), so the kernel needs no locks; where xv6 takes a lock, a
 * comment says what keeps the invariant here instead.
 *
 * How time flows: mono_run() runs the harts in turn, a quantum of simulated cycles each.
 * Each hart runs the context bound to it — its scheduler, or a process — until the hart has
 * used its quantum; that context then yields back to mono_run (yield_to_machine()).
 */
#ifndef OSSIM_MONO_H
#define OSSIM_MONO_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/kevents.h"
#include "abi/proc.h"
#include "abi/sv32.h"
#include "blkdrv.h"
#include "context.h"
#include "file/cons.h"
#include "file/file.h"
#include "fs/fs.h"
#include "hostbus.h"
#include "kernel.h"
#include "kernel_options.h"
#include "machine.h"
#include "modguard.h"
#include "module.h"
#include "plicdrv.h"
#include "sched/sched.h"
#include "uartdrv.h"
#include "vm/frames.h"
#include "vm/pt.h"

#define NPROC 64
#define MAXARG 32 /* exec arguments */
#define MONO_MAX_CPUS 4
#define USER_STACK_PAGES 4
#define TICK_CYCLES 1000000u /* timer interrupt every 1 ms at 1 GHz */

struct mono;
struct module;

/* What a module's calls into the kernel carry: the kernel, and which module is asking. */
struct mod_kernel {
  struct mono *k;
  struct module *self;
};

#define NMODULE 16
#define MOD_MAXDEPS 8
#define MOD_MAXEXPORTS 8
struct mod_block; /* one allocation of a module's (modload.c) */
#define NCHRDEV 8
#define CHRDEV_MAJOR_BASE 10 /* device i of the table has major 10 + i; 1 is the console */

/* A character device driver (dev.c): the kernel's own /dev/modules (slot 0), or one a
 * module registered. Changed only by insmod, rmmod and the kernel's start. */
struct chrdev {
  char name[16];                    /* /dev/NAME; "" when the slot is free */
  const struct mod_chrdev_ops *ops; /* NULL once its module unregistered it */
  struct module *owner;             /* NULL: the kernel's own */
  bool node;                        /* /dev/NAME is on the disk */
};

/* A loaded module (modload.c). Changed only by insmod and rmmod. */
struct module {
  enum { MOD_FREE, MOD_LOADING, MOD_LIVE, MOD_UNLOADING } state;
  char name[32];
  void *handle;                   /* from dlopen */
  const struct module_info *info; /* the module's ossim_module */
  uint32_t size;                  /* bytes of its shared object */
  int refs;                       /* loaded modules that depend on it */
  int opens;                      /* open files on its devices */
  int reported_refs;              /* the count last sent as EV_MODULE_REF, -1 none yet */
  int deps[MOD_MAXDEPS], ndeps;   /* the modules it depends on (indexes) */
  struct mod_kernel ctx;          /* what its calls into the kernel carry */
  void *priv;                     /* its state, as its init returned it */
  struct mod_block *blocks;       /* what api->alloc gave it, freed when it goes */
  struct mod_export {             /* what its init exported (api->export) */
    char name[32];
    void *addr;
  } exports[MOD_MAXEXPORTS];
  int nexports;
  const struct sched_policy *sched;      /* the policy it registered, */
  struct sched_policy guarded;           /* the same, each call through the guard (in force), */
  const struct sched_policy *sched_prev; /* and the one in force before it */
  void (*syscall_hook)(struct mod_kernel *k, const struct mod_api *api, void *priv,
                       const struct mod_syscall *sc); /* if it has it */
};

/* A system call on its way past the system-call hook (modload.c): what the hook will see,
 * with room for the strings its arguments point to, copied when the call began. */
struct mod_trace {
  struct mod_syscall sc;
  char strings[2][64];
};

/* Saved user registers of a process that is not on a hart. */
struct trapframe {
  uint32_t x[32];
  uint32_t pc;
};

/*
 * A slot of the table is one thread. A process is its main thread's slot (its leader) and
 * the slots of its other threads: they share what the leader holds — the page table and
 * sz, the files and cwd, the parent, the exit status — and each has its own kernel
 * context, registers (tp, the TLS pointer, among them), scheduling state and tid. A
 * thread's own copies of the shared fields are unused (pagetable 0, no files). The main
 * thread's tid is the pid; every thread's pid is its process's.
 */
struct proc {
  /* Scheduling state: changed by the scheduler, sleep, wakeup, exit and kill. */
  enum procstate state;
  const void *chan; /* sleeping on chan */
  bool killed;
  int xstate; /* leader: exit status, for the parent's wait */
  int pid;
  int tid;
  struct proc *parent; /* leader: the parent process's leader; other threads: NULL */

  /* Threads (proc.c, futex.c): leader is the main thread, itself for the main thread.
   * nthreads and ending are the leader's: threads not yet ended, itself included; and
   * whether the other threads are being ended (by an exit, or an exec). */
  struct proc *leader;
  int nthreads;
  bool ending;
  uint32_t futex_addr; /* sleeping in futex_wait on this user address (chan: &futex_addr) */

  /* Private to the process (its kernel context) while it is not UNUSED. */
  struct context ctx;     /* its kernel context */
  struct sched_entity se; /* its place in the scheduling policy */
  struct trapframe tf;    /* user registers while off a hart */
  uint32_t pagetable;     /* physical address of the root page table */
  uint32_t sz;            /* top of user memory (text, data, stack, heap) */
  uint64_t cpu_cycles;    /* simulated cycles on a hart */
  uint32_t pages;         /* physical pages charged to it (vm.c; changed by whoever
                             allocates or frees them, reported as EV_PROC_MEM) */
  uint64_t sleep_until;   /* sleep(): the cycle to wake at; its address is the channel */
  struct file_fds fds;    /* open files */
  uint32_t cwd;           /* inode of the current directory */
  char name[16];
  // LAB 01 BEGIN
  uint32_t trace_mask; /* trace(): bit n set prints each call of number n */
  // LAB 01 STARTER
  // LAB 01 END
  struct mono *k;
};

/* One hart as the kernel sees it. */
struct cpu {
  struct mono *k;
  struct hart *h;
  unsigned last_pick;      /* the scheduler's round-robin position */
  struct proc *proc;       /* the process running here, or NULL */
  struct context sched;    /* the scheduler's context on this hart */
  struct context *current; /* the context bound to this hart: sched or proc->ctx */
};

/* Paging under --mem-limit (swap.c, lab 5). A frame is one resident page that may be paged
 * out; p NULL: the frame is free. Changed only by swap.c. */
struct frame {
  struct proc *p;  /* whose page it is */
  uint32_t va, pa; /* where p maps it, and the physical page */
  uint64_t loaded; /* swap.now when it was brought in: FIFO */
  uint64_t used;   /* swap.now at the last access seen: LRU */
  bool ref;        /* accessed since the clock's hand last passed: clock */
};

enum swap_policy { SWAP_FIFO, SWAP_CLOCK, SWAP_LRU };

struct swap {
  unsigned limit; /* frames at most; 0: no paging (and no frames) */
  enum swap_policy policy;
  struct frame *frames; /* [limit] */
  unsigned hand;        /* clock: the frame the hand points at */
  uint64_t now;         /* a logical clock: ticks at each load and access seen */
  uint32_t *slots;      /* [nslots]: the page holding each swap slot */
  uint16_t *slot_refs;  /* [nslots]: page-table entries naming the slot; 0 free */
  unsigned nslots;
};

/* mono's own command-line options (their table is in mono.c). */
struct mono_options {
  struct kernel_option_list modules; /* --module "NAME key=value...": loaded at boot */
  struct kernel_option_list bpf;     /* --bpf FILE.o: eBPF objects loaded at boot */
  const char *vmprint;               /* --vmprint PROG: print the page table of each exec of PROG */
  unsigned mem_limit; /* --mem-limit PAGES: resident paged frames at most (0: none) */
  const char *evict;  /* --evict POLICY: the page-replacement policy (NULL: clock) */
};

struct mono {
  struct kernel k; /* first: the front end's view */
  struct kernel_args args;
  struct mono_options opts;
  struct cpu cpus[MONO_MAX_CPUS];
  unsigned ncpu;
  unsigned cur;           /* the hart whose context is running now */
  uint64_t target;        /* the cycle the current round runs the harts to */
  uint64_t round_end;     /* where the current round ends (target, unless a slice ends first) */
  struct context machine; /* mono_run's own context */
  struct proc procs[NPROC];
  struct proc *initproc;
  struct sched sched; /* the policy and its run queues (kernels/lib/sched) */
  int nextpid;
  bool halted, cannot_start;

  /* Physical memory: the frames with their reference counts for sharing, and how the page
   * tables reach guest RAM (kernels/lib/vm; vm.c). */
  struct vm_frames frames;
  struct pt_mem pt;
  uint8_t *owner;        /* per page: who it is charged to, 1 + a process's slot or 0 the
                            kernel (vm.c) */
  uint32_t kernel_pages; /* pages charged to the kernel (the vDSO, the disk's DMA page) */
  uint32_t vdso_page;    /* the physical page of the vDSO, mapped into every process */
  struct swap swap;      /* paging under --mem-limit (swap.c) */

  /* Devices, through the shared drivers over the machine's bus. Interrupts go to hart 0. */
  struct hostbus hb;
  struct plicdrv plic;
  struct uartdrv uart;
  struct blkdrv blk;
  int blk_result;      /* of the last disk request, set by its interrupt */
  struct cons cons;    /* typed input; its readers sleep on &cons.r */
  bool cons_throttled; /* the UART's interrupt is masked: the line buffer is full */

  /* Files. */
  struct file_table files;
  struct fs fs;
  struct fs_disk disk;
  bool fs_busy;        /* the file-system lock (a sleeping lock: see file.c) */
  char disk_name[256]; /* the image the user named (or the build's), for messages */
  struct module modules[NMODULE];
  struct chrdev devs[NCHRDEV];
  struct module *tracer;      /* the module whose system-call hook is set, or NULL */
  unsigned taint;             /* TAINT_* (modguard.h) */
  bool panicked;              /* a module faulted: the kernel is dead (mod_oops) */
  struct mod_protect protect; /* the fault handler for module code (modguard.c) */
  bool fs_ready;              /* mounted: device files can be made */
  struct mono_bpf *bpf;       /* eBPF objects loaded by --bpf or bpf(2) (bpf.c), or NULL */
};

/* A page-table entry with V clear and this software bit (RSW) set is a page in swap: the
 * slot number where the page number goes, and the page's flags kept (swap.c). */
#define PTE_SWAP PTE_RSW1

/* The processes as gdb threads (debug.c; kernel.h's debugging hooks). */
extern const struct kernel_debug_ops mono_debug;

/* A process's ASID: its leader's slot in the table plus one (ASID 0 is no process). */
static inline uint32_t proc_asid(const struct mono *k, const struct proc *p) {
  return (uint32_t)(p->leader - k->procs) + 1;
}

/* mono.c */
void mono_yield_to_machine(struct mono *k);
void mono_halt(struct mono *k, int status);
void mono_first_process_start(struct mono *k, struct proc *p);
void mono_device_poll(struct mono *k);
/* file.c */
void mono_files_fork(struct mono *k, struct proc *parent, struct proc *child);
void mono_files_exit(struct mono *k, struct proc *p);
void mono_console_putc(struct mono *k, char c);
void mono_console_printf(struct mono *k, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void mono_console_init(struct mono *k);
bool mono_uart_intr(struct mono *k);
void mono_blk_intr(struct mono *k);
int mono_fs_mount(struct mono *k);
int mono_fs_slurp(struct mono *k, uint32_t cwd, const char *path, uint8_t **data, uint32_t *len);
int mono_open_console(struct mono *k, struct proc *p);
int mono_fs_mknod(struct mono *k, const char *path, short major); /* replaces what is there */
int mono_fs_remove(struct mono *k, const char *path);
bool mono_console_over(struct mono *k); /* the host's input ended and was all read */

/* proc.c */
struct cpu *mycpu(struct mono *k);

/* bpf.c: eBPF programs at the system-call hooks. mono_bpf_enter returns 0, or the negative
 * errno a filter refused the call with. */
int mono_bpf_load(struct mono *k, const char *path, char *err, size_t errlen);
int mono_bpf_enter(struct mono *k, struct proc *p, uint32_t num, const uint32_t *a);
void mono_bpf_exit(struct mono *k, struct proc *p, uint32_t num, int ret);
void mono_bpf_report(struct mono *k);
int mono_bpf_syscall(struct mono *k, struct proc *p, uint32_t cmd, uint32_t uattr);
void mono_bpf_free(struct mono *k);
struct proc *myproc(struct mono *k);
int proc_first(struct mono *k, const char *path, char *err, size_t errlen);
void sched_loop(void *arg);
void yield(struct mono *k);
void make_runnable(struct mono *k, struct proc *p);
void proc_emit_name(struct mono *k, struct proc *p);
/* Emits an event whose a1..a3 carry up to 12 bytes of a name (process or module). */
void mono_emit_name(struct mono *k, uint16_t type, uint32_t a0, const char *name, size_t max);
void sleep_on(struct mono *k, const void *chan);
void wakeup(struct mono *k, const void *chan);
int proc_fork(struct mono *k);
void proc_exit(struct mono *k, int status);
int proc_wait(struct mono *k, uint32_t status_va);
int proc_kill(struct mono *k, int pid);
int proc_info(struct mono *k, uint32_t buf_va, int max);
int proc_setpriority(struct mono *k, int pid, int prio, int32_t tickets);
int thread_create(struct mono *k, uint32_t entry, uint32_t arg, uint32_t sp, uint32_t tls);
void thread_exit(struct mono *k);
int thread_join(struct mono *k, int tid);
/* Before an exec commits: ends the caller's other threads and waits for them. 0; -EINVAL
 * when the caller is not its process's main thread; -EINTR when it is killed meanwhile. */
int exec_end_other_threads(struct mono *k);
/* futex.c */
int futex_wait(struct mono *k, uint32_t addr, uint32_t expected);
int futex_wake(struct mono *k, uint32_t addr, int n);

/* vm.c */
int vm_init(struct mono *k);
void vm_free_all(struct mono *k);
uint32_t kalloc(struct mono *k); /* a zeroed physical page for the kernel, or 0 */
void kfree(struct mono *k, uint32_t pa);
/* A zeroed physical page charged to whoever owns the address space root, or 0. */
uint32_t uvm_alloc(struct mono *k, uint32_t root);
/* A root page table with the vDSO mapped, charged to p, or 0. */
uint32_t uvm_create(struct mono *k, struct proc *p);
uint32_t read_pte(struct mono *k, uint32_t pte_pa);          /* a page-table entry */
void write_pte(struct mono *k, uint32_t pte_pa, uint32_t v); /* (through the bus) */
/* Copies physical page from to page to, charging the running hart `cycles` for it. */
void vm_copy_page(struct mono *k, uint32_t from, uint32_t to, uint64_t cycles);
int uvm_map(struct mono *k, uint32_t root, uint32_t va, uint32_t pa, uint32_t perm);
uint32_t uvm_pte(struct mono *k, uint32_t root, uint32_t va, uint32_t *pte_pa);
int uvm_grow(struct mono *k, struct proc *p, uint32_t newsz);
int uvm_shrink(struct mono *k, struct proc *p, uint32_t newsz);
int uvm_copy(struct mono *k, uint32_t from, uint32_t to, uint32_t sz);
void uvm_free(struct mono *k, uint32_t root, uint32_t sz);
int uvm_fault(struct mono *k, struct proc *p, uint32_t va, bool write);
void uvm_flush(struct mono *k, struct proc *p); /* every hart drops p's translations */
void vmprint(struct mono *k, uint32_t root);    /* the page table, on the console */
int copyin(struct mono *k, void *dst, uint32_t va, uint32_t n);
int copyout(struct mono *k, uint32_t va, const void *src, uint32_t n);
int copyinstr(struct mono *k, char *dst, uint32_t va, uint32_t max);
/* Whether the process may read (or write) all of [va, va + n): 0 or -EFAULT. Checked before
 * a read or write starts, so that a call with a bad buffer fails whole, taking nothing. */
int uvm_check(struct mono *k, uint32_t va, uint32_t n, bool write);

/* swap.c */
/* Sets up paging of at most limit frames (0: none) with policy "fifo", "clock" (NULL: the
 * default) or "lru". 0, or a negative errno with a message in err. */
int swap_init(struct mono *k, unsigned limit, const char *policy, char *err, size_t errlen);
void swap_free_all(struct mono *k);
/* p touched va, a page of its memory that is not resident, whose entry is pte (0: never
 * touched, or a swap entry): gives it a frame (evicting one at the limit), fills it
 * (zeros, or its copy from swap) and maps it. 0, or -ENOMEM. */
int swap_in(struct mono *k, struct proc *p, uint32_t va, uint32_t pte);
void swap_untrack(struct mono *k, uint32_t pa); /* the page is unmapped or shared: not paged */
int swap_dup(struct mono *k, uint32_t pte);     /* a swap entry is copied (fork): 0 or error */
void swap_drop(struct mono *k, uint32_t pte);   /* a swap entry is gone; frees its slot last */
/* Copies the pages' accessed bits into their frames and clears them (every trap). */
void swap_sample(struct mono *k);

/* trap.c */
void usertrap(struct mono *k, struct proc *p);
void run_user(struct mono *k, struct proc *p);

/* modload.c */
int mod_insmod(struct mono *k, const char *name, const char *params, char *msg, size_t len);
int mod_rmmod(struct mono *k, const char *name, char *msg, size_t len);
int mod_list(struct mono *k, char *buf, size_t len);
void mod_unload_all(struct mono *k);
bool mod_any_loaded(const struct mono *k);
/* Emits EV_MODULE_REF for each live module whose reference count changed since it last did. */
void mod_report_refs(struct mono *k);
/* Whether name is a plain word (a-z, 0-9, _) shorter than size: module and device names
 * become file names. */
bool mod_plain_word(const char *name, size_t size);
/* A system call seen by the hook: begin before the call (when k->tracer is set), end after. */
void mod_trace_begin(struct mono *k, struct proc *p, uint32_t num, const uint32_t *a,
                     struct mod_trace *t);
void mod_trace_end(struct mono *k, struct proc *p, struct mod_trace *t, int result);
/* Calls a device's read or write (which is module code unless the device is the kernel's). */
int mod_chrdev_io(struct mono *k, struct chrdev *d, char *buf, uint32_t n, uint32_t off,
                  bool write);

/* dev.c */
void dev_init(struct mono *k);
int dev_register(struct mono *k, struct module *owner, const char *name,
                 const struct mod_chrdev_ops *ops);
struct chrdev *dev_find(struct mono *k, const char *name);
struct chrdev *dev_by_major(struct mono *k, short major);
short dev_major(struct mono *k, const struct chrdev *d);
void dev_make_nodes(struct mono *k);
void dev_remove(struct mono *k, struct module *owner);
int dev_open(struct mono *k, struct file *f, short major);
void dev_close(struct mono *k, struct file *f);
int dev_rw(struct mono *k, struct file *f, uint32_t va, uint32_t n, bool write);

/* syscall.c */
void mono_syscall(struct mono *k, struct proc *p);

#endif
