#include "gdb_pagetable.h"

#include <inttypes.h>
#include <stdio.h>

#include "debug.h"
#include "mmu.h"

struct run_of_pages {
  uint32_t va, pa, flags, pages;
};

static size_t print_run(const struct run_of_pages *r, char *out, size_t len) {
  if (!r->pages) return 0;
  uint32_t f = r->flags;
  return (size_t)snprintf(out, len, "%08" PRIx32 "-%08" PRIx32 " -> %08" PRIx32 " %c%c%c%c%c%c\n",
                          r->va, r->va + r->pages * 4096 - 1, r->pa, f & PTE_R ? 'r' : '-',
                          f & PTE_W ? 'w' : '-', f & PTE_X ? 'x' : '-', f & PTE_U ? 'u' : '-',
                          f & PTE_A ? 'a' : '-', f & PTE_D ? 'd' : '-');
}

/* One leaf: joins the run it continues, or prints that run and starts another. */
static size_t add_page(struct run_of_pages *r, uint32_t va, uint32_t pa, uint32_t flags,
                       uint32_t pages, char *out, size_t len) {
  if (r->pages && r->va + r->pages * 4096 == va && r->pa + r->pages * 4096 == pa &&
      r->flags == flags) {
    r->pages += pages;
    return 0;
  }
  size_t n = print_run(r, out, len);
  *r = (struct run_of_pages){va, pa, flags, pages};
  return n;
}

void gdb_pagetable_text(struct machine *m, uint32_t satp, char *out, size_t len) {
  uint32_t l1[1024], l2[1024];
  size_t o = 0;
  struct run_of_pages run = {0};
  out[0] = 0;
  if (!(satp & SATP_MODE_SV32)) {
    snprintf(out, len, "translation is off: virtual addresses are physical\n");
    return;
  }
  uint32_t root = (satp & SATP_PPN_MASK) << 12;
  if (debug_read(m, DEBUG_SATP_BARE, root, l1, sizeof l1) != sizeof l1) {
    snprintf(out, len, "the root table at %#x is not in RAM\n", root);
    return;
  }
  o += (size_t)snprintf(out, len, "satp %#x, root table at %#x\n", satp, root);
  for (uint32_t i = 0; i < 1024 && o < len; i++) {
    uint32_t pte = l1[i];
    if (!(pte & PTE_V)) continue;
    if (pte & (PTE_R | PTE_X)) {
      o += add_page(&run, i << 22, (pte >> 10) << 12, pte & 0xff, 1024, out + o, len - o);
      continue;
    }
    if (debug_read(m, DEBUG_SATP_BARE, (pte >> 10) << 12, l2, sizeof l2) != sizeof l2) continue;
    for (uint32_t j = 0; j < 1024 && o < len; j++)
      if ((l2[j] & PTE_V) && (l2[j] & (PTE_R | PTE_X)))
        o += add_page(&run, i << 22 | j << 12, (l2[j] >> 10) << 12, l2[j] & 0xff, 1, out + o,
                      len - o);
  }
  if (o < len) print_run(&run, out + o, len - o);
}
