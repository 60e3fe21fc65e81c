/* The test device: QEMU virt's power switch. */
#include <check.h>
#include <stdlib.h>

#include "support.h"
#include "testdev.h"

struct power_log {
  unsigned n;
  struct ev_record rec[8];
};

static void record_power(void *ctx, const struct ev_record *r) {
  struct power_log *log = ctx;
  if (r->type == EV_POWER && log->n < 8) log->rec[log->n++] = *r;
}

static struct machine *machine_with_log(struct power_log *log) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  *log = (struct power_log){0};
  ev_set_sink(&m->ev, record_power, log);
  return m;
}

START_TEST(poweroff) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE, 4, TESTDEV_PASS));
  ck_assert_int_eq(m->state, MACHINE_POWEROFF);
  ck_assert_uint_eq(log.n, 1);
  ck_assert_uint_eq(log.rec[0].a[0], 0);
  ck_assert_uint_eq(log.rec[0].a[1], 0);
  machine_destroy(m);
}
END_TEST

START_TEST(fail_with_code) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE, 4, 42u << 16 | TESTDEV_FAIL));
  ck_assert_int_eq(m->state, MACHINE_FAILED);
  ck_assert_uint_eq(m->exit_code, 42);
  ck_assert_uint_eq(log.n, 1);
  ck_assert_uint_eq(log.rec[0].a[0], 1);
  ck_assert_uint_eq(log.rec[0].a[1], 42);
  machine_destroy(m);
}
END_TEST

START_TEST(fail_with_largest_code) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE, 4, 0xffffu << 16 | TESTDEV_FAIL));
  ck_assert_int_eq(m->state, MACHINE_FAILED);
  ck_assert_uint_eq(m->exit_code, 0xffff);
  machine_destroy(m);
}
END_TEST

START_TEST(reboot) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE, 4, TESTDEV_RESET));
  ck_assert_int_eq(m->state, MACHINE_REBOOT);
  ck_assert_uint_eq(log.n, 1);
  ck_assert_uint_eq(log.rec[0].a[0], 2);
  machine_destroy(m);
}
END_TEST

/* QEMU's sifive_test takes 16-bit writes too: the low half is the command. */
START_TEST(halfword_poweroff) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE, 2, TESTDEV_PASS));
  ck_assert_int_eq(m->state, MACHINE_POWEROFF);
  machine_destroy(m);
}
END_TEST

START_TEST(other_values_ignored) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  const uint32_t values[] = {0, 1, 0x5554, 0x3334, 0x7776, 0x12345678, 0xffff};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
    ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE, 4, values[i]));
  /* A finisher value at another offset does nothing either. */
  ck_assert(bus_write(&m->bus, MACHINE_TEST_BASE + 4, 4, TESTDEV_PASS));
  ck_assert_int_eq(m->state, MACHINE_RUNNING);
  ck_assert_uint_eq(log.n, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(reads_and_sizes) {
  struct power_log log;
  struct machine *m = machine_with_log(&log);
  uint32_t v = 0xdead;
  ck_assert(bus_read(&m->bus, MACHINE_TEST_BASE, 4, &v));
  ck_assert_uint_eq(v, 0);
  v = 0xdead;
  ck_assert(bus_read(&m->bus, MACHINE_TEST_BASE + TESTDEV_WINDOW - 4, 4, &v));
  ck_assert_uint_eq(v, 0);
  /* Byte accesses are faults, as on QEMU; so is anything past the window. */
  ck_assert(!bus_read(&m->bus, MACHINE_TEST_BASE, 1, &v));
  ck_assert(!bus_write(&m->bus, MACHINE_TEST_BASE, 1, 0x55));
  ck_assert(!bus_read(&m->bus, MACHINE_TEST_BASE + TESTDEV_WINDOW, 4, &v));
  ck_assert_int_eq(m->state, MACHINE_RUNNING);
  machine_destroy(m);
}
END_TEST

/* The whole path: guest code stores to the UART and then to the test device. */
START_TEST(guest_prints_and_fails) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  const uint32_t prog[] = {
      LUI(5, MACHINE_UART_BASE >> 12),
      LI(6, 'A'),
      enc_s(OPC_STORE, 0, 5, 6, 0), /* sb t1, 0(t0) */
      LUI(5, MACHINE_TEST_BASE >> 12),
      LUI(6, 0x33),      /* 3 << 16 | 0x3000 */
      ADDI(6, 6, 0x333), /* | 0x333: fail with code 3 */
      SW(6, 5, 0),
      enc_j(0, 0), /* never reached: spin */
  };
  test_load(m, MACHINE_RAM_BASE, prog, sizeof prog / sizeof prog[0]);
  ck_assert_int_eq(machine_run(m, 1000000), MACHINE_FAILED);
  ck_assert_uint_eq(m->exit_code, 3);
  ck_assert_str_eq(cap.out, "A");
  machine_destroy(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("testdev");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, poweroff);
  tcase_add_test(tc, fail_with_code);
  tcase_add_test(tc, fail_with_largest_code);
  tcase_add_test(tc, reboot);
  tcase_add_test(tc, halfword_poweroff);
  tcase_add_test(tc, other_values_ignored);
  tcase_add_test(tc, reads_and_sizes);
  tcase_add_test(tc, guest_prints_and_fails);
  suite_add_tcase(s, tc);
  return s;
}
