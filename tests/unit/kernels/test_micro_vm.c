/*
 * test_micro_vm: the microkernel's address spaces (kernels/micro/vm.c) on a small machine,
 * without servers: fork's copy-on-write sharing (KC_AS_COPY), the store that copies a shared
 * page (mvm_cow), the kernel's own writes into a shared page, and the page counts after.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "micro.h"
#include "support.h"

#define VA_DATA 0x10000u /* a writable page */
#define VA_TEXT 0x11000u /* a read-only page */
#define VA_DMA 0x12000u  /* where a DMA page would be mapped: its own physical address */

static struct micro *k;

/* A kernel instance over a machine of its own: memory and harts, no servers, no vDSO. */
static void setup(void) {
  k = calloc(1, sizeof *k);
  ck_assert_ptr_nonnull(k);
  k->k.m = test_machine(1u << 20, 2, NULL, NULL);
  k->ncpu = 2;
  for (unsigned i = 0; i < k->ncpu; i++)
    k->cpus[i].h = k->k.m->harts[i];
  ck_assert_int_eq(mvm_init(k), 0);
}

static void teardown(void) {
  mvm_free_all(k);
  machine_destroy(k->k.m);
  free(k);
}

static uint32_t refs(uint32_t pa) { return k->frames.refs[vm_frame_no(&k->frames, pa)]; }

static uint8_t byte_at(int as, uint32_t va) {
  uint8_t b = 0;
  ck_assert(bus_ram_read(&k->k.m->bus, mvm_translate(k, as, va), &b, 1));
  return b;
}

/* An address space with a writable page holding 'd' and a read-only one holding 't'. */
static int parent_space(void) {
  int as = mvm_as_create(k, 0, -1, 0);
  ck_assert_int_ge(as, 0);
  ck_assert_int_eq(mvm_map_fresh(k, as, VA_DATA, PGSIZE, PTE_R | PTE_W | PTE_U), 0);
  ck_assert_int_eq(mvm_map_fresh(k, as, VA_TEXT, PGSIZE, PTE_R | PTE_X | PTE_U), 0);
  ck_assert_int_eq(mvm_write(k, as, VA_DATA, "d", 1), 0);
  ck_assert_int_eq(mvm_write(k, as, VA_TEXT, "t", 1), 0);
  return as;
}

START_TEST(fork_shares_every_page_and_a_store_copies_one) {
  setup();
  uint32_t free_before = k->frames.nfree;
  int parent = parent_space(), child = mvm_as_create(k, 0, -1, 0);
  ck_assert_int_eq(mvm_as_copy(k, child, parent), 0);
  uint32_t data = mvm_translate(k, parent, VA_DATA), text = mvm_translate(k, parent, VA_TEXT);
  ck_assert_uint_eq(mvm_translate(k, child, VA_DATA), data);
  ck_assert_uint_eq(mvm_translate(k, child, VA_TEXT), text);
  ck_assert_uint_eq(refs(data), 2);
  ck_assert_uint_eq(refs(text), 2);
  /* Both may write the shared page (a store will copy it), neither the text. */
  ck_assert(mvm_user_ok(k, parent, VA_DATA, PGSIZE, true));
  ck_assert(mvm_user_ok(k, child, VA_DATA, PGSIZE, true));
  ck_assert(!mvm_user_ok(k, child, VA_TEXT, 1, true));
  ck_assert_int_eq(mvm_cow(k, child, VA_TEXT), -OSSIM_EFAULT);
  ck_assert_int_eq(mvm_cow(k, child, 0x40000), -OSSIM_EFAULT); /* not mapped */

  /* The child's store: a copy of its own, with the parent's bytes. */
  ck_assert_int_eq(mvm_cow(k, child, VA_DATA + 12), 0);
  uint32_t copy = mvm_translate(k, child, VA_DATA);
  ck_assert_uint_ne(copy, data);
  ck_assert_uint_eq(byte_at(child, VA_DATA), 'd');
  ck_assert_uint_eq(refs(data), 1);
  /* The parent's store: the page is its alone now, so no copy. */
  ck_assert_int_eq(mvm_cow(k, parent, VA_DATA), 0);
  ck_assert_uint_eq(mvm_translate(k, parent, VA_DATA), data);
  ck_assert_int_eq(mvm_cow(k, parent, VA_DATA), -OSSIM_EFAULT); /* plain writable now */

  mvm_as_destroy(k, child);
  mvm_as_destroy(k, parent);
  ck_assert_uint_eq(k->frames.nfree, free_before); /* every page back, none twice */
  teardown();
}
END_TEST

START_TEST(a_kernel_write_into_a_shared_page_copies_it) {
  setup();
  int parent = parent_space(), child = mvm_as_create(k, 0, -1, 0);
  ck_assert_int_eq(mvm_as_copy(k, child, parent), 0);
  /* As an IPC buffer's reply, or KC_AS_WRITE: into the child only, even the text. */
  ck_assert_int_eq(mvm_write(k, child, VA_DATA, "D", 1), 0);
  ck_assert_int_eq(mvm_write(k, child, VA_TEXT, "T", 1), 0);
  ck_assert_uint_eq(byte_at(parent, VA_DATA), 'd');
  ck_assert_uint_eq(byte_at(parent, VA_TEXT), 't');
  ck_assert_uint_eq(byte_at(child, VA_DATA), 'D');
  ck_assert_uint_eq(byte_at(child, VA_TEXT), 'T');
  ck_assert(!mvm_user_ok(k, child, VA_TEXT, 1, true)); /* copied, and still read-only */
  ck_assert(mvm_user_ok(k, child, VA_DATA, 1, true));
  mvm_as_destroy(k, child);
  mvm_as_destroy(k, parent);
  teardown();
}
END_TEST

START_TEST(a_dma_page_is_not_shared) {
  setup();
  int parent = mvm_as_create(k, 0, -1, 0), child = mvm_as_create(k, 0, -1, 0);
  uint32_t pa = mvm_page_alloc(k, parent);
  ck_assert_int_eq(mvm_map(k, parent, VA_DMA, pa, PTE_R | PTE_W | PTE_U | PTE_PIN), 0);
  ck_assert_int_eq(mvm_as_copy(k, child, parent), 0);
  ck_assert_uint_eq(mvm_translate(k, child, VA_DMA), 0);
  ck_assert_uint_eq(refs(pa), 1);
  /* The device writes it by its address: the kernel writes it there too. */
  ck_assert_int_eq(mvm_write(k, parent, VA_DMA, "x", 1), 0);
  ck_assert_uint_eq(mvm_translate(k, parent, VA_DMA), pa);
  mvm_as_destroy(k, child);
  mvm_as_destroy(k, parent);
  teardown();
}
END_TEST

START_TEST(a_second_fork_shares_with_both) {
  setup();
  int a = parent_space(), b = mvm_as_create(k, 0, -1, 0), c = mvm_as_create(k, 0, -1, 0);
  ck_assert_int_eq(mvm_as_copy(k, b, a), 0);
  ck_assert_int_eq(mvm_as_copy(k, c, b), 0); /* the child forks before anyone stores */
  uint32_t data = mvm_translate(k, a, VA_DATA);
  ck_assert_uint_eq(refs(data), 3);
  ck_assert_int_eq(mvm_cow(k, b, VA_DATA), 0);
  ck_assert_uint_eq(refs(data), 2);
  ck_assert_int_eq(mvm_cow(k, a, VA_DATA), 0);
  ck_assert_uint_eq(refs(data), 1);
  ck_assert_int_eq(mvm_cow(k, c, VA_DATA), 0); /* the last one keeps the page */
  ck_assert_uint_eq(mvm_translate(k, c, VA_DATA), data);
  int spaces[] = {a, b, c};
  for (int i = 0; i < 3; i++) {
    ck_assert_uint_eq(byte_at(spaces[i], VA_DATA), 'd');
    mvm_as_destroy(k, spaces[i]);
  }
  teardown();
}
END_TEST

START_TEST(a_shared_page_is_paid_for_once_and_passed_on) {
  setup();
  int parent = parent_space(), child = mvm_as_create(k, 2, -1, 0);
  uint32_t alone = k->as[parent].pages; /* its tables and its two pages */
  ck_assert_int_eq(mvm_as_copy(k, child, parent), 0);
  uint32_t tables = k->as[child].pages; /* the child pays for its tables, not what it shares */
  ck_assert_uint_eq(tables, 2);
  ck_assert_uint_eq(k->as[parent].pages, alone);
  /* The child's store: it pays for its copy. */
  ck_assert_int_eq(mvm_cow(k, child, VA_DATA), 0);
  ck_assert_uint_eq(k->as[child].pages, tables + 1);
  ck_assert_uint_eq(k->as[parent].pages, alone);
  /* The parent goes: the text page both mapped is the child's to pay for now. */
  mvm_as_destroy(k, parent);
  ck_assert_uint_eq(k->as[child].pages, tables + 2);
  uint32_t text = mvm_translate(k, child, VA_TEXT);
  ck_assert_uint_eq(k->holder[(text - k->k.m->bus.ram_base) / PGSIZE], child + 1);
  uint32_t kernel = k->kernel_pages;
  mvm_as_destroy(k, child);
  ck_assert_uint_eq(k->kernel_pages, kernel); /* nothing left over for the kernel */
  teardown();
}
END_TEST

/* A space holds at most the pages its maker gave it: past them it gets -ENOMEM, whole (no
 * part of the request mapped), and another space still gets pages. */
START_TEST(a_space_holds_no_more_pages_than_its_quota) {
  setup();
  int small = mvm_as_create(k, 0, -1, 8), other = mvm_as_create(k, 0, -1, 0);
  ck_assert_int_eq(mvm_map_fresh(k, small, VA_DATA, 4 * PGSIZE, PTE_R | PTE_W | PTE_U), 0);
  uint32_t held = k->as[small].pages;
  ck_assert_uint_le(held, 8);
  ck_assert_int_eq(mvm_map_fresh(k, small, 0x100000u, 8 * PGSIZE, PTE_R | PTE_U), -OSSIM_ENOMEM);
  ck_assert_uint_eq(k->as[small].pages, held);
  ck_assert_int_eq(mvm_map_fresh(k, other, VA_DATA, 8 * PGSIZE, PTE_R | PTE_W | PTE_U), 0);
  teardown();
}
END_TEST

/* What a space made goes with it, at any depth, threads or not: a space that never had a
 * thread does not outlive its maker, nor hold its pages. */
START_TEST(a_space_goes_with_its_maker_even_without_a_thread) {
  setup();
  uint32_t free_before = k->frames.nfree;
  int maker = mvm_as_create(k, 0, -1, 0);
  k->as[maker].threads = 1; /* as if its one thread ran there */
  int made = mvm_as_create(k, 0, maker, 0), grandchild = mvm_as_create(k, 0, made, 0);
  ck_assert_int_eq(mvm_map_fresh(k, made, VA_DATA, 4 * PGSIZE, PTE_R | PTE_W | PTE_U), 0);
  ck_assert_int_eq(mvm_map_fresh(k, grandchild, VA_DATA, 4 * PGSIZE, PTE_R | PTE_W | PTE_U), 0);
  micro_as_release(k, maker);
  ck_assert(!k->as[maker].live && !k->as[made].live && !k->as[grandchild].live);
  ck_assert_uint_eq(k->frames.nfree, free_before);
  teardown();
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("micro_vm");
  TCase *tc = tcase_create("cow");
  tcase_add_test(tc, fork_shares_every_page_and_a_store_copies_one);
  tcase_add_test(tc, a_kernel_write_into_a_shared_page_copies_it);
  tcase_add_test(tc, a_dma_page_is_not_shared);
  tcase_add_test(tc, a_second_fork_shares_with_both);
  tcase_add_test(tc, a_shared_page_is_paid_for_once_and_passed_on);
  tcase_add_test(tc, a_space_holds_no_more_pages_than_its_quota);
  tcase_add_test(tc, a_space_goes_with_its_maker_even_without_a_thread);
  suite_add_tcase(s, tc);
  return s;
}
