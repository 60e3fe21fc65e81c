/* The PLIC: priorities, enables, thresholds, claim/complete and each hart's SEIP. */
#include <check.h>
#include <stdlib.h>

#include "plic.h"
#include "support.h"

static void wr(struct machine *m, uint32_t off, uint32_t val) {
  ck_assert_msg(bus_write(&m->bus, MACHINE_PLIC_BASE + off, 4, val), "write 0x%x", off);
}

static uint32_t rd(struct machine *m, uint32_t off) {
  uint32_t v = 0xdeadbeef;
  ck_assert_msg(bus_read(&m->bus, MACHINE_PLIC_BASE + off, 4, &v), "read 0x%x", off);
  return v;
}

static bool seip(struct machine *m, unsigned hart) { return m->harts[hart]->sip & SIP_SEIP; }

/* Two harts; hart 0's S context enables `mask` at threshold 0. */
static struct machine *plic_machine(uint32_t mask) {
  struct machine *m = test_machine(0, 2, NULL, NULL);
  wr(m, PLIC_ENABLE(PLIC_CTX_S(0)), mask);
  return m;
}

START_TEST(priority_registers) {
  struct machine *m = plic_machine(0);
  wr(m, PLIC_PRIORITY(3), 5);
  ck_assert_uint_eq(rd(m, PLIC_PRIORITY(3)), 5);
  wr(m, PLIC_PRIORITY(3), 0xff); /* 3 bits */
  ck_assert_uint_eq(rd(m, PLIC_PRIORITY(3)), 7);
  wr(m, PLIC_PRIORITY(31), 2);
  ck_assert_uint_eq(rd(m, PLIC_PRIORITY(31)), 2);
  /* Source 0 and sources past 31 are hardwired to 0. */
  wr(m, PLIC_PRIORITY(0), 7);
  ck_assert_uint_eq(rd(m, PLIC_PRIORITY(0)), 0);
  wr(m, PLIC_PRIORITY(40), 7);
  ck_assert_uint_eq(rd(m, PLIC_PRIORITY(40)), 0);
  machine_destroy(m);
}
END_TEST

START_TEST(enable_and_threshold_registers) {
  struct machine *m = plic_machine(0);
  for (unsigned c = 0; c < 4; c++) {
    wr(m, PLIC_ENABLE(c), 0xffffffffu);
    ck_assert_uint_eq(rd(m, PLIC_ENABLE(c)), 0xfffffffeu); /* source 0 cannot be enabled */
    ck_assert_uint_eq(rd(m, PLIC_ENABLE(c) + 4), 0);       /* sources 32..63 do not exist */
    wr(m, PLIC_THRESHOLD(c), 0x13);
    ck_assert_uint_eq(rd(m, PLIC_THRESHOLD(c)), 3);
  }
  wr(m, PLIC_ENABLE(1), 0x6);
  ck_assert_uint_eq(rd(m, PLIC_ENABLE(1)), 0x6);
  ck_assert_uint_eq(rd(m, PLIC_ENABLE(0)), 0xfffffffeu);
  machine_destroy(m);
}
END_TEST

START_TEST(access_faults) {
  struct machine *m = plic_machine(0);
  struct bus *b = &m->bus;
  uint32_t v;
  ck_assert(!bus_read(b, MACHINE_PLIC_BASE + PLIC_PRIORITY(1), 1, &v));
  ck_assert(!bus_write(b, MACHINE_PLIC_BASE + PLIC_PRIORITY(1), 2, 1));
  ck_assert(!bus_read(b, MACHINE_PLIC_BASE + 0x1080, 4, &v));                /* reserved */
  ck_assert(!bus_read(b, MACHINE_PLIC_BASE + PLIC_THRESHOLD(1) + 8, 4, &v)); /* reserved */
  /* Two harts have contexts 0..3; context 4 does not exist. */
  ck_assert(!bus_read(b, MACHINE_PLIC_BASE + PLIC_ENABLE(4), 4, &v));
  ck_assert(!bus_write(b, MACHINE_PLIC_BASE + PLIC_THRESHOLD(4), 4, 0));
  ck_assert(!bus_read(b, MACHINE_PLIC_BASE + PLIC_CLAIM(4), 4, &v));
  ck_assert(!bus_read(b, MACHINE_PLIC_BASE + PLIC_WINDOW - 4, 4, &v));
  machine_destroy(m);
}
END_TEST

START_TEST(pending_follows_level) {
  struct machine *m = plic_machine(0);
  plic_set_irq(m->plic, 5, true);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 5);
  plic_set_irq(m->plic, 7, true);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 5 | 1u << 7);
  plic_set_irq(m->plic, 5, false);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 7);
  wr(m, PLIC_PENDING, 0); /* read-only */
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 7);
  plic_set_irq(m->plic, 0, true);  /* reserved */
  plic_set_irq(m->plic, 32, true); /* does not exist */
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 7);
  ck_assert(!seip(m, 0)); /* nothing enabled */
  machine_destroy(m);
}
END_TEST

/* machine_set_irq is how devices reach the PLIC. */
START_TEST(machine_irq_reaches_plic) {
  struct machine *m = plic_machine(1u << 4);
  wr(m, PLIC_PRIORITY(4), 1);
  machine_set_irq(m, 4, true);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 4);
  ck_assert(seip(m, 0));
  machine_set_irq(m, 4, false);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  ck_assert(!seip(m, 0));
  machine_destroy(m);
}
END_TEST

START_TEST(seip_needs_enable_priority_and_threshold) {
  struct machine *m = plic_machine(0);
  plic_set_irq(m->plic, 3, true);
  ck_assert(!seip(m, 0));
  wr(m, PLIC_ENABLE(PLIC_CTX_S(0)), 1u << 3);
  ck_assert(!seip(m, 0)); /* priority 0 never interrupts */
  wr(m, PLIC_PRIORITY(3), 2);
  ck_assert(seip(m, 0));
  ck_assert(!seip(m, 1));
  wr(m, PLIC_THRESHOLD(PLIC_CTX_S(0)), 2); /* priority must be above the threshold */
  ck_assert(!seip(m, 0));
  wr(m, PLIC_THRESHOLD(PLIC_CTX_S(0)), 1);
  ck_assert(seip(m, 0));
  wr(m, PLIC_ENABLE(PLIC_CTX_S(0)), 0);
  ck_assert(!seip(m, 0));
  wr(m, PLIC_ENABLE(PLIC_CTX_S(0)), 1u << 3);
  ck_assert(seip(m, 0));
  plic_set_irq(m->plic, 3, false);
  ck_assert(!seip(m, 0));
  machine_destroy(m);
}
END_TEST

START_TEST(contexts_route_to_their_hart) {
  struct machine *m = plic_machine(0);
  wr(m, PLIC_PRIORITY(9), 1);
  wr(m, PLIC_ENABLE(PLIC_CTX_S(1)), 1u << 9);
  plic_set_irq(m->plic, 9, true);
  ck_assert(!seip(m, 0));
  ck_assert(seip(m, 1));
  /* M contexts exist but never deliver: there is no M mode. */
  wr(m, PLIC_ENABLE(PLIC_CTX_S(1)), 0);
  wr(m, PLIC_ENABLE(PLIC_CTX_M(0)), 1u << 9);
  wr(m, PLIC_ENABLE(PLIC_CTX_M(1)), 1u << 9);
  ck_assert(!seip(m, 0));
  ck_assert(!seip(m, 1));
  /* ...but their claim register works like any other. */
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(PLIC_CTX_M(0))), 9);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  machine_destroy(m);
}
END_TEST

START_TEST(claim_order) {
  struct machine *m = plic_machine(0xfffffffeu);
  wr(m, PLIC_PRIORITY(2), 3);
  wr(m, PLIC_PRIORITY(4), 5);
  wr(m, PLIC_PRIORITY(6), 5);
  wr(m, PLIC_PRIORITY(8), 1);
  plic_set_irq(m->plic, 2, true);
  plic_set_irq(m->plic, 4, true);
  plic_set_irq(m->plic, 6, true);
  plic_set_irq(m->plic, 8, true);
  const uint32_t ctx = PLIC_CTX_S(0);
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 4); /* highest priority, lowest id on a tie */
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 2 | 1u << 6 | 1u << 8);
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 6);
  wr(m, PLIC_THRESHOLD(ctx), 2);
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 2);
  ck_assert(!seip(m, 0)); /* source 8 is pending but below the threshold */
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 0);
  wr(m, PLIC_THRESHOLD(ctx), 0);
  ck_assert(seip(m, 0));
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 8);
  ck_assert(!seip(m, 0));
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 0);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  machine_destroy(m);
}
END_TEST

START_TEST(complete_rearms) {
  struct machine *m = plic_machine(1u << 5);
  const uint32_t ctx = PLIC_CTX_S(0);
  wr(m, PLIC_PRIORITY(5), 1);
  plic_set_irq(m->plic, 5, true);
  ck_assert(seip(m, 0));
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 5);
  ck_assert(!seip(m, 0));
  /* While in service, the line going low and high again does not make it pending. */
  plic_set_irq(m->plic, 5, false);
  plic_set_irq(m->plic, 5, true);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  ck_assert(!seip(m, 0));
  /* Completing with the line still high: pending again. */
  wr(m, PLIC_CLAIM(ctx), 5);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 1u << 5);
  ck_assert(seip(m, 0));
  /* Claim again, drop the line, complete: nothing pending. */
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 5);
  plic_set_irq(m->plic, 5, false);
  wr(m, PLIC_CLAIM(ctx), 5);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  ck_assert(!seip(m, 0));
  /* A later rising edge pends as usual. */
  plic_set_irq(m->plic, 5, true);
  ck_assert(seip(m, 0));
  machine_destroy(m);
}
END_TEST

START_TEST(complete_ignores_bad_ids) {
  struct machine *m = plic_machine(1u << 5);
  const uint32_t ctx = PLIC_CTX_S(0);
  wr(m, PLIC_PRIORITY(5), 1);
  plic_set_irq(m->plic, 5, true);
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(ctx)), 5);
  /* Not enabled for the completing context: ignored, the source stays in service. */
  wr(m, PLIC_CLAIM(PLIC_CTX_S(1)), 5);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  /* Ids that are not claimed or do not exist: ignored. */
  wr(m, PLIC_CLAIM(ctx), 6);
  wr(m, PLIC_CLAIM(ctx), 0);
  wr(m, PLIC_CLAIM(ctx), 1000);
  ck_assert_uint_eq(rd(m, PLIC_PENDING), 0);
  ck_assert(!seip(m, 0));
  wr(m, PLIC_CLAIM(ctx), 5);
  ck_assert(seip(m, 0));
  machine_destroy(m);
}
END_TEST

/* Claim on one hart takes the source from the other: only one of them services it. */
START_TEST(claim_shared_between_harts) {
  struct machine *m = plic_machine(1u << 7);
  wr(m, PLIC_ENABLE(PLIC_CTX_S(1)), 1u << 7);
  wr(m, PLIC_PRIORITY(7), 4);
  plic_set_irq(m->plic, 7, true);
  ck_assert(seip(m, 0));
  ck_assert(seip(m, 1));
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(PLIC_CTX_S(1))), 7);
  ck_assert(!seip(m, 0));
  ck_assert(!seip(m, 1));
  ck_assert_uint_eq(rd(m, PLIC_CLAIM(PLIC_CTX_S(0))), 0);
  wr(m, PLIC_CLAIM(PLIC_CTX_S(1)), 7);
  ck_assert(seip(m, 0));
  ck_assert(seip(m, 1));
  machine_destroy(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("plic");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, priority_registers);
  tcase_add_test(tc, enable_and_threshold_registers);
  tcase_add_test(tc, access_faults);
  tcase_add_test(tc, pending_follows_level);
  tcase_add_test(tc, machine_irq_reaches_plic);
  tcase_add_test(tc, seip_needs_enable_priority_and_threshold);
  tcase_add_test(tc, contexts_route_to_their_hart);
  tcase_add_test(tc, claim_order);
  tcase_add_test(tc, complete_rearms);
  tcase_add_test(tc, complete_ignores_bad_ids);
  tcase_add_test(tc, claim_shared_between_harts);
  suite_add_tcase(s, tc);
  return s;
}
