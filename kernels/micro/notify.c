/*
 * notify.c: notifications (notify.h).
 */
#include "notify.h"

#include <string.h>

#include "abi/errno.h"
#include "abi/kevents.h"
#include "events.h"

int ntfn_bind(struct ntfn *n, struct tcb *t) {
  if (n->bound || t->bound) return -OSSIM_EBUSY;
  n->bound = t;
  t->bound = n;
  return 0;
}

bool ntfn_take_bound(struct tcb *t) {
  struct ntfn *n = t->bound;
  if (!n || !n->word) return false;
  uint32_t words[] = {MSG_NOTIFY, LABEL_NOTIFY, n->word, 0, 0, 0, 0, 0};
  memcpy(&t->x[R_A0], words, sizeof words);
  n->word = 0;
  return true;
}

void ntfn_signal(struct kobjs *o, struct ntfn *n, uint32_t bits, int from_pid) {
  struct tcb *w = tq_pop(&n->q);
  uint32_t word = n->word | bits;
  if (!w && n->bound && n->bound->state == TS_RECV) { /* the bound thread's receive ends */
    w = n->bound;
    tq_remove(&((struct endpoint *)w->blocked_on)->q, w);
    n->word = word;
    ntfn_take_bound(w);
    w->state = TS_RUNNABLE;
    w->blocked_on = NULL;
    o->ops->wake(o->ctx, w);
  } else if (w) {
    w->x[R_A0] = 0;
    w->x[R_A1] = word;
    w->state = TS_RUNNABLE;
    w->blocked_on = NULL;
    n->word = 0;
    o->ops->wake(o->ctx, w);
  } else {
    n->word = word;
  }
  if (o->ops->emit)
    o->ops->emit(o->ctx, EV_NOTIFY, (uint32_t)from_pid, w ? (uint32_t)w->pid : 0, word, 0);
}

int ntfn_wait(struct kobjs *o, struct tcb *t, struct ntfn *n, bool block) {
  (void)o;
  if (n->word || !block) {
    t->x[R_A0] = 0;
    t->x[R_A1] = n->word;
    n->word = 0;
    return NTFN_DONE;
  }
  t->state = TS_NTFN;
  t->blocked_on = n;
  tq_push(&n->q, t);
  return NTFN_BLOCKED;
}

void ntfn_destroy(struct kobjs *o, struct ntfn *n) {
  struct tcb *w;
  while ((w = tq_pop(&n->q)) != NULL) {
    w->x[R_A0] = (uint32_t)-OSSIM_EPIPE;
    w->state = TS_RUNNABLE;
    w->blocked_on = NULL;
    o->ops->wake(o->ctx, w);
  }
  if (n->bound) n->bound->bound = NULL;
  *n = (struct ntfn){.owner = -1};
}

void ntfn_cancel(struct kobjs *o, struct tcb *t) {
  (void)o;
  if (t->state == TS_NTFN && t->blocked_on) tq_remove(&((struct ntfn *)t->blocked_on)->q, t);
  t->blocked_on = NULL;
  if (t->bound) t->bound->bound = NULL;
  t->bound = NULL;
}
