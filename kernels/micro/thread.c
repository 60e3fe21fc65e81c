/*
 * thread.c: the life of micro's threads, below everything else in the kernel: a thread is
 * made (for a boot module, a restarted server, a process the process manager asks for),
 * named, woken, and ended, and an address space goes with its last thread. boot.c,
 * restart.c, kcall.c and micro.c call these; nothing here calls back up into them.
 *
 * A thread's end is where the reincarnation server learns of a server's death
 * (KC_SRV_WATCH, restart.c): every end comes through here, exit, fault or kill alike.
 */
#include <stdio.h>
#include <string.h>

#include "ipc.h"
#include "micro.h"
#include "notify.h"

void micro_thread_state(struct micro *k, struct tcb *t, enum procstate st) {
  machine_emit(k->k.m, EV_PROC_STATE, (uint32_t)t->pid, (uint32_t)st, 0, 0);
}

void micro_wake(struct micro *k, struct tcb *t) {
  micro_thread_state(k, t, PROC_RUNNABLE);
  // LAB 07 BEGIN
  /* The fast path, first half: the thread a call or a reply-receive wakes (its partner) is
   * kept for the caller's hart instead of queued; trap() decides what becomes of it. */
  struct mcpu *c = k->ipc_hart;
  if (c && !c->handoff) {
    c->handoff = t;
    return;
  }
  // LAB 07 STARTER
  // LAB 07 END
  sched_enqueue(&k->sched, &t->se);
}

void micro_puts(struct micro *k, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    uartdrv_putc(&k->uart, (uint8_t)s[i]);
}

struct bootmod *micro_mod_of(struct micro *k, const struct tcb *t) {
  for (unsigned i = 0; i < k->nmods; i++)
    if (k->mods[i].t == t) return &k->mods[i];
  return NULL;
}

/* Module m's thread ended: the watcher learns it. */
static void mod_died(struct micro *k, struct bootmod *m) {
  m->t = NULL;
  if (m->watched) ntfn_signal(&k->o, &k->o.ntfn[m->watch_ntfn], m->watch_bits, 0);
}

void micro_thread_end(struct micro *k, struct tcb *t, uint32_t why, uint32_t code, uint32_t addr) {
  struct bootmod *m = micro_mod_of(k, t);
  ipc_cancel(&k->o, t);
  ntfn_cancel(&k->o, t);
  sched_dequeue(&k->sched, &t->se);
  for (unsigned i = 0; i < k->ncpu; i++)
    if (k->cpus[i].cur == t) k->cpus[i].cur = NULL;
  machine_emit(k->k.m, EV_PROC_EXIT, (uint32_t)t->pid, why == 1 ? code : (uint32_t)-1, 0, 0);
  machine_emit(k->k.m, EV_SERVER_DEATH, (uint32_t)t->pid, why, code, addr);
  micro_thread_state(k, t, PROC_ZOMBIE);
  cap_delete_object(&k->o.caps, CAP_THREAD, (uint16_t)(t - k->o.tcb));
  cap_clear(&k->o.caps, t->cs); /* a cspace per thread: the slot's next thread starts empty */
  if (t->as >= 0) micro_as_release(k, t->as);
  t->state = TS_FREE;
  micro_thread_state(k, t, PROC_UNUSED);
  if (m) mod_died(k, m);
}

/* The endpoints and notifications address space as made go with it: their waiters wake
 * with -EPIPE, every cap to them goes, and an interrupt or a timer that signalled one stops. */
static void objects_release(struct micro *k, int as) {
  for (uint16_t i = 0; i < KOBJ_NEP; i++) {
    if (!k->o.ep[i].live || k->o.ep[i].owner != as) continue;
    ipc_ep_destroy(&k->o, &k->o.ep[i]);
    k->o.ep[i].owner = -1;
    cap_delete_object(&k->o.caps, CAP_ENDPOINT, i);
  }
  for (uint16_t i = 0; i < KOBJ_NNTFN; i++) {
    if (!k->o.ntfn[i].live || k->o.ntfn[i].owner != as) continue;
    ntfn_destroy(&k->o, &k->o.ntfn[i]);
    cap_delete_object(&k->o.caps, CAP_NOTIFICATION, i);
    k->timer_bits[i] = 0;
    for (uint32_t src = 0; src < MICRO_NIRQ; src++)
      if (k->irq[src].bound && k->irq[src].ntfn == i) {
        k->irq[src].bound = false;
        plicdrv_disable(&k->plic, src);
      }
  }
}

/* Address space as goes, and with it what it made: its endpoints and notifications, and the
 * spaces it made with their threads, at any depth. Why: else a process could make a space,
 * never give it a thread, and exit, and the space would hold its pages forever. */
static void as_destroy(struct micro *k, int as) {
  cap_delete_object(&k->o.caps, CAP_ASPACE, (uint16_t)as);
  objects_release(k, as);
  mvm_as_destroy(k, as);
  for (int i = 0; i < MICRO_NAS; i++) {
    if (!k->as[i].live || k->as[i].maker != as) continue;
    k->as[i].maker = -1; /* its own end below must not come back here */
    for (int j = 0; j < KOBJ_NTHREAD && k->as[i].live; j++)
      if (k->o.tcb[j].state != TS_FREE && k->o.tcb[j].as == i)
        micro_thread_end(k, &k->o.tcb[j], 1, (uint32_t)-1, 0);
    if (k->as[i].live) as_destroy(k, i); /* a space that never had a thread */
  }
}

void micro_as_release(struct micro *k, int as) {
  if (--k->as[as].threads > 0) return;
  as_destroy(k, as);
}

bool micro_call_manager(struct micro *k, struct tcb *t, uint32_t label, uint32_t w0, uint32_t w1,
                        uint32_t w2) {
  if (t->cs->slot[FAULT_SLOT].type != CAP_ENDPOINT) return false;
  uint32_t words[] = {MSG_A0(FAULT_SLOT, -1, -1), label, w0, w1, w2, (uint32_t)t->pid, 0};
  memcpy(&t->x[R_A0], words, sizeof words);
  return ipc_send(&k->o, t, true, true) >= 0;
}

void micro_emit_name(struct micro *k, struct tcb *t, uint16_t type) {
  uint32_t w[3] = {0};
  memcpy(w, t->name, strnlen(t->name, sizeof w));
  machine_emit(k->k.m, type, (uint32_t)t->pid, w[0], w[1], w[2]);
}

struct tcb *micro_thread_new(struct micro *k, int as, const char *name, int *pids) {
  for (int i = 0; i < KOBJ_NTHREAD; i++) {
    struct tcb *t = &k->o.tcb[i];
    if (t->state != TS_FREE) continue;
    uint32_t gen = t->call_gen; /* kept: a stale reply cap to the slot's last thread stays stale */
    memset(t, 0, sizeof *t);
    t->call_gen = gen + 1;
    t->pid = (*pids)++;
    snprintf(t->name, sizeof t->name, "%s", name);
    t->cs = &k->o.cspace[i];
    t->as = as;
    t->on_hart = -1;
    t->state = TS_INACTIVE;
    t->ipc_buf = BOOT_IPC_BUF;
    mvm_as_enter(k, as, t->pid);
    sched_entity_init(&t->se, t->pid);
    machine_emit(k->k.m, EV_PROC_CREATE, (uint32_t)t->pid, 0, 0, 0);
    micro_emit_name(k, t, EV_PROC_NAME);
    return t;
  }
  return NULL;
}
