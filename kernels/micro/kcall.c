/*
 * kcall.c: the kernel calls (micro/kabi.h) — decoding a7, checking the caps named, and
 * handing the work to ipc.c, notify.c and cap.c. Each kc_ function returns the status for
 * a0, or KC_SKIP when a0 is already written (results in registers) or must not be (the
 * thread blocked: its results are written when it is woken; or it is gone).
 */
#include <string.h>

#include "abi/errno.h"
#include "ipc.h"
#include "micro.h"
#include "notify.h"

#define KC_SKIP 0x7fffffff

typedef int (*kcall_fn)(struct micro *, struct mcpu *, struct tcb *);

static uint32_t arg(const struct tcb *t, int i) { return t->x[R_A0 + i]; }

/* An ipc_ or ntfn_ result as a kc_ result. */
static int obj_result(int rc) { return rc < 0 ? rc : KC_SKIP; }

static int kc_send(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return obj_result(ipc_send(&k->o, t, true, false));
}

static int kc_nbsend(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return obj_result(ipc_send(&k->o, t, false, false));
}

static int kc_recv(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return obj_result(ipc_recv(&k->o, t, true));
}

static int kc_nbrecv(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return obj_result(ipc_recv(&k->o, t, false));
}

static int kc_call(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return obj_result(ipc_send(&k->o, t, true, true));
}

static int kc_reply(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return ipc_reply(&k->o, t);
}

/* The server's loop in one kernel entry: answer the last call (if it owes one), then wait
 * for the next message on a0's endpoint. A malformed reply fails the whole call. */
static int kc_reply_recv(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  int rc = t->reply_to ? ipc_reply(&k->o, t) : 0;
  if (rc < 0) return rc;
  t->x[R_A6] = 0; /* the reply's byte count is not the receive's */
  return obj_result(ipc_recv(&k->o, t, true));
}

static int kc_reply_save(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return ipc_reply_save(&k->o, t);
}

/* The notification cap at a0 with the rights needed. */
static int ntfn_of(struct micro *k, struct tcb *t, unsigned rights, struct cap **cap,
                   struct ntfn **n) {
  int rc = cap_lookup(t->cs, arg(t, 0), CAP_NOTIFICATION, rights, cap);
  *n = rc == 0 ? &k->o.ntfn[(*cap)->obj] : NULL;
  return rc;
}

static int kc_signal(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *cap;
  struct ntfn *n;
  int rc = ntfn_of(k, t, CAP_W, &cap, &n);
  if (rc < 0) return rc;
  ntfn_signal(&k->o, n, cap->badge ? cap->badge : 1, t->pid);
  return 0;
}

static int wait_or_poll(struct micro *k, struct tcb *t, bool block) {
  struct cap *cap;
  struct ntfn *n;
  int rc = ntfn_of(k, t, CAP_R, &cap, &n);
  return rc < 0 ? rc : obj_result(ntfn_wait(&k->o, t, n, block));
}

static int kc_wait(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return wait_or_poll(k, t, true);
}

static int kc_poll(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return wait_or_poll(k, t, false);
}

static int kc_cap_copy(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return cap_copy(&k->o.caps, t->cs, arg(t, 0), t->cs, arg(t, 1), arg(t, 2));
}

static int kc_cap_mint(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return cap_mint(&k->o.caps, t->cs, arg(t, 0), t->cs, arg(t, 1), arg(t, 2), arg(t, 3));
}

static int kc_cap_delete(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return cap_delete(&k->o.caps, t->cs, arg(t, 0));
}

static int kc_cap_revoke(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return cap_revoke(&k->o.caps, t->cs, arg(t, 0));
}

/* A new object of a kind with a `live` flag, and an original cap to it in slot a0. */
#define CREATE(k, t, arr, n, type)                                                                 \
  do {                                                                                             \
    for (int i = 0; i < (n); i++) {                                                                \
      if ((arr)[i].live) continue;                                                                 \
      int rc = cap_install(&(k)->o.caps, (t)->cs, arg(t, 0), type, (uint16_t)i, CAP_ALL, 0);       \
      if (rc == 0) (arr)[i].live = true;                                                           \
      return rc;                                                                                   \
    }                                                                                              \
    return -OSSIM_ENOMEM;                                                                          \
  } while (0)

static int kc_ep_create(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  CREATE(k, t, k->o.ep, KOBJ_NEP, CAP_ENDPOINT);
}

static int kc_ntfn_create(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  CREATE(k, t, k->o.ntfn, KOBJ_NNTFN, CAP_NOTIFICATION);
}

/* Why a kernel print: a server must be able to say what is wrong before the console
 * server runs, and while it is dead and being restarted; only the kernel can reach the
 * UART without a console server. */
static int kc_debug_puts(struct micro *k, struct mcpu *c, struct tcb *t) {
  char text[256];
  uint32_t n = arg(t, 1) < sizeof text ? arg(t, 1) : sizeof text;
  uint32_t bad;
  if (mmu_copy_in(c->h, text, arg(t, 0), n, true, &bad) < 0) return -OSSIM_EFAULT;
  for (uint32_t i = 0; i < n; i++)
    uartdrv_putc(&k->uart, (uint8_t)text[i]);
  return (int)n;
}

static int kc_yield(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)k;
  (void)t;
  c->yield = true;
  return 0;
}

static int kc_trace_mark(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  machine_emit(k->k.m, EV_MARK, arg(t, 0), arg(t, 1), arg(t, 2), (uint32_t)t->pid);
  return 0;
}

static int kc_poweroff(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *cap;
  int rc = cap_lookup(t->cs, arg(t, 0), CAP_SYSTEM, 0, &cap);
  if (rc == 0) micro_halt(k, (int)arg(t, 1));
  return rc;
}

static int kc_cycles(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)k;
  t->x[R_A0] = (uint32_t)c->h->cycles;
  t->x[R_A1] = (uint32_t)(c->h->cycles >> 32);
  return KC_SKIP;
}

static int kc_exit(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  micro_thread_end(k, t, 1, arg(t, 0), 0);
  return KC_SKIP;
}

static const kcall_fn calls[KC_COUNT] = {
    [KC_SEND] = kc_send,
    [KC_NBSEND] = kc_nbsend,
    [KC_RECV] = kc_recv,
    [KC_NBRECV] = kc_nbrecv,
    [KC_CALL] = kc_call,
    [KC_REPLY] = kc_reply,
    [KC_REPLY_RECV] = kc_reply_recv,
    [KC_REPLY_SAVE] = kc_reply_save,
    [KC_SIGNAL] = kc_signal,
    [KC_WAIT] = kc_wait,
    [KC_POLL] = kc_poll,
    [KC_CAP_COPY] = kc_cap_copy,
    [KC_CAP_MINT] = kc_cap_mint,
    [KC_CAP_DELETE] = kc_cap_delete,
    [KC_CAP_REVOKE] = kc_cap_revoke,
    [KC_EP_CREATE] = kc_ep_create,
    [KC_NTFN_CREATE] = kc_ntfn_create,
    [KC_DEBUG_PUTS] = kc_debug_puts,
    [KC_YIELD] = kc_yield,
    [KC_TRACE_MARK] = kc_trace_mark,
    [KC_POWEROFF] = kc_poweroff,
    [KC_CYCLES] = kc_cycles,
    [KC_EXIT] = kc_exit,
};

void kcall_dispatch(struct micro *k, struct mcpu *c, struct tcb *t) {
  uint32_t num = t->x[R_A7];
  int rc = num < KC_COUNT && calls[num] ? calls[num](k, c, t) : -OSSIM_ENOSYS;
  if (rc != KC_SKIP) t->x[R_A0] = (uint32_t)rc;
}
