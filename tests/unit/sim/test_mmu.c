/*
 * test_mmu: Sv32 translation, its permission rules, the A and D bits, the TLB and sfence.vma,
 * and the host API's copies through a page table.
 *
 * Each test builds real page tables in guest RAM with the helpers below (a 4 KiB page, a
 * 4 MiB superpage), turns Sv32 on through satp, and checks mmu_translate directly (for the
 * rule tables) or runs loads and stores (to cover the interpreter's TLB fast path). Not for
 * exceptions in general (test_cpu_trap).
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#define CODE 0x80000000u  /* identity-mapped S code (a superpage) */
#define UCODE 0x00400000u /* the same RAM, mapped for U */
#define TRAPVEC 0x80008000u
#define DATA 0x80040000u    /* physical pages that tests map */
#define PT_BASE 0x80080000u /* page tables: the root, then tables as needed */
#define PAGE 4096u
#define ABOVE_4G 0x100000000ull
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Test virtual pages: their TLB indices (1..7) avoid the code page's (0) and stvec's (8). */
#define VA_A 0x10001000u
#define VA_B 0x10002000u
#define VA_C 0x10003000u
#define VA_G 0x10004000u

#define RWX (PTE_R | PTE_W | PTE_X)
#define AD (PTE_A | PTE_D)

/* A page table under construction in guest RAM. */
struct pt {
  struct machine *m;
  uint32_t root, next; /* physical: the root table, the next free table page */
};

static void poke(struct machine *m, uint32_t pa, uint32_t v) {
  ck_assert(bus_ram_write(&m->bus, pa, &v, 4));
}

static uint32_t peek(struct machine *m, uint32_t pa) {
  uint32_t v;
  ck_assert(bus_ram_read(&m->bus, pa, &v, 4));
  return v;
}

static uint32_t pte(uint64_t pa, uint32_t flags) { return (uint32_t)((pa >> 12) << 10) | flags; }

static void pt_init(struct pt *p, struct machine *m) {
  p->m = m;
  p->root = PT_BASE;
  p->next = PT_BASE + PAGE;
  ck_assert(bus_ram_fill(&m->bus, PT_BASE, 0, 32 * PAGE));
}

/* Maps a 4 KiB page with flags | V (creating the second-level table if needed); returns
 * the leaf PTE's physical address. */
static uint32_t map4k(struct pt *p, uint32_t va, uint64_t pa, uint32_t flags) {
  uint32_t l1 = p->root + (va >> 22) * 4, e = peek(p->m, l1);
  if (!(e & PTE_V)) {
    e = pte(p->next, PTE_V);
    p->next += PAGE;
    poke(p->m, l1, e);
  }
  uint32_t l0 = ((e >> 10) << 12) + ((va >> 12) & 0x3ff) * 4;
  poke(p->m, l0, pte(pa, flags | PTE_V));
  return l0;
}

/* Maps a 4 MiB superpage with flags | V; returns the PTE's physical address. */
static uint32_t map4m(struct pt *p, uint32_t va, uint64_t pa, uint32_t flags) {
  uint32_t l1 = p->root + (va >> 22) * 4;
  poke(p->m, l1, pte(pa, flags | PTE_V));
  return l1;
}

static uint32_t satp_of(const struct pt *p, uint32_t asid) {
  return SATP_MODE_SV32 | asid << SATP_ASID_SHIFT | p->root >> 12;
}

/* Sets privilege and sstatus, then lets the MMU recompute its masks. */
static void set_mode(struct hart *h, enum priv priv, uint32_t sstatus) {
  h->priv = PRIV_S;
  ck_assert(csr_write(h, CSR_SSTATUS, sstatus));
  h->priv = priv;
  mmu_update_mode(h);
}

/* A machine with S code identity-mapped at CODE, U code at UCODE, Sv32 on with ASID 0. */
static struct hart *boot(struct pt *p) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  const uint32_t nop = ADDI(0, 0, 0);
  test_load(m, CODE, &nop, 1);
  struct hart *h = m->harts[0];
  ck_assert(csr_write(h, CSR_STVEC, TRAPVEC));
  pt_init(p, m);
  map4m(p, CODE, CODE, RWX | AD);
  map4m(p, UCODE, CODE, PTE_R | PTE_X | PTE_U | AD);
  ck_assert(csr_write(h, CSR_SATP, satp_of(p, 0)));
  return h;
}

static void done(struct hart *h) { machine_destroy(h->m); }

static enum mmu_fault tr(struct hart *h, uint32_t va, enum mmu_access a, uint64_t *pa) {
  *pa = 0xdeadbeef;
  return mmu_translate(h, va, a, pa);
}

static uint64_t tr_ok(struct hart *h, uint32_t va, enum mmu_access a) {
  uint64_t pa;
  enum mmu_fault r = tr(h, va, a, &pa);
  ck_assert_msg(r == MMU_OK, "translate %08x (%d): fault %d", va, a, r);
  return pa;
}

static void flush_all(struct hart *h) { mmu_sfence(h, false, 0, false, 0); }

/* One instruction or trap. A step that starts with a fetch TLB miss may only charge the
 * walk (see test_step_after_fetch_miss); then it steps again. */
static void step(struct hart *h) {
  uint32_t pc = h->pc;
  uint64_t n = h->instret;
  test_step(h);
  if (h->pc == pc && h->instret == n) test_step(h);
}

/* Runs word at CODE in S mode (with the current sstatus). */
static void exec(struct hart *h, uint32_t word) {
  poke(h->m, CODE, word);
  h->pc = CODE;
  step(h);
}

static void expect_trap(struct hart *h, uint32_t cause, uint32_t tval) {
  ck_assert_msg(h->pc == TRAPVEC, "no trap: pc %08x", h->pc);
  ck_assert_uint_eq(h->scause, cause);
  ck_assert_uint_eq(h->stval, tval);
}

START_TEST(test_walk_4k) {
  struct pt p;
  struct hart *h = boot(&p);
  map4k(&p, VA_A, DATA, PTE_R | PTE_W | AD);
  map4k(&p, VA_B, DATA + 3 * PAGE, PTE_R | PTE_W | AD);
  ck_assert_uint_eq(tr_ok(h, VA_A + 0x123, MMU_READ), DATA + 0x123);
  ck_assert_uint_eq(tr_ok(h, VA_B + 0xffc, MMU_WRITE), DATA + 3 * PAGE + 0xffc);
  uint64_t pa;
  ck_assert_int_eq(tr(h, VA_C, MMU_READ, &pa), MMU_PAGE_FAULT);       /* leaf invalid */
  ck_assert_int_eq(tr(h, 0x20000000, MMU_READ, &pa), MMU_PAGE_FAULT); /* root entry invalid */
  /* loads and stores go where the table says */
  poke(h->m, DATA + 3 * PAGE + 8, 0x600df00d);
  h->x[5] = VA_B;
  exec(h, LW(7, 5, 8));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(h->x[7], 0x600df00d);
  h->x[6] = 0xabad1dea;
  exec(h, SW(6, 5, 12));
  ck_assert_uint_eq(peek(h->m, DATA + 3 * PAGE + 12), 0xabad1dea);
  /* software-reserved bits (RSW, 9:8) are ignored */
  map4k(&p, VA_C, DATA, PTE_R | AD | 3u << 8);
  flush_all(h);
  ck_assert_uint_eq(tr_ok(h, VA_C + 4, MMU_READ), DATA + 4);
  done(h);
}
END_TEST

START_TEST(test_superpages) {
  struct pt p;
  struct hart *h = boot(&p);
  map4m(&p, 0x40000000, MACHINE_RAM_BASE, PTE_R | PTE_W | AD);
  ck_assert_uint_eq(tr_ok(h, 0x40012344, MMU_READ), MACHINE_RAM_BASE + 0x12344);
  ck_assert_uint_eq(tr_ok(h, 0x403ffffc, MMU_WRITE), MACHINE_RAM_BASE + 0x3ffffc);
  poke(h->m, DATA + 0x40, 0x5eed5eed);
  h->x[5] = 0x40000000 + (DATA - MACHINE_RAM_BASE);
  exec(h, LW(7, 5, 0x40));
  ck_assert_uint_eq(h->x[7], 0x5eed5eed);
  /* a superpage whose ppn[0] is not zero is misaligned: page fault, for every access */
  map4m(&p, 0x44000000, MACHINE_RAM_BASE + PAGE, PTE_R | PTE_W | PTE_X | AD);
  map4m(&p, 0x48000000, MACHINE_RAM_BASE + 0x200000, PTE_R | AD);
  uint64_t pa;
  for (int a = 0; a < 3; a++) {
    ck_assert_int_eq(tr(h, 0x44000000, (enum mmu_access)a, &pa), MMU_PAGE_FAULT);
    ck_assert_int_eq(tr(h, 0x48000010, (enum mmu_access)a, &pa), MMU_PAGE_FAULT);
  }
  h->x[5] = 0x44000000;
  exec(h, LW(7, 5, 0));
  expect_trap(h, CAUSE_LOAD_PAGE_FAULT, 0x44000000);
  done(h);
}
END_TEST

START_TEST(test_bad_table_entries) {
  struct pt p;
  struct hart *h = boot(&p);
  uint64_t pa;
  /* a pointer at the last level */
  uint32_t leaf = map4k(&p, VA_A, DATA, PTE_V);
  ck_assert_int_eq(tr(h, VA_A, MMU_READ, &pa), MMU_PAGE_FAULT);
  /* W without R is reserved, at either level */
  poke(h->m, leaf, pte(DATA, PTE_V | PTE_W | AD));
  flush_all(h);
  for (int a = 0; a < 3; a++)
    ck_assert_int_eq(tr(h, VA_A, (enum mmu_access)a, &pa), MMU_PAGE_FAULT);
  poke(h->m, leaf, pte(DATA, PTE_V | PTE_W | PTE_X | AD));
  flush_all(h);
  for (int a = 0; a < 3; a++)
    ck_assert_int_eq(tr(h, VA_A, (enum mmu_access)a, &pa), MMU_PAGE_FAULT);
  map4m(&p, 0x40000000, MACHINE_RAM_BASE, PTE_V | PTE_W | AD);
  ck_assert_int_eq(tr(h, 0x40000000, MMU_WRITE, &pa), MMU_PAGE_FAULT);
  /* V clear, whatever else is set */
  poke(h->m, leaf, pte(DATA, RWX | PTE_U | AD));
  flush_all(h);
  ck_assert_int_eq(tr(h, VA_A, MMU_READ, &pa), MMU_PAGE_FAULT);
  done(h);
}
END_TEST

struct perm_case {
  uint32_t flags; /* besides V, A, D */
  enum priv priv;
  uint32_t sstatus;
  bool r, w, x;
};

START_TEST(test_permissions) {
  static const struct perm_case cases[] = {
      /* S pages from S */
      {PTE_R, PRIV_S, 0, 1, 0, 0},
      {PTE_R | PTE_W, PRIV_S, 0, 1, 1, 0},
      {PTE_X, PRIV_S, 0, 0, 0, 1},
      {PTE_R | PTE_X, PRIV_S, 0, 1, 0, 1},
      {RWX, PRIV_S, 0, 1, 1, 1},
      {PTE_X, PRIV_S, SSTATUS_MXR, 1, 0, 1}, /* MXR makes X readable */
      {PTE_R, PRIV_S, SSTATUS_SUM, 1, 0, 0}, /* SUM changes nothing for S pages */
      /* U pages from S: loads and stores need SUM, never executable */
      {RWX | PTE_U, PRIV_S, 0, 0, 0, 0},
      {PTE_R | PTE_U, PRIV_S, 0, 0, 0, 0},
      {RWX | PTE_U, PRIV_S, SSTATUS_SUM, 1, 1, 0},
      {PTE_R | PTE_U, PRIV_S, SSTATUS_SUM, 1, 0, 0},
      {PTE_X | PTE_U, PRIV_S, SSTATUS_SUM, 0, 0, 0},
      {PTE_X | PTE_U, PRIV_S, SSTATUS_SUM | SSTATUS_MXR, 1, 0, 0},
      {PTE_X | PTE_U, PRIV_S, SSTATUS_MXR, 0, 0, 0},
      /* S pages from U: nothing */
      {RWX, PRIV_U, 0, 0, 0, 0},
      {RWX, PRIV_U, SSTATUS_SUM | SSTATUS_MXR, 0, 0, 0},
      /* U pages from U */
      {PTE_R | PTE_U, PRIV_U, 0, 1, 0, 0},
      {PTE_R | PTE_W | PTE_U, PRIV_U, 0, 1, 1, 0},
      {PTE_X | PTE_U, PRIV_U, 0, 0, 0, 1},
      {PTE_X | PTE_U, PRIV_U, SSTATUS_MXR, 1, 0, 1},
      {RWX | PTE_U, PRIV_U, 0, 1, 1, 1},
      {RWX | PTE_U, PRIV_U, SSTATUS_SUM, 1, 1, 1},
      /* reserved W-without-R, in any mode */
      {PTE_W | PTE_U, PRIV_U, 0, 0, 0, 0},
      {PTE_W | PTE_X, PRIV_S, SSTATUS_MXR, 0, 0, 0},
  };
  struct pt p;
  struct hart *h = boot(&p);
  for (size_t i = 0; i < N(cases); i++) {
    const struct perm_case *c = &cases[i];
    /* a fresh page for each case, and the same one with a cached translation */
    uint32_t va = 0x20000000 + (uint32_t)i * PAGE;
    map4k(&p, va, DATA, PTE_V | AD | c->flags);
    set_mode(h, c->priv, c->sstatus);
    const bool want[3] = {c->r, c->w, c->x};
    for (int round = 0; round < 2; round++) {
      for (int a = 0; a < 3; a++) {
        uint64_t pa;
        enum mmu_fault r = tr(h, va + 0x10, (enum mmu_access)a, &pa);
        ck_assert_msg(r == (want[a] ? MMU_OK : MMU_PAGE_FAULT),
                      "case %zu round %d access %d: got %d", i, round, a, r);
        if (want[a]) ck_assert_uint_eq(pa, DATA + 0x10);
      }
    }
    set_mode(h, PRIV_S, 0);
  }
  done(h);
}
END_TEST

/* The interpreter's fast path must follow changes of SUM, MXR and privilege without an
 * sfence: the permission check is redone against the new mode. */
START_TEST(test_mode_changes_through_tlb) {
  struct pt p;
  struct hart *h = boot(&p);
  map4k(&p, VA_A, DATA, PTE_R | PTE_W | PTE_U | AD); /* U data */
  map4k(&p, VA_B, DATA, PTE_X | AD);                 /* S execute-only */
  map4k(&p, VA_C, DATA, PTE_R | PTE_W | AD);         /* S data */
  poke(h->m, DATA, 0x0ddba11);
  h->x[5] = VA_A;
  set_mode(h, PRIV_S, SSTATUS_SUM);
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->x[7], 0x0ddba11);
  h->x[6] = SSTATUS_SUM;
  exec(h, enc_i(OPC_SYSTEM, 0, 3, 6, CSR_SSTATUS)); /* csrc sstatus, SUM */
  exec(h, LW(7, 5, 0));
  expect_trap(h, CAUSE_LOAD_PAGE_FAULT, VA_A);
  exec(h, SW(7, 5, 0));
  expect_trap(h, CAUSE_STORE_PAGE_FAULT, VA_A);
  exec(h, enc_i(OPC_SYSTEM, 0, 2, 6, CSR_SSTATUS)); /* csrs sstatus, SUM */
  h->x[7] = 0;
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->x[7], 0x0ddba11);
  /* MXR */
  h->x[5] = VA_B;
  exec(h, LW(7, 5, 0));
  expect_trap(h, CAUSE_LOAD_PAGE_FAULT, VA_B);
  h->x[6] = SSTATUS_MXR;
  exec(h, enc_i(OPC_SYSTEM, 0, 2, 6, CSR_SSTATUS));
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  exec(h, enc_i(OPC_SYSTEM, 0, 3, 6, CSR_SSTATUS));
  exec(h, LW(7, 5, 0));
  expect_trap(h, CAUSE_LOAD_PAGE_FAULT, VA_B);
  /* an S page read from S, then the same load after sret to U */
  const uint32_t prog[] = {LW(7, 5, 0), SRET};
  ck_assert(bus_ram_write(&h->m->bus, CODE + 0x200, prog, sizeof prog));
  poke(h->m, CODE + 0x300, LW(7, 5, 0));
  ck_assert(csr_write(h, CSR_SEPC, UCODE + 0x300));
  ck_assert(csr_write(h, CSR_SSTATUS, 0)); /* SPP = U */
  h->x[5] = VA_C;
  h->pc = CODE + 0x200;
  step(h);
  ck_assert_uint_eq(h->x[7], 0x0ddba11);
  step(h);
  ck_assert_int_eq(h->priv, PRIV_U);
  ck_assert_uint_eq(h->pc, UCODE + 0x300);
  step(h);
  expect_trap(h, CAUSE_LOAD_PAGE_FAULT, VA_C);
  ck_assert_uint_eq(h->sepc, UCODE + 0x300);
  done(h);
}
END_TEST

START_TEST(test_accessed_dirty) {
  struct pt p;
  struct hart *h = boot(&p);
  uint32_t la = map4k(&p, VA_A, DATA, PTE_V | PTE_R | PTE_W);
  uint32_t lb = map4k(&p, VA_B, DATA, PTE_V | PTE_R | PTE_W);
  uint32_t lc = map4k(&p, VA_C, DATA, PTE_V | PTE_X);
  uint32_t sp = map4m(&p, 0x40000000, MACHINE_RAM_BASE, PTE_V | PTE_R | PTE_W);
  tr_ok(h, VA_A, MMU_READ);
  ck_assert_uint_eq(peek(h->m, la) & AD, PTE_A);
  tr_ok(h, VA_B, MMU_WRITE);
  ck_assert_uint_eq(peek(h->m, lb) & AD, AD);
  tr_ok(h, VA_C, MMU_EXEC);
  ck_assert_uint_eq(peek(h->m, lc) & AD, PTE_A);
  tr_ok(h, 0x40000000, MMU_READ);
  ck_assert_uint_eq(peek(h->m, sp) & AD, PTE_A);
  /* a store through a translation cached by a read still sets D */
  tr_ok(h, VA_A, MMU_WRITE);
  ck_assert_uint_eq(peek(h->m, la) & AD, AD);
  /* the same through the interpreter's fast path: lw, then sw, on a clean page */
  uint32_t ld = map4k(&p, VA_G, DATA, PTE_V | PTE_R | PTE_W);
  h->x[5] = VA_G;
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(peek(h->m, ld) & AD, PTE_A);
  exec(h, LW(7, 5, 4));
  exec(h, SW(7, 5, 8));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(peek(h->m, ld) & AD, AD);
  /* the other bits are left alone */
  ck_assert_uint_eq(peek(h->m, ld), pte(DATA, PTE_V | PTE_R | PTE_W | AD));
  done(h);
}
END_TEST

/* A and D are set only for an access that is allowed. */
START_TEST(test_ad_not_set_on_fault) {
  struct pt p;
  struct hart *h = boot(&p);
  uint32_t la = map4k(&p, VA_A, DATA, PTE_V | PTE_R);
  uint32_t lb = map4k(&p, VA_B, DATA, PTE_V | PTE_R | PTE_W | PTE_U);
  uint64_t pa;
  ck_assert_int_eq(tr(h, VA_A, MMU_WRITE, &pa), MMU_PAGE_FAULT);
  ck_assert_int_eq(tr(h, VA_A, MMU_EXEC, &pa), MMU_PAGE_FAULT);
  ck_assert_uint_eq(peek(h->m, la) & AD, 0);
  ck_assert_int_eq(tr(h, VA_B, MMU_READ, &pa), MMU_PAGE_FAULT); /* U page, no SUM */
  ck_assert_int_eq(tr(h, VA_B, MMU_WRITE, &pa), MMU_PAGE_FAULT);
  ck_assert_uint_eq(peek(h->m, lb) & AD, 0);
  done(h);
}
END_TEST

START_TEST(test_tlb_counts) {
  struct pt p;
  struct hart *h = boot(&p);
  map4k(&p, VA_A, DATA, PTE_R | PTE_W | AD);
  map4k(&p, VA_B, DATA, PTE_R | PTE_W | AD);
  flush_all(h);
  uint64_t hits = h->tlb.hits, misses = h->tlb.misses, flushes = h->tlb.flushes;
  tr_ok(h, VA_A, MMU_READ);
  ck_assert_uint_eq(h->tlb.misses - misses, 1);
  ck_assert_uint_eq(h->tlb.hits - hits, 0);
  tr_ok(h, VA_A + 8, MMU_READ);
  tr_ok(h, VA_A + 12, MMU_WRITE);
  ck_assert_uint_eq(h->tlb.misses - misses, 1);
  ck_assert_uint_eq(h->tlb.hits - hits, 2);
  tr_ok(h, VA_B, MMU_READ);
  ck_assert_uint_eq(h->tlb.misses - misses, 2);
  /* a miss costs the walk: two steps for a 4 KiB page */
  mmu_sfence(h, true, VA_A, false, 0);
  ck_assert_uint_eq(h->tlb.flushes - flushes, 1);
  uint64_t c = h->cycles;
  tr_ok(h, VA_A, MMU_READ);
  ck_assert_uint_eq(h->cycles - c, 2 * h->m->cfg.cost.tlb_walk_step);
  ck_assert_uint_eq(h->tlb.misses - misses, 3);
  /* an sfence.vma instruction counts one flush */
  flushes = h->tlb.flushes;
  exec(h, SFENCE_VMA(0, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(h->tlb.flushes - flushes, 1);
  /* loads through the interpreter count too: a miss, then hits */
  h->x[5] = VA_B;
  exec(h, LW(7, 5, 0));
  misses = h->tlb.misses;
  hits = h->tlb.hits;
  exec(h, LW(7, 5, 4));
  ck_assert_uint_eq(h->tlb.misses, misses);
  ck_assert_uint_gt(h->tlb.hits, hits);
  done(h);
}
END_TEST

/* sfence.vma rs1 drops that page only: other stale entries stay in use until flushed. */
START_TEST(test_sfence_by_address) {
  struct pt p;
  struct hart *h = boot(&p);
  const uint64_t P1 = DATA, P2 = DATA + PAGE, P3 = DATA + 2 * PAGE;
  uint32_t la = map4k(&p, VA_A, P1, PTE_R | PTE_W | AD);
  uint32_t lb = map4k(&p, VA_B, P2, PTE_R | PTE_W | AD);
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P1);
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P2);
  poke(h->m, la, pte(P3, PTE_V | PTE_R | PTE_W | AD));
  poke(h->m, lb, pte(P3, PTE_V | PTE_R | PTE_W | AD));
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P1); /* stale until the sfence */
  /* the stale entry is what loads use, too */
  poke(h->m, (uint32_t)P1, 111);
  poke(h->m, (uint32_t)P3, 333);
  h->x[5] = VA_A;
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->x[7], 111);
  h->x[5] = VA_A + 0x10; /* any address in the page */
  exec(h, SFENCE_VMA(5, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P3);
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P2);
  h->x[5] = VA_A;
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->x[7], 333);
  exec(h, SFENCE_VMA(0, 0));
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P3);
  done(h);
}
END_TEST

/* sfence.vma x0, rs2 drops the non-global entries of one ASID; x0, x0 drops everything. */
START_TEST(test_sfence_by_asid) {
  struct pt p;
  struct hart *h = boot(&p);
  const uint64_t P1 = DATA, P3 = DATA + 2 * PAGE;
  uint32_t la = map4k(&p, VA_A, P1, PTE_R | PTE_W | AD);
  uint32_t lg = map4k(&p, VA_G, P1, PTE_R | PTE_W | PTE_G | AD);
  uint32_t lb = map4k(&p, VA_B, P1, PTE_R | PTE_W | AD);
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 1)));
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P1);
  ck_assert_uint_eq(tr_ok(h, VA_G, MMU_READ), P1);
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 2)));
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P1);
  poke(h->m, la, pte(P3, PTE_V | PTE_R | PTE_W | AD));
  poke(h->m, lg, pte(P3, PTE_V | PTE_R | PTE_W | PTE_G | AD));
  poke(h->m, lb, pte(P3, PTE_V | PTE_R | PTE_W | AD));
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 1)));
  h->x[6] = 1;
  exec(h, SFENCE_VMA(0, 6));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P3); /* ASID 1, not global: dropped */
  ck_assert_uint_eq(tr_ok(h, VA_G, MMU_READ), P1); /* global: kept */
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 2)));
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P1); /* ASID 2: kept */
  /* by address and ASID: only that page of that ASID */
  h->x[5] = VA_B;
  h->x[6] = 1;
  exec(h, SFENCE_VMA(5, 6));
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P1);
  h->x[6] = 2;
  exec(h, SFENCE_VMA(5, 6));
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P3);
  /* everything, globals included */
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 1)));
  exec(h, SFENCE_VMA(0, 0));
  ck_assert_uint_eq(tr_ok(h, VA_G, MMU_READ), P3);
  done(h);
}
END_TEST

/* Writing satp with another ASID does not flush: going back finds the old entries. */
START_TEST(test_satp_asid_switch_keeps_tlb) {
  struct pt p;
  struct hart *h = boot(&p);
  const uint64_t P1 = DATA, P3 = DATA + 2 * PAGE;
  uint32_t la = map4k(&p, VA_A, P1, PTE_R | PTE_W | AD);
  map4k(&p, VA_B, P1, PTE_R | PTE_W | AD);
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 5)));
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P1);
  uint64_t flushes = h->tlb.flushes;
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 6)));
  uint64_t misses = h->tlb.misses;
  ck_assert_uint_eq(tr_ok(h, VA_B, MMU_READ), P1);
  ck_assert_uint_eq(h->tlb.misses - misses, 1); /* new ASID: a walk of its own */
  poke(h->m, la, pte(P3, PTE_V | PTE_R | PTE_W | AD));
  /* back to ASID 5 through the instruction: VA_A's entry is still there, stale */
  h->x[6] = satp_of(&p, 5);
  exec(h, CSRRW(0, CSR_SATP, 6));
  ck_assert_uint_eq(h->pc, CODE + 4);
  uint64_t hits = h->tlb.hits;
  ck_assert_uint_eq(tr_ok(h, VA_A, MMU_READ), P1);
  ck_assert_uint_eq(h->tlb.hits - hits, 1);
  ck_assert_uint_eq(h->tlb.flushes, flushes);
  done(h);
}
END_TEST

START_TEST(test_copy_across_pages) {
  struct pt p;
  struct hart *h = boot(&p);
  /* two virtually adjacent pages, physically apart and in the other order */
  map4k(&p, VA_A, DATA + 3 * PAGE, PTE_R | PTE_W | PTE_U | AD);
  map4k(&p, VA_B, DATA + 1 * PAGE, PTE_R | PTE_W | PTE_U | AD);
  uint8_t src[256], back[256 + 16];
  for (unsigned i = 0; i < sizeof src; i++)
    src[i] = (uint8_t)(i * 7 + 1);
  uint32_t bad = 0;
  uint64_t c = h->cycles;
  ck_assert_int_eq(mmu_copy_out(h, VA_B - 128, src, sizeof src, true, &bad), 0);
  ck_assert_uint_ge(h->cycles - c, sizeof src * h->m->cfg.cost.copy_byte_x16 / 16);
  uint8_t ram[128];
  ck_assert(bus_ram_read(&h->m->bus, DATA + 4 * PAGE - 128, ram, 128));
  ck_assert(memcmp(ram, src, 128) == 0);
  ck_assert(bus_ram_read(&h->m->bus, DATA + 1 * PAGE, ram, 128));
  ck_assert(memcmp(ram, src + 128, 128) == 0);
  memset(back, 0xee, sizeof back);
  ck_assert_int_eq(mmu_copy_in(h, back, VA_B - 128, sizeof src, true, &bad), 0);
  ck_assert(memcmp(back, src, sizeof src) == 0);
  for (unsigned i = sizeof src; i < sizeof back; i++)
    ck_assert_uint_eq(back[i], 0xee);
  /* zero bytes: nothing to do, nothing to fault on */
  ck_assert_int_eq(mmu_copy_in(h, back, 0x7000000, 0, true, &bad), 0);
  done(h);
}
END_TEST

START_TEST(test_copy_faults) {
  struct pt p;
  struct hart *h = boot(&p);
  map4k(&p, VA_A, DATA, PTE_R | PTE_W | PTE_U | AD);    /* VA_B is not mapped */
  map4k(&p, VA_C, DATA + PAGE, PTE_R | PTE_U | AD);     /* read-only */
  map4k(&p, VA_G, DATA + 2 * PAGE, PTE_R | PTE_W | AD); /* S only */
  uint8_t buf[256] = {0};
  uint32_t bad = 0;
  ck_assert_int_eq(mmu_copy_in(h, buf, VA_B - 100, 200, true, &bad), -EFAULT);
  ck_assert_uint_eq(bad, VA_B);
  bad = 0;
  ck_assert_int_eq(mmu_copy_out(h, VA_B - 100, buf, 200, true, &bad), -EFAULT);
  ck_assert_uint_eq(bad, VA_B);
  bad = 0;
  ck_assert_int_eq(mmu_copy_out(h, VA_C + 8, buf, 16, true, &bad), -EFAULT);
  ck_assert_uint_eq(bad, VA_C + 8);
  ck_assert_int_eq(mmu_copy_in(h, buf, VA_C + 8, 16, true, &bad), 0);
  bad = 0;
  ck_assert_int_eq(mmu_copy_in(h, buf, VA_G + 4, 16, true, &bad), -EFAULT);
  ck_assert_uint_eq(bad, VA_G + 4);
  ck_assert_int_eq(mmu_copy_in(h, buf, VA_G + 4, 16, false, &bad), 0);
  /* with translation off: physical, up to the end of RAM */
  ck_assert(csr_write(h, CSR_SATP, 0));
  uint32_t end = MACHINE_RAM_BASE + (1u << 20);
  ck_assert_int_eq(mmu_copy_in(h, buf, end - 64, 64, false, &bad), 0);
  bad = 0;
  ck_assert_int_eq(mmu_copy_in(h, buf, end - 64, 128, false, &bad), -EFAULT);
  ck_assert_uint_eq(bad, end);
  bad = 0;
  ck_assert_int_eq(mmu_copy_out(h, 0x40000000, buf, 4, false, &bad), -EFAULT);
  ck_assert_uint_eq(bad, 0x40000000);
  done(h);
}
END_TEST

/* Sv32 makes 34-bit physical addresses; this board has nothing above 4 GiB, and such an
 * address must not wrap around onto RAM. */
START_TEST(test_pa_above_4g) {
  struct pt p;
  struct hart *h = boot(&p);
  poke(h->m, DATA, 0x12345678);
  map4k(&p, VA_A, ABOVE_4G + DATA, RWX | AD);
  map4k(&p, VA_B, 3 * ABOVE_4G + DATA, RWX | AD);
  map4m(&p, 0x40000000, ABOVE_4G + MACHINE_RAM_BASE, RWX | AD);
  const uint32_t vas[] = {VA_A, VA_B, 0x40000000 + (DATA - MACHINE_RAM_BASE)};
  for (size_t i = 0; i < N(vas); i++) {
    uint64_t pa;
    enum mmu_fault r = tr(h, vas[i], MMU_READ, &pa);
    ck_assert(r == MMU_ACCESS_FAULT || (r == MMU_OK && pa >> 32));
    h->x[5] = vas[i];
    h->x[7] = 0;
    exec(h, LW(7, 5, 0));
    expect_trap(h, CAUSE_LOAD_ACCESS, vas[i]);
    ck_assert_uint_eq(h->x[7], 0);
    h->x[6] = 0xbadbad;
    exec(h, SW(6, 5, 0));
    expect_trap(h, CAUSE_STORE_ACCESS, vas[i]);
    exec(h, enc_r(OPC_AMO, 7, 2, 5, 6, 0));
    expect_trap(h, CAUSE_STORE_ACCESS, vas[i]);
    exec(h, enc_i(OPC_JALR, 0, 0, 5, 0));
    if (h->pc == vas[i]) test_step(h);
    expect_trap(h, CAUSE_FETCH_ACCESS, vas[i]);
    ck_assert_uint_eq(peek(h->m, DATA), 0x12345678);
  }
  /* a table pointer above 4 GiB: the walk's read is an access fault */
  poke(h->m, p.root + (0x50000000u >> 22) * 4, pte(ABOVE_4G + p.root, PTE_V));
  uint64_t pa;
  ck_assert_int_eq(tr(h, 0x50000000, MMU_READ, &pa), MMU_ACCESS_FAULT);
  h->x[5] = 0x50000000;
  exec(h, SW(6, 5, 0));
  expect_trap(h, CAUSE_STORE_ACCESS, 0x50000000);
  /* and a root above 4 GiB */
  ck_assert(csr_write(h, CSR_SATP, SATP_MODE_SV32 | (uint32_t)((ABOVE_4G + p.root) >> 12)));
  flush_all(h);
  ck_assert_int_eq(tr(h, VA_A, MMU_READ, &pa), MMU_ACCESS_FAULT);
  ck_assert(csr_write(h, CSR_SATP, satp_of(&p, 0)));
  ck_assert_uint_eq(peek(h->m, DATA), 0x12345678);
  done(h);
}
END_TEST

/* The harness contract (tests/lib/support.h): test_step runs exactly one instruction, even when
 * its fetch misses in the TLB and the walk's cost alone reaches the cycle budget. */
START_TEST(test_step_after_fetch_miss) {
  struct pt p;
  struct hart *h = boot(&p);
  poke(h->m, CODE, ADDI(5, 5, 1));
  flush_all(h);
  h->pc = CODE;
  uint64_t n = h->instret;
  test_step(h);
  ck_assert_uint_eq(h->instret - n, 1);
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(h->x[5], 1);
  done(h);
}
END_TEST

/* Gives the hart a TLB of another shape (and strictness) in place of the default one. */
static void reshape_tlb(struct hart *h, unsigned entries, unsigned ways, bool strict) {
  tlb_free(&h->tlb);
  ck_assert_int_eq(tlb_init(&h->tlb, entries, ways), 0);
  h->tlb.strict = strict;
  mmu_reset(h);
}

/* Pages of set 0 of a two-set TLB (even page numbers), and one of set 1. */
#define SET0_A 0x10010000u
#define SET0_B 0x10012000u
#define SET0_C 0x10014000u
#define SET1_A 0x10011000u

START_TEST(test_tlb_sets_fifo_and_evictions) {
  struct pt p;
  struct hart *h = boot(&p);
  reshape_tlb(h, 4, 2, false); /* two sets of two ways */
  const uint32_t pages[] = {SET0_A, SET0_B, SET0_C, SET1_A};
  for (unsigned i = 0; i < N(pages); i++)
    map4k(&p, pages[i], DATA + i * PAGE, PTE_R | AD);
  struct tlb *t = &h->tlb;
  tr_ok(h, SET0_A, MMU_READ);
  tr_ok(h, SET0_B, MMU_READ);
  tr_ok(h, SET0_A + 4, MMU_READ);
  ck_assert_uint_eq(t->misses, 2);
  ck_assert_uint_eq(t->hits, 1);
  ck_assert_uint_eq(t->evictions, 0);
  /* a third page of the set evicts the first filled, however recently it was used (FIFO) */
  tr_ok(h, SET0_C, MMU_READ);
  ck_assert_uint_eq(t->evictions, 1);
  tr_ok(h, SET0_B, MMU_READ);
  ck_assert_uint_eq(t->misses, 3);
  ck_assert_uint_eq(tr_ok(h, SET0_A, MMU_READ), DATA); /* gone: walked again, evicts B */
  ck_assert_uint_eq(t->misses, 4);
  ck_assert_uint_eq(t->evictions, 2);
  tr_ok(h, SET0_C, MMU_READ);
  ck_assert_uint_eq(t->misses, 4);
  /* the other set is untouched by all this */
  tr_ok(h, SET1_A, MMU_READ);
  ck_assert_uint_eq(t->misses, 5);
  ck_assert_uint_eq(t->evictions, 2);
  /* the interpreter's hits count as the model's: a load to a page it holds is a hit */
  uint64_t hits = t->hits, misses = t->misses;
  h->x[5] = SET1_A;
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_gt(t->hits, hits);
  ck_assert_uint_eq(t->misses, misses + 1); /* the fetch of CODE, in set 0 */
  ck_assert_uint_eq(t->evictions, 3);
  done(h);
}
END_TEST

/* A user page and its supervisor alias 4 MiB below the top share a slot of any direct-
 * mapped TLB of up to 1024 entries; the default fully associative TLB keeps both. */
START_TEST(test_tlb_alias_does_not_thrash) {
  const unsigned shapes[][2] = {{64, 1}, {32, 32}};
  uint64_t misses[2];
  for (unsigned k = 0; k < 2; k++) {
    struct pt p;
    struct hart *h = boot(&p);
    reshape_tlb(h, shapes[k][0], shapes[k][1], false);
    map4k(&p, 0x00001000, DATA, PTE_R | PTE_U | AD);
    map4k(&p, 0xffc01000, DATA, PTE_R | AD);
    set_mode(h, PRIV_S, SSTATUS_SUM);
    for (unsigned i = 0; i < 100; i++) {
      tr_ok(h, 0x00001000, MMU_READ);
      tr_ok(h, 0xffc01000, MMU_READ);
    }
    misses[k] = h->tlb.misses;
    done(h);
  }
  ck_assert_uint_eq(misses[0], 200);
  ck_assert_uint_eq(misses[1], 2);
}
END_TEST

/* A PTE given more rights without an sfence.vma: the walk finds them, unless the TLB is
 * strict, which faults from the stale entry until the sfence. */
START_TEST(test_strict_tlb_needs_the_sfence) {
  for (int strict = 0; strict < 2; strict++) {
    struct pt p;
    struct hart *h = boot(&p);
    reshape_tlb(h, 32, 32, strict);
    uint32_t la = map4k(&p, VA_A, DATA, PTE_R | AD);
    map4k(&p, VA_B, DATA + PAGE, PTE_R | PTE_W | PTE_A); /* clean: D not yet set */
    tr_ok(h, VA_A, MMU_READ);
    tr_ok(h, VA_B, MMU_READ);
    poke(h->m, la, pte(DATA, PTE_V | PTE_R | PTE_W | AD));
    uint64_t pa, misses = h->tlb.misses;
    ck_assert_int_eq(tr(h, VA_A, MMU_WRITE, &pa), strict ? MMU_PAGE_FAULT : MMU_OK);
    ck_assert_uint_eq(h->tlb.misses - misses, strict ? 0 : 1);
    /* a store to a clean page is no permission miss: it walks to set D, strict or not */
    tr_ok(h, VA_B, MMU_WRITE);
    /* the interpreter raises the same fault */
    h->x[5] = VA_A;
    h->x[6] = 7;
    exec(h, SW(6, 5, 0));
    if (strict) {
      expect_trap(h, CAUSE_STORE_PAGE_FAULT, VA_A);
      mmu_sfence(h, true, VA_A, false, 0);
      exec(h, SW(6, 5, 0));
    }
    ck_assert_uint_eq(h->pc, CODE + 4);
    ck_assert_uint_eq(peek(h->m, DATA), 7);
    done(h);
  }
}
END_TEST

/* A misaligned load across into an unmapped page faults with that page's first address,
 * as the firmware's byte load would; a misaligned store there writes nothing. */
START_TEST(test_misaligned_across_pages) {
  struct pt p;
  struct hart *h = boot(&p);
  map4k(&p, VA_A, DATA, PTE_R | PTE_W | AD);
  map4k(&p, VA_B, DATA + PAGE, PTE_R | PTE_W | AD);
  poke(h->m, DATA + PAGE - 4, 0x44332211);
  poke(h->m, DATA + PAGE, 0x88776655);
  h->x[5] = VA_A + PAGE - 2; /* = VA_B - 2: two bytes in each page */
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(h->x[7], 0x66554433);
  h->x[5] = VA_B + PAGE - 1; /* VA_C is not mapped */
  exec(h, LW(7, 5, 0));
  expect_trap(h, CAUSE_LOAD_PAGE_FAULT, VA_C);
  poke(h->m, DATA + 2 * PAGE - 4, 0);
  h->x[6] = 0xffffffff;
  exec(h, SW(6, 5, 0));
  expect_trap(h, CAUSE_STORE_PAGE_FAULT, VA_C);
  ck_assert_uint_eq(peek(h->m, DATA + 2 * PAGE - 4), 0);
  ck_assert_uint_eq(h->stats.misaligned, 1);
  done(h);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("mmu");
  TCase *tc = tcase_create("sv32");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_walk_4k);
  tcase_add_test(tc, test_superpages);
  tcase_add_test(tc, test_bad_table_entries);
  tcase_add_test(tc, test_permissions);
  tcase_add_test(tc, test_mode_changes_through_tlb);
  tcase_add_test(tc, test_accessed_dirty);
  tcase_add_test(tc, test_ad_not_set_on_fault);
  tcase_add_test(tc, test_tlb_counts);
  tcase_add_test(tc, test_sfence_by_address);
  tcase_add_test(tc, test_sfence_by_asid);
  tcase_add_test(tc, test_satp_asid_switch_keeps_tlb);
  tcase_add_test(tc, test_copy_across_pages);
  tcase_add_test(tc, test_copy_faults);
  tcase_add_test(tc, test_pa_above_4g);
  tcase_add_test(tc, test_step_after_fetch_miss);
  tcase_add_test(tc, test_tlb_sets_fifo_and_evictions);
  tcase_add_test(tc, test_tlb_alias_does_not_thrash);
  tcase_add_test(tc, test_strict_tlb_needs_the_sfence);
  tcase_add_test(tc, test_misaligned_across_pages);
  suite_add_tcase(s, tc);
  return s;
}
