#include "debug.h"

#include <errno.h>

#include "cpu.h"
#include "machine.h"

uint32_t debug_hart_satp(const struct hart *h) {
  return (h->satp & SATP_MODE_SV32) ? h->satp : DEBUG_SATP_BARE;
}

/* The Sv32 walk of mmu.c, less everything it does besides translating: no TLB fill, no
 * A/D update, no cycles. Rights are not checked (a debugger may read what the guest may
 * not), but an invalid or malformed entry is unmapped as it would be for the guest. */
int debug_translate(struct machine *m, uint32_t satp, uint32_t va, uint64_t *pa) {
  if (!(satp & SATP_MODE_SV32)) {
    *pa = va;
    return 0;
  }
  uint64_t table = (uint64_t)(satp & SATP_PPN_MASK) << 12;
  for (int level = 1; level >= 0; level--) {
    uint32_t pte;
    if (!bus_ram_read(&m->bus, table + ((va >> (12 + 10 * level)) & 0x3ff) * 4, &pte, 4))
      return -EFAULT;
    if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W))) return -EFAULT;
    uint64_t ppn = pte >> 10;
    if (pte & (PTE_R | PTE_X)) {
      if (level == 1 && (ppn & 0x3ff)) return -EFAULT; /* misaligned superpage */
      *pa = level == 1 ? (ppn >> 10) << 22 | (va & 0x3fffffu) : ppn << 12 | (va & 0xfffu);
      return 0;
    }
    table = ppn << 12;
  }
  return -EFAULT;
}

static long copy(struct machine *m, uint32_t satp, uint32_t va, void *buf, size_t n,
                 bool to_guest) {
  uint8_t *p = buf;
  size_t done = 0;
  while (done < n) {
    uint64_t pa;
    size_t chunk = 4096 - (va & 0xfffu);
    if (chunk > n - done) chunk = n - done;
    if (debug_translate(m, satp, va, &pa) < 0 || !bus_in_ram(&m->bus, pa, chunk)) break;
    if (to_guest ? !bus_ram_write(&m->bus, pa, p + done, chunk)
                 : !bus_ram_read(&m->bus, pa, p + done, chunk))
      break;
    done += chunk;
    va += (uint32_t)chunk;
    if (va == 0) break; /* the top of the address space */
  }
  return done == 0 && n > 0 ? -EFAULT : (long)done;
}

long debug_read(struct machine *m, uint32_t satp, uint32_t va, void *buf, size_t n) {
  return copy(m, satp, va, buf, n, false);
}

long debug_write(struct machine *m, uint32_t satp, uint32_t va, const void *buf, size_t n) {
  return copy(m, satp, va, (void *)buf, n, true);
}

/* Where each CSR lives in struct hart; time-like ones are computed. */
static uint32_t *csr_field(struct hart *h, uint32_t csr) {
  switch (csr) {
  case CSR_SSTATUS: return &h->sstatus;
  case CSR_SIE: return &h->sie;
  case CSR_STVEC: return &h->stvec;
  case CSR_SCOUNTEREN: return &h->scounteren;
  case CSR_SSCRATCH: return &h->sscratch;
  case CSR_SEPC: return &h->sepc;
  case CSR_SCAUSE: return &h->scause;
  case CSR_STVAL: return &h->stval;
  case CSR_SIP: return &h->sip;
  case CSR_SATP: return &h->satp;
  default: return NULL;
  }
}

int debug_csr_get(const struct hart *h, uint32_t csr, uint32_t *val) {
  const uint32_t *f = csr_field((struct hart *)h, csr);
  if (f) {
    *val = *f;
    return 0;
  }
  switch (csr) {
  case CSR_STIMECMP: *val = (uint32_t)h->stimecmp; return 0;
  case CSR_STIMECMPH: *val = (uint32_t)(h->stimecmp >> 32); return 0;
  case CSR_CYCLE:
  case CSR_TIME: *val = (uint32_t)h->cycles; return 0;
  case CSR_CYCLEH:
  case CSR_TIMEH: *val = (uint32_t)(h->cycles >> 32); return 0;
  case CSR_INSTRET: *val = (uint32_t)h->instret; return 0;
  case CSR_INSTRETH: *val = (uint32_t)(h->instret >> 32); return 0;
  default: return -ENOENT;
  }
}

int debug_csr_set(struct hart *h, uint32_t csr, uint32_t val) {
  if (csr == CSR_SATP) {
    csr_set_satp(h, val);
    return 0;
  }
  if (csr == CSR_SSTATUS) {
    h->sstatus = val & SSTATUS_WRITABLE;
    mmu_update_mode(h);
    cpu_kick(h);
    return 0;
  }
  uint32_t *f = csr_field(h, csr);
  if (f) {
    *f = val;
    cpu_kick(h);
    return 0;
  }
  uint32_t ignored;
  return debug_csr_get(h, csr, &ignored) == 0 ? -EPERM : -ENOENT;
}
