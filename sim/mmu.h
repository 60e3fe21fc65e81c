/*
 * mmu: Sv32 address translation and the TLB.
 *
 * Page tables live in guest RAM and are walked here, as the hardware walker would: two
 * levels, 4 MiB superpages, the U/R/W/X rules with SUM and MXR, and the A and D bits set
 * by the machine. Translations are cached in a set-associative TLB, tagged with the ASID:
 * its sets and ways are configurable (one set is fully associative, one way direct-mapped),
 * and a full set replaces its entries in the order they were filled (FIFO, round robin per
 * set). Hits, misses, evictions and flushes are counted, and a miss is charged the walk's
 * memory reads in the cost model.
 *
 * The modelled TLB has a direct-mapped host cache in front of it, the interpreter's fast
 * path (see cpu.c): each cached entry is a model entry seen from the hart's current mode,
 * with a host pointer for RAM pages and one tag per access that is valid when that load,
 * store or fetch may go straight to host memory. A store to a page holding decoded code, or
 * to a device, is never fast and takes the slow path. The cache only ever holds what the
 * model holds, a hit in either counts as a TLB hit, and replacement does not depend on
 * hits, so the cache changes no count: it only makes hits cheap. When translation is off,
 * the same structure (struct tlb ident) maps pages to themselves, and is not counted.
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
 * access for its current state (cpu.h).
 */
#define TLB_TAG_INVALID 0xffffffffu

/* An entry of the model. */
struct tlb_entry {
  uint32_t tag;         /* page vaddr | asid << 3, or TLB_TAG_INVALID */
  uint32_t allow;       /* what the architecture allows, by the layout above */
  uint32_t allow_dirty; /* what it would allow with D set: --strict-tlb faults beyond it */
  uint32_t fast;        /* allow, less what must take the slow path (devices, code pages) */
  uint32_t pa_page;     /* physical page address (the low 32 bits; see mmu.c for >4 GiB) */
  bool global;
  uintptr_t addend; /* host address = guest vaddr + addend, for RAM pages */
};

/*
 * An entry of the host cache: a model entry as the interpreter's fast path needs it in the
 * hart's current mode and address space. tag[access] is the page's vaddr when that access
 * may go straight to host memory, else TLB_TAG_INVALID, so the whole check is one compare
 * (which also fails a misaligned address: the page's low bits are 0). The cache is emptied
 * whenever the mode or satp changes, so its tags need neither the ASID nor the rights.
 */
struct tlb_fast {
  uint32_t tag[3];  /* by enum mmu_access */
  uint32_t pa_page; /* as in the model, for fetches */
  uintptr_t addend;
};

#define TLB_CACHE_SIZE 1024 /* a power of two */
#define TLB_FILLED_MAX 64

/* The host cache, one per hart, in front of whichever TLB is in use (cpu.h). Direct-mapped,
 * indexed by virtual page, of a fixed size so that the fast path needs no more than the
 * hart's address to find it. */
struct tlb_cache {
  struct tlb_fast e[TLB_CACHE_SIZE];
  /* Which slots were filled since it was last emptied, so that emptying it at every change
   * of mode costs what was used; past TLB_FILLED_MAX, all of it is emptied. */
  uint32_t filled[TLB_FILLED_MAX];
  unsigned nfilled;
};

struct tlb {
  /* The model: sets * ways entries, set s in model[s * ways ...]. */
  struct tlb_entry *model;
  uint32_t sets, ways;
  uint32_t *victim; /* per set, the way the next fill replaces when the set is full */
  bool strict;      /* --strict-tlb: a cached entry's rights fault without a new walk */
  uint64_t hits, misses, evictions, flushes;
};

/* A TLB of `entries` in sets of `ways` (powers of two, ways <= entries). Returns 0,
 * -EINVAL or -ENOMEM. */
int tlb_init(struct tlb *t, unsigned entries, unsigned ways);
void tlb_free(struct tlb *t);

/* Outcome of a translation that cannot be completed: the exception cause to raise. */
enum mmu_fault { MMU_OK = 0, MMU_PAGE_FAULT = 1, MMU_ACCESS_FAULT = 2 };

/*
 * Translates va for `access` in the hart's current mode, filling the TLB. On success
 * *pa is the physical address and the TLB entry for va is valid. Counts a hit or a miss.
 * An entry that matches va but lacks the rights is walked again (the PTE may have changed
 * without an sfence.vma), unless the TLB is strict: then it raises the page fault itself,
 * as hardware may, so that a kernel's missing sfence.vma shows.
 */
enum mmu_fault mmu_translate(struct hart *h, uint32_t va, enum mmu_access access, uint64_t *pa);

/* Empties the hart's TLBs and their host cache (at reset). */
void mmu_reset(struct hart *h);
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
