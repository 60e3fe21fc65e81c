#include "hostbus.h"

#include "machine.h"

static void fault(struct hostbus *hb, uint32_t pa) {
  hb->faults++;
  hb->last_fault_pa = pa;
}

static void charge_mmio(struct hostbus *hb) {
  if (hb->hart) hb->hart->cycles += hb->m->cfg.cost.mmio;
}

/* Rounded up as mmu.c rounds its copies, so that even a short copy costs something. */
static void charge_copy(struct hostbus *hb, uint32_t n) {
  if (hb->hart) hb->hart->cycles += ((uint64_t)n * hb->m->cfg.cost.copy_byte_x16 + 15) / 16;
}

static uint32_t hb_read(void *ctx, uint32_t pa, unsigned size) {
  struct hostbus *hb = ctx;
  uint32_t val = 0;
  charge_mmio(hb);
  if (!bus_read(&hb->m->bus, pa, size, &val)) {
    fault(hb, pa);
    return size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
  }
  return val;
}

static void hb_write(void *ctx, uint32_t pa, unsigned size, uint32_t val) {
  struct hostbus *hb = ctx;
  charge_mmio(hb);
  if (!bus_write(&hb->m->bus, pa, size, val)) fault(hb, pa);
}

static void hb_to_phys(void *ctx, uint32_t pa, const void *src, uint32_t n) {
  struct hostbus *hb = ctx;
  charge_copy(hb, n);
  if (!bus_ram_write(&hb->m->bus, pa, src, n)) fault(hb, pa);
}

static void hb_from_phys(void *ctx, void *dst, uint32_t pa, uint32_t n) {
  struct hostbus *hb = ctx;
  charge_copy(hb, n);
  if (!bus_ram_read(&hb->m->bus, pa, dst, n)) fault(hb, pa);
}

/*
 * A polling loop's turn: nothing a device does can change until its next event, so jump
 * there. With no event pending, nothing will ever change and the loop would spin forever;
 * time then moves by one MMIO access, which at least keeps time-based guards going.
 */
static void hb_relax(void *ctx) {
  struct hostbus *hb = ctx;
  struct machine *m = hb->m;
  uint64_t next = evq_next(&m->evq);
  uint64_t now = machine_now(m);
  uint64_t to = next != EVQ_NEVER && next > now ? next : now + m->cfg.cost.mmio;
  machine_advance(m, to);
  if (hb->hart && hb->hart->cycles < to) hb->hart->cycles = to;
}

void hostbus_init(struct hostbus *hb, struct machine *m) {
  hb->bus = (struct devbus){hb, hb_read, hb_write, hb_to_phys, hb_from_phys, hb_relax};
  hb->m = m;
  hb->hart = NULL;
  hb->faults = 0;
  hb->last_fault_pa = 0;
}
