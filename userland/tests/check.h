/*
 * check: how the guest test programs report. Every check prints one line -- what was
 * checked and the value seen -- so that a failure shows in the diff against the
 * .expected file as well as in the exit status; check_exit() exits 0 only if every check
 * passed.
 *
 * Not for: host tests (those use Check, tests/).
 */
#ifndef OSSIM_GUEST_CHECK_H
#define OSSIM_GUEST_CHECK_H

#include "rt.h"

/* The number of failed checks so far. A guest-side global: one per program. */
static int check_failures;

/* Prints "ok   what" or "FAIL what". */
static inline bool check(bool ok, const char *what) {
  printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) check_failures++;
  return ok;
}

/* Prints "ok   what = 0x..." or "FAIL what = 0x..., expected 0x...". */
static inline bool check_eq(const char *what, uint32_t got, uint32_t want) {
  if (got == want) {
    printf("ok   %s = 0x%x\n", what, got);
    return true;
  }
  printf("FAIL %s = 0x%x, expected 0x%x\n", what, got, want);
  check_failures++;
  return false;
}

static inline bool check_eq64(const char *what, uint64_t got, uint64_t want) {
  if (got == want) {
    printf("ok   %s = 0x%llx\n", what, (unsigned long long)got);
    return true;
  }
  printf("FAIL %s = 0x%llx, expected 0x%llx\n", what, (unsigned long long)got,
         (unsigned long long)want);
  check_failures++;
  return false;
}

/* Prints a summary and exits: 0 when everything passed, 1 otherwise. */
static inline _Noreturn void check_exit(void) {
  if (check_failures)
    printf("%d check(s) FAILED\n", check_failures);
  else
    printf("all checks passed\n");
  exit(check_failures ? 1 : 0);
}

#endif
