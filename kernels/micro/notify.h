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
/* t is being destroyed: off n's queue, and unbound. */
void ntfn_cancel(struct kobjs *o, struct tcb *t);
/* n is destroyed: its waiters wake with -EPIPE, its thread is unbound, its word cleared. */
void ntfn_destroy(struct kobjs *o, struct ntfn *n);

/* Binds n to t, as seL4's bound notifications: a signal to n also ends a receive t waits in
 * on any endpoint, as a message with label LABEL_NOTIFY, the word in a2 and badge 0; so one
 * thread serves both calls and interrupts. -EBUSY if either is bound already. */
int ntfn_bind(struct ntfn *n, struct tcb *t);
/* For ipc_recv: if t's bound notification has bits, they become t's message (true). */
bool ntfn_take_bound(struct tcb *t);

#endif
