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
  KC_DEBUG_PUTS,  /* a0 address, a1 length: text straight to the UART */
  KC_YIELD,       /* give up the rest of the time slice */
  KC_TRACE_MARK,  /* a0 id, a1, a2 arguments: a mark in the event stream */
  KC_POWEROFF,    /* a0 system cap, a1 exit status: the machine powers off */
  KC_CYCLES,      /* a0 = low, a1 = high word of the hart's cycle counter */
  KC_EXIT,        /* a0 status: the calling thread ends (its process with its last) */
  KC_COUNT
};

/* Flags in a0 of a received message. */
#define MSG_CAP_MOVED 1u
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
  CAP_IRQ,          /* an interrupt source: bind to a notification, acknowledge */
  CAP_FRAME,        /* a device's register page, to map into an address space */
  CAP_SYSTEM,       /* the machine itself: power off (held by the first server) */
  CAP_NTYPES
};

/* Rights. A copy has the rights of its source AND the mask: never more. */
#define CAP_R 1u /* receive; wait on a notification; map readable */
#define CAP_W 2u /* send; signal; map writable */
#define CAP_G 4u /* grant: capabilities may travel with messages sent through this cap */
#define CAP_ALL (CAP_R | CAP_W | CAP_G)

/* Capability-table slots. */
#define CSPACE_SLOTS 64

/* The caps every boot module starts with (the kernel installs them). */
#define BOOT_SLOT_SELF 0   /* its own thread */
#define BOOT_SLOT_ASPACE 1 /* its own address space */
#define BOOT_SLOT_EP 2     /* the boot endpoint, shared by all boot modules (all rights) */
#define BOOT_SLOT_SYSTEM 3 /* the system cap (power off) */
#define BOOT_SLOT_FREE 4   /* the first free slot */

/* Where the kernel puts a boot module's IPC buffer and stack. It starts at its ELF entry
 * with a0 = its argument (--module NAME:ARG, else 0) and a1 = its place among the modules. */
#define BOOT_IPC_BUF 0xeffff000u
#define BOOT_STACK_TOP 0xefff0000u
#define BOOT_STACK_PAGES 16

/* The label of the message a faulting thread "sends" to its fault endpoint: words are the
 * cause (scause), the pc, the faulting address (stval) and the thread's pid. */
#define LABEL_FAULT 0xfa17u

#endif
