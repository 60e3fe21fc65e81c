/*
 * exec.c: replace a process's memory with a program from the file system, as xv6's exec.
 *
 * The program's segments are checked by the machine's ELF code (elf_segments) against the
 * user address space, then mapped into a fresh page table; below them nothing (page 0 and
 * up to USER_BASE stay unmapped, so a NULL pointer faults), above them a guard page and the
 * stack, with argv on it. Only when all that succeeded is the old memory freed: a failed exec
 * returns its error to a process that is still whole.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "elf.h"
#include "mono.h"

static uint32_t pte_perm(uint32_t flags) {
  return PTE_U | (flags & ELF_PF_R ? PTE_R : 0) | (flags & ELF_PF_W ? PTE_W : 0) |
         (flags & ELF_PF_X ? PTE_X : 0);
}

/* Writes n bytes at va in the address space root (not necessarily the running one). */
static int write_user(struct mono *k, uint32_t root, uint32_t va, const void *src, uint32_t n) {
  const uint8_t *s = src;
  while (n > 0) {
    uint32_t pte = uvm_pte(k, root, va, NULL), off = va & (PGSIZE - 1);
    uint32_t chunk = PGSIZE - off < n ? PGSIZE - off : n;
    if (!(pte & PTE_V)) return -OSSIM_EFAULT;
    bus_ram_write(&k->k.m->bus, SV32_PTE_PA(pte) + off, s, chunk);
    s += chunk;
    va += chunk;
    n -= chunk;
  }
  return 0;
}

/* Maps fresh zeroed pages over [va, va + len) with perm. */
static int map_fresh(struct mono *k, uint32_t root, uint32_t va, uint32_t len, uint32_t perm) {
  for (uint32_t a = va & ~(PGSIZE - 1); a < va + len; a += PGSIZE) {
    if (uvm_pte(k, root, a, NULL) & PTE_V) continue; /* shared with the previous segment */
    uint32_t pa = uvm_alloc(k, root);
    if (!pa || uvm_map(k, root, a, pa, perm) < 0) {
      if (pa) kfree(k, pa);
      return -OSSIM_ENOMEM;
    }
  }
  return 0;
}

/* Builds the new image in root; returns the new size, and sp and argv's address. */
static int load(struct mono *k, uint32_t root, const uint8_t *data, uint32_t len,
                const struct elf_segment *segs, unsigned n, char **argv, int argc, uint32_t *sz,
                uint32_t *sp, uint32_t *uargv) {
  uint32_t top = USER_BASE;
  for (unsigned i = 0; i < n; i++) {
    const struct elf_segment *s = &segs[i];
    int rc = map_fresh(k, root, s->va, s->memsz, pte_perm(s->flags));
    if (rc == 0) rc = write_user(k, root, s->va, data + s->off, s->filesz);
    if (rc < 0) return rc;
    if (s->va + s->memsz > top) top = s->va + s->memsz;
  }
  (void)len;
  top = (top + PGSIZE - 1) & ~(PGSIZE - 1);
  uint32_t stack_lo = top + PGSIZE; /* the page below the stack stays unmapped: a guard */
  uint32_t stack_hi = stack_lo + USER_STACK_PAGES * PGSIZE;
  int rc = map_fresh(k, root, stack_lo, stack_hi - stack_lo, PTE_R | PTE_W | PTE_U);
  if (rc < 0) return rc;
  uint32_t s = stack_hi, ptrs[MAXARG + 1];
  for (int i = 0; i < argc; i++) {
    uint32_t l = (uint32_t)strlen(argv[i]) + 1;
    s = (s - l) & ~15u;
    if (s < stack_lo + 256) return -OSSIM_E2BIG;
    if ((rc = write_user(k, root, s, argv[i], l)) < 0) return rc;
    ptrs[i] = s;
  }
  ptrs[argc] = 0;
  s = (s - (uint32_t)(argc + 1) * 4) & ~15u;
  if ((rc = write_user(k, root, s, ptrs, (uint32_t)(argc + 1) * 4)) < 0) return rc;
  *uargv = s;
  *sp = s;
  *sz = stack_hi;
  return 0;
}

int exec_program(struct mono *k, struct proc *p, const char *path, char **argv, int argc) {
  uint8_t *data = NULL;
  uint32_t len = 0, entry, sz, sp, uargv;
  int rc = p == p->leader ? mono_fs_slurp(k, p->cwd, path, &data, &len) : -OSSIM_EINVAL;
  if (rc < 0) return rc;
  struct elf_segment segs[ELF_USER_SEGMENTS];
  unsigned n;
  char err[160];
  rc = elf_segments(data, len, USER_BASE, USER_TOP, segs, ELF_USER_SEGMENTS, &n, &entry, err,
                    sizeof err);
  if (rc < 0) {
    free(data);
    return -OSSIM_ENOEXEC;
  }
  uint32_t root = uvm_create(k, p);
  if (!root) {
    free(data);
    return -OSSIM_ENOMEM;
  }
  rc = load(k, root, data, len, segs, n, argv, argc, &sz, &sp, &uargv);
  free(data);
  if (rc >= 0) rc = exec_end_other_threads(k);
  if (rc < 0) {
    uvm_free(k, root, USER_TOP);
    return rc;
  }
  /* Commit: the old image goes, the new one runs from its entry point. */
  uvm_free(k, p->pagetable, p->sz);
  p->pagetable = root;
  p->sz = sz;
  const char *last = strrchr(path, '/');
  strncpy(p->name, last ? last + 1 : path, sizeof p->name - 1);
  p->name[sizeof p->name - 1] = 0;
  proc_emit_name(k, p);
  if (k->opts.vmprint && strcmp(p->name, k->opts.vmprint) == 0) vmprint(k, root);
  struct hart *h = mycpu(k)->h;
  memset(h->x, 0, sizeof h->x);
  h->x[2] = sp;
  h->x[11] = uargv;
  h->pc = entry;
  csr_set_satp(h, (h->satp & ~SATP_PPN_MASK) | root >> PGSHIFT); /* the new address space */
  uvm_flush(k, p);
  mmu_update_mode(h);
  return argc; /* lands in a0 */
}
