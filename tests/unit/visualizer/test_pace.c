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

/* A stretch with no event is paced up to PACE_IDLE_CAP cycles, the rest forgiven: while it
 * lasts, and for good once the next event comes. */
START_TEST(idle_stretches_are_paced_only_up_to_the_cap) {
  struct pace p = {0};
  uint64_t speed = 10 * PACE_IDLE_CAP; /* the cap is a tenth of a second */
  pace_delay(&p, speed, 0, 0.0);
  pace_event(&p, 0);
  /* Busy: events every tenth of the cap, each cycle paced. */
  for (uint64_t c = 0; c <= 2 * PACE_IDLE_CAP; c += PACE_IDLE_CAP / 10)
    pace_event(&p, c);
  ck_assert_double_eq_tol(pace_delay(&p, speed, 2 * PACE_IDLE_CAP, 0.0), 0.2, 1e-9);
  /* Then nothing for 100 caps: only one of them is paced. */
  uint64_t quiet_end = 102 * PACE_IDLE_CAP;
  ck_assert_double_eq_tol(pace_delay(&p, speed, quiet_end, 0.0), 0.3, 1e-9);
  pace_event(&p, quiet_end);
  ck_assert_double_eq_tol(pace_delay(&p, speed, quiet_end, 0.0), 0.3, 1e-9);
  /* And busy again: paced from there. */
  pace_event(&p, quiet_end + PACE_IDLE_CAP / 2);
  ck_assert_double_eq_tol(pace_delay(&p, speed, quiet_end + PACE_IDLE_CAP / 2, 0.0), 0.35, 1e-9);
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
  tcase_add_test(tc, idle_stretches_are_paced_only_up_to_the_cap);
  suite_add_tcase(s, tc);
  return s;
}
