/*
 * dcache: the decode cache — instructions predecoded once per physical page.
 *
 * The interpreter does not decode an instruction each time it runs it. The first time a
 * RAM page is executed, it gets a page of `struct insn` slots, each holding the operation
 * to dispatch to and its operands already extracted. A slot starts as OP_DECODE, which
 * decodes the word in RAM into the slot and runs it, so a page costs only what it runs.
 *
 * Decoded pages are keyed by *physical* page, so every mapping of the page shares them.
 * They must never disagree with RAM: a write to a page with decoded code (by a store, DMA,
 * a loader or the host API) resets the page's slots to OP_DECODE, as does fence.i for
 * every page. Resetting in place (never freeing while the machine lives) keeps the
 * interpreter's pointer into the page valid even when an instruction rewrites its own page.
 *
 * Not for: virtual addresses. The interpreter finds the page through the TLB.
 */
#ifndef OSSIM_DCACHE_H
#define OSSIM_DCACHE_H

#include <stdbool.h>
#include <stdint.h>

#define DCACHE_SLOTS 1024 /* 4-byte instructions per 4 KiB page */

/* One predecoded instruction: 16 bytes so a page of them is 16 KiB. */
struct insn {
  /* The interpreter's handler for op (cpu_handlers), so that dispatch is one indirect jump
   * through the slot ("direct threading"). Set with op by whoever writes the slot. */
  const void *run;
  uint8_t op; /* enum op in decode.h */
  uint8_t rd; /* 32 when the instruction writes x0 */
  uint8_t rs1;
  uint8_t rs2;
  int32_t imm; /* immediate, CSR number, or the raw word for OP_ILLEGAL */
};

struct dpage {
  uint32_t pa;                        /* physical address of the page */
  struct insn slot[DCACHE_SLOTS + 1]; /* the extra slot is OP_PAGE_END */
};

struct hart;

struct dcache {
  struct dpage **pages; /* one per RAM page, allocated on first execution */
  uint8_t *is_code;     /* per RAM page: 1 when any slot may be decoded */
  uint32_t npages, ram_base;
  struct hart *const *harts; /* to tell their TLBs when a page becomes code */
  unsigned nharts;
  uint64_t invalidations; /* pages reset because they were written */
  bool plain; /* decode no superinstructions (decode.h): for tests that compare the two */
  const void *const *handlers; /* cpu_handlers(): the handler for each op, for struct insn */
};

/* handlers: the interpreter's, cpu_handlers() (cpu.h). */
int dcache_init(struct dcache *d, uint32_t ram_base, uint32_t ram_size,
                const void *const *handlers);
void dcache_free(struct dcache *d);
/* The decoded page for a RAM physical address, creating it; NULL if out of memory. */
struct dpage *dcache_page(struct dcache *d, uint32_t pa);
/* A RAM page was written: forget what was decoded from it. idx is the RAM page index. */
void dcache_invalidate_index(struct dcache *d, uint32_t idx);
/* fence.i: forget everything. */
void dcache_invalidate_all(struct dcache *d);

static inline void dcache_note_write(struct dcache *d, uint32_t pa, uint32_t len) {
  uint32_t first = (pa - d->ram_base) >> 12, last = (pa + len - 1 - d->ram_base) >> 12;
  for (uint32_t i = first; i <= last; i++)
    if (d->is_code[i]) dcache_invalidate_index(d, i);
}

#endif
