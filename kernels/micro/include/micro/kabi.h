/*
 * micro/kabi.h: the microkernel's own system-call ABI, shared by the host kernel
 * (kernels/micro) and the guest servers (kernels/micro/servers) that call it.
 *
 * This is not the user API. User programs call the vDSO (abi/syscall.h), and on micro the
 * vDSO turns each call into IPC to a server. The calls here are the few operations that
 * must be privileged: moving messages between address spaces, handing out authority
 * (capabilities), building address spaces and threads, and touching interrupts.
 *
 * A kernel call is `ecall` with the call number in a7. Capabilities are named by their slot
 * in the caller's capability table (its cspace). Every call returns a status in a0: 0 (or a
 * non-negative value) on success, a negative OSSIM_E* error saying which argument was wrong:
 *   -EBADF   the slot is empty or out of range, or holds a cap of the wrong type
 *   -EPERM   the cap lacks a right the call needs (send, receive, grant)
 *   -EAGAIN  a non-blocking call would have blocked
 *   -EPIPE   the partner went away (the endpoint or the caller of a reply was destroyed)
 *   -ENOMEM  the kernel has no object of that kind left, or the caller's quota is spent
 * and, for every call but the message calls, a1 = the number of the argument that was wrong
 * (0 for a0, 1 for a1, ...), as seL4's invalid-argument number: a copy's source or its
 * destination slot, the space or the thread.
 *
 * Authority. Every call that makes a kernel object, takes memory or touches a device names a
 * cap that grants it (docs/micro.md, "Authority"): a quota cap (CAP_QUOTA) to make address
 * spaces and threads, an address space cap to map pages into one, a device's frame cap for
 * DMA, the debug cap (CAP_DEBUG) for the kernel's console. The system servers are booted with
 * them; a process gets none (the process manager builds it, and it asks the process manager).
 *
 * Messages. Short messages travel in registers (the fast path: no memory is touched):
 *   a0  in: MSG_A0(endpoint slot, slot of a cap to send, slot where a cap may land)
 *       out (receiver): flags, MSG_CAP_MOVED when a cap arrived in the landing slot
 *   a1  the label (what the message is: a request number, a reply status)
 *   a2..a5  message words 0..3
 *   a6  bytes in the sender's IPC buffer page to copy into the receiver's (0..4096)
 *   a7  out (receiver): the badge of the cap the message was sent through
 * A longer message puts its bytes in the sender's IPC buffer (one page per thread) and
 * their count in a6; the kernel copies them buffer to buffer. One cap may travel with a
 * message (or a reply) when the endpoint cap it is sent through has the grant right: the
 * receiver gets a copy in the landing slot it named, if it named an empty one (else the
 * message arrives without it, as in seL4). A call names its landing slot for the reply's cap.
 */
#ifndef OSSIM_MICRO_KABI_H
#define OSSIM_MICRO_KABI_H

#include "abi/ipcproto.h" /* LABEL_FAULT, LABEL_EXIT, LABEL_NOTIFY: the kernel's own labels */

/* Kernel call numbers (a7). */
enum kcall {
  KC_SEND = 1,    /* a0 ep: send and wait until received */
  KC_NBSEND,      /* a0 ep: send only if a receiver waits, else -EAGAIN */
  KC_RECV,        /* a0 ep: wait for a message */
  KC_NBRECV,      /* a0 ep: take a message only if a sender waits, else -EAGAIN */
  KC_CALL,        /* a0 ep: send, then wait for the reply (one-shot reply cap) */
  KC_REPLY,       /* answer the last call received (a1..a6 the reply) */
  KC_REPLY_RECV,  /* reply, then recv on a0's endpoint, in one kernel entry */
  KC_REPLY_SAVE,  /* a0 slot: keep the pending reply cap there, to answer later */
  KC_SIGNAL,      /* a0 notification: OR the cap's badge into its word */
  KC_WAIT,        /* a0 notification: wait until its word is non-zero; a1 = the word */
  KC_POLL,        /* a0 notification: a1 = the word (maybe 0), without blocking */
  KC_CAP_COPY,    /* a0 from slot, a1 to slot, a2 rights mask: a copy with fewer rights */
  KC_CAP_MINT,    /* a0 from, a1 to, a2 rights mask, a3 badge (nonzero): badged copy */
  KC_CAP_DELETE,  /* a0 slot */
  KC_CAP_REVOKE,  /* a0 slot: delete every cap derived from it (it stays) */
  KC_EP_CREATE,   /* a0 slot: a new endpoint, all rights */
  KC_NTFN_CREATE, /* a0 slot: a new notification, all rights */
  KC_DEBUG_PUTS,  /* a0 address, a1 length, a2 debug cap: text straight to the UART */
  KC_YIELD,       /* give up the rest of the time slice */
  KC_TRACE_MARK,  /* a0 id, a1, a2 arguments: a mark in the event stream */
  KC_POWEROFF,    /* a0 system cap, a1 exit status: the machine powers off (a2: the file
                     server's error, positive, when it cannot mount the disk) */
  KC_CYCLES,      /* a0 = low, a1 = high word of the hart's cycle counter, a2 = ticks */
  KC_EXIT,        /* a0 status: the calling thread ends (its process with its last); one
                     with a fault endpoint calls it instead (LABEL_EXIT): its manager ends it */
  /* Building processes (the process manager's calls). a0 names the aspace or thread cap. */
  KC_AS_CREATE,  /* a0 slot, a1 quota cap, a2 most pages it may hold (0: the quota's): a
                    new address space (the vDSO page mapped), all rights, charged to the
                    quota. It goes with its last thread, or with the space of whoever made
                    it (the maker's objects go with the maker, at any depth) */
  KC_AS_MAP,     /* a0 aspace, a1 va, a2 len, a3 MAP_* bits: fresh zeroed pages */
  KC_AS_WRITE,   /* a0 aspace, a1 va there, a2 va here, a3 len: copy into the space */
  KC_AS_COPY,    /* a0 aspace to, a1 aspace from: every user page shared, copy-on-write (fork) */
  KC_AS_DMA,     /* a0 aspace, a1 a device's frame cap: a fresh page mapped at its
                    physical address, for that device to reach; a0 = its page number */
  KC_FRAME_MAP,  /* a0 frame, a1 aspace: the device page at its physical address; a0 =
                    its page number */
  KC_TH_CREATE,  /* a0 slot, a1 aspace, a2 name (here, up to 15 bytes), a3 quota cap:
                    a0 = its pid */
  KC_TH_SPACE,   /* a0 thread, a1 aspace, a2 name: the thread moves there (exec) */
  KC_TH_COPY,    /* a0 thread to, a1 thread from: all registers and pc (fork) */
  KC_TH_WRITE,   /* a0 thread, a1 register (0: pc), a2 value */
  KC_TH_RESUME,  /* a0 thread: it runs */
  KC_TH_KILL,    /* a0 thread, a1 exit status: it ends (EV_PROC_EXIT) */
  KC_TH_FAULT,   /* a0 thread, a1 endpoint (badged): its faults are calls there */
  KC_CAP_GIVE,   /* a0 thread, a1 from here, a2 slot there, a3 badge (0: none): a send-only
                    copy, a client's cap (it may call, never receive the server's calls) */
  KC_AS_UNMAP,   /* a0 aspace, a1 va, a2 len: the pages go (a shrinking heap) */
  KC_CHECK,      /* a0 va, a1 len, a2 1 for writing: 0 if the caller may touch all of it, else
                    -EFAULT (the vDSO checks pointers before it copies) */
  KC_NTFN_BIND,  /* a0 notification: bound to the caller (its receives end on a signal) */
  KC_IRQ_BIND,   /* a0 irq, a1 notification: the interrupt signals it (the cap's badge) */
  KC_IRQ_ACK,    /* a0 irq: handled; the source may interrupt again */
  KC_INPUT_DONE, /* a0 debug cap: a0 = 1 when the host's console input has ended (a hangup) */
  KC_TIMER,      /* a0 notification, a1 tick: signal it (its cap's badge) at that tick;
                    one timer per notification, a new call replaces it. a2 = 1: a
                    watchdog, which alone does not keep the system running (a system
                    where every thread waits for nothing but watchdogs is stuck) */
  KC_TH_INFO,    /* a0 thread: a0 = its state (abi/proc.h), a1/a2 = cycles run (low,
                    high), a3 = its priority (ps) */
  KC_TH_SCHED,   /* a0 thread, a1 priority (< 0: as it is), a2 tickets (0: as they are):
                    its scheduling parameters (setpriority) */
  KC_SYS_ENTER,  /* the vDSO's mark: system call a6 begins, with a0, a1 its first arguments */
  KC_SYS_EXIT,   /* the vDSO's mark: the system call ends with the result in a0. Both leave
                    every register as it was. */
  /* Restarting servers (the reincarnation server's calls). a0 is the system cap, a1 a boot
   * module's index (its place at boot: enum boot_server for the system servers). */
  KC_SRV_WATCH,   /* a2 notification: signalled (its cap's badge) when the module's
                     thread ends, whatever the end; a0 = the module's pid now (0: dead) */
  KC_SRV_KILL,    /* a2 why (EV_SERVER_DEATH: 3 missed heartbeat, 4 killed): it ends */
  KC_SRV_RESTART, /* a2 backoff (cycles waited, for the event): a new instance from its
                     boot image, with its boot caps, its old one ended; a0 = its pid */
  KC_SRV_INJECT,  /* a2 0: it faults now, 1: it hangs (runs on, never answers) */
  KC_SRV_INFO,    /* a0 = the module's pid now (0: dead), a1 its state (abi/proc.h), a2/a3
                     cycles run (low, high), a4 its priority: the process manager's ps
                     lists the servers too. -EINVAL past the last module */
  KC_COUNT
};

/* micro's vDSO is two pages: its code at VDSO_CODE, the table of entries at VDSO_BASE
 * (abi/syscall.h). User memory ends below VDSO_CODE. */
#define VDSO_CODE 0xffffe000u

/* The scheduler's tick, and the unit of uptime and sleep. */
#define MICRO_TICK_CYCLES 1000000u

/* KC_AS_MAP's permissions. */
#define MAP_R 1u
#define MAP_W 2u
#define MAP_X 4u

/* Flags in a0 of a received message. */
#define MSG_CAP_MOVED 1u
#define MSG_NOTIFY                                                                                 \
  2u /* not a message: a signal of the notification bound to the receiver                          \
        (LABEL_NOTIFY); nobody waits for an answer. A sender cannot set it,                        \
        so a client cannot pass its call off as a signal. */
/* The most bytes a message may carry in the IPC buffer. */
#define MSG_BUF_MAX 4096u
/* a0 of a message call: the endpoint's slot, the slot of the cap to send and the slot where
 * a cap may land (-1: none). */
#define MSG_A0(ep, give, take)                                                                     \
  ((unsigned)(ep) | (unsigned)((give) + 1) << 8 | (unsigned)((take) + 1) << 16)

/* Capability types. */
enum cap_type {
  CAP_NULL = 0,
  CAP_ENDPOINT,     /* synchronous IPC: send (WRITE), receive (READ), transfer caps (GRANT) */
  CAP_NOTIFICATION, /* a word of bits: signal (WRITE), wait and poll (READ) */
  CAP_REPLY,        /* one-shot: answer one call; gone once used */
  CAP_THREAD,       /* a thread: configure, resume, suspend, set registers */
  CAP_ASPACE,       /* an address space: map and unmap pages, copy ranges */
  CAP_IRQ,          /* an interrupt source (obj: its PLIC number): bind, acknowledge */
  CAP_FRAME,        /* a device's register page, to map into an address space */
  CAP_SYSTEM,       /* the machine itself: power off (held by the first server) */
  CAP_QUOTA,        /* a share of the kernel's objects: make address spaces and threads */
  CAP_DEBUG,        /* the kernel's console: debug output, the end of the host's input */
  CAP_NTYPES
};

/* Rights. A copy has the rights of its source AND the mask: never more. */
#define CAP_R 1u /* receive; wait on a notification; map readable */
#define CAP_W 2u /* send; signal; map writable */
#define CAP_G 4u /* grant: capabilities may travel with messages sent through this cap */
#define CAP_ALL (CAP_R | CAP_W | CAP_G)

/* Capability-table slots. */
#define CSPACE_SLOTS 192 /* a slot number must fit MSG_A0's 8 bits */

/* The caps every boot module starts with (the kernel installs them). */
#define BOOT_SLOT_SELF 0   /* its own thread */
#define BOOT_SLOT_ASPACE 1 /* its own address space */
#define BOOT_SLOT_EP 2     /* the boot endpoint, shared by all boot modules (all rights) */
#define BOOT_SLOT_SYSTEM 3 /* the system cap (power off) */
#define BOOT_SLOT_FREE 4   /* the first free slot */
/* ... and these two, at the top of the cspace (below FAULT_SLOT): */
#define BOOT_SLOT_QUOTA (CSPACE_SLOTS - 2) /* a quota cap: spaces and threads may be made */
#define BOOT_SLOT_DEBUG (CSPACE_SLOTS - 3) /* the debug cap (KC_DEBUG_PUTS, KC_INPUT_DONE) */
/* The system servers also get these (boot.c), and frame caps for the devices: */
#define BOOT_SLOT_PM 4       /* the process manager's endpoint (all rights) */
#define BOOT_SLOT_FS 5       /* the file server's endpoint (all rights) */
#define BOOT_SLOT_UART 6     /* the UART's register page */
#define BOOT_SLOT_BLK 7      /* the disk's register page */
#define BOOT_SLOT_UART_IRQ 8 /* the UART's interrupt */
#define BOOT_SLOT_BLK_IRQ 9  /* the disk's interrupt */
#define BOOT_SLOT_PM_NTFN                                                                          \
  10                       /* the process manager's notification: its own (all rights,             \
                              bound), the console driver's a badged send-only copy */
#define BOOT_SLOT_BLKEP 11 /* the disk driver's endpoint (all rights) */
#define BOOT_SLOT_CON 12   /* the console driver's endpoint (all rights) */
#define BOOT_SLOT_FS_NTFN                                                                          \
  13                    /* the file server's notification: its own (all rights, bound), the        \
                           console driver's a badged send-only copy */
#define BOOT_SLOT_RS 14 /* the reincarnation server's endpoint (all rights) */
#define BOOT_SLOT_NS 15 /* the name service's endpoint (all rights) */
#define BOOT_SLOT_PING                                                                             \
  16 /* a driver's: the notification the reincarnation server pings it                             \
        on (it binds it, and answers each ping at BOOT_SLOT_RS_NTFN) */
#define BOOT_SLOT_RS_NTFN                                                                          \
  17                     /* the reincarnation server's notification: its own (all rights,          \
                            bound), a driver's a send-only copy badged RS_NOTE_PONG(index) */
#define BOOT_SLOT_SRV 18 /* the first slot a system server may use freely */
/* The system servers, in the order the kernel boots them: a server's index (a1 at its start)
 * names it in the KC_SRV_* calls, and its endpoint is endpoint 1 + index. */
enum boot_server { SRV_BLK, SRV_FS, SRV_PM, SRV_CON, SRV_RS, SRV_NS, SRV_COUNT };
#define SRV_NAMES                                                                                  \
  { "blk", "fs", "pm", "con", "rs", "ns" }
/* The reincarnation server holds, at RS_SLOT_PING(i), a send cap to driver i's ping
 * notification, badged DRV_NOTE_PING. Its own notification's bits: its timer, a server's
 * death (the badges it mints for KC_SRV_WATCH) and a driver's answer to a ping. */
#define RS_SLOT_PING(i) (BOOT_SLOT_SRV + (i))
#define RS_NOTE_TIMER 1u
#define RS_NOTE_DEATH(i) (2u << (i))
#define RS_NOTE_PONG(i) (0x10000u << (i))
/* The bits of a driver's ping notification (BOOT_SLOT_PING): the reincarnation server's
 * ping, and for the console driver its UART's interrupt too (a thread has one bound
 * notification, and both must end the driver's receive). */
#define DRV_NOTE_PING 1u
#define CON_NOTE_UART 2u
/* The bits of the process manager's notification. */
#define PM_NOTE_INTR 1u  /* ^C typed at the console: kill the foreground */
#define PM_NOTE_TIMER 2u /* its timer: sleepers may be due */
/* The bits of the file server's notification. */
#define FS_NOTE_CON 1u /* the console has input to read (a line, an end of file) */

/* A user process's cspace, set up by the process manager: the vDSO calls through these,
 * badged with the process's pid. */
#define USER_SLOT_PM 0
#define USER_SLOT_FS 1
#define USER_SLOT_NS 2  /* the name service (send only) */
#define USER_SLOT_TMP 3 /* where the vDSO takes a cap the name service gives, for one call */
/* The slot where the kernel puts a thread's fault endpoint while it calls it. */
#define FAULT_SLOT (CSPACE_SLOTS - 1)

/* Where the kernel puts a boot module's IPC buffer and stack. It starts at its ELF entry
 * with a0 = its argument (--module NAME:ARG, else 0), a1 = its place among the modules and
 * a2 = how many times it was restarted (0 at boot). */
#define BOOT_IPC_BUF 0xeffff000u
#define BOOT_STACK_TOP 0xefff0000u
#define BOOT_STACK_PAGES 16

#endif
