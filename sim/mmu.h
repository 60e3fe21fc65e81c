/*
 * mmu: Sv32 address translation and the TLB.
 *
 * Page tables live in guest RAM and are walked here, as the hardware walker would: two
 * levels, 4 MiB superpages, the U/R/W/X rules with SUM and MXR, and the A and D bits set
 * by the machine. Translations are cached in a direct-mapped TLB of configurable size,
 * tagged with the ASID; hits, misses and flushes are counted, and a miss is charged the
 * walk's memory reads in the cost model.
 *
 * The TLB is also the interpreter's fast path (see cpu.c): each entry keeps a host pointer
 * for RAM pages, and a per-access "fast" mask that says whether a load, store or fetch may
 * go straight to host memory. A store to a page holding decoded code, or to a device, is
 * never fast and takes the slow path.
 *
 * Not for: physical memory (bus.h) or the decode cache (dcache.h).
 */
#ifndef OSSIM_MMU_H
#define OSSIM_MMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/sv32.h" /* the PTE and satp formats */

struct hart;

enum mmu_access { MMU_READ = 0, MMU_WRITE = 1, MMU_EXEC = 2 };

/*
 * Permission bits of a TLB entry: bit (access + 3*user + 6*sum + 12*mxr) says whether that
 * access is allowed for that privilege with those sstatus bits. The hart keeps one mask per
 * access for its current state, so the check in the fast path is one AND.
 */
#define TLB_TAG_INVALID 0xffffffffu

struct tlb_entry {
  uint32_t tag;      /* page vaddr | asid << 3, or TLB_TAG_INVALID */
  uint32_t allow;    /* what the architecture allows, by the layout above */
  uint32_t fast;     /* allow, less what must take the slow path (devices, code pages) */
  uint32_t pa_page;  /* physical page address (the low 32 bits; see mmu.c for >4 GiB) */
  uintptr_t addend;  /* host address = guest vaddr + addend, for RAM pages */
  bool global;
};

struct tlb {
  struct tlb_entry *e;
  uint32_t mask; /* entries - 1 */
  uint64_t hits, misses, flushes;
};

int tlb_init(struct tlb *t, unsigned entries); /* entries: a power of two; 0 or -ENOMEM/-EINVAL */
void tlb_free(struct tlb *t);
void tlb_flush_all(struct tlb *t);

/* Outcome of a translation that cannot be completed: the exception cause to raise. */
enum mmu_fault { MMU_OK = 0, MMU_PAGE_FAULT = 1, MMU_ACCESS_FAULT = 2 };

/*
 * Translates va for `access` in the hart's current mode, filling the TLB. On success
 * *pa is the physical address and the TLB entry for va is valid. Counts a hit or a miss.
 */
enum mmu_fault mmu_translate(struct hart *h, uint32_t va, enum mmu_access access, uint64_t *pa);

/* Recomputes the hart's permission masks and active TLB after a change of privilege,
 * sstatus.SUM/MXR or satp. */
void mmu_update_mode(struct hart *h);

/* sfence.vma: all entries, one address, one ASID, or both (non-global entries only when an
 * ASID is given, as the spec says). Counted as one flush. */
void mmu_sfence(struct hart *h, bool by_addr, uint32_t va, bool by_asid, uint32_t asid);

/* A slow-path store to va has been done: if its page no longer needs watching (no decoded
 * code, no LR reservation in it), let later stores to it take the fast path again. */
void mmu_store_done(struct hart *h, uint32_t va);

/* Stores to this physical page must reach the slow path in every hart from now on: it
 * holds decoded code, or a hart holds an LR reservation in it. */
void mmu_watch_stores(struct hart *const *harts, unsigned n, uint32_t pa_page);

/*
 * Host API for hosted kernels: copy between host memory and guest virtual memory through
 * the hart's page table, checking the rights a U-mode access would need (as_user) or an
 * S-mode one. Returns 0, or -EFAULT with *bad_va set to the first address that failed.
 * Never touches host memory outside the buffers given. Charges copy_byte_x16 per byte.
 */
int mmu_copy_in(struct hart *h, void *dst, uint32_t va, size_t n, bool as_user, uint32_t *bad_va);
int mmu_copy_out(struct hart *h, uint32_t va, const void *src, size_t n, bool as_user,
                 uint32_t *bad_va);

#endif
