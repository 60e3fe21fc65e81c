/*
 * ipc.c: endpoints, calls and replies (ipc.h).
 */
#include "ipc.h"

#include "abi/errno.h"
#include "abi/kevents.h"
#include "events.h"
#include "micro/kabi.h"
#include "notify.h"

static void emit(struct kobjs *o, uint16_t type, int a, int b, uint32_t label, uint32_t size) {
  if (o->ops->emit) o->ops->emit(o->ctx, type, (uint32_t)a, (uint32_t)b, label, size);
}

static uint32_t ep_slot(const struct tcb *t) { return t->x[R_A0] & 0xff; }
/* The slot of the cap t sends with its message, or -1 for none. */
static int give_slot(const struct tcb *t) { return (int)((t->x[R_A0] >> 8) & 0xff) - 1; }
/* The empty slot where a cap sent to t lands, or -1: t takes none. */
static int take_slot(const struct tcb *t) { return (int)((t->x[R_A0] >> 16) & 0xff) - 1; }
/* Bytes of the message: four words in registers plus the IPC buffer's share. */
static uint32_t msg_size(const struct tcb *t) { return 16 + t->x[R_A6]; }

/* Wakes t with status in a0 (after an error, or a send that was taken). */
static void wake_with(struct kobjs *o, struct tcb *t, int status) {
  t->x[R_A0] = (uint32_t)status;
  t->state = TS_RUNNABLE;
  t->blocked_on = NULL;
  o->ops->wake(o->ctx, t);
}

/*
 * The message of `from` arrives at `to`: registers, the IPC buffer if any, and a cap if
 * the sender sends one and the receiver named an empty slot for it (else the cap stays
 * behind, as in seL4, and the message goes through without it).
 */
static void transfer(struct kobjs *o, struct tcb *from, struct tcb *to, uint32_t badge,
                     bool grant) {
  uint32_t flags = 0, n = from->x[R_A6];
  for (int r = R_A1; r <= R_A6; r++)
    to->x[r] = from->x[r];
  if (n && o->ops->copy_buf(o->ctx, from, to, n) < 0) to->x[R_A6] = 0;
  int give = give_slot(from), into = take_slot(to);
  if (grant && give >= 0 && into >= 0 &&
      cap_copy(&o->caps, from->cs, (uint32_t)give, to->cs, (uint32_t)into, CAP_ALL) == 0)
    flags |= MSG_CAP_MOVED;
  to->x[R_A0] = flags;
  to->x[R_A7] = badge;
}

/* The checks a send makes before it can wait: a cap to send needs the grant right, and the
 * byte count must fit the buffer the sender has. */
static int check_message(const struct tcb *t, bool grant) {
  if (give_slot(t) >= 0 && !grant) return -OSSIM_EPERM;
  if (give_slot(t) >= CSPACE_SLOTS || take_slot(t) >= CSPACE_SLOTS) return -OSSIM_EBADF;
  if (t->x[R_A6] > MSG_BUF_MAX || (t->x[R_A6] && !t->ipc_buf)) return -OSSIM_EINVAL;
  return 0;
}

/* Answers caller (who waits in TS_REPLY on call gen) with t's message. */
static int answer(struct kobjs *o, struct tcb *t, struct tcb *caller, uint32_t gen) {
  if (!caller || caller->state != TS_REPLY || caller->call_gen != gen) return -OSSIM_EPIPE;
  int rc = check_message(t, true);
  if (rc < 0) return rc;
  emit(o, EV_IPC_REPLY, t->pid, caller->pid, t->x[R_A1], msg_size(t));
  transfer(o, t, caller, 0, true);
  caller->state = TS_RUNNABLE;
  o->ops->wake(o->ctx, caller);
  return 0;
}

/* A sender and a receiver meet: the message moves, and the sender either goes on, or (a
 * call) waits for the reply, which the receiver now owes. */
static void meet(struct kobjs *o, struct tcb *snd, struct tcb *rcv, uint32_t badge, bool grant,
                 bool call) {
  emit(o, EV_IPC_SEND, snd->pid, rcv->pid, snd->x[R_A1], msg_size(snd));
  emit(o, EV_IPC_RECV, rcv->pid, snd->pid, snd->x[R_A1], msg_size(snd));
  transfer(o, snd, rcv, badge, grant);
  if (call) {
    snd->state = TS_REPLY;
    snd->blocked_on = NULL;
    snd->call_gen++;
    rcv->reply_to = snd;
    rcv->reply_gen = snd->call_gen;
  }
}

/* A send through a reply cap answers its call, and the cap is used up (also when the
 * caller is gone: then there is nothing left to answer). */
static int send_reply_cap(struct kobjs *o, struct tcb *t, struct cap *c) {
  int rc = answer(o, t, &o->tcb[c->obj], c->badge);
  if (rc == 0 || rc == -OSSIM_EPIPE) cap_delete(&o->caps, t->cs, ep_slot(t));
  return rc;
}

int ipc_send(struct kobjs *o, struct tcb *t, bool block, bool call) {
  struct cap *c;
  int rc = cap_lookup(t->cs, ep_slot(t), CAP_NULL, 0, &c);
  if (rc < 0) return rc;
  if (c->type == CAP_REPLY && !call) {
    if ((rc = send_reply_cap(o, t, c)) < 0) return rc;
    t->x[R_A0] = 0;
    return IPC_DONE;
  }
  if (c->type != CAP_ENDPOINT) return -OSSIM_EBADF;
  if (!(c->rights & CAP_W)) return -OSSIM_EPERM;
  bool grant = c->rights & CAP_G;
  if ((rc = check_message(t, grant)) < 0) return rc;
  struct endpoint *ep = &o->ep[c->obj];
  struct tcb *r = ep->q.head;
  if (r && r->state == TS_RECV) {
    tq_pop(&ep->q);
    meet(o, t, r, c->badge, grant, call);
    r->state = TS_RUNNABLE;
    r->blocked_on = NULL;
    o->ops->wake(o->ctx, r);
    if (call) return IPC_BLOCKED;
    t->x[R_A0] = 0;
    return IPC_DONE;
  }
  if (!block) return -OSSIM_EAGAIN;
  t->state = TS_SEND;
  t->blocked_on = ep;
  t->calling = call;
  t->send_badge = c->badge;
  t->send_grant = grant;
  tq_push(&ep->q, t);
  return IPC_BLOCKED;
}

int ipc_recv(struct kobjs *o, struct tcb *t, bool block) {
  struct cap *c;
  int rc = cap_lookup(t->cs, ep_slot(t), CAP_ENDPOINT, CAP_R, &c);
  if (rc < 0) return rc;
  if (take_slot(t) >= CSPACE_SLOTS) return -OSSIM_EBADF;
  if (ntfn_take_bound(t)) return IPC_DONE; /* a signal waited: it comes first */
  struct endpoint *ep = &o->ep[c->obj];
  struct tcb *s = ep->q.head;
  if (s && s->state == TS_SEND) {
    tq_pop(&ep->q);
    meet(o, s, t, s->send_badge, s->send_grant, s->calling);
    if (!s->calling) wake_with(o, s, 0);
    return IPC_DONE;
  }
  if (!block) return -OSSIM_EAGAIN;
  t->state = TS_RECV;
  t->blocked_on = ep;
  tq_push(&ep->q, t);
  return IPC_BLOCKED;
}

int ipc_reply(struct kobjs *o, struct tcb *t) {
  struct tcb *caller = t->reply_to;
  if (!caller) return -OSSIM_EINVAL;
  int rc = check_message(t, true);
  if (rc < 0) return rc; /* a malformed reply: the right to answer stays */
  t->reply_to = NULL;
  rc = answer(o, t, caller, t->reply_gen);
  return rc == -OSSIM_EPIPE ? 0 : rc; /* the caller died: nobody to tell */
}

int ipc_reply_save(struct kobjs *o, struct tcb *t) {
  if (!t->reply_to) return -OSSIM_EINVAL;
  int rc = cap_install(&o->caps, t->cs, t->x[R_A0], CAP_REPLY, (uint16_t)(t->reply_to - o->tcb),
                       CAP_ALL, t->reply_gen);
  if (rc == 0) t->reply_to = NULL;
  return rc;
}

void ipc_cancel(struct kobjs *o, struct tcb *t) {
  if ((t->state == TS_SEND || t->state == TS_RECV) && t->blocked_on) {
    tq_remove(&((struct endpoint *)t->blocked_on)->q, t);
    t->blocked_on = NULL; /* (a notification's wait is ntfn_cancel's to end) */
  }
  if (t->reply_to && t->reply_to->state == TS_REPLY && t->reply_to->call_gen == t->reply_gen)
    wake_with(o, t->reply_to, -OSSIM_EPIPE);
  t->reply_to = NULL;
  t->call_gen++; /* any reply cap to t's call is now stale */
}

void ipc_reply_dropped(struct kobjs *o, const struct cap *c) {
  struct tcb *caller = &o->tcb[c->obj];
  if (caller->state == TS_REPLY && caller->call_gen == c->badge) wake_with(o, caller, -OSSIM_EPIPE);
}

void ipc_ep_destroy(struct kobjs *o, struct endpoint *ep) {
  struct tcb *t;
  while ((t = tq_pop(&ep->q)) != NULL)
    wake_with(o, t, -OSSIM_EPIPE);
  ep->live = false;
}
