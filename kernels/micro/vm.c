/*
 * vm.c: physical pages and address spaces of the microkernel.
 *
 * Why this is privileged: a page table decides which physical memory a thread can touch,
 * so whoever writes one owns all memory. Servers ask for mappings by kernel call; only this
 * file writes page-table entries. The tables are real Sv32 tables in guest RAM, walked by
 * the machine's MMU; the kernel (host code) reaches guest RAM by physical address.
 *
 * The page tables and the frames are kernels/lib/vm's, as mono's are; what is micro's is
 * around them: address spaces by index, who pays for each page, and copy-on-write.
 *
 * Copy-on-write (fork): KC_AS_COPY maps every user page of the parent into the child too,
 * shared, a writable one without W and with PTE_COW in both; the first store to it, in
 * either space, faults, and the kernel gives that space a copy of its own (mvm_cow). The
 * kernel resolves the fault itself, where seL4 would send it to a user-level pager (here,
 * the process manager through the fault endpoint): a page's reference count and its page
 * table entries are the kernel's already — the pager would need a kernel call to do just
 * what is done here — and the two IPC of the round trip would cost more than the copy. The
 * policy stays the process manager's: it chooses to share (KC_AS_COPY) or to build afresh
 * (exec). A write the kernel makes into a space (an IPC buffer, KC_AS_WRITE) copies a
 * shared page first too.
 *
 * Memory by owner (EV_PROC_MEM): every page is allocated for one address space (or for the
 * kernel) and counted there; an address space's pages are charged to its owner's pid, the
 * thread that runs in it, or whoever made it while no thread has entered yet (pm building a
 * process's image). A page shared copy-on-write stays charged to the space that allocated
 * it; when that space lets go of it while others still map it, it is charged to one of
 * those. The vDSO's pages are the kernel's. (The first thread to enter stays the owner
 * while the space lives; no server runs a second thread in a space, so none outlives its
 * owner there.)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "micro.h"

static struct bus *ram(struct micro *k) { return &k->k.m->bus; }

static uint32_t pte_at(struct micro *k, uint32_t pa) {
  uint32_t v = 0;
  bus_ram_read(ram(k), pa, &v, sizeof v);
  return v;
}

static void pte_set(struct micro *k, uint32_t pa, uint32_t v) {
  bus_ram_write(ram(k), pa, &v, sizeof v);
}

static uint32_t page_no(struct micro *k, uint32_t pa) { return vm_frame_no(&k->frames, pa); }

/* How kernels/lib/vm reaches the page tables: through the bus, a new table allocated for
 * the address space whose root it hangs from (a root page is always its space's own). */
static uint32_t pt_read(void *k, uint32_t pa) { return pte_at(k, pa); }
static void pt_write(void *k, uint32_t pa, uint32_t v) { pte_set(k, pa, v); }
static uint32_t pt_alloc(void *ctx, uint32_t root) {
  struct micro *k = ctx;
  return mvm_page_alloc(k, k->holder[page_no(k, root)] - 1);
}
static void pt_release(void *k, uint32_t pa) { mvm_page_put(k, pa); }

int mvm_init(struct micro *k) {
  k->pt = (struct pt_mem){k, pt_read, pt_write, pt_alloc, pt_release};
  k->holder = calloc(ram(k)->ram_size / PGSIZE, sizeof *k->holder);
  if (!k->holder || vm_frames_init(&k->frames, ram(k)->ram_base, ram(k)->ram_size) < 0)
    return -ENOMEM;
  return 0;
}

void mvm_free_all(struct micro *k) {
  vm_frames_destroy(&k->frames);
  free(k->holder);
  k->holder = NULL;
}

_Static_assert(MICRO_NAS < 255, "a page's holder is 1 + an address space, in a byte");

/* Tells the event stream how many pages pid owns now: those of every address space
 * charged to it (and for pid 0, the kernel's own). */
static void report(struct micro *k, int pid) {
  uint32_t pages = pid ? 0 : k->kernel_pages;
  for (int i = 0; i < MICRO_NAS; i++)
    if (k->as[i].live && k->as[i].owner == pid) pages += k->as[i].pages;
  machine_emit(k->k.m, EV_PROC_MEM, (uint32_t)pid, pages, 0, 0);
}

/* Page no joins (delta 1) or leaves (-1) the count of whoever it was allocated for. */
static void count_page(struct micro *k, uint32_t no, int delta) {
  uint8_t h = k->holder[no];
  uint32_t *n = h ? &k->as[h - 1].pages : &k->kernel_pages;
  *n += (uint32_t)delta;
  report(k, h ? k->as[h - 1].owner : 0);
}

/* True if address space as may hold one page more (its quota). */
static bool within_quota(const struct micro *k, int as, uint32_t more) {
  return as < 0 || !k->as[as].max_pages || k->as[as].pages + more <= k->as[as].max_pages;
}

uint32_t mvm_page_alloc(struct micro *k, int as) {
  if (!within_quota(k, as, 1)) return 0;
  uint32_t pa = vm_frame_alloc(&k->frames);
  if (!pa) return 0;
  uint32_t no = page_no(k, pa);
  k->holder[no] = (uint8_t)(as + 1);
  count_page(k, no, 1);
  bus_ram_fill(ram(k), pa, 0, PGSIZE);
  return pa;
}

void mvm_page_get(struct micro *k, uint32_t pa) { vm_frame_get(&k->frames, pa); }

void mvm_page_put(struct micro *k, uint32_t pa) {
  if (vm_frame_put(&k->frames, pa)) count_page(k, page_no(k, pa), -1);
}

/* Drops as's reference to page pa, mapped there at va. If as was paying for the page and
 * other spaces still map it, one of them pays from now on: copy-on-write sharing comes from
 * fork, so they map it at the same va. (The kernel, if none is found: a page is someone's.) */
static void drop(struct micro *k, int as, uint32_t va, uint32_t pa) {
  uint32_t no = page_no(k, pa);
  mvm_page_put(k, pa);
  if (!k->frames.refs[no] || k->holder[no] != as + 1) return;
  uint8_t heir = 0;
  for (int i = 0; i < MICRO_NAS && !heir; i++) {
    uint32_t pte = i != as && k->as[i].live ? pt_lookup(&k->pt, k->as[i].root, va, NULL) : 0;
    if ((pte & PTE_V) && SV32_PTE_PA(pte) == pa) heir = (uint8_t)(i + 1);
  }
  count_page(k, no, -1);
  k->holder[no] = heir;
  count_page(k, no, 1);
}

int mvm_as_create(struct micro *k, int owner, int maker, uint32_t max_pages) {
  for (int i = 0; i < MICRO_NAS; i++) {
    if (k->as[i].live) continue;
    k->as[i] =
        (struct aspace){.live = true, .owner = owner, .maker = maker, .max_pages = max_pages};
    uint32_t root = mvm_page_alloc(k, i);
    if (!root) {
      k->as[i].live = false;
      return -OSSIM_ENOMEM;
    }
    k->as[i].root = root;
    for (uint32_t p = 0; p < 2 && k->vdso[p]; p++) { /* the same pages in every space */
      if (mvm_map(k, i, VDSO_CODE + p * PGSIZE, k->vdso[p], PTE_R | PTE_X | PTE_U) < 0) {
        mvm_as_destroy(k, i);
        return -OSSIM_ENOMEM;
      }
      mvm_page_get(k, k->vdso[p]);
    }
    return i;
  }
  return -OSSIM_ENOMEM;
}

/* Forgets as's translations on every hart (after a mapping went away). */
static void flush_as(struct micro *k, int as) {
  for (unsigned h = 0; h < k->ncpu; h++)
    mmu_sfence(k->cpus[h].h, false, 0, true, (uint32_t)as + 1);
}

/* Forgets as's translation of page va on every hart (after its entry changed). */
static void flush_page(struct micro *k, int as, uint32_t va) {
  for (unsigned h = 0; h < k->ncpu; h++)
    mmu_sfence(k->cpus[h].h, true, va, true, (uint32_t)as + 1);
}

/* An address space and its kernel, for a visit of its page tables (pt_visit_fn). */
struct space {
  struct micro *k;
  int as;
};

/* Lets go of the page a leaf entry maps (pt_visit_fn): a device page is no one's. */
static int drop_leaf(void *arg, uint32_t va, uint32_t at, uint32_t pte) {
  struct space *s = arg;
  (void)at;
  if ((pte & PTE_V) && SV32_PTE_PA(pte) >= ram(s->k)->ram_base)
    drop(s->k, s->as, va, SV32_PTE_PA(pte));
  return 0;
}

/* Frees every page an address space maps, its tables, and forgets its ASID on every hart. */
void mvm_as_destroy(struct micro *k, int as) {
  struct aspace *a = &k->as[as];
  struct space s = {k, as};
  pt_free(&k->pt, a->root, drop_leaf, &s);
  a->live = false;
  flush_as(k, as);
}

void mvm_as_enter(struct micro *k, int as, int pid) {
  struct aspace *a = &k->as[as];
  if (a->threads++ > 0 || a->owner == pid) return;
  int was = a->owner;
  a->owner = pid;
  report(k, was);
  report(k, pid);
}

/* va's leaf entry in as (0: none), and where it lives in *at. */
static uint32_t leaf(struct micro *k, int as, uint32_t va, uint32_t *at) {
  return pt_lookup(&k->pt, k->as[as].root, va, at);
}

int mvm_map(struct micro *k, int as, uint32_t va, uint32_t pa, uint32_t perm) {
  return pt_map(&k->pt, k->as[as].root, va, pa, perm);
}

void mvm_unmap(struct micro *k, int as, uint32_t va, uint32_t len) {
  for (uint32_t p = va & ~(PGSIZE - 1); p - (va & ~(PGSIZE - 1)) < len; p += PGSIZE) {
    uint32_t pte = pt_unmap(&k->pt, k->as[as].root, p);
    if ((pte & PTE_V) && SV32_PTE_PA(pte) >= ram(k)->ram_base) drop(k, as, p, SV32_PTE_PA(pte));
  }
  flush_as(k, as);
}

bool mvm_user_ok(struct micro *k, int as, uint32_t va, uint32_t len, bool write) {
  uint32_t any = write ? PTE_W | PTE_COW : PTE_R; /* a store to a COW page will copy it */
  if (len == 0) return true;
  if (va + len < va) return false;
  for (uint32_t p = va & ~(PGSIZE - 1); p < va + len && p >= (va & ~(PGSIZE - 1)); p += PGSIZE) {
    uint32_t pte = leaf(k, as, p, NULL);
    if ((pte & (PTE_V | PTE_U)) != (PTE_V | PTE_U) || !(pte & any)) return false;
    if (p + PGSIZE == 0) break;
  }
  return true;
}

int mvm_map_fresh(struct micro *k, int as, uint32_t va, uint32_t len, uint32_t perm) {
  /* Enough free pages first (the pages, and a table per 4 MiB): a request that cannot be met
   * maps nothing, rather than some of it. */
  uint32_t need = len / PGSIZE + len / SV32_SUPERPAGE + 2;
  if (need > k->frames.nfree || !within_quota(k, as, need)) return -OSSIM_ENOMEM;
  for (uint32_t p = va & ~(PGSIZE - 1); p < va + len; p += PGSIZE) {
    if (mvm_translate(k, as, p)) continue; /* shared with a segment before */
    uint32_t pa = mvm_page_alloc(k, as);
    if (!pa) return -OSSIM_ENOMEM;
    if (mvm_map(k, as, p, pa, perm) < 0) {
      mvm_page_put(k, pa);
      return -OSSIM_ENOMEM;
    }
  }
  return 0;
}

uint32_t mvm_translate(struct micro *k, int as, uint32_t va) {
  uint32_t pte = leaf(k, as, va, NULL);
  return (pte & PTE_V) ? SV32_PTE_PA(pte) + (va & (PGSIZE - 1)) : 0;
}

/* Copies n bytes of physical memory, charged to the hart that runs the kernel as any copy
 * the kernel makes (sim/cost.h copy_byte_x16): a copy is not free. */
static void copy_phys(struct micro *k, uint32_t to, uint32_t from, uint32_t n) {
  uint8_t buf[PGSIZE];
  bus_ram_read(ram(k), from, buf, n);
  bus_ram_write(ram(k), to, buf, n);
  struct hart *h = k->k.m->running;
  if (h) h->cycles += ((uint64_t)n * k->k.m->cfg.cost.copy_byte_x16 + 15) / 16;
}

/* Gives as a page of its own at page va (its leaf entry e holds pte): a copy, if the page is
 * shared; a copy-on-write page becomes writable. 0, or -ENOMEM. */
static int unshare(struct micro *k, int as, uint32_t va, uint32_t e, uint32_t pte) {
  uint32_t old = SV32_PTE_PA(pte), pa = old;
  if (k->frames.refs[page_no(k, old)] > 1) { /* the other spaces keep the old page */
    if (!(pa = mvm_page_alloc(k, as))) return -OSSIM_ENOMEM;
    copy_phys(k, pa, old, PGSIZE);
    drop(k, as, va, old);
  }
  if (pte & PTE_COW) pte = (pte & ~PTE_COW) | PTE_W;
  pte_set(k, e, SV32_PTE(pa, SV32_PTE_FLAGS(pte)));
  flush_page(k, as, va);
  return 0;
}

int mvm_cow(struct micro *k, int as, uint32_t va) {
  va &= ~(PGSIZE - 1);
  uint32_t e, pte = leaf(k, as, va, &e);
  if ((pte & (PTE_V | PTE_U | PTE_COW)) != (PTE_V | PTE_U | PTE_COW)) return -OSSIM_EFAULT;
  return unshare(k, as, va, e, pte);
}

/* The physical address of va in as for the kernel to write to: a shared page is copied for
 * as first (a store would have copied it, and the other spaces must not see the write). 0
 * when va is not mapped, or there was no page for the copy. */
static uint32_t write_target(struct micro *k, int as, uint32_t va) {
  uint32_t page = va & ~(PGSIZE - 1), e, pte = leaf(k, as, page, &e);
  if (!(pte & PTE_V)) return 0;
  uint32_t pa = SV32_PTE_PA(pte);
  bool shared = pa >= ram(k)->ram_base && page < VDSO_CODE && !(pte & PTE_PIN) &&
                ((pte & PTE_COW) || k->frames.refs[page_no(k, pa)] > 1);
  if (shared && unshare(k, as, page, e, pte) < 0) return 0;
  return shared ? mvm_translate(k, as, va) : pa + (va & (PGSIZE - 1));
}

int mvm_write(struct micro *k, int as, uint32_t va, const void *src, uint32_t n) {
  const uint8_t *s = src;
  while (n > 0) {
    uint32_t pa = write_target(k, as, va), chunk = PGSIZE - (va & (PGSIZE - 1));
    if (chunk > n) chunk = n;
    if (!pa) return -OSSIM_EFAULT;
    bus_ram_write(ram(k), pa, s, chunk);
    s += chunk, va += chunk, n -= chunk;
  }
  return 0;
}

uint32_t mvm_satp(struct micro *k, int as) {
  return SATP_MODE_SV32 | (uint32_t)(as + 1) << SATP_ASID_SHIFT | k->as[as].root >> PGSHIFT;
}

/* IPC buffers are one page, page-aligned (KC_THREAD_CONFIGURE and boot check that), so a
 * message is one contiguous copy between two physical pages. */
int mvm_copy_buf(void *ctx, struct tcb *from, struct tcb *to, uint32_t n) {
  struct micro *k = ctx;
  uint32_t src = mvm_translate(k, from->as, from->ipc_buf);
  uint32_t dst = to->ipc_buf ? write_target(k, to->as, to->ipc_buf) : 0;
  if (!src || !dst || n > PGSIZE) return -OSSIM_EFAULT;
  copy_phys(k, dst, src, n);
  return 0;
}

/* Shares the user page a leaf entry of the parent maps (at e, holding pte) with address
 * space s->as, copy-on-write (see the top of this file); a pt_visit_fn. */
static int share_page(void *arg, uint32_t va, uint32_t e, uint32_t pte) {
  struct space *s = arg;
  struct micro *k = s->k;
  if (!(pte & PTE_V) || !(pte & PTE_U) || va >= VDSO_CODE) return 0;
  /* A device page, or a DMA page the device writes by its address, stays its driver's. */
  if (SV32_PTE_PA(pte) < ram(k)->ram_base || (pte & PTE_PIN)) return 0;
  if (pte & PTE_W) {
    pte = (pte & ~PTE_W) | PTE_COW;
    pte_set(k, e, pte);
  }
  if (mvm_map(k, s->as, va, SV32_PTE_PA(pte), SV32_PTE_FLAGS(pte) & ~PTE_V) < 0)
    return -OSSIM_ENOMEM;
  mvm_page_get(k, SV32_PTE_PA(pte));
  return 0;
}

int mvm_as_copy(struct micro *k, int to, int from) {
  struct space s = {k, to};
  int rc = pt_each(&k->pt, k->as[from].root, 0, (uint64_t)1 << 32, share_page, &s);
  flush_as(k, from); /* its writable pages are not, any more */
  return rc;
}

int mvm_copy_across(struct micro *k, struct hart *h, uint32_t va, int as, uint32_t va2,
                    uint32_t n) {
  uint8_t buf[PGSIZE];
  uint32_t bad;
  while (n > 0) {
    uint32_t chunk = n < PGSIZE ? n : PGSIZE;
    if (mmu_copy_in(h, buf, va, chunk, true, &bad) < 0) return -OSSIM_EFAULT;
    int rc = mvm_write(k, as, va2, buf, chunk);
    if (rc < 0) return rc;
    va += chunk, va2 += chunk, n -= chunk;
  }
  return 0;
}
