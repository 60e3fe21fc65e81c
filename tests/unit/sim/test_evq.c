#include <check.h>
#include <stdlib.h>

#include "evq.h"
#include "runner.h"

struct log {
  int order[64];
  uint64_t when[64];
  int n;
  struct evq *q; /* for callbacks that schedule more */
};

struct item {
  struct log *log;
  int id;
};

static void record(void *ctx, uint64_t now) {
  struct item *it = ctx;
  it->log->order[it->log->n] = it->id;
  it->log->when[it->log->n++] = now;
}

START_TEST(runs_in_cycle_order_and_ties_in_scheduling_order) {
  struct evq q;
  struct log log = {0};
  struct item a = {&log, 1}, b = {&log, 2}, c = {&log, 3}, d = {&log, 4};
  evq_init(&q);
  evq_schedule(&q, 50, record, &a);
  evq_schedule(&q, 10, record, &b);
  evq_schedule(&q, 50, record, &c);
  evq_schedule(&q, 30, record, &d);
  ck_assert_uint_eq(evq_next(&q), 10);
  evq_run_until(&q, 49);
  ck_assert_int_eq(log.n, 2);
  ck_assert_int_eq(log.order[0], 2);
  ck_assert_int_eq(log.order[1], 4);
  evq_run_until(&q, 50);
  ck_assert_int_eq(log.n, 4);
  ck_assert_int_eq(log.order[2], 1); /* same cycle: first scheduled runs first */
  ck_assert_int_eq(log.order[3], 3);
  ck_assert_uint_eq(log.when[3], 50);
  ck_assert_uint_eq(evq_next(&q), EVQ_NEVER);
  evq_free(&q);
}
END_TEST

static void reschedule(void *ctx, uint64_t now) {
  struct item *it = ctx;
  record(ctx, now);
  if (it->log->n < 5) evq_schedule(it->log->q, now + 10, reschedule, ctx);
}

START_TEST(callbacks_may_schedule_and_due_ones_run_in_the_same_call) {
  struct evq q;
  struct log log = {.q = &q};
  struct item a = {&log, 7};
  evq_init(&q);
  evq_schedule(&q, 0, reschedule, &a);
  evq_run_until(&q, 25);
  ck_assert_int_eq(log.n, 3); /* at 0, 10 and 20 */
  ck_assert_uint_eq(log.when[2], 20);
  ck_assert_uint_eq(evq_next(&q), 30);
  evq_free(&q);
}
END_TEST

START_TEST(cancel_removes_only_matching_items) {
  struct evq q;
  struct log log = {0};
  struct item a = {&log, 1}, b = {&log, 2};
  evq_init(&q);
  for (int i = 0; i < 100; i++)
    evq_schedule(&q, (uint64_t)(i * 7 % 13), record, i % 2 ? &a : &b);
  ck_assert_uint_eq(evq_cancel(&q, record, &a), 50);
  evq_run_until(&q, 1000);
  ck_assert_int_eq(log.n, 50);
  for (int i = 0; i < log.n; i++)
    ck_assert_int_eq(log.order[i], 2);
  for (int i = 1; i < log.n; i++)
    ck_assert_uint_le(log.when[i - 1], log.when[i]);
  evq_free(&q);
}
END_TEST

static void count(void *ctx, uint64_t now) {
  uint64_t *c = ctx;
  (void)now;
  (*c)++;
}

START_TEST(heap_keeps_order_over_many_random_items) {
  struct evq q;
  evq_init(&q);
  uint64_t seen = 0, x = 88172645463325252ull;
  for (int i = 0; i < 20000; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    ck_assert_int_eq(evq_schedule(&q, x % 100000, count, &seen), 0);
  }
  uint64_t last = 0;
  while (evq_next(&q) != EVQ_NEVER) {
    uint64_t t = evq_next(&q);
    ck_assert_uint_ge(t, last);
    last = t;
    evq_run_until(&q, t);
  }
  ck_assert_uint_eq(seen, 20000);
  evq_free(&q);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("evq");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, runs_in_cycle_order_and_ties_in_scheduling_order);
  tcase_add_test(tc, callbacks_may_schedule_and_due_ones_run_in_the_same_call);
  tcase_add_test(tc, cancel_removes_only_matching_items);
  tcase_add_test(tc, heap_keeps_order_over_many_random_items);
  suite_add_tcase(s, tc);
  return s;
}
