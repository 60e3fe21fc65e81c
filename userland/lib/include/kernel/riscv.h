/*
 * kernel/riscv.h: what user programs take from xv6's kernel/riscv.h, for ossim's RV32
 * machine with Sv32 paging: the page size and rounding, page-table entry bits and the
 * address-space bound, and reading sp and ra. The CSR accessors of xv6's header are left
 * out: they run only in supervisor mode, which user programs are not in. The asm is
 * written __asm__ so that the header compiles under -std=c11 as well as xv6's gnu flags.
 */
#ifndef OSSIM_XV6_RISCV_H
#define OSSIM_XV6_RISCV_H

#include "kernel/types.h"

#define PGSIZE 4096 /* bytes per page */
#define PGSHIFT 12  /* bits of offset within a page */
#define PGROUNDUP(sz) (((sz) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) (((a)) & ~(PGSIZE - 1))

/* Sv32 page-table entries: the flag bits (xv6's Sv39 has the same ones), the physical page
 * number from bit 10, and two levels of 10-bit indices. */
#define PTE_V (1L << 0)
#define PTE_R (1L << 1)
#define PTE_W (1L << 2)
#define PTE_X (1L << 3)
#define PTE_U (1L << 4)
#define PA2PTE(pa) ((((uint32)(pa)) >> 12) << 10)
#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PTE_FLAGS(pte) ((pte)&0x3FF)
#define PXMASK 0x3FF
#define PXSHIFT(level) (PGSHIFT + (10 * (level)))
#define PX(level, va) ((((uint32)(va)) >> PXSHIFT(level)) & PXMASK)

/* One beyond the highest virtual address: Sv32 translates all of the 32-bit space. */
#define MAXVA (1ULL << 32)

typedef uint32 pte_t;
typedef uint32 *pagetable_t;

static inline uint32 r_sp(void) {
  uint32 x;
  __asm__ __volatile__("mv %0, sp" : "=r"(x));
  return x;
}

static inline uint32 r_ra(void) {
  uint32 x;
  __asm__ __volatile__("mv %0, ra" : "=r"(x));
  return x;
}

#endif
