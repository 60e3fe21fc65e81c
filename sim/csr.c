/*
 * The supervisor CSRs and the counters (privileged spec chapter 4.1, Sstc; unprivileged
 * spec "Zicntr"). There is no M mode, so nothing here is shadowed by an M-level register:
 * mcounteren is taken as all ones and menvcfg.STCE as set.
 */
#include "cpu.h"
#include "machine.h"

/* Bits [9:8] of a CSR number give the lowest privilege that may touch it, and bits [11:10]
 * = 3 mark it read-only (privileged spec 2.1). */
static bool privileged_enough(const struct hart *h, uint32_t csr) {
  return ((csr >> 8) & 3) <= (unsigned)h->priv;
}
static bool read_only(uint32_t csr) { return ((csr >> 10) & 3) == 3; }

static bool counter_allowed(const struct hart *h, uint32_t csr) {
  return h->priv == PRIV_S || (h->scounteren >> (csr & 0x1f)) & 1;
}

bool csr_read(struct hart *h, uint32_t csr, uint32_t *val) {
  if (!privileged_enough(h, csr)) return false;
  switch (csr) {
  case CSR_SSTATUS: *val = h->sstatus; return true;
  case CSR_SIE: *val = h->sie; return true;
  case CSR_STVEC: *val = h->stvec; return true;
  case CSR_SCOUNTEREN: *val = h->scounteren; return true;
  case CSR_SSCRATCH: *val = h->sscratch; return true;
  case CSR_SEPC: *val = h->sepc; return true;
  case CSR_SCAUSE: *val = h->scause; return true;
  case CSR_STVAL: *val = h->stval; return true;
  case CSR_SIP: /* STIP follows the clock even between the interpreter's checks */
    *val = (h->sip & ~SIP_STIP) | (h->cycles >= h->stimecmp ? SIP_STIP : 0);
    return true;
  case CSR_STIMECMP: *val = (uint32_t)h->stimecmp; return true;
  case CSR_STIMECMPH: *val = (uint32_t)(h->stimecmp >> 32); return true;
  case CSR_SATP: *val = h->satp; return true;
  case CSR_CYCLE:
  case CSR_TIME:
  case CSR_INSTRET:
  case CSR_CYCLEH:
  case CSR_TIMEH:
  case CSR_INSTRETH: {
    if (!counter_allowed(h, csr)) return false;
    /* time counts cycles: the board's timebase is its clock. */
    uint64_t v = (csr & 0x1f) == 2 ? h->instret : h->cycles;
    *val = (csr & 0x80) ? (uint32_t)(v >> 32) : (uint32_t)v;
    return true;
  }
  default: return false;
  }
}

static void set_stimecmp(struct hart *h, uint64_t v) {
  h->stimecmp = v;
  cpu_set_pending(h, SIP_STIP, h->cycles >= v);
}

void csr_set_satp(struct hart *h, uint32_t val) {
  h->satp = val;
  mmu_update_mode(h);
  machine_emit(h->m, EV_SATP, val, 0, 0, 0);
}

bool csr_write(struct hart *h, uint32_t csr, uint32_t val) {
  if (!privileged_enough(h, csr) || read_only(csr)) return false;
  switch (csr) {
  case CSR_SSTATUS:
    h->sstatus = val & SSTATUS_WRITABLE;
    mmu_update_mode(h); /* SUM and MXR change what a TLB entry allows */
    break;
  case CSR_SIE: h->sie = val & SIE_MASK; break;
  case CSR_STVEC: h->stvec = val & ~2u; break; /* modes 0 (direct) and 1 (vectored) only */
  case CSR_SCOUNTEREN: h->scounteren = val & 7; break;
  case CSR_SSCRATCH: h->sscratch = val; break;
  case CSR_SEPC: h->sepc = val & ~3u; break; /* no C extension: IALIGN is 32 */
  case CSR_SCAUSE: h->scause = val; break;
  case CSR_STVAL: h->stval = val; break;
  case CSR_SIP: h->sip = (h->sip & ~SIP_SSIP) | (val & SIP_SSIP); break; /* STIP, SEIP: hardware */
  case CSR_STIMECMP: set_stimecmp(h, (h->stimecmp & ~0xffffffffull) | val); break;
  case CSR_STIMECMPH: set_stimecmp(h, (h->stimecmp & 0xffffffffull) | (uint64_t)val << 32); break;
  case CSR_SATP: csr_set_satp(h, val); break;
  default: return false;
  }
  /* Any of these may unmask an interrupt or change translation: let cpu_run look again. */
  cpu_kick(h);
  return true;
}

bool csr_insn(struct hart *h, uint32_t funct3, uint32_t csr, uint32_t rs1_field, uint32_t operand,
              bool rd_is_x0, uint32_t *result) {
  unsigned kind = funct3 & 3; /* 1 write, 2 set, 3 clear */
  bool reads = !(kind == 1 && rd_is_x0);
  bool writes = kind == 1 || rs1_field != 0;
  uint32_t old = 0;
  if (!privileged_enough(h, csr) || (writes && read_only(csr))) return false;
  if (reads && !csr_read(h, csr, &old)) return false;
  if (!reads) {
    uint32_t probe; /* csrrw to x0 still needs the CSR to exist */
    if (!csr_read(h, csr, &probe)) return false;
  }
  if (writes) {
    uint32_t v = kind == 1 ? operand : kind == 2 ? old | operand : old & ~operand;
    if (!csr_write(h, csr, v)) return false;
  }
  *result = old;
  return true;
}
