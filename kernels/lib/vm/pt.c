#include "pt.h"

#include "abi/errno.h"

/* Where the level-1 entry for va lives. */
static uint32_t root_entry(uint32_t root, uint32_t va) { return root + SV32_VPN(va, 1) * 4; }

/* The level-0 table a level-1 entry points to, or 0 when it points to none. */
static uint32_t table_of(uint32_t l1) {
  return (l1 & PTE_V) && !SV32_PTE_LEAF(l1) ? SV32_PTE_PA(l1) : 0;
}

uint32_t pt_walk(const struct pt_mem *m, uint32_t root, uint32_t va, bool alloc) {
  uint32_t at = root_entry(root, va), l1 = m->read(m->ctx, at), table = table_of(l1);
  if (!table) {
    if (!alloc || (l1 & PTE_V)) return 0; /* no table, or a superpage: never replaced */
    if (!(table = m->alloc_table(m->ctx, root))) return 0;
    m->write(m->ctx, at, SV32_PTE(table, PTE_V)); /* V alone: a pointer to a table */
  }
  return table + SV32_VPN(va, 0) * 4;
}

uint32_t pt_lookup(const struct pt_mem *m, uint32_t root, uint32_t va, uint32_t *at) {
  uint32_t where = pt_walk(m, root, va, false);
  if (at) *at = where;
  return where ? m->read(m->ctx, where) : 0;
}

int pt_map(const struct pt_mem *m, uint32_t root, uint32_t va, uint32_t pa, uint32_t flags) {
  uint32_t at = pt_walk(m, root, va, true);
  if (!at) return -OSSIM_ENOMEM;
  m->write(m->ctx, at, SV32_PTE(pa, flags | PTE_V));
  return 0;
}

uint32_t pt_unmap(const struct pt_mem *m, uint32_t root, uint32_t va) {
  uint32_t at, pte = pt_lookup(m, root, va, &at);
  if (pte) m->write(m->ctx, at, 0);
  return pte;
}

/* Visits the nonzero entries of the level-0 table at `table`, which maps the 4 MiB from
 * base, for the pages in [from, to). */
static int each_in_table(const struct pt_mem *m, uint32_t table, uint32_t base, uint64_t from,
                         uint64_t to, pt_visit_fn fn, void *arg) {
  for (uint32_t j = 0; j < SV32_NPTE; j++) {
    uint64_t va = base + (uint64_t)j * PGSIZE;
    if (va < from || va >= to) continue;
    uint32_t at = table + j * 4, pte = m->read(m->ctx, at);
    int rc = pte ? fn(arg, (uint32_t)va, at, pte) : 0;
    if (rc) return rc;
  }
  return 0;
}

int pt_each(const struct pt_mem *m, uint32_t root, uint32_t from, uint64_t to, pt_visit_fn fn,
            void *arg) {
  uint64_t start = from & ~(uint64_t)(PGSIZE - 1);
  for (uint64_t base = start & ~(uint64_t)(SV32_SUPERPAGE - 1); base < to; base += SV32_SUPERPAGE) {
    uint32_t table = table_of(m->read(m->ctx, root_entry(root, (uint32_t)base)));
    int rc = table ? each_in_table(m, table, (uint32_t)base, start, to, fn, arg) : 0;
    if (rc) return rc;
  }
  return 0;
}

void pt_free(const struct pt_mem *m, uint32_t root, pt_visit_fn fn, void *arg) {
  for (uint32_t i = 0; i < SV32_NPTE; i++) {
    uint32_t base = i * SV32_SUPERPAGE, table = table_of(m->read(m->ctx, root + i * 4));
    if (!table) continue;
    if (fn) each_in_table(m, table, base, base, (uint64_t)base + SV32_SUPERPAGE, fn, arg);
    m->free_table(m->ctx, table);
  }
  m->free_table(m->ctx, root);
}
