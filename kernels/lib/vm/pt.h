/*
 * pt: Sv32 page tables for the hosted kernels (host code), as xv6's walk, mappages and
 * freewalk: find a virtual address's leaf entry (making its level-0 table if asked), map
 * and unmap one page, visit the entries of a range, free a whole tree.
 *
 * The tables live in guest RAM, where the machine's MMU walks them (abi/sv32.h gives their
 * format); the kernel reaches them by physical address through a struct pt_mem, which also
 * says where a new table's page comes from. This code decides nothing about the pages the
 * leaves map: a kernel's own reference counts, copy-on-write and swap stay its own, in the
 * callbacks and in what it writes into the entries. Only 4 KiB pages: a level-1 leaf (a
 * superpage) is never made, and is seen as "no table here".
 *
 * Not for: the walk the hardware does (sim/mmu.c), nor guest code building its own tables
 * (userland/rt/sv32.h).
 */
#ifndef OSSIM_VM_PT_H
#define OSSIM_VM_PT_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/sv32.h"

/* How the tables reach physical memory: set up once by the kernel, ctx its own. */
struct pt_mem {
  void *ctx;
  uint32_t (*read)(void *ctx, uint32_t pa);              /* the 32-bit word at pa */
  void (*write)(void *ctx, uint32_t pa, uint32_t value); /* stores one */
  /* A zeroed page for a new level-0 table in the tree at root (so that the kernel can charge
   * it to the tree's owner), or 0 when memory is out. */
  uint32_t (*alloc_table)(void *ctx, uint32_t root);
  void (*free_table)(void *ctx, uint32_t pa); /* gives a table's page back */
};

/* The physical address of va's leaf entry in the tree at root, making its level-0 table if
 * alloc; 0 when there is none (or no memory for it). */
uint32_t pt_walk(const struct pt_mem *m, uint32_t root, uint32_t va, bool alloc);

/* va's leaf entry (0 when it has none), and in *at (if not NULL) where it lives, 0 for
 * nowhere. */
uint32_t pt_lookup(const struct pt_mem *m, uint32_t root, uint32_t va, uint32_t *at);

/* Maps the page at va to physical page pa with flags (PTE_V is added), replacing what was
 * there. 0, or -OSSIM_ENOMEM when a table was needed and none could be had. */
int pt_map(const struct pt_mem *m, uint32_t root, uint32_t va, uint32_t pa, uint32_t flags);

/* Clears va's leaf entry and returns what it held (0: nothing was mapped). */
uint32_t pt_unmap(const struct pt_mem *m, uint32_t root, uint32_t va);

/* Called for a leaf entry: va is the page it maps, at where it lives, pte what it holds.
 * Nonzero stops the visit. */
typedef int (*pt_visit_fn)(void *arg, uint32_t va, uint32_t at, uint32_t pte);

/* Calls fn for every nonzero leaf entry of the pages in [from, to) (to up to 2^32), in
 * address order, skipping 4 MiB at a time where there is no table: V clear is not skipped,
 * so a kernel's own use of an invalid entry (a page in swap) is visited too. fn may change
 * or clear the entry it is given. Returns fn's first nonzero result, or 0. */
int pt_each(const struct pt_mem *m, uint32_t root, uint32_t from, uint64_t to, pt_visit_fn fn,
            void *arg);

/* Frees the tree at root: every level-0 table, then the root. Before each table goes, fn
 * (unless NULL) sees each of its nonzero leaf entries, as pt_each would, so a kernel can
 * let go of the pages they map (its result is ignored). The pages mapped are the kernel's
 * business: with fn NULL, unmap them first. */
void pt_free(const struct pt_mem *m, uint32_t root, pt_visit_fn fn, void *arg);

#endif
