/* The visualizer's lock-free single-producer/single-consumer queue (visualizer/spsc.c). */
#include <check.h>
#include <pthread.h>
#include <stdint.h>

#include "events.h"
#include "runner.h"
#include "spsc.h"

START_TEST(refuses_a_capacity_that_is_not_a_power_of_two) {
  struct spsc q;
  ck_assert_int_eq(spsc_init(&q, 0, 4), -1);
  ck_assert_int_eq(spsc_init(&q, 12, 4), -1);
  ck_assert_int_eq(spsc_init(&q, 16, 0), -1);
}
END_TEST

START_TEST(keeps_order_and_reports_full_and_empty) {
  struct spsc q;
  ck_assert_int_eq(spsc_init(&q, 4, sizeof(struct ev_record)), 0);
  struct ev_record r = {0};
  ck_assert(!spsc_pop(&q, &r));
  for (uint32_t i = 0; i < 4; i++) {
    r.a[0] = i;
    ck_assert(spsc_push(&q, &r));
  }
  r.a[0] = 99;
  ck_assert(!spsc_push(&q, &r)); /* full: refused, nothing overwritten */
  ck_assert_uint_eq(spsc_count(&q), 4);
  /* Around the ring several times: pop one, push one. */
  for (uint32_t i = 0; i < 20; i++) {
    ck_assert(spsc_pop(&q, &r));
    ck_assert_uint_eq(r.a[0], i);
    r.a[0] = i + 4;
    ck_assert(spsc_push(&q, &r));
  }
  for (uint32_t i = 20; i < 24; i++) {
    ck_assert(spsc_pop(&q, &r));
    ck_assert_uint_eq(r.a[0], i);
  }
  ck_assert(!spsc_pop(&q, &r));
  ck_assert_uint_eq(spsc_count(&q), 0);
  spsc_free(&q);
}
END_TEST

#define N_RECORDS 2000000u

static void *produce(void *arg) {
  struct spsc *q = arg;
  for (uint64_t i = 0; i < N_RECORDS; i++) {
    struct ev_record r = {.cycle = i, .a = {(uint32_t)i, (uint32_t)~i, (uint32_t)(i * 7), 0}};
    while (!spsc_push(q, &r)) { /* full: the consumer will make room */
    }
  }
  return NULL;
}

/* One thread pushes two million records through a small queue while this one pops them:
 * every record arrives once, in order, intact. */
START_TEST(two_threads_pass_every_record_in_order) {
  struct spsc q;
  ck_assert_int_eq(spsc_init(&q, 64, sizeof(struct ev_record)), 0);
  pthread_t producer;
  ck_assert_int_eq(pthread_create(&producer, NULL, produce, &q), 0);
  uint64_t next = 0, bad = 0;
  while (next < N_RECORDS) {
    struct ev_record r;
    if (!spsc_pop(&q, &r)) continue;
    bad += r.cycle != next || r.a[0] != (uint32_t)next || r.a[1] != (uint32_t)~next ||
           r.a[2] != (uint32_t)(next * 7);
    next++;
  }
  pthread_join(producer, NULL);
  ck_assert_uint_eq(bad, 0);
  ck_assert_uint_eq(spsc_count(&q), 0);
  spsc_free(&q);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("spsc");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, refuses_a_capacity_that_is_not_a_power_of_two);
  tcase_add_test(tc, keeps_order_and_reports_full_and_empty);
  tcase_add_test(tc, two_threads_pass_every_record_in_order);
  tcase_set_timeout(tc, 120);
  suite_add_tcase(s, tc);
  return s;
}
