#include "plic.h"

#include <stdlib.h>

#include "machine.h"

/*
 * Register table (offsets from MACHINE_PLIC_BASE), 32-bit accesses only. The layout is that
 * of a 1024-source PLIC with 2 contexts per hart; registers for sources 32..1023 exist and
 * are hardwired to 0, as a real PLIC with 32 sources does.
 *   0x000000 + 4*s          priority of source s        RW 0..7 (source 0: 0)
 *   0x001000 .. 0x00107f    pending bits                RO (writes ignored)
 *   0x002000 + 0x80*c + 4*w enable bits of context c    RW (word 0 only; bit 0 is 0)
 *   0x200000 + 0x1000*c     threshold of context c      RW 0..7
 *   0x200004 + 0x1000*c     claim (read) / complete (write) for context c
 * Offsets outside these, and contexts past 2 * nharts, are access faults.
 */
#define PRIORITY_END 0x1000u
#define PENDING_END 0x1080u
#define ENABLE_BASE 0x2000u
#define ENABLE_STRIDE 0x80u
#define CONTEXT_BASE 0x200000u
#define CONTEXT_STRIDE 0x1000u
#define MAX_CONTEXTS (2 * MACHINE_MAX_HARTS)
#define SOURCE_MASK 0xfffffffeu /* source 0 never pends and cannot be enabled */

struct plic {
  struct machine *m;
  /* Source state. `level` is driven by devices; `pending` and `claimed` by the gateway
   * rules: a source is pending while its level is high and it is not claimed. */
  uint32_t level, pending, claimed;
  /* Guest-programmed configuration. */
  uint8_t priority[PLIC_NSOURCES];
  uint32_t enable[MAX_CONTEXTS];
  uint8_t threshold[MAX_CONTEXTS];
  /* Bit h: the SEIP level last given to hart h, so machine_set_seip sees only changes. */
  uint32_t seip;
};

static unsigned ncontexts(const struct plic *p) {
  unsigned n = p->m->nharts;
  return 2 * (n < MACHINE_MAX_HARTS ? n : MACHINE_MAX_HARTS);
}

/* The source context ctx would claim now: the pending, enabled source of highest priority
 * above the threshold, the lowest id among equals; 0 if none. */
static unsigned best_source(const struct plic *p, unsigned ctx) {
  uint32_t candidates = p->pending & p->enable[ctx];
  unsigned best = 0, best_prio = p->threshold[ctx];
  for (unsigned s = 1; s < PLIC_NSOURCES; s++)
    if ((candidates >> s & 1) && p->priority[s] > best_prio) {
      best = s;
      best_prio = p->priority[s];
    }
  return best;
}

/* Recomputes every S context's output and tells the machine of those that changed. */
static void update(struct plic *p) {
  for (unsigned h = 0; h < ncontexts(p) / 2; h++) {
    bool level = best_source(p, PLIC_CTX_S(h)) != 0;
    if (level == (bool)(p->seip >> h & 1)) continue;
    p->seip ^= 1u << h;
    machine_set_seip(p->m, h, level);
  }
}

void plic_set_irq(struct plic *p, unsigned source, bool level) {
  if (source == 0 || source >= PLIC_NSOURCES) return;
  uint32_t bit = 1u << source;
  p->level = level ? p->level | bit : p->level & ~bit;
  p->pending = level && !(p->claimed & bit) ? p->pending | bit : p->pending & ~bit;
  update(p);
}

static uint32_t claim(struct plic *p, unsigned ctx) {
  unsigned s = best_source(p, ctx);
  if (s) {
    p->pending &= ~(1u << s);
    p->claimed |= 1u << s;
    update(p);
  }
  return s;
}

/* Completion re-arms the source: if its line is still high it is pending again. As the
 * PLIC spec says, an id that is not enabled for the context (or not claimed) is ignored. */
static void complete(struct plic *p, unsigned ctx, uint32_t id) {
  if (id == 0 || id >= PLIC_NSOURCES) return;
  uint32_t bit = 1u << id;
  if (!(p->enable[ctx] & bit) || !(p->claimed & bit)) return;
  p->claimed &= ~bit;
  if (p->level & bit) p->pending |= bit;
  update(p);
}

/*
 * Decodes an offset to the register it names. Returns false for an access fault; else sets
 * *reg to one of the kinds below and *idx to the source or context it belongs to (for
 * hardwired-zero registers, *reg is REG_ZERO).
 */
enum reg { REG_ZERO, REG_PRIORITY, REG_PENDING, REG_ENABLE, REG_THRESHOLD, REG_CLAIM };

static bool decode(const struct plic *p, uint32_t off, enum reg *reg, unsigned *idx) {
  if (off < PRIORITY_END) {
    *idx = off / 4;
    *reg = *idx > 0 && *idx < PLIC_NSOURCES ? REG_PRIORITY : REG_ZERO;
    return true;
  }
  if (off < PENDING_END) {
    *reg = off == PLIC_PENDING ? REG_PENDING : REG_ZERO;
    return true;
  }
  if (off >= ENABLE_BASE && off < ENABLE_BASE + ENABLE_STRIDE * ncontexts(p)) {
    *idx = (off - ENABLE_BASE) / ENABLE_STRIDE;
    *reg = (off - ENABLE_BASE) % ENABLE_STRIDE == 0 ? REG_ENABLE : REG_ZERO;
    return true;
  }
  if (off >= CONTEXT_BASE && off < CONTEXT_BASE + CONTEXT_STRIDE * ncontexts(p)) {
    *idx = (off - CONTEXT_BASE) / CONTEXT_STRIDE;
    uint32_t r = (off - CONTEXT_BASE) % CONTEXT_STRIDE;
    *reg = r == 0 ? REG_THRESHOLD : REG_CLAIM;
    return r == 0 || r == 4;
  }
  return false;
}

static bool plic_read(void *dev, uint32_t off, unsigned size, uint32_t *val) {
  struct plic *p = dev;
  enum reg reg;
  unsigned idx = 0;
  if (size != 4 || off % 4 || !decode(p, off, &reg, &idx)) return false;
  switch (reg) {
  case REG_ZERO: *val = 0; break;
  case REG_PRIORITY: *val = p->priority[idx]; break;
  case REG_PENDING: *val = p->pending; break;
  case REG_ENABLE: *val = p->enable[idx]; break;
  case REG_THRESHOLD: *val = p->threshold[idx]; break;
  case REG_CLAIM: *val = claim(p, idx); break;
  }
  return true;
}

static bool plic_write(void *dev, uint32_t off, unsigned size, uint32_t val) {
  struct plic *p = dev;
  enum reg reg;
  unsigned idx = 0;
  if (size != 4 || off % 4 || !decode(p, off, &reg, &idx)) return false;
  switch (reg) {
  case REG_ZERO:
  case REG_PENDING: return true; /* read-only or hardwired: writes are ignored */
  case REG_PRIORITY: p->priority[idx] = val & PLIC_MAX_PRIORITY; break;
  case REG_ENABLE: p->enable[idx] = val & SOURCE_MASK; break;
  case REG_THRESHOLD: p->threshold[idx] = val & PLIC_MAX_PRIORITY; break;
  case REG_CLAIM: complete(p, idx, val); return true; /* complete() updates if needed */
  }
  update(p);
  return true;
}

static const struct bus_ops plic_ops = {plic_read, plic_write};

struct plic *plic_create(struct machine *m) {
  struct plic *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->m = m;
  if (bus_map(&m->bus, MACHINE_PLIC_BASE, PLIC_WINDOW, "plic", &plic_ops, p) < 0) {
    free(p);
    return NULL;
  }
  return p;
}

void plic_destroy(struct plic *p) { free(p); }
