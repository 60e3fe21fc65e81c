#include "plicdrv.h"

#include "abi/errno.h"
#include "abi/plic.h"

/*
 * Registers used (offsets from the PLIC's base; abi/plic.h), all 32 bits:
 *   PLIC_PRIORITY(src)   priority of a source, 0 never interrupts
 *   PLIC_ENABLE(ctx)     bit per source: may it interrupt this context
 *   PLIC_THRESHOLD(ctx)  only priorities above it interrupt
 *   PLIC_CLAIM(ctx)      read: claim the best pending source; write: complete it
 */

static uint32_t rd(const struct plicdrv *p, uint32_t off) {
  return p->bus->read(p->bus->ctx, p->base + off, 4);
}

static void wr(const struct plicdrv *p, uint32_t off, uint32_t val) {
  p->bus->write(p->bus->ctx, p->base + off, 4, val);
}

static int valid_source(unsigned source) { return source >= 1 && source < PLIC_NSOURCES; }

/* The enable word holding `source`'s bit, for this context (32 sources a word). */
static uint32_t enable_word(const struct plicdrv *p, unsigned source) {
  return PLIC_ENABLE(p->ctx) + 4u * (source / 32u);
}

void plicdrv_init(struct plicdrv *p, const struct devbus *bus, uint32_t base, unsigned hart) {
  p->bus = bus;
  p->base = base;
  p->ctx = PLIC_CTX_S(hart);
  for (unsigned w = 0; w < (PLIC_NSOURCES + 31u) / 32u; w++)
    wr(p, PLIC_ENABLE(p->ctx) + 4u * w, 0);
  wr(p, PLIC_THRESHOLD(p->ctx), 0);
}

int plicdrv_enable(struct plicdrv *p, unsigned source, unsigned priority) {
  if (!valid_source(source) || priority < 1 || priority > PLIC_MAX_PRIORITY) return -OSSIM_EINVAL;
  /* Priority before the enable bit: a source already asking would otherwise interrupt at
   * whatever priority it had before (another hart's choice, or 0: never). */
  wr(p, PLIC_PRIORITY(source), priority);
  uint32_t off = enable_word(p, source);
  wr(p, off, rd(p, off) | 1u << (source % 32u));
  return 0;
}

int plicdrv_disable(struct plicdrv *p, unsigned source) {
  if (!valid_source(source)) return -OSSIM_EINVAL;
  uint32_t off = enable_word(p, source);
  wr(p, off, rd(p, off) & ~(1u << (source % 32u)));
  return 0;
}

uint32_t plicdrv_claim(struct plicdrv *p) { return rd(p, PLIC_CLAIM(p->ctx)); }

void plicdrv_complete(struct plicdrv *p, uint32_t source) { wr(p, PLIC_CLAIM(p->ctx), source); }
