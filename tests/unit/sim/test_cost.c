#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cost.h"
#include "runner.h"

START_TEST(defaults_charge_something_for_every_cost) {
  struct cost_model c;
  cost_default(&c);
#define NONZERO(f, what) ck_assert_msg(c.f > 0, #f " (" what ") has no default");
  COST_FIELDS(NONZERO)
#undef NONZERO
  ck_assert_uint_gt(c.div, c.mul); /* the divider is the slow unit */
}
END_TEST

START_TEST(parse_overrides_named_costs_only) {
  struct cost_model c, d;
  cost_default(&c);
  cost_default(&d);
  char err[200];
  ck_assert_int_eq(
      cost_parse(&c, "# comment\n  load = 7\n\ntrap_entry=120 # trailing\n", err, sizeof err), 0);
  ck_assert_uint_eq(c.load, 7);
  ck_assert_uint_eq(c.trap_entry, 120);
  ck_assert_uint_eq(c.store, d.store);
  ck_assert_uint_eq(c.div, d.div);
}
END_TEST

static void expect_error(const char *text, const char *needle) {
  struct cost_model c, before;
  cost_default(&c);
  before = c;
  char err[200] = "";
  ck_assert_int_eq(cost_parse(&c, text, err, sizeof err), -EINVAL);
  ck_assert_msg(strstr(err, needle), "message '%s' lacks '%s'", err, needle);
  ck_assert_int_eq(memcmp(&c, &before, sizeof c), 0); /* all or nothing */
}

START_TEST(parse_errors_name_the_line_and_leave_the_model_alone) {
  expect_error("load = 3\nfrobnicate = 2\n", "line 2: unknown cost 'frobnicate'");
  expect_error("load = -3\n", "line 1");
  expect_error("load = 3x\n", "whole number");
  expect_error("load = 99999999999\n", "whole number");
  expect_error("load 3\n", "expected 'name = cycles'");
  expect_error("store = 1\nalu = 0\n", "'alu' must be at least 1");
  expect_error("load =\n", "whole number");
}
END_TEST

START_TEST(load_file_reads_and_reports_the_path) {
  char path[] = "/tmp/ossim-cost-XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  const char *text = "mul = 9\n";
  ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  struct cost_model c;
  cost_default(&c);
  char err[300] = "";
  ck_assert_int_eq(cost_load_file(&c, path, err, sizeof err), 0);
  ck_assert_uint_eq(c.mul, 9);
  unlink(path);
  ck_assert_int_lt(cost_load_file(&c, path, err, sizeof err), 0);
  ck_assert_ptr_nonnull(strstr(err, path));
}
END_TEST

START_TEST(every_profile_parses_and_changes_something) {
  struct cost_model def;
  cost_default(&def);
  char err[300] = "";
  unsigned n = 0;
  for (const struct cost_profile *p = cost_profiles(); p->name; p++, n++) {
    struct cost_model c;
    ck_assert_msg(cost_use_profile(&c, p->name, err, sizeof err) == 0, "%s: %s", p->name, err);
    ck_assert_ptr_nonnull(p->summary);
    /* Every profile but the defaults changes at least one constant. */
    if (strcmp(p->name, "default") != 0)
      ck_assert_msg(memcmp(&c, &def, sizeof c) != 0, "profile %s changes nothing", p->name);
  }
  ck_assert_uint_ge(n, 3);
  struct cost_model c = def;
  c.load = 99;
  ck_assert_int_eq(cost_use_profile(&c, "sel4-u54", err, sizeof err), 0);
  ck_assert_uint_eq(c.ipc_call, 474);  /* the seL4 project's published figure */
  ck_assert_uint_eq(c.load, def.load); /* a profile starts from the defaults */
  ck_assert_int_eq(cost_use_profile(&c, "nope", err, sizeof err), -ENOENT);
  ck_assert_ptr_nonnull(strstr(err, "known profiles: default"));
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("cost");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, defaults_charge_something_for_every_cost);
  tcase_add_test(tc, parse_overrides_named_costs_only);
  tcase_add_test(tc, parse_errors_name_the_line_and_leave_the_model_alone);
  tcase_add_test(tc, load_file_reads_and_reports_the_path);
  tcase_add_test(tc, every_profile_parses_and_changes_something);
  suite_add_tcase(s, tc);
  return s;
}
