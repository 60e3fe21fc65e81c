/* runner: the main() of every Check test program, so each need not repeat it. */
#ifndef OSSIM_TEST_RUNNER_H
#define OSSIM_TEST_RUNNER_H

#include <check.h>

/* Runs every test of s; returns the exit status for main(): 0 when all passed. */
int test_run(Suite *s);

#endif
