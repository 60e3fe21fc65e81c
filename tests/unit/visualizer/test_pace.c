/* Holding a run to a speed (visualizer/pace.c): the delay arithmetic, with host time given. */
#include <check.h>

#include "pace.h"
#include "runner.h"

START_TEST(waits_until_host_time_catches_up) {
  struct pace p = {0};
  ck_assert_double_eq(pace_delay(&p, 1000000, 5000, 10.0), 0); /* the reckoning starts */
  ck_assert_double_eq_tol(pace_delay(&p, 1000000, 505000, 10.1), 0.4, 1e-9);
  ck_assert_double_eq_tol(pace_delay(&p, 1000000, 505000, 10.5), 0.0, 1e-9);
  ck_assert_double_lt(pace_delay(&p, 1000000, 505000, 11.0), 0); /* behind: go on */
  /* A record a little behind the reckoning's start (another hart's) never waits long. */
  ck_assert_double_lt(pace_delay(&p, 1000000, 1000, 10.0), 1e-9);
}
END_TEST

START_TEST(a_new_speed_starts_a_new_reckoning) {
  struct pace p = {0};
  pace_delay(&p, 1000000, 0, 0.0);
  ck_assert_double_eq(pace_delay(&p, 2000000, 900000, 0.2), 0); /* faster, from here */
  ck_assert_double_eq_tol(pace_delay(&p, 2000000, 1900000, 0.3), 0.4, 1e-9);
  ck_assert_double_eq(pace_delay(&p, 0, 5000000, 0.3), 0); /* unlimited: never waits */
  ck_assert_double_eq(pace_delay(&p, 0, 9000000, 0.3), 0);
}
END_TEST

/* pace_wait with no speed never reads the clock nor sleeps, whatever the cycle. */
START_TEST(unlimited_never_sleeps) {
  struct pace p = {0};
  for (uint64_t c = 0; c < 1000000000u; c += 1000000)
    pace_wait(&p, 0, c);
  ck_assert_uint_eq(p.speed, 0);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("pace");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, waits_until_host_time_catches_up);
  tcase_add_test(tc, a_new_speed_starts_a_new_reckoning);
  tcase_add_test(tc, unlimited_never_sleeps);
  suite_add_tcase(s, tc);
  return s;
}
