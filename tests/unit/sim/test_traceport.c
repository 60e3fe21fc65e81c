/* The trace port: guest-written marks in the event stream. */
#include <check.h>
#include <stdlib.h>

#include "support.h"
#include "traceport.h"

struct mark_log {
  unsigned n;
  struct ev_record rec[8];
};

static void record_marks(void *ctx, const struct ev_record *r) {
  struct mark_log *log = ctx;
  if (r->type == EV_MARK && log->n < 8) log->rec[log->n++] = *r;
}

static bool wr(struct machine *m, uint32_t off, uint32_t val) {
  return bus_write(&m->bus, MACHINE_TRACE_BASE + off, 4, val);
}

START_TEST(mark_carries_id_and_args) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct mark_log log = {0};
  ev_set_sink(&m->ev, record_marks, &log);
  machine_advance(m, 1234);
  ck_assert(wr(m, TRACEPORT_ARG0, 11));
  ck_assert(wr(m, TRACEPORT_ARG1, 22));
  ck_assert(wr(m, TRACEPORT_ARG2, 0xffffffffu));
  ck_assert_uint_eq(log.n, 0); /* arguments alone emit nothing */
  ck_assert(wr(m, TRACEPORT_ID, 7));
  ck_assert_uint_eq(log.n, 1);
  ck_assert_uint_eq(log.rec[0].cycle, 1234);
  ck_assert_uint_eq(log.rec[0].a[0], 7);
  ck_assert_uint_eq(log.rec[0].a[1], 11);
  ck_assert_uint_eq(log.rec[0].a[2], 22);
  ck_assert_uint_eq(log.rec[0].a[3], 0xffffffffu);
  machine_destroy(m);
}
END_TEST

START_TEST(args_persist_between_marks) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct mark_log log = {0};
  ev_set_sink(&m->ev, record_marks, &log);
  ck_assert(wr(m, TRACEPORT_ID, 1)); /* before any argument: zeros */
  ck_assert(wr(m, TRACEPORT_ARG0, 5));
  ck_assert(wr(m, TRACEPORT_ARG2, 6));
  ck_assert(wr(m, TRACEPORT_ID, 2));
  ck_assert(wr(m, TRACEPORT_ARG1, 9));
  ck_assert(wr(m, TRACEPORT_ID, 3));
  ck_assert_uint_eq(log.n, 3);
  ck_assert_uint_eq(log.rec[0].a[1] | log.rec[0].a[2] | log.rec[0].a[3], 0);
  ck_assert_uint_eq(log.rec[1].a[0], 2);
  ck_assert_uint_eq(log.rec[1].a[1], 5);
  ck_assert_uint_eq(log.rec[1].a[2], 0);
  ck_assert_uint_eq(log.rec[1].a[3], 6);
  ck_assert_uint_eq(log.rec[2].a[0], 3);
  ck_assert_uint_eq(log.rec[2].a[1], 5);
  ck_assert_uint_eq(log.rec[2].a[2], 9);
  ck_assert_uint_eq(log.rec[2].a[3], 6);
  ck_assert_uint_eq(m->ev.counts[EV_MARK], 3);
  machine_destroy(m);
}
END_TEST

START_TEST(reads_zero_and_faults) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct mark_log log = {0};
  ev_set_sink(&m->ev, record_marks, &log);
  ck_assert(wr(m, TRACEPORT_ARG0, 5));
  for (uint32_t off = 0; off < 16; off += 4) {
    uint32_t v = 0xdead;
    ck_assert(bus_read(&m->bus, MACHINE_TRACE_BASE + off, 4, &v));
    ck_assert_uint_eq(v, 0);
  }
  uint32_t v;
  ck_assert(!bus_write(&m->bus, MACHINE_TRACE_BASE, 1, 1));
  ck_assert(!bus_write(&m->bus, MACHINE_TRACE_BASE, 2, 1));
  ck_assert(!bus_read(&m->bus, MACHINE_TRACE_BASE + 4, 1, &v));
  ck_assert(!bus_write(&m->bus, MACHINE_TRACE_BASE + 0x10, 4, 1));
  ck_assert(!bus_read(&m->bus, MACHINE_TRACE_BASE + 0x10, 4, &v));
  ck_assert_uint_eq(log.n, 0);
  machine_destroy(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("traceport");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, mark_carries_id_and_args);
  tcase_add_test(tc, args_persist_between_marks);
  tcase_add_test(tc, reads_zero_and_faults);
  suite_add_tcase(s, tc);
  return s;
}
