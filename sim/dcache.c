#include "dcache.h"

#include <errno.h>
#include <stdlib.h>

#include "decode.h"
#include "mmu.h"

int dcache_init(struct dcache *d, uint32_t ram_base, uint32_t ram_size,
                const void *const *handlers) {
  *d = (struct dcache){0};
  d->handlers = handlers;
  d->npages = ram_size >> 12;
  d->ram_base = ram_base;
  d->pages = calloc(d->npages, sizeof(struct dcache_page *));
  d->is_code = calloc(d->npages, 1);
  if (!d->pages || !d->is_code) {
    dcache_free(d);
    return -ENOMEM;
  }
  return 0;
}

void dcache_free(struct dcache *d) {
  if (d->pages)
    for (uint32_t i = 0; i < d->npages; i++)
      free(d->pages[i]);
  free(d->pages);
  free(d->is_code);
  *d = (struct dcache){0};
}

static void reset_slots(const struct dcache *d, struct dpage *p) {
  for (unsigned i = 0; i < DCACHE_SLOTS; i++)
    p->slot[i] = (struct insn){.run = d->handlers[OP_DECODE], .op = OP_DECODE};
  p->slot[DCACHE_SLOTS] = (struct insn){.run = d->handlers[OP_PAGE_END], .op = OP_PAGE_END};
}

struct dpage *dcache_page(struct dcache *d, uint32_t pa) {
  uint32_t idx = (pa - d->ram_base) >> 12;
  struct dpage *p = d->pages[idx];
  if (!p) {
    p = malloc(sizeof *p);
    if (!p) return NULL;
    p->pa = pa & ~0xfffu;
    reset_slots(d, p);
    d->pages[idx] = p;
  }
  if (!d->is_code[idx]) {
    /* From now on a store to this page must reach dcache_note_write, so it may no longer
     * take any hart's fast store path. */
    d->is_code[idx] = 1;
    mmu_watch_stores(d->harts, d->nharts, p->pa);
  }
  return p;
}

void dcache_invalidate_index(struct dcache *d, uint32_t idx) {
  d->is_code[idx] = 0;
  if (d->pages[idx]) reset_slots(d, d->pages[idx]);
  d->invalidations++;
}

void dcache_invalidate_all(struct dcache *d) {
  for (uint32_t i = 0; i < d->npages; i++)
    if (d->is_code[i]) {
      d->is_code[i] = 0;
      reset_slots(d, d->pages[i]);
    }
}
