/*
 * test_guest_helpers: the arithmetic core of the guest runtime's 64-bit division helpers
 * (userland/rt/divmod64.h, behind __udivdi3, __divdi3, __umoddi3 and __moddi3), checked
 * on the host against the host's own 64-bit division: edge cases, every sign combination,
 * divisors below and above 2^32, and a few hundred thousand seeded pseudo-random operands.
 * Division by zero and INT64_MIN / -1, undefined in C, must follow the RISC-V M extension.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "divmod64.h"
#include "runner.h"

#define RANDOM_ROUNDS 300000

/* splitmix64: a small, seeded generator, so that every run checks the same numbers. */
static uint64_t next_random(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* A random value with a random number of significant bits, so that small divisors,
 * divisors around 2^32 and full 64-bit ones are all common. */
static uint64_t random_operand(uint64_t *state) {
  uint64_t v = next_random(state);
  return v >> (next_random(state) % 64);
}

static void check_unsigned(uint64_t n, uint64_t d) {
  uint64_t r = 0xdeadull;
  uint64_t q = rt_udivmod64(n, d, &r);
  ck_assert_msg(q == n / d && r == n % d, "%llx / %llx: got q=%llx r=%llx, want q=%llx r=%llx",
                (unsigned long long)n, (unsigned long long)d, (unsigned long long)q,
                (unsigned long long)r, (unsigned long long)(n / d), (unsigned long long)(n % d));
}

static void check_signed(int64_t n, int64_t d) {
  int64_t r = 0xdead;
  int64_t q = rt_divmod64(n, d, &r);
  ck_assert_msg(q == n / d && r == n % d, "%lld / %lld: got q=%lld r=%lld, want q=%lld r=%lld",
                (long long)n, (long long)d, (long long)q, (long long)r, (long long)(n / d),
                (long long)(n % d));
}

/* clang-format off */
static const uint64_t unsigned_edges[] = {
    0, 1, 2, 3, 7, 10,
    0x7fffffffull, 0x80000000ull, 0xfffffffeull, 0xffffffffull,
    0x100000000ull, 0x100000001ull, 0x1ffffffffull, 0x123456789abcdef0ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
    0xfffffffffffffffeull, UINT64_MAX,
};
/* clang-format on */
#define N_UNSIGNED (sizeof unsigned_edges / sizeof unsigned_edges[0])

/* clang-format off */
static const int64_t signed_edges[] = {
    0, 1, -1, 2, -2, 7, -7,
    0x7fffffffll, -0x7fffffffll, 0x80000000ll, -0x80000000ll, 0xffffffffll, -0xffffffffll,
    0x100000000ll, -0x100000000ll, 0x123456789abcdefll, -0x123456789abcdefll,
    INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1,
};
/* clang-format on */
#define N_SIGNED (sizeof signed_edges / sizeof signed_edges[0])

START_TEST(test_clz) {
  ck_assert_uint_eq(rt_clz32(1), 31);
  ck_assert_uint_eq(rt_clz32(0x80000000u), 0);
  ck_assert_uint_eq(rt_clz32(0x00010000u), 15);
  ck_assert_uint_eq(rt_clz32(0x0000ffffu), 16);
  ck_assert_uint_eq(rt_clz64(1), 63);
  ck_assert_uint_eq(rt_clz64(0x100000000ull), 31);
  ck_assert_uint_eq(rt_clz64(0xffffffffull), 32);
  ck_assert_uint_eq(rt_clz64(UINT64_MAX), 0);
  for (unsigned bit = 0; bit < 64; bit++) {
    ck_assert_uint_eq(rt_clz64(1ull << bit), 63 - bit);
    ck_assert_uint_eq(rt_clz64((1ull << bit) | 1), 63 - bit);
  }
}
END_TEST

START_TEST(test_unsigned_edges) {
  for (size_t i = 0; i < N_UNSIGNED; i++)
    for (size_t j = 0; j < N_UNSIGNED; j++)
      if (unsigned_edges[j] != 0) check_unsigned(unsigned_edges[i], unsigned_edges[j]);
}
END_TEST

START_TEST(test_signed_edges) {
  /* Every sign combination comes from the table, which holds each value and its negation. */
  for (size_t i = 0; i < N_SIGNED; i++)
    for (size_t j = 0; j < N_SIGNED; j++) {
      int64_t n = signed_edges[i], d = signed_edges[j];
      if (d == 0 || (n == INT64_MIN && d == -1)) continue; /* undefined in C: see below */
      check_signed(n, d);
    }
}
END_TEST

START_TEST(test_sign_rules) {
  int64_t r;
  ck_assert_int_eq(rt_divmod64(7, 2, &r), 3);
  ck_assert_int_eq(r, 1);
  ck_assert_int_eq(rt_divmod64(-7, 2, &r), -3);
  ck_assert_int_eq(r, -1);
  ck_assert_int_eq(rt_divmod64(7, -2, &r), -3);
  ck_assert_int_eq(r, 1);
  ck_assert_int_eq(rt_divmod64(-7, -2, &r), 3);
  ck_assert_int_eq(r, -1);
}
END_TEST

START_TEST(test_riscv_special_cases) {
  uint64_t ur;
  int64_t sr;
  /* Division by zero: all ones, remainder the dividend. */
  ck_assert_uint_eq(rt_udivmod64(0, 0, &ur), UINT64_MAX);
  ck_assert_uint_eq(ur, 0);
  ck_assert_uint_eq(rt_udivmod64(12345, 0, &ur), UINT64_MAX);
  ck_assert_uint_eq(ur, 12345);
  ck_assert_uint_eq(rt_udivmod64(UINT64_MAX, 0, &ur), UINT64_MAX);
  ck_assert_uint_eq(ur, UINT64_MAX);
  ck_assert_int_eq(rt_divmod64(-5, 0, &sr), -1);
  ck_assert_int_eq(sr, -5);
  ck_assert_int_eq(rt_divmod64(INT64_MIN, 0, &sr), -1);
  ck_assert_int_eq(sr, INT64_MIN);
  /* Overflow: INT64_MIN / -1 is INT64_MIN, remainder 0. */
  ck_assert_int_eq(rt_divmod64(INT64_MIN, -1, &sr), INT64_MIN);
  ck_assert_int_eq(sr, 0);
  /* The one-result wrappers agree. */
  ck_assert_uint_eq(rt_udiv64(100, 7), 14);
  ck_assert_uint_eq(rt_umod64(100, 7), 2);
  ck_assert_int_eq(rt_div64(-100, 7), -14);
  ck_assert_int_eq(rt_mod64(-100, 7), -2);
  ck_assert_uint_eq(rt_udiv64(1, 0), UINT64_MAX);
  ck_assert_int_eq(rt_mod64(INT64_MIN, -1), 0);
}
END_TEST

START_TEST(test_u64_to_s64) {
  ck_assert_int_eq(rt_u64_to_s64(0), 0);
  ck_assert_int_eq(rt_u64_to_s64((uint64_t)INT64_MAX), INT64_MAX);
  ck_assert_int_eq(rt_u64_to_s64(0x8000000000000000ull), INT64_MIN);
  ck_assert_int_eq(rt_u64_to_s64(UINT64_MAX), -1);
}
END_TEST

START_TEST(test_random) {
  uint64_t state = 0x05515e55eedull;
  for (int i = 0; i < RANDOM_ROUNDS; i++) {
    uint64_t n = random_operand(&state), d = random_operand(&state);
    if (d != 0) check_unsigned(n, d);
    int64_t sn = rt_u64_to_s64(n), sd = rt_u64_to_s64(d);
    if (next_random(&state) & 1) sn = rt_u64_to_s64(0 - (uint64_t)sn);
    if (next_random(&state) & 1) sd = rt_u64_to_s64(0 - (uint64_t)sd);
    if (sd != 0 && !(sn == INT64_MIN && sd == -1)) check_signed(sn, sd);
  }
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("guest_helpers");
  TCase *tc = tcase_create("divmod64");
  tcase_add_test(tc, test_clz);
  tcase_add_test(tc, test_unsigned_edges);
  tcase_add_test(tc, test_signed_edges);
  tcase_add_test(tc, test_sign_rules);
  tcase_add_test(tc, test_riscv_special_cases);
  tcase_add_test(tc, test_u64_to_s64);
  tcase_add_test(tc, test_random);
  suite_add_tcase(s, tc);
  return s;
}
