/*
 * restart.c: the kernel's part in restarting servers. The policy — which servers to watch,
 * when a silent driver counts as dead, how long to wait before a restart, when to give up —
 * is the reincarnation server's (servers/rs.c), a guest program. What must be the kernel's:
 *
 *   - knowing that a thread ended (KC_SRV_WATCH): only the kernel sees every end, exit,
 *     fault or kill alike. A death notification rather than making rs the fault endpoint:
 *     the kernel ends the thread at once, so the clients blocked on it learn it (-EPIPE)
 *     at the moment of death, whatever the death, and rs gets a bit in its notification
 *     word beside its timer and heartbeat bits, with no fault message to answer (the end
 *     of every thread goes through micro_thread_end, thread.c, which signals it);
 *   - ending a server that does not answer (KC_SRV_KILL);
 *   - starting a boot module again (KC_SRV_RESTART): an address space and a thread are what
 *     protection is made of, and the boot image and boot caps are the kernel's, kept since
 *     boot (struct bootmod) as seL4 keeps the boot modules' frames. The new instance serves
 *     the same endpoints, so its clients need no new caps: they call again;
 *   - making a server fault or hang on purpose (--inject, KC_SRV_INJECT), to test all this.
 *
 * All of it needs the system cap, and names a server by its boot module's index.
 */
#include <stdio.h>
#include <string.h>

#include "abi/errno.h"
#include "ipc.h"
#include "micro.h"
#include "notify.h"

/* Where a hung server spins: a page of its own holding `j .` (HANG_INSN), mapped there. */
#define HANG_PC 0xf0000000u
#define HANG_INSN 0x0000006fu

/* Where t runs: the hart it is on (its registers are there), or NULL. */
static struct hart *hart_of(struct micro *k, const struct tcb *t) {
  return t->on_hart >= 0 ? k->cpus[t->on_hart].h : NULL;
}

static uint32_t pc_of(struct micro *k, const struct tcb *t) {
  struct hart *h = hart_of(k, t);
  return h ? h->pc : t->pc;
}

int micro_srv_kill(struct micro *k, struct bootmod *m, uint32_t why) {
  if (!m->t) return -OSSIM_ESRCH;
  micro_thread_end(k, m->t, why, 0, pc_of(k, m->t));
  return 0;
}

/* True if notification n is named by a cap somewhere: a live cspace, or a module's boot
 * caps (which its next instance gets). */
static bool ntfn_named(struct micro *k, uint16_t n) {
  for (unsigned i = 0; i < KOBJ_NTHREAD + k->nmods; i++) {
    const struct cspace *cs = i < KOBJ_NTHREAD ? &k->o.cspace[i] : &k->mods[i - KOBJ_NTHREAD].caps;
    for (unsigned s = 0; s < CSPACE_SLOTS; s++)
      if (cs->slot[s].type == CAP_NOTIFICATION && cs->slot[s].obj == n) return true;
  }
  return false;
}

/* Frees the notifications no cap names any more — a dead server's (its interrupt's, say),
 * which its next instance makes again — so that restarts do not use them up. Their
 * interrupts are masked and unbound, their timers stopped. */
static void reclaim_ntfns(struct micro *k) {
  for (uint16_t n = 0; n < KOBJ_NNTFN; n++) {
    struct ntfn *o = &k->o.ntfn[n];
    if (!o->live || o->q.head || ntfn_named(k, n)) continue;
    for (uint32_t src = 0; src < MICRO_NIRQ; src++)
      if (k->irq[src].bound && k->irq[src].ntfn == n) {
        k->irq[src].bound = false;
        plicdrv_disable(&k->plic, src);
      }
    if (o->bound) o->bound->bound = NULL;
    k->timer_bits[n] = 0;
    *o = (struct ntfn){0};
  }
}

int micro_srv_restart(struct micro *k, struct bootmod *m, uint32_t backoff) {
  char err[160] = "";
  int old = m->pid;
  if (m->t) micro_srv_kill(k, m, 4);
  reclaim_ntfns(k);
  m->restarts++;
  int rc = micro_mod_start(k, m, err, sizeof err);
  if (rc < 0) return -OSSIM_ENOMEM;
  machine_emit(k->k.m, EV_SERVER_RESTART, (uint32_t)m->pid, (uint32_t)old, m->restarts, backoff);
  return m->pid;
}

/* True if m is a driver the reincarnation server pings: a hang of another would go unseen,
 * and the system would spin for ever. */
static bool pinged(const struct bootmod *m) {
  return m->caps.slot[BOOT_SLOT_PING].type == CAP_NOTIFICATION;
}

/* Makes t spin for ever from where it would next run: its pc on a page of `j .` of its own. */
static int hang(struct micro *k, struct tcb *t) {
  uint32_t pa = 0, insn = HANG_INSN;
  if (!mvm_translate(k, t->as, HANG_PC)) { /* (not hung already) */
    if (!(pa = mvm_page_alloc(k, t->as))) return -OSSIM_ENOMEM;
    bus_ram_write(&k->k.m->bus, pa, &insn, sizeof insn);
    if (mvm_map(k, t->as, HANG_PC, pa, PTE_R | PTE_X | PTE_U) < 0) {
      mvm_page_put(k, pa);
      return -OSSIM_ENOMEM;
    }
  }
  struct hart *h = hart_of(k, t);
  if (h)
    h->pc = HANG_PC;
  else
    t->pc = HANG_PC;
  return 0;
}

int micro_srv_inject(struct micro *k, struct bootmod *m, bool hang_it) {
  struct tcb *t = m->t;
  char msg[128];
  if (!t) return -OSSIM_ESRCH;
  if (hang_it && !pinged(m)) return -OSSIM_EPERM;
  snprintf(msg, sizeof msg, "pid %d (%s): %s (pc 0x%x)\n", t->pid, t->name,
           hang_it ? "hangs: an injected hang" : "killed by an injected fault", pc_of(k, t));
  micro_puts(k, msg, strlen(msg));
  if (hang_it) return hang(k, t);
  return micro_srv_kill(k, m, 4);
}

/* The module called name, or NULL. */
static struct bootmod *mod_named(struct micro *k, const char *name) {
  for (unsigned i = 0; i < k->nmods; i++)
    if (!strcmp(k->mods[i].name, name)) return &k->mods[i];
  return NULL;
}

int micro_inject_parse(void *field, const char *val, char *err, size_t errlen) {
  struct micro_injects *injects = field;
  const size_t max = sizeof injects->v / sizeof injects->v[0];
  const char *at = strchr(val, '@'), *colon = at ? strchr(at, ':') : NULL;
  struct micro_inject in = {.hang = colon && !strcmp(colon, ":hang")};
  size_t nlen = at ? (size_t)(at - val) : 0;
  size_t clen = !at ? 0 : colon ? (size_t)(colon - at - 1) : strlen(at + 1);
  char cycle[32];
  if (injects->n == max) {
    snprintf(err, errlen, "--inject: at most %zu injections", max);
    return -1;
  }
  if (!nlen || nlen >= sizeof in.server || !clen || clen >= sizeof cycle || (colon && !in.hang)) {
    snprintf(err, errlen, "--inject '%s': need SERVER@CYCLE or SERVER@CYCLE:hang", val);
    return -1;
  }
  memcpy(in.server, val, nlen);
  memcpy(cycle, at + 1, clen);
  cycle[clen] = 0;
  if (kernel_option_number(cycle, true, UINT64_MAX, &in.cycle)) {
    snprintf(err, errlen, "--inject '%s': '%s' is not a number of cycles", val, cycle);
    return -1;
  }
  injects->v[injects->n++] = in;
  return 0;
}

int micro_injects_check(struct micro *k, char *err, size_t errlen) {
  for (unsigned i = 0; i < k->opts.injects.n; i++) {
    const struct micro_inject *in = &k->opts.injects.v[i];
    struct bootmod *m = mod_named(k, in->server);
    if (m && in->hang && !pinged(m)) {
      snprintf(err, errlen,
               "--inject %s@%llu:hang: only a driver the reincarnation server pings"
               " can hang (one that nobody watches would spin for ever)",
               in->server, (unsigned long long)in->cycle);
      return -OSSIM_EINVAL;
    }
    if (m) continue;
    int n = snprintf(err, errlen, "--inject %s@%llu: no server named %s; servers:", in->server,
                     (unsigned long long)in->cycle, in->server);
    for (unsigned j = 0; j < k->nmods && n > 0 && (size_t)n < errlen; j++)
      n += snprintf(err + n, errlen - (size_t)n, " %s", k->mods[j].name);
    return -OSSIM_EINVAL;
  }
  return 0;
}

void micro_injects_due(struct micro *k) {
  for (unsigned i = 0; i < k->opts.injects.n; i++) {
    const struct micro_inject *in = &k->opts.injects.v[i];
    struct bootmod *m = mod_named(k, in->server);
    /* One due while its server is dead waits for the next instance: a crash at start. */
    if ((k->injected >> i & 1) || in->cycle > k->k.m->now || !m->t) continue;
    k->injected |= 1u << i;
    micro_srv_inject(k, m, in->hang);
  }
}

uint64_t micro_injects_next(struct micro *k) {
  uint64_t next = UINT64_MAX;
  for (unsigned i = 0; i < k->opts.injects.n; i++) {
    uint64_t c = k->opts.injects.v[i].cycle;
    if (!(k->injected >> i & 1) && c > k->k.m->now && c < next) next = c;
  }
  return next;
}
