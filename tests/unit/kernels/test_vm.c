/*
 * test_vm: the hosted kernels' page tables and page frames (kernels/lib/vm), over a small
 * array that plays physical memory, and once over a machine's RAM so that the machine's own
 * walker (sim/mmu.c) reads what pt_map wrote. Also the Sv32 macros of abi/sv32.h.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/sv32.h"
#include "support.h"
#include "vm/frames.h"
#include "vm/pt.h"

#define RAM_BASE 0x80000000u
#define NPAGES 8u

/* Physical memory of NPAGES pages at RAM_BASE, its frames, and what the tables did. */
struct fake {
  uint32_t words[NPAGES * PGSIZE / 4];
  struct vm_frames frames;
  uint32_t roots_asked[4]; /* the root each table allocation was for */
  unsigned nasked;
  unsigned tables_freed;
};

static uint32_t *word(struct fake *f, uint32_t pa) {
  ck_assert_uint_ge(pa, RAM_BASE);
  ck_assert_uint_lt(pa - RAM_BASE, sizeof f->words);
  ck_assert_uint_eq(pa % 4, 0);
  return &f->words[(pa - RAM_BASE) / 4];
}

static uint32_t fake_read(void *ctx, uint32_t pa) { return *word(ctx, pa); }
static void fake_write(void *ctx, uint32_t pa, uint32_t v) { *word(ctx, pa) = v; }

/* A zeroed frame, as a kernel gives one for a table. */
static uint32_t fake_page(struct fake *f) {
  uint32_t pa = vm_frame_alloc(&f->frames);
  if (pa) memset(word(f, pa), 0, PGSIZE);
  return pa;
}

static uint32_t fake_alloc(void *ctx, uint32_t root) {
  struct fake *f = ctx;
  if (f->nasked < 4) f->roots_asked[f->nasked++] = root;
  return fake_page(f);
}

static void fake_free(void *ctx, uint32_t pa) {
  struct fake *f = ctx;
  f->tables_freed++;
  ck_assert(vm_frame_put(&f->frames, pa));
}

static struct fake fk;
static struct pt_mem mem = {&fk, fake_read, fake_write, fake_alloc, fake_free};

/* Fresh memory; returns a root table. */
static uint32_t fresh(void) {
  memset(&fk, 0, sizeof fk);
  ck_assert_int_eq(vm_frames_init(&fk.frames, RAM_BASE, NPAGES * PGSIZE), 0);
  uint32_t root = fake_page(&fk);
  ck_assert_uint_eq(root, RAM_BASE); /* low frames first */
  return root;
}

/* After each test of the tables: the frames fresh() took. */
static void teardown(void) { vm_frames_destroy(&fk.frames); }

START_TEST(test_sv32_macros) {
  uint32_t va = 0x12345678u;
  ck_assert_uint_eq(SV32_VPN(va, 1), 0x12345678u >> 22);
  ck_assert_uint_eq(SV32_VPN(va, 0), (0x12345678u >> 12) & 0x3ffu);
  uint32_t pte = SV32_PTE(0x80123000u, PTE_R | PTE_W | PTE_V);
  ck_assert_uint_eq(pte, (0x80123000u >> 12) << 10 | 0x7u);
  ck_assert_uint_eq(SV32_PTE_PA(pte), 0x80123000u);
  ck_assert_uint_eq(SV32_PTE_PPN(pte), 0x80123u);
  ck_assert_uint_eq(SV32_PTE_FLAGS(pte | PTE_RSW1), PTE_R | PTE_W | PTE_V | PTE_RSW1);
  ck_assert(SV32_PTE_LEAF(pte));
  ck_assert(!SV32_PTE_LEAF(SV32_PTE(0x80123000u, PTE_V)));
  ck_assert_uint_eq(SV32_SUPERPAGE, SV32_NPTE * PGSIZE);
}
END_TEST

START_TEST(test_frames) {
  struct vm_frames f;
  ck_assert_int_eq(vm_frames_init(&f, RAM_BASE, 3 * PGSIZE), 0);
  ck_assert_uint_eq(vm_frame_alloc(&f), RAM_BASE);
  ck_assert_uint_eq(vm_frame_alloc(&f), RAM_BASE + PGSIZE);
  uint32_t last = vm_frame_alloc(&f);
  ck_assert_uint_eq(last, RAM_BASE + 2 * PGSIZE);
  ck_assert_uint_eq(vm_frame_alloc(&f), 0); /* none left */
  vm_frame_get(&f, last);
  ck_assert_uint_eq(f.refs[vm_frame_no(&f, last)], 2);
  ck_assert(!vm_frame_put(&f, last)); /* still shared */
  ck_assert(vm_frame_put(&f, last));  /* the last reference */
  ck_assert(!vm_frame_put(&f, last)); /* free already: ignored, not freed twice */
  ck_assert_uint_eq(f.nfree, 1);
  ck_assert_uint_eq(vm_frame_alloc(&f), last);
  vm_frames_destroy(&f);
  vm_frames_destroy(&f); /* twice is harmless */
}
END_TEST

START_TEST(test_walk_and_map) {
  uint32_t root = fresh();
  /* VPN[1] 1, VPN[0] 0x12 */
  uint32_t va = 0x00412000u;
  ck_assert_uint_eq(pt_walk(&mem, root, va, false), 0); /* no table, none made */
  ck_assert_uint_eq(fk.nasked, 0);
  uint32_t at = 12345;
  ck_assert_uint_eq(pt_lookup(&mem, root, va, &at), 0);
  ck_assert_uint_eq(at, 0);

  ck_assert_int_eq(pt_map(&mem, root, va, RAM_BASE + 5 * PGSIZE, PTE_R | PTE_U), 0);
  ck_assert_uint_eq(fk.nasked, 1);
  ck_assert_uint_eq(fk.roots_asked[0], root); /* the table is charged to its tree */
  uint32_t l1 = fake_read(&fk, root + 1 * 4);
  ck_assert_uint_eq(l1, SV32_PTE(RAM_BASE + PGSIZE, PTE_V)); /* a pointer: V alone */
  uint32_t pte = pt_lookup(&mem, root, va, &at);
  ck_assert_uint_eq(at, RAM_BASE + PGSIZE + 0x12 * 4);
  ck_assert_uint_eq(pte, SV32_PTE(RAM_BASE + 5 * PGSIZE, PTE_R | PTE_U | PTE_V));
  ck_assert_uint_eq(pt_walk(&mem, root, va + 0x1000u, true), at + 4); /* same table */
  ck_assert_uint_eq(fk.nasked, 1);

  ck_assert_uint_eq(pt_unmap(&mem, root, va), pte);
  ck_assert_uint_eq(pt_lookup(&mem, root, va, NULL), 0);
  ck_assert_uint_eq(pt_unmap(&mem, root, va), 0);                 /* nothing left */
  ck_assert_uint_eq(pt_unmap(&mem, root, 0x7fc00000u), 0);        /* no table at all */
  ck_assert_uint_eq(pt_lookup(&mem, root, 0xfffff000u, NULL), 0); /* the last entry */
}
END_TEST

START_TEST(test_map_out_of_memory) {
  uint32_t root = fresh();
  while (vm_frame_alloc(&fk.frames)) {
  }
  ck_assert_int_eq(pt_map(&mem, root, 0x1000u, RAM_BASE, PTE_R), -OSSIM_ENOMEM);
  for (uint32_t i = 0; i < SV32_NPTE; i++)
    ck_assert_uint_eq(fake_read(&fk, root + i * 4), 0);
}
END_TEST

START_TEST(test_superpage_is_left_alone) {
  uint32_t root = fresh();
  uint32_t super = SV32_PTE(RAM_BASE, PTE_R | PTE_X | PTE_V);
  fake_write(&fk, root + 2 * 4, super);
  ck_assert_uint_eq(pt_walk(&mem, root, 2 * SV32_SUPERPAGE, true), 0);
  ck_assert_int_eq(pt_map(&mem, root, 2 * SV32_SUPERPAGE, RAM_BASE, PTE_R), -OSSIM_ENOMEM);
  ck_assert_uint_eq(fake_read(&fk, root + 2 * 4), super);
  ck_assert_uint_eq(fk.nasked, 0);
}
END_TEST

/* What a visit saw, and where it should stop. */
struct seen {
  uint32_t va[8], pte[8];
  unsigned n, stop_at;
};

static int record(void *arg, uint32_t va, uint32_t at, uint32_t pte) {
  struct seen *s = arg;
  ck_assert_uint_eq(fake_read(&fk, at), pte);
  ck_assert_uint_lt(s->n, 8);
  s->va[s->n] = va;
  s->pte[s->n++] = pte;
  return s->n == s->stop_at ? 7 : 0;
}

START_TEST(test_each) {
  uint32_t root = fresh();
  const uint32_t vas[] = {0x00001000u, 0x00003000u, 0x00c00000u, 0xfffff000u};
  for (unsigned i = 0; i < 4; i++)
    ck_assert_int_eq(pt_map(&mem, root, vas[i], RAM_BASE + 7 * PGSIZE, PTE_R), 0);
  uint32_t at, swapped = SV32_PTE_OF_PPN(42, PTE_RSW1); /* V clear, yet in use */
  pt_lookup(&mem, root, 0x00002000u, &at);
  fake_write(&fk, at, swapped);

  struct seen s = {0};
  ck_assert_int_eq(pt_each(&mem, root, 0, (uint64_t)1 << 32, record, &s), 0);
  ck_assert_uint_eq(s.n, 5);
  const uint32_t order[] = {0x00001000u, 0x00002000u, 0x00003000u, 0x00c00000u, 0xfffff000u};
  for (unsigned i = 0; i < 5; i++)
    ck_assert_uint_eq(s.va[i], order[i]);
  ck_assert_uint_eq(s.pte[1], swapped);

  s = (struct seen){0}; /* a range: [0x2000, 0xc00000) from an unaligned start */
  ck_assert_int_eq(pt_each(&mem, root, 0x2800u, 0x00c00000u, record, &s), 0);
  ck_assert_uint_eq(s.n, 2);
  ck_assert_uint_eq(s.va[0], 0x2000u);
  ck_assert_uint_eq(s.va[1], 0x3000u);

  s = (struct seen){.stop_at = 2}; /* fn's nonzero result stops the visit */
  ck_assert_int_eq(pt_each(&mem, root, 0, (uint64_t)1 << 32, record, &s), 7);
  ck_assert_uint_eq(s.n, 2);
}
END_TEST

START_TEST(test_free) {
  uint32_t root = fresh();
  uint32_t free_before = fk.frames.nfree;
  ck_assert_int_eq(pt_map(&mem, root, 0x1000u, 0x10000000u, PTE_R | PTE_W), 0);
  ck_assert_int_eq(pt_map(&mem, root, 0x00800000u, 0x10001000u, PTE_R), 0);
  ck_assert_uint_eq(fk.frames.nfree, free_before - 2); /* two tables */
  struct seen s = {0};
  pt_free(&mem, root, record, &s);
  ck_assert_uint_eq(s.n, 2); /* each leaf, before its table went */
  ck_assert_uint_eq(s.va[0], 0x1000u);
  ck_assert_uint_eq(s.va[1], 0x00800000u);
  ck_assert_uint_eq(fk.tables_freed, 3); /* the two tables and the root */
  ck_assert_uint_eq(fk.frames.nfree, NPAGES);
}
END_TEST

/* Over a machine's RAM: the tables pt_map writes are the ones the MMU walks. */
static uint32_t bus_word(void *m, uint32_t pa) {
  uint32_t v = 0;
  ck_assert(bus_ram_read(&((struct machine *)m)->bus, pa, &v, 4));
  return v;
}

static void bus_set(void *m, uint32_t pa, uint32_t v) {
  ck_assert(bus_ram_write(&((struct machine *)m)->bus, pa, &v, 4));
}

static uint32_t next_table;

static uint32_t bus_table(void *m, uint32_t root) {
  (void)root;
  uint32_t pa = next_table;
  next_table += PGSIZE;
  ck_assert(bus_ram_fill(&((struct machine *)m)->bus, pa, 0, PGSIZE));
  return pa;
}

static void bus_untable(void *m, uint32_t pa) { (void)m, (void)pa; }

START_TEST(test_machine_walks_what_pt_maps) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct pt_mem bus = {m, bus_word, bus_set, bus_table, bus_untable};
  uint32_t root = RAM_BASE + 0x10000u; /* the tables after it; the data page below */
  next_table = root + PGSIZE;
  ck_assert(bus_ram_fill(&m->bus, root, 0, PGSIZE));
  ck_assert_int_eq(pt_map(&bus, root, 0x40005000u, RAM_BASE + 0x7000u, PTE_R | PTE_A), 0);

  struct hart *h = m->harts[0];
  h->priv = PRIV_S;
  ck_assert(csr_write(h, CSR_SATP, SATP_MODE_SV32 | root >> PGSHIFT));
  mmu_update_mode(h);
  uint64_t pa = 0;
  ck_assert_int_eq(mmu_translate(h, 0x40005abcu, MMU_READ, &pa), MMU_OK);
  ck_assert_uint_eq(pa, RAM_BASE + 0x7abcu);
  ck_assert_int_eq(mmu_translate(h, 0x40005abcu, MMU_WRITE, &pa), MMU_PAGE_FAULT); /* no W */
  ck_assert_int_eq(mmu_translate(h, 0x40006000u, MMU_READ, &pa), MMU_PAGE_FAULT);
  pt_free(&bus, root, NULL, NULL);
  machine_destroy(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("vm");
  TCase *tc = tcase_create("sv32");
  tcase_add_test(tc, test_sv32_macros);
  suite_add_tcase(s, tc);
  tc = tcase_create("frames");
  tcase_add_test(tc, test_frames);
  suite_add_tcase(s, tc);
  tc = tcase_create("pt");
  tcase_add_checked_fixture(tc, NULL, teardown);
  tcase_add_test(tc, test_walk_and_map);
  tcase_add_test(tc, test_map_out_of_memory);
  tcase_add_test(tc, test_superpage_is_left_alone);
  tcase_add_test(tc, test_each);
  tcase_add_test(tc, test_free);
  tcase_add_test(tc, test_machine_walks_what_pt_maps);
  suite_add_tcase(s, tc);
  return s;
}
