/*
 * ipc: synchronous IPC on endpoints, as seL4's — send, receive, call, reply, reply-receive,
 * the non-blocking variants, one-shot reply capabilities, and capability transfer.
 *
 * A message goes from registers to registers (micro/kabi.h): the sender's a1..a6 become the
 * receiver's, the receiver's a7 gets the badge of the cap the message went through, and
 * nothing else is touched on that fast path. Only when a6 (the byte count) is non-zero does
 * the kernel copy the sender's IPC buffer page into the receiver's. Both sides must meet:
 * whichever comes first blocks on the endpoint's queue, in FIFO order.
 *
 * A call is a send that then waits for a reply: the receiver gets the right to answer that
 * one call (tcb->reply_to, or a CAP_REPLY in its cspace after ipc_reply_save) and loses it
 * with the answer. If the caller was killed meanwhile, the answer goes nowhere.
 * Why this is privileged: a message crosses address spaces, and the badge and the reply
 * right must be impossible to forge — only the kernel can vouch for who sent what.
 *
 * Each function works on the calling thread t, whose registers hold the call's arguments,
 * and returns IPC_DONE (t's results are in its registers), IPC_BLOCKED (t waits; its
 * results will be written when it is woken), or a negative errno for t's a0.
 * Not for: scheduling or running threads (the kernel's wake callback does that).
 */
#ifndef OSSIM_MICRO_IPC_H
#define OSSIM_MICRO_IPC_H

#include "kobj.h"

#define IPC_DONE 0
#define IPC_BLOCKED 1

int ipc_send(struct kobjs *o, struct tcb *t, bool block, bool call);
int ipc_recv(struct kobjs *o, struct tcb *t, bool block);
/* Answers the call t received last (tcb->reply_to). -EINVAL if it owes none; a malformed
 * reply (a bad byte count or cap slot) fails and t still owes the answer. */
int ipc_reply(struct kobjs *o, struct tcb *t);
/* Moves t's pending reply right into a CAP_REPLY cap at slot a0, to answer later by sending
 * on that slot (a send on a reply cap answers the call and deletes the cap). */
int ipc_reply_save(struct kobjs *o, struct tcb *t);

/* t is being destroyed or suspended: take it off any queue, and answer -EPIPE to a caller
 * whose call it had received. */
void ipc_cancel(struct kobjs *o, struct tcb *t);
/* A reply cap was deleted unused: its caller learns with -EPIPE. */
void ipc_reply_dropped(struct kobjs *o, const struct cap *c);
/* The endpoint is destroyed: every thread waiting on it gets -EPIPE. */
void ipc_ep_destroy(struct kobjs *o, struct endpoint *ep);

#endif
