#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "testdev.h"

#define RAM MACHINE_RAM_BASE

START_TEST(a_guest_waiting_for_nothing_is_reported_stuck_not_hung) {
  struct machine *m = test_machine(0, 2, NULL, NULL);
  const uint32_t prog[] = {WFI, enc_j(0, -4)};
  test_load(m, RAM, prog, 2);
  ck_assert_int_eq(machine_run(m, UINT64_MAX), MACHINE_STUCK);
  ck_assert_int_eq(m->state, MACHINE_RUNNING);
  machine_destroy(m);
}
END_TEST

START_TEST(a_timer_the_guest_enabled_is_not_stuck) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  /* sie.STIE = 1, stimecmp = 5000, wfi: the timer wakes the hart (SIE is off, so wfi just
   * completes), and the program then powers off through the test device. */
  const uint32_t prog[] = {LI(5, 1 << 5),
                           CSRRW(0, CSR_SIE, 5),
                           LI(6, 1250),
                           ADD(6, 6, 6),
                           ADD(6, 6, 6),
                           CSRRW(0, CSR_STIMECMPH, 0),
                           CSRRW(0, CSR_STIMECMP, 6),
                           WFI,
                           LUI(7, 0x100),
                           LUI(8, 0x5),
                           ADDI(8, 8, 0x555),
                           SW(8, 7, 0),
                           enc_j(0, 0)};
  test_load(m, RAM, prog, sizeof prog / 4);
  ck_assert_int_eq(machine_run(m, 1000000), MACHINE_POWEROFF);
  ck_assert_uint_ge(m->harts[0]->cycles, 5000);
  machine_destroy(m);
}
END_TEST

START_TEST(the_cycle_limit_stops_an_endless_loop_exactly) {
  struct machine *m = test_machine(0, 3, NULL, NULL);
  const uint32_t prog[] = {ADDI(5, 5, 1), enc_j(0, -4)};
  test_load(m, RAM, prog, 2);
  ck_assert_int_eq(machine_run(m, 123457), MACHINE_RUNNING);
  ck_assert_uint_eq(m->now, 123457);
  for (unsigned i = 0; i < 3; i++) {
    ck_assert_uint_ge(m->harts[i]->cycles, 123457);
    ck_assert_uint_lt(m->harts[i]->cycles, 123457 + 10);
    ck_assert_uint_gt(m->harts[i]->x[5], 1000);
  }
  /* Harts advance in step: each did the same work. */
  ck_assert_uint_eq(m->harts[0]->x[5], m->harts[1]->x[5]);
  ck_assert_uint_eq(m->harts[1]->x[5], m->harts[2]->x[5]);
  machine_destroy(m);
}
END_TEST

/* Two harts share a counter through amoadd and take ecall traps into a handler that
 * steps over them; the run must be the same every time. */
static void run_traps(struct test_recorder *rc, uint32_t *counter) {
  struct machine *m = test_machine(0, 2, NULL, NULL);
  ev_set_sink(&m->ev, test_record, rc);
  const uint32_t prog[] = {/* 0x00 */ LUI(5, 0x80000),
                           ADDI(5, 5, 0x40),
                           CSRRW(0, CSR_STVEC, 5),
                           /* 0x0c */ LUI(6, 0x80001),
                           LI(7, 1),
                           LI(9, 300),
                           /* 0x18 */ enc_r(OPC_AMO, 0, 2, 6, 7, 0),
                           ECALL,
                           ADDI(9, 9, -1),
                           /* 0x24 */ enc_b(1, 9, 0, -12),
                           LUI(10, 0x100),
                           LUI(11, 0x5),
                           ADDI(11, 11, 0x555),
                           /* 0x34 */ SW(11, 10, 0),
                           enc_j(0, 0),
                           0x13,
                           /* 0x40: handler */ CSRRS(12, CSR_SEPC, 0),
                           ADDI(12, 12, 4),
                           CSRRW(0, CSR_SEPC, 12),
                           SRET};
  test_load(m, RAM, prog, sizeof prog / 4);
  ck_assert_int_eq(machine_run(m, 10000000), MACHINE_POWEROFF);
  bus_ram_read(&m->bus, RAM + 0x1000, counter, 4);
  machine_destroy(m);
}

START_TEST(two_runs_give_the_same_event_stream_byte_for_byte) {
  struct test_recorder *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
  uint32_t ca, cb;
  run_traps(a, &ca);
  run_traps(b, &cb);
  ck_assert_uint_gt(a->n, 600); /* 2 harts x 300 ecalls, 600 srets, a power-off */
  ck_assert_uint_eq(a->n, b->n);
  ck_assert_int_eq(memcmp(a->r, b->r, a->n * sizeof a->r[0]), 0);
  ck_assert_uint_eq(ca, cb);
  ck_assert_uint_ge(ca, 300); /* hart 0 finished its 300; hart 1 got some way too */
  free(a);
  free(b);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("machine");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, a_guest_waiting_for_nothing_is_reported_stuck_not_hung);
  tcase_add_test(tc, a_timer_the_guest_enabled_is_not_stuck);
  tcase_add_test(tc, the_cycle_limit_stops_an_endless_loop_exactly);
  tcase_add_test(tc, two_runs_give_the_same_event_stream_byte_for_byte);
  suite_add_tcase(s, tc);
  return s;
}
