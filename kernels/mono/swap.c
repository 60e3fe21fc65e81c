/*
 * swap.c: paging under a limit on resident frames (--mem-limit PAGES, lab 5).
 *
 * What is paged: the pages a process gets at its first touch (its heap: uvm_fault's zero
 * pages) and the copies of them brought back from swap. At most `limit` of them are
 * resident across the machine; to bring in another, the replacement policy (--evict
 * fifo|clock|lru) names a victim, whose contents go to swap and whose page-table entry
 * becomes a swap entry: not valid (V clear), PTE_SWAP set, the slot number where the page
 * number was and the page's other flags kept. A fault on a swap entry brings the page
 * back. Pages exec maps (text, data, stack) and pages fork shares are not paged: they are
 * pinned, and a real kernel would need a reverse map to page a page that two processes map.
 *
 * Where swap lives: in RAM, outside the limit, one page a slot. The disk holds the file
 * system and nothing else (mkfs fills the image), and a page-in from inside a system call
 * that holds the file-system lock (a read() into a buffer that was paged out) could not
 * use the file system; a raw swap area would need a second disk or a new disk layout. The
 * policies are what the lab is about, and a RAM swap keeps them exact and the run
 * deterministic; each page moved is charged as one disk request of 8 sectors (sim/cost.h),
 * so that faults cost what they would.
 *
 * What the policies know (struct frame): when each frame was loaded, and what the
 * accessed bit said. The hardware sets a page's A bit when it walks to it; swap_sample
 * (at every trap, and before each eviction) copies the A bits into the frames (`ref`, and
 * `used`, the time of the last access seen) and clears them, flushing the translations so
 * that the next access walks, and sets A, again. A program that traps between two accesses
 * (pagetest does) is thus seen access by access.
 *
 * Events: page-out (a0 = pid, a1 = va, a2 = slot) and page-in (the same), besides the
 * page-fault that started it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "mono.h"

/* The physical address of a PTE of root, or 0 (swap entries live where pages did). */
static uint32_t pte_at(struct mono *k, uint32_t root, uint32_t va) {
  uint32_t at = 0;
  uvm_pte(k, root, va, &at);
  return at;
}

/* Moves a page between RAM and swap, charging the hart a disk request's cycles. */
static void transfer(struct mono *k, uint32_t from, uint32_t to) {
  const struct cost_model *c = &k->k.m->cfg.cost;
  vm_copy_page(k, from, to, c->disk_request + (PGSIZE / 512) * c->disk_sector);
}

int swap_init(struct mono *k, unsigned limit, const char *policy, char *err, size_t errlen) {
  struct swap *s = &k->swap;
  static const char *const names[] = {
      [SWAP_FIFO] = "fifo", [SWAP_CLOCK] = "clock", [SWAP_LRU] = "lru"};
  s->policy = SWAP_CLOCK;
  for (int i = 0; policy && i < 3; i++)
    if (strcmp(policy, names[i]) == 0) s->policy = (enum swap_policy)i;
  if (policy && strcmp(policy, names[s->policy]) != 0) {
    snprintf(err, errlen, "unknown replacement policy '%s'; known: fifo clock lru", policy);
    return -EINVAL;
  }
  if (limit == 0) return 0;
  uint32_t npages = k->k.m->bus.ram_size / PGSIZE;
  s->frames = calloc(limit, sizeof *s->frames);
  s->slots = calloc(npages, sizeof *s->slots);
  s->slot_refs = calloc(npages, sizeof *s->slot_refs);
  if (!s->frames || !s->slots || !s->slot_refs) {
    swap_free_all(k);
    snprintf(err, errlen, "out of memory");
    return -ENOMEM;
  }
  s->limit = limit;
  s->nslots = npages;
  return 0;
}

void swap_free_all(struct mono *k) {
  free(k->swap.frames);
  free(k->swap.slots);
  free(k->swap.slot_refs);
  k->swap.frames = NULL;
  k->swap.slots = NULL;
  k->swap.slot_refs = NULL;
  k->swap.limit = 0;
}

/* Forgets the frame f: it is no longer paged. */
static void untrack(struct frame *f) { *f = (struct frame){0}; }

void swap_untrack(struct mono *k, uint32_t pa) {
  for (unsigned i = 0; i < k->swap.limit; i++)
    if (k->swap.frames[i].p && k->swap.frames[i].pa == pa) untrack(&k->swap.frames[i]);
}

void swap_sample(struct mono *k) {
  struct swap *s = &k->swap;
  for (unsigned i = 0; i < s->limit; i++) {
    struct frame *f = &s->frames[i];
    if (!f->p) continue;
    uint32_t at = pte_at(k, f->p->pagetable, f->va), pte = at ? read_pte(k, at) : 0;
    if (!(pte & PTE_A)) continue;
    write_pte(k, at, pte & ~PTE_A);
    for (unsigned c = 0; c < k->ncpu; c++)
      mmu_sfence(k->cpus[c].h, true, f->va, true, proc_asid(k, f->p));
    f->used = ++s->now;
    f->ref = true;
  }
}

/* The policies: each names the frame to evict; every frame is in use. */

/* FIFO: the frame loaded longest ago. */
static unsigned pick_fifo(struct swap *s) {
  // LAB 05 BEGIN
  unsigned v = 0;
  for (unsigned i = 1; i < s->limit; i++)
    if (s->frames[i].loaded < s->frames[v].loaded) v = i;
  return v;
  // LAB 05 STARTER
  // (void)s;
  // return 0; /* TODO (lab 5): the frame loaded first (frames[i].loaded) */
  // LAB 05 END
}

/* LRU: the frame whose last access seen is the oldest. */
static unsigned pick_lru(struct swap *s) {
  // LAB 05 BEGIN
  unsigned v = 0;
  for (unsigned i = 1; i < s->limit; i++)
    if (s->frames[i].used < s->frames[v].used) v = i;
  return v;
  // LAB 05 STARTER
  // (void)s;
  // return 0; /* TODO (lab 5): the frame used least recently (frames[i].used) */
  // LAB 05 END
}

/* Clock (second chance): the hand sweeps the frames in order; a frame referenced since the
 * hand last passed gets another chance (its ref is cleared), the first one not referenced
 * is the victim, and the hand stops just past it. */
static unsigned pick_clock(struct swap *s) {
  // LAB 05 BEGIN
  while (s->frames[s->hand].ref) {
    s->frames[s->hand].ref = false;
    s->hand = (s->hand + 1) % s->limit;
  }
  unsigned v = s->hand;
  s->hand = (s->hand + 1) % s->limit;
  return v;
  // LAB 05 STARTER
  // (void)s;
  // return 0; /* TODO (lab 5): sweep from s->hand, giving referenced frames a second chance */
  // LAB 05 END
}

/* A free frame, evicting the policy's victim when every frame is in use; its index. */
static int frame_get(struct mono *k) {
  struct swap *s = &k->swap;
  for (unsigned i = 0; i < s->limit; i++)
    if (!s->frames[i].p) return (int)i;
  swap_sample(k); /* the accesses since the last trap count too */
  unsigned v = s->policy == SWAP_FIFO  ? pick_fifo(s)
               : s->policy == SWAP_LRU ? pick_lru(s)
                                       : pick_clock(s);
  if (v >= s->limit) v = 0; /* a policy's mistake must not become the kernel's */
  struct frame *f = &s->frames[v];
  unsigned slot = 0;
  while (slot < s->nslots && s->slot_refs[slot])
    slot++;
  uint32_t at = pte_at(k, f->p->pagetable, f->va), page = slot < s->nslots ? kalloc(k) : 0;
  if (!page || !at) {
    if (page) kfree(k, page);
    return -OSSIM_ENOMEM;
  }
  transfer(k, f->pa, page);
  s->slots[slot] = page;
  s->slot_refs[slot] = 1;
  uint32_t pte = read_pte(k, at);
  write_pte(k, at, SV32_PTE_OF_PPN(slot, (SV32_PTE_FLAGS(pte) & ~(PTE_V | PTE_A)) | PTE_SWAP));
  kfree(k, f->pa);
  uvm_flush(k, f->p);
  machine_emit(k->k.m, EV_PAGE_OUT, (uint32_t)f->p->pid, f->va, slot, 0);
  untrack(f);
  return (int)v;
}

int swap_in(struct mono *k, struct proc *p, uint32_t va, uint32_t pte) {
  struct swap *s = &k->swap;
  int fi = s->limit ? frame_get(k) : -1;
  if (s->limit && fi < 0) return fi;
  uint32_t pa = uvm_alloc(k, p->pagetable);
  uint32_t perm =
      pte & PTE_SWAP ? SV32_PTE_FLAGS(pte) & ~(PTE_V | PTE_SWAP) : PTE_R | PTE_W | PTE_U;
  if (!pa || uvm_map(k, p->pagetable, va, pa, perm) < 0) {
    if (pa) kfree(k, pa);
    return -OSSIM_ENOMEM;
  }
  if (pte & PTE_SWAP) {
    uint32_t slot = SV32_PTE_PPN(pte);
    transfer(k, s->slots[slot], pa);
    swap_drop(k, pte);
    machine_emit(k->k.m, EV_PAGE_IN, (uint32_t)p->pid, va, slot, 0);
  }
  if (fi >= 0)
    s->frames[fi] = (struct frame){.p = p, .va = va, .pa = pa, .loaded = ++s->now, .used = s->now};
  return 0;
}

int swap_dup(struct mono *k, uint32_t pte) {
  uint32_t slot = SV32_PTE_PPN(pte);
  if (!(pte & PTE_SWAP) || slot >= k->swap.nslots || !k->swap.slot_refs[slot]) return -OSSIM_EINVAL;
  k->swap.slot_refs[slot]++;
  return 0;
}

void swap_drop(struct mono *k, uint32_t pte) {
  uint32_t slot = SV32_PTE_PPN(pte);
  if (!(pte & PTE_SWAP) || slot >= k->swap.nslots || !k->swap.slot_refs[slot]) return;
  if (--k->swap.slot_refs[slot] == 0) kfree(k, k->swap.slots[slot]);
}
