/*
 * Trap entry, sret and interrupt selection (privileged spec 4.1.1-4.1.4, 3.1.6.1).
 */
#include "cpu.h"
#include "machine.h"

void cpu_take_trap(struct hart *h, uint32_t cause, uint32_t tval) {
  bool irq = (cause & CAUSE_INTERRUPT) != 0;
  uint32_t code = cause & ~CAUSE_INTERRUPT;
  if (code < 16) (irq ? h->stats.interrupts : h->stats.exceptions)[code]++;
  machine_emit(h->m, irq ? EV_INTERRUPT : EV_EXCEPTION, code, h->pc, tval, h->priv);

  h->scause = cause;
  h->stval = tval;
  h->sepc = h->pc;
  uint32_t s = h->sstatus & ~(SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_SIE);
  if (h->sstatus & SSTATUS_SIE) s |= SSTATUS_SPIE;
  if (h->priv == PRIV_S) s |= SSTATUS_SPP;
  h->sstatus = s;
  h->priv = PRIV_S;
  h->resv_valid = false; /* an LR/SC pair never spans a trap */
  h->cycles += h->m->cfg.cost.trap_entry;
  if (!h->host_traps) {
    uint32_t base = h->stvec & ~3u;
    h->pc = (irq && (h->stvec & 1)) ? base + 4 * code : base;
    h->vectored = true;
    h->vector_instret = h->instret;
    h->vector_pc = h->pc;
  }
  mmu_update_mode(h);
  cpu_kick(h);
}

void cpu_sret(struct hart *h) {
  h->priv = (h->sstatus & SSTATUS_SPP) ? PRIV_S : PRIV_U;
  uint32_t s = h->sstatus & ~(SSTATUS_SIE | SSTATUS_SPP);
  if (h->sstatus & SSTATUS_SPIE) s |= SSTATUS_SIE;
  h->sstatus = s | SSTATUS_SPIE;
  h->pc = h->sepc;
  h->stats.srets++;
  h->cycles += h->m->cfg.cost.trap_return;
  machine_emit(h->m, EV_SRET, h->pc, h->priv, 0, 0);
  mmu_update_mode(h);
  cpu_kick(h);
}

uint32_t cpu_pending_interrupt(const struct hart *h) {
  uint32_t pending = h->sip & h->sie;
  if (!pending) return 0;
  /* In U mode S-level interrupts are always enabled; in S mode only when SIE is set. */
  if (h->priv == PRIV_S && !(h->sstatus & SSTATUS_SIE)) return 0;
  static const unsigned order[] = {IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER};
  for (unsigned i = 0; i < 3; i++)
    if (pending & (1u << order[i])) return CAUSE_INTERRUPT | order[i];
  return 0;
}

void cpu_set_pending(struct hart *h, uint32_t bit, bool level) {
  uint32_t old = h->sip;
  h->sip = level ? old | bit : old & ~bit;
  if (h->sip != old) cpu_kick(h);
}
