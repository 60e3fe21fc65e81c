/*
 * sv32: building Sv32 page tables in guest RAM, for bare programs that turn the MMU on
 * (the mmu test, the bench-sv32 benchmark). A bump allocator hands out zeroed 4 KiB
 * frames from a range of free RAM (usually from __image_end, see bare.ld); tables are
 * allocated as mappings need them. Physical addresses are taken to be below 4 GiB.
 *
 * Not for: unmapping, freeing frames or anything a kernel's VM system does; and not for
 * use with paging on unless the tables and frames are identity-mapped.
 */
#ifndef OSSIM_RT_SV32_H
#define OSSIM_RT_SV32_H

#include "abi/sv32.h" /* the PTE format and its macros */
#include "rt.h"

struct sv32 {
  uint32_t *root;      /* the level-1 table */
  uintptr_t next, end; /* the free frames not yet handed out */
};

/* A zeroed 4 KiB frame, or NULL when the free range is used up. */
static inline void *sv32_alloc_frame(struct sv32 *pt) {
  if (pt->end - pt->next < PGSIZE) return NULL;
  void *p = (void *)pt->next;
  pt->next += PGSIZE;
  memset(p, 0, PGSIZE);
  return p;
}

/* Takes frames from [free_start, free_end) (rounded to pages) and allocates the root.
 * Returns false when there is no room. */
static inline bool sv32_init(struct sv32 *pt, uintptr_t free_start, uintptr_t free_end) {
  pt->next = (free_start + PGSIZE - 1) & ~(uintptr_t)(PGSIZE - 1);
  pt->end = free_end & ~(uintptr_t)(PGSIZE - 1);
  pt->root = sv32_alloc_frame(pt);
  return pt->root != NULL;
}

/* The level-1 entry for va. */
static inline uint32_t *sv32_l1(struct sv32 *pt, uint32_t va) { return &pt->root[SV32_VPN(va, 1)]; }

/* The level-0 entry for va, allocating its table if `alloc`; NULL if there is none (or a
 * superpage maps va, or no frame is left). */
static inline uint32_t *sv32_l0(struct sv32 *pt, uint32_t va, bool alloc) {
  uint32_t *l1 = sv32_l1(pt, va);
  if (!(*l1 & PTE_V)) {
    if (!alloc) return NULL;
    void *table = sv32_alloc_frame(pt);
    if (!table) return NULL;
    *l1 = SV32_PTE((uintptr_t)table, PTE_V); /* V without R/W/X: a pointer to a table */
  } else if (SV32_PTE_LEAF(*l1)) {
    return NULL;
  }
  uint32_t *table = (uint32_t *)(uintptr_t)SV32_PTE_PA(*l1);
  return &table[SV32_VPN(va, 0)];
}

/* Maps the 4 KiB page at va to pa with `flags` (PTE_V is added). False if out of frames. */
static inline bool sv32_map(struct sv32 *pt, uint32_t va, uint32_t pa, uint32_t flags) {
  uint32_t *pte = sv32_l0(pt, va, true);
  if (!pte) return false;
  *pte = SV32_PTE(pa, flags | PTE_V);
  return true;
}

/* Maps [va, va + len) to [pa, ...) page by page. */
static inline bool sv32_map_range(struct sv32 *pt, uint32_t va, uint32_t pa, uint32_t len,
                                  uint32_t flags) {
  for (uint32_t off = 0; off < len; off += PGSIZE)
    if (!sv32_map(pt, va + off, pa + off, flags)) return false;
  return true;
}

/* Maps the 4 MiB superpage at va to pa with one level-1 leaf entry. Both should be 4 MiB
 * aligned; a misaligned pa is what the hardware must refuse with a page fault. */
static inline void sv32_map_super(struct sv32 *pt, uint32_t va, uint32_t pa, uint32_t flags) {
  *sv32_l1(pt, va) = SV32_PTE(pa, flags | PTE_V);
}

/* The satp value that turns these tables on. */
static inline uint32_t sv32_satp(const struct sv32 *pt, uint32_t asid) {
  return SATP_MODE_SV32 | (asid & SATP_ASID_MASK) << SATP_ASID_SHIFT |
         (uint32_t)((uintptr_t)pt->root >> PGSHIFT);
}

#endif
