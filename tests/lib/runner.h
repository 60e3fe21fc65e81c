/*
 * runner: the main() of every Check test program, so that each file only says what its
 * suite is. A test file defines test_suite() and links runner.c (ossim_unit_test in
 * tests/lib/OssimTests.cmake does both):
 *
 *   Suite *test_suite(void) {
 *     Suite *s = suite_create("mmu");
 *     TCase *tc = tcase_create("walk");
 *     tcase_add_test(tc, a_test);
 *     suite_add_tcase(s, tc);
 *     return s;
 *   }
 *
 * The runner runs every test of that suite; the program exits 0 when all passed.
 */
#ifndef OSSIM_TEST_RUNNER_H
#define OSSIM_TEST_RUNNER_H

#include <check.h>

/* The suite of this test program: defined once per program, by its test file. */
Suite *test_suite(void);

#endif
