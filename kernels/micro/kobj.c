/*
 * kobj.c: the set of kernel objects and the thread queues (kobj.h).
 */
#include "kobj.h"

#include <string.h>

#include "ipc.h"

/* A deleted cap may have been the only way to answer a call. */
static void cap_deleted(void *ctx, const struct cap *c) {
  if (c->type == CAP_REPLY) ipc_reply_dropped(ctx, c);
}

void kobj_init(struct kobjs *o, const struct kobj_ops *ops, void *ctx) {
  memset(o->tcb, 0, sizeof o->tcb);
  memset(o->ep, 0, sizeof o->ep);
  memset(o->ntfn, 0, sizeof o->ntfn);
  for (int i = 0; i < KOBJ_NEP; i++)
    o->ep[i].owner = -1;
  for (int i = 0; i < KOBJ_NNTFN; i++)
    o->ntfn[i].owner = -1;
  cap_sys_init(&o->caps, o->cspace, KOBJ_NTHREAD);
  o->caps.deleted = cap_deleted;
  o->caps.ctx = o;
  o->ops = ops;
  o->ctx = ctx;
}

void tq_push(struct tqueue *q, struct tcb *t) {
  t->qnext = NULL;
  if (q->tail)
    q->tail->qnext = t;
  else
    q->head = t;
  q->tail = t;
}

struct tcb *tq_pop(struct tqueue *q) {
  struct tcb *t = q->head;
  if (!t) return NULL;
  q->head = t->qnext;
  if (!q->head) q->tail = NULL;
  t->qnext = NULL;
  return t;
}

void tq_remove(struct tqueue *q, struct tcb *t) {
  struct tcb *prev = NULL;
  for (struct tcb *c = q->head; c; prev = c, c = c->qnext) {
    if (c != t) continue;
    if (prev)
      prev->qnext = c->qnext;
    else
      q->head = c->qnext;
    if (q->tail == c) q->tail = prev;
    c->qnext = NULL;
    return;
  }
}
