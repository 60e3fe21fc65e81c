#include "mmu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "machine.h"

/* The allow/fast bits of each access kind, over the eight (user, sum, mxr) combinations. */
#define BITS_R 0x249249u
#define BITS_W 0x492492u
#define BITS_X 0x924924u
#define BITS_ALL 0xffffffu

static bool power_of_two(unsigned n) { return n && !(n & (n - 1)); }

static void model_flush(struct tlb *t) {
  for (uint32_t i = 0; i < t->sets * t->ways; i++)
    t->model[i] = (struct tlb_entry){.tag = TLB_TAG_INVALID};
  for (uint32_t s = 0; s < t->sets; s++)
    t->victim[s] = 0;
}

int tlb_init(struct tlb *t, unsigned entries, unsigned ways) {
  *t = (struct tlb){0};
  if (!power_of_two(entries) || !power_of_two(ways) || ways > entries) return -EINVAL;
  t->ways = ways;
  t->sets = entries / ways;
  t->model = malloc(entries * sizeof *t->model);
  t->victim = malloc(t->sets * sizeof *t->victim);
  if (!t->model || !t->victim) {
    tlb_free(t);
    return -ENOMEM;
  }
  model_flush(t);
  return 0;
}

void tlb_free(struct tlb *t) {
  free(t->model);
  free(t->victim);
  t->model = NULL;
  t->victim = NULL;
}

static const struct tlb_fast no_fast = {{TLB_TAG_INVALID, TLB_TAG_INVALID, TLB_TAG_INVALID}, 0, 0};

/* Empties a host cache. */
static void cache_flush(struct tlb_cache *c) {
  if (c->nfilled > TLB_FILLED_MAX)
    for (uint32_t i = 0; i < TLB_CACHE_SIZE; i++)
      c->e[i] = no_fast;
  else
    for (unsigned i = 0; i < c->nfilled; i++)
      c->e[c->filled[i]] = no_fast;
  c->nfilled = 0;
}

void mmu_reset(struct hart *h) {
  model_flush(&h->tlb);
  model_flush(&h->ident);
  h->cache.nfilled = TLB_FILLED_MAX + 1; /* all of it */
  cache_flush(&h->cache);
  mmu_update_mode(h);
}

/* The host cache's slot for a virtual page. */
static uint32_t cache_index(uint32_t va) { return (va >> 12) & (TLB_CACHE_SIZE - 1); }

/* Puts model entry e, which answers for va, in the host cache with the hart's rights. */
static void cache_copy(struct hart *h, const struct tlb_entry *e, uint32_t va) {
  struct tlb_cache *c = &h->cache;
  uint32_t i = cache_index(va), vpage = va & ~0xfffu;
  const uint32_t need[3] = {h->rmask, h->wmask, h->xmask};
  for (unsigned a = 0; a < 3; a++)
    c->e[i].tag[a] = e->fast & need[a] ? vpage : TLB_TAG_INVALID;
  c->e[i].pa_page = e->pa_page;
  c->e[i].addend = e->addend;
  if (c->nfilled < TLB_FILLED_MAX)
    c->filled[c->nfilled++] = i;
  else
    c->nfilled = TLB_FILLED_MAX + 1;
}

/* A model entry of the TLB in use is about to change or go: drop what the host cache has
 * for its page. */
static void cache_forget(struct hart *h, const struct tlb *t, const struct tlb_entry *e) {
  if (t == h->cur) h->cache.e[cache_index(e->tag)] = no_fast;
}

/* The model entry that answers for va in the current address space, or NULL. A global
 * entry answers whatever its ASID. */
static struct tlb_entry *model_find(const struct tlb *t, uint32_t va, uint32_t asid_key) {
  struct tlb_entry *set = &t->model[((va >> 12) & (t->sets - 1)) * t->ways];
  uint32_t vpage = va & ~0xfffu;
  for (uint32_t w = 0; w < t->ways; w++) {
    struct tlb_entry *e = &set[w];
    if (e->tag == (vpage | asid_key) ||
        (e->global && e->tag != TLB_TAG_INVALID && (e->tag & ~0xfffu) == vpage))
      return e;
  }
  return NULL;
}

/* Where a new translation for va goes: a free way of its set, else the way whose turn it
 * is (FIFO), which is evicted. */
static struct tlb_entry *model_victim(struct hart *h, struct tlb *t, uint32_t va) {
  uint32_t s = (va >> 12) & (t->sets - 1);
  struct tlb_entry *set = &t->model[s * t->ways];
  for (uint32_t w = 0; w < t->ways; w++)
    if (set[w].tag == TLB_TAG_INVALID) return &set[w];
  struct tlb_entry *e = &set[t->victim[s]];
  t->victim[s] = (t->victim[s] + 1) & (t->ways - 1);
  t->evictions++;
  cache_forget(h, t, e);
  if (t == h->cur && (e->tag & ~0xfffu) == h->fetch_vpage) h->fetch_evicted = true;
  return e;
}

/*
 * What a leaf PTE allows, for every (user, sum, mxr) combination (privileged spec 4.3.1 and
 * 4.3.2 step 5). A store is allowed without a walk only when D is already set: a store to a
 * clean page goes to the walker, which sets D.
 */
static uint32_t pte_allow(uint32_t pte) {
  uint32_t allow = 0;
  for (unsigned combo = 0; combo < 8; combo++) {
    bool user = combo & 1, sum = combo & 2, mxr = combo & 4;
    bool upage = pte & PTE_U;
    bool data_ok = user ? upage : (!upage || sum); /* loads and stores */
    bool exec_ok = user ? upage : !upage;          /* S never executes U pages */
    bool r = (pte & PTE_R) || (mxr && (pte & PTE_X));
    unsigned shift = 3 * combo;
    if (data_ok && r) allow |= 1u << (shift + MMU_READ);
    if (data_ok && (pte & PTE_W) && (pte & PTE_D)) allow |= 1u << (shift + MMU_WRITE);
    if (exec_ok && (pte & PTE_X)) allow |= 1u << (shift + MMU_EXEC);
  }
  return allow;
}

/* The allow bit an access needs in the hart's mode; as_user forces U-mode rights. */
static uint32_t need_bit(const struct hart *h, enum mmu_access a, bool as_user) {
  unsigned user = as_user || h->priv == PRIV_U;
  unsigned sum = (h->sstatus & SSTATUS_SUM) != 0, mxr = (h->sstatus & SSTATUS_MXR) != 0;
  return 1u << (3 * (user | sum << 1 | mxr << 2) + a);
}

void mmu_update_mode(struct hart *h) {
  bool on = (h->satp & SATP_MODE_SV32) != 0;
  uint32_t rmask = need_bit(h, MMU_READ, false);
  h->cur = on ? &h->tlb : &h->ident;
  h->asid_key = on ? ((h->satp >> SATP_ASID_SHIFT) & SATP_ASID_MASK) << 3 : 0;
  if (rmask != h->rmask || h->satp != h->cache_satp) {
    /* The host cache holds rights and pages of the old mode or address space. */
    cache_flush(&h->cache);
    h->cache_satp = h->satp;
  }
  h->rmask = rmask;
  h->wmask = need_bit(h, MMU_WRITE, false);
  h->xmask = need_bit(h, MMU_EXEC, false);
}

/* Whether stores to a RAM page must take the slow path: to keep decoded code in step with
 * RAM, and to break other harts' LR reservations. */
static bool stores_watched(const struct machine *m, uint32_t pa_page) {
  if (m->dcache.is_code[(pa_page - m->bus.ram_base) >> 12]) return true;
  for (unsigned i = 0; i < m->nharts; i++)
    if (m->harts[i]->resv_valid && (m->harts[i]->resv_addr & ~0xfffu) == pa_page) return true;
  return false;
}

/* Fills e for the page at va, mapping physical page pa_page with the given rights. */
static void fill(struct hart *h, struct tlb_entry *e, uint32_t va, uint32_t pa_page, uint32_t allow,
                 bool global) {
  struct bus *b = &h->m->bus;
  uint32_t vpage = va & ~0xfffu;
  e->tag = vpage | h->asid_key;
  e->allow = e->allow_dirty = allow;
  e->global = global;
  e->pa_page = pa_page;
  if (bus_in_ram(b, pa_page, 4096)) {
    e->addend = (uintptr_t)(b->ram + (pa_page - b->ram_base)) - vpage;
    e->fast = allow;
    if (stores_watched(h->m, pa_page)) e->fast &= ~BITS_W;
  } else {
    e->addend = 0;
    e->fast = 0; /* devices always take the slow path */
  }
}

/* The Sv32 walk (privileged spec 4.3.2). On success fills e and sets *pa. */
static enum mmu_fault walk(struct hart *h, struct tlb_entry *e, uint32_t va, enum mmu_access access,
                           uint32_t need, uint64_t *pa) {
  struct bus *b = &h->m->bus;
  uint64_t table = (uint64_t)(h->satp & SATP_PPN_MASK) << PGSHIFT;
  uint64_t pte_addr = 0;
  uint32_t pte = 0;
  int level;
  for (level = 1; level >= 0; level--) {
    pte_addr = table + SV32_VPN(va, level) * 4;
    h->cycles += h->m->cfg.cost.tlb_walk_step;
    if (!bus_ram_read(b, pte_addr, &pte, 4)) return MMU_ACCESS_FAULT;
    if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W))) return MMU_PAGE_FAULT;
    if (pte & (PTE_R | PTE_X)) break;
    table = (uint64_t)SV32_PTE_PPN(pte) << PGSHIFT;
  }
  if (level < 0) return MMU_PAGE_FAULT;
  /* Rights are judged as if D were set: the walk sets it for a permitted store. */
  if (!(pte_allow(pte | PTE_D) & need)) return MMU_PAGE_FAULT;
  /* A superpage's PPN[0] must be 0: it maps 4 MiB from a 4 MiB boundary. */
  if (level == 1 && (SV32_PTE_PPN(pte) & (SV32_NPTE - 1))) return MMU_PAGE_FAULT;
  uint32_t updated = pte | PTE_A | (access == MMU_WRITE ? PTE_D : 0);
  if (updated != pte) bus_ram_write(b, pte_addr, &updated, 4);
  uint32_t offset = va & (level == 1 ? SV32_SUPERPAGE - 1 : PGSIZE - 1);
  uint64_t phys = (uint64_t)SV32_PTE_PPN(pte) << PGSHIFT | offset;
  if (phys >> 32) return MMU_ACCESS_FAULT; /* nothing lives above 4 GiB on this board */
  fill(h, e, va, (uint32_t)phys & ~0xfffu, pte_allow(updated), (pte & PTE_G) != 0);
  e->allow_dirty = pte_allow(updated | PTE_D);
  *pa = phys;
  return MMU_OK;
}

static enum mmu_fault translate(struct hart *h, uint32_t va, enum mmu_access access, uint32_t need,
                                uint64_t *pa) {
  struct tlb *t = h->cur;
  struct tlb_entry *e = model_find(t, va, h->asid_key);
  if (t == &h->ident) { /* translation off: an identity map, not modelled */
    if (!e) fill(h, e = model_victim(h, t, va), va, va & ~0xfffu, BITS_ALL, false);
    cache_copy(h, e, va);
    *pa = va;
    return MMU_OK;
  }
  uint32_t vpage = va & ~0xfffu;
  if (e && (e->allow & need)) {
    e->tag = vpage | h->asid_key; /* a global entry now answers for this ASID too */
    t->hits++;
    cache_copy(h, e, va);
    *pa = e->pa_page | (va & 0xfffu);
    return MMU_OK;
  }
  if (e && t->strict && !(e->allow_dirty & need)) {
    t->hits++; /* found, and its rights say no: hardware need not look further */
    return MMU_PAGE_FAULT;
  }
  /* A miss, or an entry without the rights (or without D for a store), which is walked
   * again and replaced in place. A walk that faults leaves the TLB as it was. */
  t->misses++;
  struct tlb_entry fresh;
  enum mmu_fault r = walk(h, &fresh, va, access, need, pa);
  if (r != MMU_OK) return r;
  if (e)
    cache_forget(h, t, e);
  else
    e = model_victim(h, t, va);
  *e = fresh;
  cache_copy(h, e, va);
  return MMU_OK;
}

enum mmu_fault mmu_translate(struct hart *h, uint32_t va, enum mmu_access access, uint64_t *pa) {
  return translate(h, va, access, need_bit(h, access, false), pa);
}

void mmu_sfence(struct hart *h, bool by_addr, uint32_t va, bool by_asid, uint32_t asid) {
  struct tlb *t = &h->tlb;
  asid &= SATP_ASID_MASK;
  cache_flush(&h->cache);
  for (uint32_t i = 0; i < t->sets * t->ways; i++) {
    struct tlb_entry *e = &t->model[i];
    if (e->tag == TLB_TAG_INVALID) continue;
    if (by_addr && (e->tag & ~0xfffu) != (va & ~0xfffu)) continue;
    if (by_asid && (e->global || ((e->tag >> 3) & SATP_ASID_MASK) != asid)) continue;
    e->tag = TLB_TAG_INVALID;
  }
  t->flushes++;
  machine_emit(h->m, EV_TLB_FLUSH, by_addr ? va : 0, by_asid ? asid : 0, by_addr, by_asid);
}

void mmu_store_done(struct hart *h, uint32_t va) {
  struct tlb *t = h->cur;
  struct tlb_entry *e = model_find(t, va, h->asid_key);
  if (!e || !bus_in_ram(&h->m->bus, e->pa_page, 4096) || stores_watched(h->m, e->pa_page)) return;
  e->fast |= e->allow & BITS_W;
  cache_copy(h, e, va);
}

void mmu_watch_stores(struct hart *const *harts, unsigned n, uint32_t pa_page) {
  for (unsigned i = 0; i < n; i++) {
    struct tlb *tlbs[2] = {&harts[i]->tlb, &harts[i]->ident};
    for (unsigned k = 0; k < 2; k++) {
      struct tlb *t = tlbs[k];
      for (uint32_t j = 0; j < t->sets * t->ways; j++)
        if (t->model[j].tag != TLB_TAG_INVALID && t->model[j].pa_page == pa_page) {
          t->model[j].fast &= ~BITS_W;
          cache_forget(harts[i], t, &t->model[j]);
        }
    }
  }
}

/* Copies n bytes between guest virtual memory and host memory, a page at a time. */
static int copy(struct hart *h, uint32_t va, void *buf, size_t n, bool to_guest, bool as_user,
                uint32_t *bad_va) {
  enum mmu_access a = to_guest ? MMU_WRITE : MMU_READ;
  uint32_t need = need_bit(h, a, as_user);
  uint8_t *p = buf;
  struct bus *b = &h->m->bus;
  while (n > 0) {
    uint64_t pa;
    size_t chunk = 4096 - (va & 0xfffu);
    if (chunk > n) chunk = n;
    bool ok = translate(h, va, a, need, &pa) == MMU_OK;
    ok = ok && (to_guest ? bus_ram_write(b, pa, p, chunk) : bus_ram_read(b, pa, p, chunk));
    if (!ok) {
      if (bad_va) *bad_va = va;
      return -EFAULT;
    }
    h->cycles += ((uint64_t)chunk * h->m->cfg.cost.copy_byte_x16 + 15) / 16;
    p += chunk;
    va += (uint32_t)chunk;
    n -= chunk;
    if (va == 0 && n > 0) { /* wrapped past the top of the address space */
      if (bad_va) *bad_va = 0;
      return -EFAULT;
    }
  }
  return 0;
}

int mmu_copy_in(struct hart *h, void *dst, uint32_t va, size_t n, bool as_user, uint32_t *bad_va) {
  return copy(h, va, dst, n, false, as_user, bad_va);
}

int mmu_copy_out(struct hart *h, uint32_t va, const void *src, size_t n, bool as_user,
                 uint32_t *bad_va) {
  return copy(h, va, (void *)src, n, true, as_user, bad_va);
}
