/*
 * abi/kevents.h: the kernel events, the vocabulary every kernel emits into the machine's
 * event stream (sim/events.h: one record with a type, the cycle, the hart and four
 * arguments a0..a3), so that the visualizer, traces and `compare` read any kernel's stream
 * the same way. Each type's comment says what its arguments carry. The machine's own types
 * sit below EV_KERNEL_BASE; a new kernel concept is a new line here, not a change to sim/.
 */
#ifndef OSSIM_ABI_KEVENTS_H
#define OSSIM_ABI_KEVENTS_H

#include <stdint.h>

#define EV_KERNEL_BASE 0x100

enum ev_kernel_type {
  EV_PROC_CREATE = EV_KERNEL_BASE, /* a0 = pid, a1 = parent pid */
  EV_PROC_NAME,     /* a0 = pid, a1..a3 = up to 12 bytes of its name, little-endian */
  EV_PROC_STATE,    /* a0 = pid, a1 = new state (abi/proc.h enum procstate) */
  EV_PROC_EXIT,     /* a0 = pid, a1 = exit status */
  EV_SCHED_SWITCH,  /* a0 = pid now running on the hart (0: idle), a1 = pid before */
  EV_SYSCALL_ENTER, /* a0 = pid, a1 = number, a2 = first argument, a3 = second */
  EV_SYSCALL_EXIT,  /* a0 = pid, a1 = number, a2 = result */
  EV_PAGE_FAULT,    /* a0 = pid, a1 = address, a2 = cause, a3 = 1 if resolved, 0 if fatal */
  EV_MODULE_LOAD,   /* a0 = size in bytes, a1..a3 = up to 12 bytes of its name */
  EV_MODULE_UNLOAD, /* a0 = size in bytes, a1..a3 = name */
  EV_MODULE_FAIL,   /* a0 = the error number (positive), a1..a3 = name */
  /* IPC (micro). Processes and servers are named by the same pid as in EV_PROC_*. */
  EV_IPC_SEND,       /* a0 = sender pid, a1 = receiver pid, a2 = label, a3 = size in bytes */
  EV_IPC_RECV,       /* a0 = receiver pid, a1 = sender pid, a2 = label, a3 = size */
  EV_IPC_REPLY,      /* a0 = replier pid, a1 = caller pid, a2 = label, a3 = size */
  EV_NOTIFY,         /* a0 = signalling pid (0: an interrupt), a1 = pid woken (0: none
                        waiting), a2 = the notification's bits after the signal */
  EV_SERVER_START,   /* a0 = pid, a1..a3 = up to 12 bytes of its name */
  EV_SERVER_DEATH,   /* a0 = pid, a1 = why (1 exit, 2 fault, 3 missed heartbeat, 4 killed),
                        a2 = exit status or fault cause, a3 = fault address */
  EV_SERVER_RESTART, /* a0 = new pid, a1 = old pid, a2 = restarts so far, a3 = backoff in
                        cycles before this restart */
  EV_PROC_MEM,       /* a0 = pid (0: the kernel), a1 = physical pages it owns now */
  EV_PROC_SCHED,     /* a0 = pid, a1 = priority, a2 = tickets (what ps and the
                        visualizer show; a policy uses what it needs) */
  EV_MODULE_REF,     /* a0 = the module's reference count now (what lsmod shows), a1..a3 =
                        name; after its load and whenever the count changes */
  EV_PAGE_OUT,       /* a0 = pid, a1 = virtual address, a2 = swap slot it went to */
  EV_PAGE_IN,        /* a0 = pid, a1 = virtual address, a2 = swap slot it came from */
  /* Threads and the futex. A thread is named by its tid, which is its process's pid for the
   * main thread; EV_PROC_STATE, EV_SCHED_SWITCH, EV_SYSCALL_* and the EV_MARK of a
   * trace_mark name threads so. */
  EV_THREAD_CREATE, /* a0 = tid, a1 = pid of its process */
  EV_THREAD_EXIT,   /* a0 = tid, a1 = pid */
  EV_FUTEX_WAIT,    /* a0 = tid, a1 = address, a2 = 1 if it slept, 0 if the word had changed */
  EV_FUTEX_WAKE,    /* a0 = tid of the waker, a1 = address, a2 = threads woken */
  EV_KERNEL_LAST
};

/* A short lower-case name for a kernel event type ("proc-create"), or NULL for a type that
 * is not one. (sim/events.h's ev_type_name names the machine's types and these.) */
static inline const char *ev_kernel_type_name(uint16_t type) {
  static const char *const names[EV_KERNEL_LAST - EV_KERNEL_BASE] = {
      [EV_PROC_CREATE - EV_KERNEL_BASE] = "proc-create",
      [EV_PROC_NAME - EV_KERNEL_BASE] = "proc-name",
      [EV_PROC_STATE - EV_KERNEL_BASE] = "proc-state",
      [EV_PROC_EXIT - EV_KERNEL_BASE] = "proc-exit",
      [EV_SCHED_SWITCH - EV_KERNEL_BASE] = "sched-switch",
      [EV_SYSCALL_ENTER - EV_KERNEL_BASE] = "syscall-enter",
      [EV_SYSCALL_EXIT - EV_KERNEL_BASE] = "syscall-exit",
      [EV_PAGE_FAULT - EV_KERNEL_BASE] = "page-fault",
      [EV_MODULE_LOAD - EV_KERNEL_BASE] = "module-load",
      [EV_MODULE_UNLOAD - EV_KERNEL_BASE] = "module-unload",
      [EV_MODULE_FAIL - EV_KERNEL_BASE] = "module-fail",
      [EV_IPC_SEND - EV_KERNEL_BASE] = "ipc-send",
      [EV_IPC_RECV - EV_KERNEL_BASE] = "ipc-recv",
      [EV_IPC_REPLY - EV_KERNEL_BASE] = "ipc-reply",
      [EV_NOTIFY - EV_KERNEL_BASE] = "notify",
      [EV_SERVER_START - EV_KERNEL_BASE] = "server-start",
      [EV_SERVER_DEATH - EV_KERNEL_BASE] = "server-death",
      [EV_SERVER_RESTART - EV_KERNEL_BASE] = "server-restart",
      [EV_PROC_MEM - EV_KERNEL_BASE] = "proc-mem",
      [EV_PROC_SCHED - EV_KERNEL_BASE] = "proc-sched",
      [EV_MODULE_REF - EV_KERNEL_BASE] = "module-ref",
      [EV_PAGE_OUT - EV_KERNEL_BASE] = "page-out",
      [EV_PAGE_IN - EV_KERNEL_BASE] = "page-in",
      [EV_THREAD_CREATE - EV_KERNEL_BASE] = "thread-create",
      [EV_THREAD_EXIT - EV_KERNEL_BASE] = "thread-exit",
      [EV_FUTEX_WAIT - EV_KERNEL_BASE] = "futex-wait",
      [EV_FUTEX_WAKE - EV_KERNEL_BASE] = "futex-wake",
  };
  if (type < EV_KERNEL_BASE || type >= EV_KERNEL_LAST) return 0;
  return names[type - EV_KERNEL_BASE];
}

#endif
