/*
 * notify: notifications, the microkernel's asynchronous signals (seL4's notification
 * objects). A notification is one word of bits. A signal ORs the badge of the cap it is
 * sent through into the word and never blocks; so signals coalesce — ten signals with the
 * same badge before anyone looks are one bit. A wait takes the whole word and clears it,
 * or blocks until a signal comes; a poll takes it without blocking (maybe 0).
 * Interrupts reach drivers this way: the kernel signals the notification an interrupt is
 * bound to, with the badge of that binding.
 * Why this is privileged: waking a thread in another address space.
 *
 * Results as ipc.h's: NTFN_DONE with the word in t's a1, NTFN_BLOCKED, or a negative errno.
 * Not for: carrying data (IPC does that).
 */
#ifndef OSSIM_MICRO_NOTIFY_H
#define OSSIM_MICRO_NOTIFY_H

#include "kobj.h"

#define NTFN_DONE 0
#define NTFN_BLOCKED 1

/* ORs bits into n's word, or hands word | bits to its first waiter. from_pid is the
 * signaller's pid for the event (0: an interrupt). */
void ntfn_signal(struct kobjs *o, struct ntfn *n, uint32_t bits, int from_pid);
int ntfn_wait(struct kobjs *o, struct tcb *t, struct ntfn *n, bool block);
/* t is being destroyed: off n's queue. */
void ntfn_cancel(struct kobjs *o, struct tcb *t);

#endif
