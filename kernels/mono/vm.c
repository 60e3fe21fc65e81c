/*
 * vm.c: physical pages and user address spaces, as xv6's kalloc.c and vm.c.
 *
 * Page tables are real Sv32 tables in guest RAM, which the machine walks when the process
 * runs; this code writes their entries through the machine's bus. The kernel itself needs no
 * mapping: it is host code and reaches guest RAM by physical address.
 *
 * A process's memory: [USER_BASE, sz) holds its program, a guard page, its stack and its heap;
 * pages of it that were never touched are not mapped until the first access faults (zero
 * pages on demand). fork shares every page copy-on-write: both page tables map it without W
 * and with PTE_COW, and the first store to it copies it (uvm_fault).
 *
 * Every page in use is charged to one owner, for the visualizer's "memory by owner": a
 * process for its page tables and the pages it maps, the kernel for its own (kalloc). A
 * page shared copy-on-write stays charged to the process that allocated it; when that one
 * lets go of it while others still map it, it goes to one of those (rehome). Each change of
 * an owner's count is an EV_PROC_MEM event.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "mono.h"

#define PTE_COW PTE_RSW0 /* a software bit: writable once copied */

static struct bus *bus(struct mono *k) { return &k->k.m->bus; }

static uint32_t page_index(struct mono *k, uint32_t pa) { return vm_frame_no(&k->frames, pa); }

uint32_t read_pte(struct mono *k, uint32_t pte_pa) {
  uint32_t v = 0;
  bus_ram_read(bus(k), pte_pa, &v, 4);
  return v;
}

void write_pte(struct mono *k, uint32_t pte_pa, uint32_t v) {
  bus_ram_write(bus(k), pte_pa, &v, 4);
}

/* How kernels/lib/vm reaches the page tables: through the bus, a new table charged to the
 * owner of its tree (uvm_alloc). */
static uint32_t pt_read(void *k, uint32_t pa) { return read_pte(k, pa); }
static void pt_write(void *k, uint32_t pa, uint32_t v) { write_pte(k, pa, v); }
static uint32_t pt_alloc(void *k, uint32_t root) { return uvm_alloc(k, root); }
static void pt_release(void *k, uint32_t pa) { kfree(k, pa); }

/* The vDSO: entry n is `li a7, n; ecall; ret; nop` (abi/syscall.h). */
static void write_vdso(struct mono *k, uint32_t pa) {
  for (uint32_t n = 0; n < PGSIZE / VDSO_STRIDE; n++) {
    uint32_t stub[4] = {0x00000893u | n << 20, /* addi a7, x0, n */
                        0x00000073u,           /* ecall */
                        0x00008067u,           /* jalr x0, 0(ra) */
                        0x00000013u};          /* nop */
    bus_ram_write(bus(k), pa + n * VDSO_STRIDE, stub, sizeof stub);
  }
}

int vm_init(struct mono *k) {
  k->pt = (struct pt_mem){k, pt_read, pt_write, pt_alloc, pt_release};
  k->owner = calloc(bus(k)->ram_size / PGSIZE, sizeof *k->owner);
  if (!k->owner || vm_frames_init(&k->frames, bus(k)->ram_base, bus(k)->ram_size) < 0)
    return -ENOMEM;
  k->vdso_page = kalloc(k);
  if (!k->vdso_page) return -ENOMEM;
  write_vdso(k, k->vdso_page);
  return 0;
}

void vm_free_all(struct mono *k) {
  vm_frames_destroy(&k->frames);
  free(k->owner);
  k->owner = NULL;
}

_Static_assert(NPROC < 255, "a page's owner is 1 + a process slot, in a byte");

/* The count of pages charged to owner (1 + a process slot, or 0 the kernel). */
static uint32_t *charged(struct mono *k, uint8_t owner) {
  return owner ? &k->procs[owner - 1].pages : &k->kernel_pages;
}

/* Tells the event stream how many pages owner has now. */
static void report(struct mono *k, uint8_t owner) {
  machine_emit(k->k.m, EV_PROC_MEM, owner ? (uint32_t)k->procs[owner - 1].pid : 0,
               *charged(k, owner), 0, 0);
}

/* A zeroed page charged to owner, or 0 when memory is out. */
static uint32_t palloc(struct mono *k, uint8_t owner) {
  uint32_t pa = vm_frame_alloc(&k->frames);
  if (!pa) return 0;
  k->owner[page_index(k, pa)] = owner;
  (*charged(k, owner))++;
  report(k, owner);
  bus_ram_fill(bus(k), pa, 0, PGSIZE);
  return pa;
}

uint32_t kalloc(struct mono *k) { return palloc(k, 0); }

uint32_t uvm_alloc(struct mono *k, uint32_t root) {
  return palloc(k, k->owner[page_index(k, root)]);
}

/* Drops one reference to the page; frees it at the last. */
void kfree(struct mono *k, uint32_t pa) {
  if (!vm_frame_put(&k->frames, pa)) return; /* still shared, or already free */
  uint32_t idx = page_index(k, pa);
  (*charged(k, k->owner[idx]))--;
  report(k, k->owner[idx]);
}

/* Drops the reference the address space root holds to pa, mapped there at va. If root's
 * process was paying for the page and others still map it, one of them pays from now on:
 * copy-on-write sharing comes from fork, so they map it at the same va. */
static void drop(struct mono *k, uint32_t root, uint32_t va, uint32_t pa) {
  uint32_t idx = page_index(k, pa);
  uint8_t payer = k->owner[page_index(k, root)];
  kfree(k, pa);
  if (!k->frames.refs[idx] || !payer || k->owner[idx] != payer) return;
  uint8_t heir = 0; /* the kernel, if no one is found: a page must be someone's */
  for (struct proc *q = k->procs; q < &k->procs[NPROC] && !heir; q++) {
    bool other = q->state != PROC_UNUSED && q->pagetable && q->pagetable != root;
    uint32_t pte = other ? uvm_pte(k, q->pagetable, va, NULL) : 0;
    if ((pte & PTE_V) && SV32_PTE_PA(pte) == pa) heir = (uint8_t)(q - k->procs + 1);
  }
  k->procs[payer - 1].pages--;
  (*charged(k, heir))++;
  k->owner[idx] = heir;
  report(k, payer);
  report(k, heir);
}

uint32_t uvm_pte(struct mono *k, uint32_t root, uint32_t va, uint32_t *pte_pa) {
  return pt_lookup(&k->pt, root, va, pte_pa);
}

int uvm_map(struct mono *k, uint32_t root, uint32_t va, uint32_t pa, uint32_t perm) {
  return pt_map(&k->pt, root, va, pa, perm);
}

uint32_t uvm_create(struct mono *k, struct proc *p) {
  uint32_t root = palloc(k, (uint8_t)(p - k->procs + 1));
  if (!root) return 0;
  if (uvm_map(k, root, VDSO_BASE, k->vdso_page, PTE_R | PTE_X | PTE_U) < 0) {
    kfree(k, root);
    return 0;
  }
  vm_frame_get(&k->frames, k->vdso_page);
  // LAB 03 BEGIN
  /* The USYSCALL page: the process's own, read-only for it; the page table holds the only
   * reference, so uvm_free frees it with the rest. */
  uint32_t page = uvm_alloc(k, root);
  if (!page || uvm_map(k, root, USYSCALL, page, PTE_R | PTE_U) < 0) {
    if (page) kfree(k, page);
    uvm_free(k, root, 0);
    return 0;
  }
  struct usyscall u = {.pid = p->pid};
  bus_ram_write(bus(k), page, &u, sizeof u);
  // LAB 03 STARTER
  // (void)p; /* TODO (lab 3): map a read-only page at USYSCALL holding pid */
  // LAB 03 END
  return root;
}

/* Every hart forgets what it cached of this address space: pages just lost rights. */
void uvm_flush(struct mono *k, struct proc *p) {
  uint32_t asid = proc_asid(k, p);
  for (unsigned i = 0; i < k->ncpu; i++)
    mmu_sfence(k->cpus[i].h, false, 0, true, asid);
}

/* The address space a pt_each over it unmaps from. */
struct unmapping {
  struct mono *k;
  uint32_t root;
};

/* Unmaps one page (pt_visit_fn), dropping its reference or its swap slot. */
static int unmap_page(void *arg, uint32_t va, uint32_t at, uint32_t pte) {
  struct unmapping *u = arg;
  if (pte & PTE_V) {
    swap_untrack(u->k, SV32_PTE_PA(pte));
    drop(u->k, u->root, va, SV32_PTE_PA(pte));
  } else if (pte & PTE_SWAP) {
    swap_drop(u->k, pte);
  } else {
    return 0;
  }
  write_pte(u->k, at, 0);
  return 0;
}

/* Unmaps [from, to) of a user address space, dropping each page's reference. */
static void unmap_range(struct mono *k, uint32_t root, uint32_t from, uint64_t to) {
  struct unmapping u = {k, root};
  pt_each(&k->pt, root, from, to, unmap_page, &u);
}

int uvm_grow(struct mono *k, struct proc *p, uint32_t newsz) {
  if (newsz > USER_TOP || newsz < p->sz) return -OSSIM_ENOMEM;
  /* Pages come on demand, at the first access (uvm_fault), but an address space larger
   * than the machine's memory (and swap, when paging is on) could never be backed: sbrk
   * refuses it now, as xv6's does, and a program can find out how much there is by asking
   * (xv6's usertests count free memory so). */
  uint32_t ram_pages = (uint32_t)(bus(k)->ram_size / PGSIZE);
  if ((newsz - USER_BASE) / PGSIZE > ram_pages + k->swap.nslots) return -OSSIM_ENOMEM;
  p->sz = newsz;
  return 0;
}

int uvm_shrink(struct mono *k, struct proc *p, uint32_t newsz) {
  uint32_t from = (newsz + PGSIZE - 1) & ~(PGSIZE - 1);
  unmap_range(k, p->pagetable, from, p->sz);
  p->sz = newsz;
  uvm_flush(k, p);
  return 0;
}

void vm_copy_page(struct mono *k, uint32_t from, uint32_t to, uint64_t cycles) {
  uint8_t buf[PGSIZE];
  bus_ram_read(bus(k), from, buf, PGSIZE);
  bus_ram_write(bus(k), to, buf, PGSIZE);
  mycpu(k)->h->cycles += cycles;
}

/* Copies a page of physical memory, charging the hart for the bytes the kernel moves as
 * it charges any other copy (sim/cost.h copy_byte_x16): a copy is not free. */
static void copy_page(struct mono *k, uint32_t from, uint32_t to) {
  vm_copy_page(k, from, to, ((uint64_t)PGSIZE * k->k.m->cfg.cost.copy_byte_x16 + 15) / 16);
}

/* fork: gives the address space `to` the user pages [USER_BASE, sz) of `from`. The caller
 * flushes from's translations (its pages may have lost W). 0, or -ENOMEM. */
int uvm_copy(struct mono *k, uint32_t from, uint32_t to, uint32_t sz) {
  for (uint32_t va = USER_BASE; va < sz; va += PGSIZE) {
    uint32_t at, pte = uvm_pte(k, from, va, &at);
    if (!(pte & PTE_V)) { /* a page in swap: the child's entry names the same slot */
      uint32_t to_at = pte & PTE_SWAP ? pt_walk(&k->pt, to, va, true) : 0;
      if (to_at && swap_dup(k, pte) == 0)
        write_pte(k, to_at, pte);
      else if (pte & PTE_SWAP)
        return -OSSIM_ENOMEM;
      continue;
    }
    swap_untrack(k, SV32_PTE_PA(pte)); /* shared or copied from now on: not paged */
    // LAB 04 BEGIN
    if (pte & (PTE_W | PTE_COW)) pte = (pte & ~PTE_W) | PTE_COW; /* share until a store */
    write_pte(k, at, pte);
    uint32_t pa = SV32_PTE_PA(pte);
    if (uvm_map(k, to, va, pa, SV32_PTE_FLAGS(pte) & ~PTE_V) < 0) return -OSSIM_ENOMEM;
    vm_frame_get(&k->frames, pa);
    // LAB 04 STARTER
    // (void)at; /* TODO (lab 4): share the page, copy-on-write, instead of copying it */
    // uint32_t pa = uvm_alloc(k, to);
    // if (!pa) return -OSSIM_ENOMEM;
    // copy_page(k, SV32_PTE_PA(pte), pa);
    // if (uvm_map(k, to, va, pa, SV32_PTE_FLAGS(pte) & ~PTE_V) < 0) {
    //   kfree(k, pa);
    //   return -OSSIM_ENOMEM;
    // }
    // LAB 04 END
  }
  return 0;
}

void uvm_free(struct mono *k, uint32_t root, uint32_t sz) {
  unmap_range(k, root, USER_BASE, sz);
  unmap_range(k, root, USYSCALL, (uint64_t)VDSO_BASE + PGSIZE); /* USYSCALL and the vDSO */
  pt_free(&k->pt, root, NULL, NULL); /* the tables: every page they mapped is gone */
}

/* Prints the page table root on the console: a line for the root, then one for each valid
 * entry, indented by its level, with its index, the entry and the physical address it
 * points to (lab 3; --vmprint PROG calls it when a process execs PROG). */
void vmprint(struct mono *k, uint32_t root) {
  // LAB 03 BEGIN
  mono_console_printf(k, "page table 0x%08x\n", root);
  for (uint32_t i = 0; i < SV32_NPTE; i++) {
    uint32_t e = read_pte(k, root + i * 4);
    if (!(e & PTE_V)) continue;
    mono_console_printf(k, " ..%u: pte 0x%08x pa 0x%08x\n", i, e, SV32_PTE_PA(e));
    for (uint32_t j = 0; j < SV32_NPTE; j++) {
      uint32_t leaf = read_pte(k, SV32_PTE_PA(e) + j * 4);
      if (leaf & PTE_V)
        mono_console_printf(k, " .. ..%u: pte 0x%08x pa 0x%08x\n", j, leaf, SV32_PTE_PA(leaf));
    }
  }
  // LAB 03 STARTER
  // (void)root;
  // mono_console_printf(k, "vmprint: TODO (lab 3)\n");
  // LAB 03 END
}

/*
 * A page fault at va: a page of the process never touched gets a zero page, and one in swap
 * comes back (swap_in); a store to a copy-on-write page gets a private copy. Returns 0 when the
 * access can be retried, or a negative errno when it is a real fault (the caller kills the
 * process).
 */
int uvm_fault(struct mono *k, struct proc *p, uint32_t va, bool write) {
  if (va < USER_BASE || va >= p->sz) return -OSSIM_EFAULT;
  uint32_t page = va & ~(PGSIZE - 1), at, pte = uvm_pte(k, p->pagetable, page, &at);
  if (!(pte & PTE_V)) return swap_in(k, p, page, pte); /* a zero page, or back from swap */
  // LAB 04 BEGIN
  if (!write || !(pte & PTE_COW)) return -OSSIM_EFAULT;
  uint32_t old = SV32_PTE_PA(pte), pa = old;
  if (k->frames.refs[page_index(k, old)] > 1) { /* still shared: copy it */
    if (!(pa = uvm_alloc(k, p->pagetable))) return -OSSIM_ENOMEM;
    copy_page(k, old, pa);
    drop(k, p->pagetable, page, old);
  }
  write_pte(k, at, SV32_PTE(pa, (SV32_PTE_FLAGS(pte) & ~PTE_COW) | PTE_W));
  uvm_flush(k, p);
  return 0;
  // LAB 04 STARTER
  // (void)write, (void)at; /* TODO (lab 4): a store to a copy-on-write page: copy it */
  // return -OSSIM_EFAULT;
  // LAB 04 END
}

/* Copies between the kernel and the current process's memory, faulting pages in as a user
 * access would. -EFAULT for an address the process may not touch. */
static int copy_user(struct mono *k, uint32_t va, void *buf, uint32_t n, bool out) {
  struct proc *p = myproc(k);
  struct hart *h = mycpu(k)->h;
  uint32_t last_bad = 0;
  for (;;) {
    uint32_t bad = 0;
    int rc = out ? mmu_copy_out(h, va, buf, n, true, &bad) : mmu_copy_in(h, buf, va, n, true, &bad);
    if (rc == 0) return 0;
    /* Each retry must get further, or the fault is real. */
    if (!p || (last_bad && bad <= last_bad) || uvm_fault(k, p->leader, bad, out) < 0)
      return -OSSIM_EFAULT;
    last_bad = bad;
  }
}

int copyin(struct mono *k, void *dst, uint32_t va, uint32_t n) {
  return copy_user(k, va, dst, n, false);
}

int copyout(struct mono *k, uint32_t va, const void *src, uint32_t n) {
  return copy_user(k, va, (void *)src, n, true);
}

int uvm_check(struct mono *k, uint32_t va, uint32_t n, bool write) {
  if (n == 0) return 0;
  if ((uint64_t)va + n > (uint64_t)UINT32_MAX + 1) return -OSSIM_EFAULT;
  uint32_t last = va + (n - 1);
  for (uint32_t page = va & ~(PGSIZE - 1);; page += PGSIZE) {
    uint32_t at = page < va ? va : page;
    uint8_t byte;
    if (copyin(k, &byte, at, 1) < 0 || (write && copyout(k, at, &byte, 1) < 0))
      return -OSSIM_EFAULT;
    if (page >= (last & ~(PGSIZE - 1))) return 0;
  }
}

/* Copies a NUL-terminated string of at most max bytes (with the NUL). -ENAMETOOLONG if
 * there is no NUL within max, -EFAULT for a bad address. */
int copyinstr(struct mono *k, char *dst, uint32_t va, uint32_t max) {
  for (uint32_t i = 0; i < max; i++) {
    if (copyin(k, &dst[i], va + i, 1) < 0) return -OSSIM_EFAULT;
    if (dst[i] == 0) return (int)i;
  }
  return -OSSIM_ENAMETOOLONG;
}
