/*
 * kcall.c: the kernel calls (micro/kabi.h) — decoding a7, checking the caps named, and
 * handing the work to ipc.c, notify.c and cap.c. Each kc_ function returns the status for
 * a0, or KC_SKIP when a0 is already written (results in registers) or must not be (the
 * thread blocked: its results are written when it is woken; or it is gone).
 */
#include <stdio.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/proc.h"
#include "abi/syscall.h"
#include "hostfile.h"
#include "ipc.h"
#include "micro.h"
#include "notify.h"
#include "uart.h"

#define KC_SKIP 0x7fffffff

typedef int (*kcall_fn)(struct micro *, struct mcpu *, struct tcb *);

static uint32_t arg(const struct tcb *t, int i) { return t->x[R_A0 + i]; }

/* Notes that argument i of the call on hart c was wrong, if rc is an error (kabi.h: the
 * caller finds i in a1). */
static int wrong(struct mcpu *c, int i, int rc) {
  if (rc < 0) c->bad_arg = (uint8_t)i;
  return rc;
}

/* The cap named by argument i, of that type with those rights (cap_lookup). */
static int cap_at(struct mcpu *c, struct tcb *t, int i, enum cap_type type, unsigned rights,
                  struct cap **out) {
  return wrong(c, i, cap_lookup(t->cs, arg(t, i), type, rights, out));
}

/* A copy's source (argument 0) must hold a cap; anything else wrong is its destination's
 * (argument 1) or, for -EINVAL, the badge's (argument 3). */
static int copy_result(struct mcpu *c, struct tcb *t, int rc) {
  struct cap *src;
  if (rc >= 0 || cap_at(c, t, 0, CAP_NULL, 0, &src) < 0) return rc;
  return wrong(c, rc == -OSSIM_EINVAL ? 3 : 1, rc);
}

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
  return copy_result(c, t, cap_copy(&k->o.caps, t->cs, arg(t, 0), t->cs, arg(t, 1), arg(t, 2)));
}

static int kc_cap_mint(struct micro *k, struct mcpu *c, struct tcb *t) {
  return copy_result(
      c, t, cap_mint(&k->o.caps, t->cs, arg(t, 0), t->cs, arg(t, 1), arg(t, 2), arg(t, 3)));
}

static int kc_cap_delete(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return cap_delete(&k->o.caps, t->cs, arg(t, 0));
}

static int kc_cap_revoke(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return cap_revoke(&k->o.caps, t->cs, arg(t, 0));
}

/* How many endpoints and notifications address space as has made. */
static int owned(const struct kobjs *o, int as) {
  int n = 0;
  for (int i = 0; i < KOBJ_NEP; i++)
    n += o->ep[i].live && o->ep[i].owner == as;
  for (int i = 0; i < KOBJ_NNTFN; i++)
    n += o->ntfn[i].live && o->ntfn[i].owner == as;
  return n;
}

/* True if address space as is a process's: made by a server (the boot modules' are the
 * kernel's). */
static bool made_by_server(const struct micro *k, int as) {
  return as >= 0 && k->as[as].maker >= 0;
}

/* A new object of a kind with `live` and `owner`, t's process's, and an original cap to it in
 * slot a0; -ENOMEM past the process's share (KOBJ_PER_SPACE), past the half of the kind that
 * the processes together may hold, or when all are used. Why shares: else one process, or
 * many, could take every endpoint, and no server could make one more (a restarted one must). */
#define CREATE(k, t, arr, n, type)                                                                 \
  do {                                                                                             \
    if (owned(&(k)->o, (t)->as) >= KOBJ_PER_SPACE) return -OSSIM_ENOMEM;                           \
    int by_processes = 0;                                                                          \
    for (int j = 0; j < (n); j++)                                                                  \
      by_processes += (arr)[j].live && made_by_server(k, (arr)[j].owner);                          \
    if (made_by_server(k, (t)->as) && by_processes >= (n) / 2) return -OSSIM_ENOMEM;               \
    for (int i = 0; i < (n); i++) {                                                                \
      if ((arr)[i].live) continue;                                                                 \
      int rc = cap_install(&(k)->o.caps, (t)->cs, arg(t, 0), type, (uint16_t)i, CAP_ALL, 0);       \
      if (rc == 0) (arr)[i].live = true, (arr)[i].owner = (t)->as;                                 \
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
  struct cap *dbg;
  int rc = cap_at(c, t, 2, CAP_DEBUG, 0, &dbg);
  if (rc < 0) return rc;
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

static void halt(struct micro *k, int status) {
  k->halted = true;
  k->k.exit_status = status & 0xff;
  machine_power(k->k.m, MACHINE_POWEROFF, (uint32_t)status);
}

static int kc_poweroff(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *cap;
  int rc = cap_lookup(t->cs, arg(t, 0), CAP_SYSTEM, 0, &cap);
  if (rc < 0) return rc;
  /* The file server stops a system it cannot mount the disk for, with the error as a2: the
   * host names the disk, which the guest does not know by its name. */
  const struct bootmod *m = micro_mod_of(k, t);
  if (m && strcmp(m->name, "fs") == 0 && arg(t, 1) != 0) {
    snprintf(k->k.message, sizeof k->k.message, "%s: cannot mount the file system: %s",
             k->disk_name, hostfile_boot_error(-(int)arg(t, 2)));
    k->cannot_start = true;
  }
  halt(k, (int)arg(t, 1));
  return 0;
}

static int kc_cycles(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)k;
  t->x[R_A0] = (uint32_t)c->h->cycles;
  t->x[R_A1] = (uint32_t)(c->h->cycles >> 32);
  t->x[R_A2] = (uint32_t)(c->h->cycles / TICK_CYCLES); /* the vDSO's uptime */
  return KC_SKIP;
}

/* A thread with a manager (a process: the process manager set its fault endpoint) does not
 * end behind its manager's back, or its parent's wait would never learn of it: its exit is
 * a call to the manager, as a fault is, and the manager ends it. */
static int kc_exit(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  if (!micro_call_manager(k, t, LABEL_EXIT, arg(t, 0), 0, 0))
    micro_thread_end(k, t, 1, arg(t, 0), 0);
  return KC_SKIP;
}

/* ---- Building processes. Why privileged: address spaces and threads are what protection
 * is made of; a process that could build them as it liked could reach any memory. The
 * process manager holds the caps and asks; the kernel checks and does. ---- */

/* The live address space whose cap argument i names. */
static int as_of(struct micro *k, struct mcpu *c, struct tcb *t, int i, int *as) {
  struct cap *cap;
  int rc = cap_at(c, t, i, CAP_ASPACE, CAP_W, &cap);
  if (rc == 0 && !k->as[cap->obj].live) rc = wrong(c, i, -OSSIM_EBADF);
  *as = rc == 0 ? cap->obj : -1;
  return rc;
}

/* The live thread whose cap argument i names. */
static int th_of(struct micro *k, struct mcpu *c, struct tcb *t, int i, struct tcb **th) {
  struct cap *cap;
  int rc = cap_at(c, t, i, CAP_THREAD, CAP_W, &cap);
  if (rc == 0 && k->o.tcb[cap->obj].state == TS_FREE) rc = wrong(c, i, -OSSIM_EBADF);
  *th = rc == 0 ? &k->o.tcb[cap->obj] : NULL;
  return rc;
}

/* 0 if the slot argument i names in t's cspace is empty and may take a new cap. */
static int empty_slot(struct mcpu *c, struct tcb *t, int i) {
  uint32_t slot = arg(t, i);
  if (slot >= CSPACE_SLOTS) return wrong(c, i, -OSSIM_EBADF);
  return wrong(c, i, t->cs->slot[slot].type == CAP_NULL ? 0 : -OSSIM_EEXIST);
}

/* The quota cap argument i names: the authority to make spaces and threads. */
static int quota_at(struct mcpu *c, struct tcb *t, int i) {
  struct cap *q;
  return cap_at(c, t, i, CAP_QUOTA, CAP_W, &q);
}

static int kc_as_create(struct micro *k, struct mcpu *c, struct tcb *t) {
  int rc = empty_slot(c, t, 0);
  if (rc == 0) rc = quota_at(c, t, 1);
  int as = rc < 0 ? rc : mvm_as_create(k, t->pid, t->as, arg(t, 2));
  if (as < 0) return as;
  return cap_install(&k->o.caps, t->cs, arg(t, 0), CAP_ASPACE, (uint16_t)as, CAP_ALL, 0);
}

static uint32_t map_perm(uint32_t bits) {
  return PTE_U | (bits & MAP_R ? PTE_R : 0) | (bits & MAP_W ? PTE_W | PTE_R : 0) |
         (bits & MAP_X ? PTE_X : 0);
}

/* A user range: page 0 and the vDSO's pages stay out of reach. */
static bool user_range(uint32_t va, uint32_t len) {
  return va >= USER_BASE && va < VDSO_CODE && len <= VDSO_CODE - va;
}

static int kc_as_map(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  int as, rc = as_of(k, c, t, 0, &as);
  if (rc < 0) return rc;
  if (!user_range(arg(t, 1), arg(t, 2)) || !(arg(t, 3) & (MAP_R | MAP_W | MAP_X)))
    return -OSSIM_EINVAL;
  return mvm_map_fresh(k, as, arg(t, 1), arg(t, 2), map_perm(arg(t, 3)));
}

static int kc_as_write(struct micro *k, struct mcpu *c, struct tcb *t) {
  int as, rc = as_of(k, c, t, 0, &as);
  if (rc < 0) return rc;
  if (!user_range(arg(t, 1), arg(t, 3))) return -OSSIM_EINVAL;
  return mvm_copy_across(k, c->h, arg(t, 2), as, arg(t, 1), arg(t, 3));
}

static int kc_as_copy(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  int to, from = -1, rc = as_of(k, c, t, 0, &to);
  if (rc == 0) rc = as_of(k, c, t, 1, &from);
  if (rc == 0 && to == from) rc = -OSSIM_EINVAL;
  return rc < 0 ? rc : mvm_as_copy(k, to, from);
}

/* A driver's DMA page: the device sees physical addresses, so the driver gets the page at
 * its physical address and may hand that to the device. Returns the page number. A boot
 * module's first DMA page is its module's for good (struct bootmod): a request its instance
 * started may still be running when it dies, and the device will write the page. */
static int kc_as_dma(struct micro *k, struct mcpu *c, struct tcb *t) {
  struct cap *dev;
  int as, rc = as_of(k, c, t, 0, &as);
  if (rc == 0) rc = cap_at(c, t, 1, CAP_FRAME, CAP_W, &dev);
  if (rc < 0) return rc;
  struct bootmod *m = as == t->as ? micro_mod_of(k, t) : NULL;
  uint32_t pa = m && m->dma ? m->dma : mvm_page_alloc(k, as);
  if (!pa) return -OSSIM_ENOMEM;
  if (m && m->dma) /* the module's page, mapped again: one more reference */
    mvm_page_get(k, pa);
  if (mvm_translate(k, as, pa) || mvm_map(k, as, pa, pa, PTE_R | PTE_W | PTE_U | PTE_PIN) < 0) {
    mvm_page_put(k, pa);
    return -OSSIM_ENOMEM;
  }
  if (m && !m->dma) { /* the module's reference, beside its address space's */
    m->dma = pa;
    mvm_page_get(k, pa);
  }
  return (int)(pa >> 12);
}

/* The register page of each device a frame cap may name. */
static const uint32_t device_page[] = {MACHINE_UART_BASE, MACHINE_BLK_BASE};

static int kc_frame_map(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *f;
  int as = -1, rc = cap_at(c, t, 0, CAP_FRAME, CAP_W, &f);
  if (rc == 0) rc = as_of(k, c, t, 1, &as);
  if (rc < 0) return rc;
  uint32_t pa = device_page[f->obj];
  rc = mvm_map(k, as, pa, pa, PTE_R | PTE_W | PTE_U);
  return rc < 0 ? rc : (int)(pa >> 12);
}

/* Copies the caller's string at va (up to n - 1 bytes) into buf. */
static int copy_name(struct mcpu *c, uint32_t va, char *buf, size_t n) {
  uint32_t bad;
  for (size_t i = 0; i < n; i++) {
    if (i == n - 1 || mmu_copy_in(c->h, &buf[i], va + i, 1, true, &bad) < 0) buf[i] = 0;
    if (!buf[i]) return 0;
  }
  return 0;
}

static int kc_th_create(struct micro *k, struct mcpu *c, struct tcb *t) {
  char name[16];
  int as = -1, rc = empty_slot(c, t, 0);
  if (rc == 0) rc = as_of(k, c, t, 1, &as);
  if (rc == 0) rc = quota_at(c, t, 3);
  if (rc < 0) return rc;
  copy_name(c, arg(t, 2), name, sizeof name);
  struct tcb *n = micro_thread_new(k, as, name, &k->nextpid);
  if (!n) return -OSSIM_ENOMEM;
  cap_install(&k->o.caps, t->cs, arg(t, 0), CAP_THREAD, (uint16_t)(n - k->o.tcb), CAP_ALL, 0);
  return n->pid;
}

/* Takes th off every queue and every hart: it will run only when resumed. */
static void th_stop(struct micro *k, struct tcb *th) {
  ipc_cancel(&k->o, th);
  ntfn_cancel(&k->o, th);
  sched_dequeue(&k->sched, &th->se);
  for (unsigned i = 0; i < k->ncpu; i++)
    if (k->cpus[i].cur == th) k->cpus[i].cur = NULL;
  th->on_hart = -1;
  th->state = TS_INACTIVE;
}

static int kc_th_space(struct micro *k, struct mcpu *c, struct tcb *t) {
  struct tcb *th;
  int as = -1, rc = th_of(k, c, t, 0, &th);
  if (rc == 0) rc = as_of(k, c, t, 1, &as);
  if (rc == 0 && th == t) rc = -OSSIM_EINVAL;
  if (rc < 0) return rc;
  th_stop(k, th);
  mvm_as_enter(k, as, th->pid);
  micro_as_release(k, th->as);
  th->as = as;
  memset(th->x, 0, sizeof th->x);
  th->pc = 0;
  copy_name(c, arg(t, 2), th->name, sizeof th->name);
  micro_emit_name(k, th, EV_PROC_NAME);
  return 0;
}

static int kc_th_copy(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *to, *from = NULL;
  int rc = th_of(k, c, t, 0, &to);
  if (rc == 0) rc = th_of(k, c, t, 1, &from);
  if (rc == 0 && (to->state != TS_INACTIVE || to == t)) rc = -OSSIM_EINVAL;
  if (rc < 0) return rc;
  memcpy(to->x, from->x, sizeof to->x);
  to->pc = from->pc;
  return 0;
}

static int kc_th_write(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *th;
  int rc = th_of(k, c, t, 0, &th);
  if (rc == 0 && (th->state != TS_INACTIVE || arg(t, 1) >= 32)) rc = -OSSIM_EINVAL;
  if (rc < 0) return rc;
  if (arg(t, 1) == 0)
    th->pc = arg(t, 2);
  else
    th->x[arg(t, 1)] = arg(t, 2);
  return 0;
}

/* The end of the system call t is in, with its result in a0 (nothing if it is in none). */
static void syscall_exit(struct micro *k, struct tcb *t) {
  if (!t->syscall) return;
  machine_emit(k->k.m, EV_SYSCALL_EXIT, (uint32_t)t->pid, t->syscall - 1, t->x[R_A0], 0);
  t->syscall = 0;
}

static int kc_th_resume(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *th;
  int rc = th_of(k, c, t, 0, &th);
  if (rc == 0 && th->state != TS_INACTIVE) rc = -OSSIM_EINVAL;
  if (rc < 0) return rc;
  syscall_exit(k, th); /* an exec: the thread goes on in its new program, not in the vDSO */
  th->state = TS_RUNNABLE;
  micro_wake(k, th);
  return 0;
}

static int kc_th_kill(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *th;
  int rc = th_of(k, c, t, 0, &th);
  if (rc < 0) return rc;
  micro_thread_end(k, th, 1, arg(t, 1), 0);
  return th == t ? KC_SKIP : 0;
}

static int kc_th_fault(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *th;
  struct cap *ep;
  int rc = th_of(k, c, t, 0, &th);
  if (rc == 0) rc = cap_at(c, t, 1, CAP_ENDPOINT, CAP_W, &ep);
  if (rc < 0) return rc;
  cap_delete(&k->o.caps, th->cs, FAULT_SLOT);
  return cap_copy(&k->o.caps, t->cs, arg(t, 1), th->cs, FAULT_SLOT, CAP_W);
}

/* Send only: a process that held the receive right to its server's endpoint could take
 * other processes' calls off it. */
static int kc_cap_give(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *th;
  int rc = th_of(k, c, t, 0, &th);
  if (rc < 0) return rc;
  if (arg(t, 3)) return cap_mint(&k->o.caps, t->cs, arg(t, 1), th->cs, arg(t, 2), CAP_W, arg(t, 3));
  return cap_copy(&k->o.caps, t->cs, arg(t, 1), th->cs, arg(t, 2), CAP_W);
}

static int kc_as_unmap(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  int as, rc = as_of(k, c, t, 0, &as);
  if (rc < 0) return rc;
  if (!user_range(arg(t, 1), arg(t, 2))) return -OSSIM_EINVAL;
  mvm_unmap(k, as, arg(t, 1), arg(t, 2));
  return 0;
}

/* Not privileged in itself, but only the kernel can read the page tables: the vDSO asks
 * before it copies a pointer argument, so a bad pointer fails the call with -EFAULT (as on
 * mono) instead of killing the process in the vDSO. */
static int kc_check(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  return mvm_user_ok(k, t->as, arg(t, 0), arg(t, 1), arg(t, 2) != 0) ? 0 : -OSSIM_EFAULT;
}

static int kc_ntfn_bind(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *cap;
  struct ntfn *n;
  int rc = ntfn_of(k, t, CAP_R, &cap, &n);
  return rc < 0 ? rc : ntfn_bind(n, t);
}

/* The interrupt source named by the IRQ cap in slot a0. */
static int irq_of(struct tcb *t, uint32_t *src) {
  struct cap *c;
  int rc = cap_lookup(t->cs, arg(t, 0), CAP_IRQ, CAP_W, &c);
  *src = rc == 0 ? c->obj : 0;
  return rc == 0 && *src >= MICRO_NIRQ ? -OSSIM_EINVAL : rc;
}

static int kc_irq_bind(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *n;
  uint32_t src;
  int rc = irq_of(t, &src);
  if (rc == 0) rc = cap_at(c, t, 1, CAP_NOTIFICATION, CAP_W, &n);
  if (rc < 0) return rc;
  k->irq[src].bound = true;
  k->irq[src].ntfn = n->obj;
  k->irq[src].bits = n->badge ? n->badge : 1;
  plicdrv_enable(&k->plic, src, 1);
  return 0;
}

static int kc_irq_ack(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  uint32_t src;
  int rc = irq_of(t, &src);
  if (rc == 0 && k->irq[src].bound) plicdrv_enable(&k->plic, src, 1);
  return rc;
}

/* The host's input is not the guest's to see but through the UART, which models no hangup
 * (a real one reports it as lost carrier): the kernel, which runs beside the host, says. */
static int kc_input_done(struct micro *k, struct mcpu *c, struct tcb *t) {
  struct cap *dbg;
  int rc = cap_at(c, t, 0, CAP_DEBUG, 0, &dbg);
  return rc < 0 ? rc : uart_input_done(k->k.m->uart) ? 1 : 0;
}

/* Why privileged: time is the kernel's (the timer interrupt); a server that sleeps clients
 * asks to be woken. */
static int kc_timer(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct cap *cap;
  struct ntfn *n;
  int rc = ntfn_of(k, t, CAP_W, &cap, &n);
  if (rc < 0) return rc;
  k->deadline[cap->obj] = arg(t, 1);
  k->timer_bits[cap->obj] = cap->badge ? cap->badge : 1;
  k->watchdog[cap->obj] = arg(t, 2) == 1;
  return 0;
}

/* Thread th's state, cycles and priority into t's registers from a[0] on (ps). */
static void th_info(struct micro *k, struct tcb *t, struct tcb *th, int a) {
  uint64_t cycles =
      th->cpu_cycles + (th->on_hart >= 0 ? k->cpus[th->on_hart].h->cycles - th->since : 0);
  t->x[R_A0 + a] = th->on_hart >= 0           ? PROC_RUNNING
                   : th->state == TS_RUNNABLE ? PROC_RUNNABLE
                   : th->state == TS_INACTIVE ? PROC_USED
                                              : PROC_SLEEPING;
  t->x[R_A1 + a] = (uint32_t)cycles;
  t->x[R_A2 + a] = (uint32_t)(cycles >> 32);
  t->x[R_A3 + a] = (uint32_t)sched_shown_priority(&k->sched, &th->se);
}

static int kc_th_info(struct micro *k, struct mcpu *c, struct tcb *t) {
  struct tcb *th;
  int rc = th_of(k, c, t, 0, &th);
  if (rc < 0) return rc;
  th_info(k, t, th, 0);
  return KC_SKIP;
}

/* Why privileged: the scheduler is the kernel's; the process manager, which owns the
 * processes, says what each may have (setpriority). */
static int kc_th_sched(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct tcb *th;
  int rc = th_of(k, c, t, 0, &th);
  if (rc < 0) return rc;
  sched_set_params(&k->sched, &th->se, (int)arg(t, 1), arg(t, 2));
  machine_emit(k->k.m, EV_PROC_SCHED, (uint32_t)th->pid, (uint32_t)th->se.priority, th->se.tickets,
               0);
  return 0;
}

/* The vDSO marks the entry and the exit of each system call (vdso/vdso.c), so micro's event
 * stream has mono's EV_SYSCALL_ENTER and EV_SYSCALL_EXIT, with the same fields, and compare
 * and --trace see system calls on both kernels alike. Why marks, two kernel calls more per
 * system call: only the vDSO knows where a call begins and ends (a read may be several IPC
 * calls, uptime none), and no IPC message says which call it is part of. They leave every
 * register as it was and charge no kernel work (sim/cost.h): mono's events cost nothing
 * either, so what a mark costs is the trap alone. */
static int kc_sys_enter(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  t->syscall = t->x[R_A6] + 1;
  machine_emit(k->k.m, EV_SYSCALL_ENTER, (uint32_t)t->pid, t->x[R_A6], arg(t, 0), arg(t, 1));
  return KC_SKIP;
}

/* A fork's child returns through the vDSO from a call it did not make: no mark, as on mono. */
static int kc_sys_exit(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  syscall_exit(k, t);
  return KC_SKIP;
}

/* ---- Restarting servers (restart.c). Why privileged: see there. ---- */

/* The boot module a1 names, for a caller holding the system cap in a0. */
static int mod_arg(struct micro *k, struct mcpu *c, struct tcb *t, struct bootmod **m) {
  struct cap *cap;
  int rc = cap_lookup(t->cs, arg(t, 0), CAP_SYSTEM, 0, &cap);
  if (rc == 0 && arg(t, 1) >= k->nmods) rc = wrong(c, 1, -OSSIM_EINVAL);
  *m = rc == 0 ? &k->mods[arg(t, 1)] : NULL;
  return rc;
}

static int kc_srv_watch(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct bootmod *m;
  struct cap *n;
  int rc = mod_arg(k, c, t, &m);
  if (rc == 0) rc = cap_at(c, t, 2, CAP_NOTIFICATION, CAP_W, &n);
  if (rc < 0) return rc;
  m->watched = true;
  m->watch_ntfn = n->obj;
  m->watch_bits = n->badge ? n->badge : 1;
  return m->t ? m->pid : 0;
}

static int kc_srv_kill(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct bootmod *m;
  int rc = mod_arg(k, c, t, &m);
  if (rc == 0 && (m->t == t || (arg(t, 2) != 3 && arg(t, 2) != 4))) rc = -OSSIM_EINVAL;
  return rc < 0 ? rc : micro_srv_kill(k, m, arg(t, 2));
}

static int kc_srv_restart(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct bootmod *m;
  int rc = mod_arg(k, c, t, &m);
  if (rc == 0 && m->t == t) rc = -OSSIM_EINVAL;
  return rc < 0 ? rc : micro_srv_restart(k, m, arg(t, 2));
}

static int kc_srv_inject(struct micro *k, struct mcpu *c, struct tcb *t) {
  (void)c;
  struct bootmod *m;
  int rc = mod_arg(k, c, t, &m);
  if (rc == 0 && (m->t == t || arg(t, 2) > 1)) rc = -OSSIM_EINVAL;
  return rc < 0 ? rc : micro_srv_inject(k, m, arg(t, 2) == 1);
}

static int kc_srv_info(struct micro *k, struct mcpu *c, struct tcb *t) {
  struct bootmod *m;
  int rc = mod_arg(k, c, t, &m);
  if (rc < 0 || !m->t) return rc;
  th_info(k, t, m->t, 1);
  return m->pid;
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
    [KC_AS_CREATE] = kc_as_create,
    [KC_AS_MAP] = kc_as_map,
    [KC_AS_WRITE] = kc_as_write,
    [KC_AS_COPY] = kc_as_copy,
    [KC_AS_DMA] = kc_as_dma,
    [KC_FRAME_MAP] = kc_frame_map,
    [KC_TH_CREATE] = kc_th_create,
    [KC_TH_SPACE] = kc_th_space,
    [KC_TH_COPY] = kc_th_copy,
    [KC_TH_WRITE] = kc_th_write,
    [KC_TH_RESUME] = kc_th_resume,
    [KC_TH_KILL] = kc_th_kill,
    [KC_TH_FAULT] = kc_th_fault,
    [KC_CAP_GIVE] = kc_cap_give,
    [KC_AS_UNMAP] = kc_as_unmap,
    [KC_CHECK] = kc_check,
    [KC_NTFN_BIND] = kc_ntfn_bind,
    [KC_IRQ_BIND] = kc_irq_bind,
    [KC_IRQ_ACK] = kc_irq_ack,
    [KC_INPUT_DONE] = kc_input_done,
    [KC_TIMER] = kc_timer,
    [KC_TH_INFO] = kc_th_info,
    [KC_TH_SCHED] = kc_th_sched,
    [KC_SYS_ENTER] = kc_sys_enter,
    [KC_SYS_EXIT] = kc_sys_exit,
    [KC_SRV_WATCH] = kc_srv_watch,
    [KC_SRV_KILL] = kc_srv_kill,
    [KC_SRV_RESTART] = kc_srv_restart,
    [KC_SRV_INJECT] = kc_srv_inject,
    [KC_SRV_INFO] = kc_srv_info,
};

/* What this C code's own work on kernel call num costs (sim/cost.h): the IPC paths have
 * their own figures, so that a cost profile (seL4's, say) can set them. */
static uint32_t kcall_cost(const struct cost_model *cost, uint32_t num) {
  switch (num) {
  case KC_SEND:
  case KC_NBSEND:
  case KC_CALL: return cost->ipc_call;
  case KC_REPLY:
  case KC_REPLY_RECV: return cost->ipc_reply;
  case KC_SYS_ENTER:
  case KC_SYS_EXIT: return 0; /* marks for the event stream: see kc_sys_enter */
  default: return cost->kernel_syscall;
  }
}

void kcall_dispatch(struct micro *k, struct mcpu *c, struct tcb *t) {
  uint32_t num = t->x[R_A7];
  c->h->cycles += kcall_cost(&k->k.m->cfg.cost, num);
  c->bad_arg = 0;
  int rc = num < KC_COUNT && calls[num] ? calls[num](k, c, t) : -OSSIM_ENOSYS;
  if (rc == KC_SKIP) return;
  t->x[R_A0] = (uint32_t)rc;
  /* A message call's a1 is its label, even when it fails. */
  if (rc < 0 && num >= KC_CAP_COPY) t->x[R_A1] = c->bad_arg;
}
