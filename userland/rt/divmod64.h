/*
 * divmod64: 64-bit division and remainder built from 32-bit operations, for RV32 guests,
 * whose M extension divides only 32-bit numbers. clang turns a 64-bit `/` or `%` into a
 * call to __udivdi3, __divdi3, __umoddi3 or __moddi3; helpers.c defines those with the
 * functions here.
 *
 * Everything is `static inline` and portable C, so that the host can test the arithmetic
 * against its own 64-bit division (tests/test_guest_helpers.c). The code must never use a
 * 64-bit `/` or `%` itself: on the guest that would call back into the helpers.
 *
 * Division by zero and overflow follow the RISC-V M extension rather than C (where they
 * are undefined): x / 0 gives all ones (-1 signed) with remainder x, and INT64_MIN / -1
 * gives INT64_MIN with remainder 0.
 *
 * Not for: speed records. The general case is a shift-and-subtract loop of at most 64
 * steps; only numerators below 2^32 take the hardware divider.
 */
#ifndef OSSIM_RT_DIVMOD64_H
#define OSSIM_RT_DIVMOD64_H

#include <stdint.h>

/* Leading zero bits of x, which must not be 0. (Not __builtin_clz: without Zbb, clang
 * calls __clzsi2 for it, which the runtime does not have.) */
static inline unsigned rt_clz32(uint32_t x) {
  unsigned n = 0;
  if (!(x & 0xffff0000u)) {
    n += 16;
    x <<= 16;
  }
  if (!(x & 0xff000000u)) {
    n += 8;
    x <<= 8;
  }
  if (!(x & 0xf0000000u)) {
    n += 4;
    x <<= 4;
  }
  if (!(x & 0xc0000000u)) {
    n += 2;
    x <<= 2;
  }
  if (!(x & 0x80000000u)) n += 1;
  return n;
}

/* Leading zero bits of x, which must not be 0. */
static inline unsigned rt_clz64(uint64_t x) {
  uint32_t hi = (uint32_t)(x >> 32);
  return hi ? rt_clz32(hi) : 32 + rt_clz32((uint32_t)x);
}

/* n / d, with n % d in *rem. d == 0 gives UINT64_MAX and remainder n. */
static inline uint64_t rt_udivmod64(uint64_t n, uint64_t d, uint64_t *rem) {
  if (d == 0) {
    *rem = n;
    return UINT64_MAX;
  }
  if (n < d) {
    *rem = n;
    return 0;
  }
  if ((n >> 32) == 0) { /* then d < 2^32 too, since d <= n */
    uint32_t n32 = (uint32_t)n, d32 = (uint32_t)d;
    *rem = n32 % d32;
    return n32 / d32;
  }
  /* Restoring division: line d's top bit up with n's, then one quotient bit per step. */
  unsigned shift = rt_clz64(d) - rt_clz64(n); /* d <= n, so 0 <= shift <= 63 */
  uint64_t q = 0;
  d <<= shift;
  for (unsigned i = 0; i <= shift; i++) {
    q <<= 1;
    if (n >= d) {
      n -= d;
      q |= 1;
    }
    d >>= 1;
  }
  *rem = n;
  return q;
}

/* The int64_t whose two's-complement bits are x, without C's implementation-defined
 * conversion of out-of-range values. */
static inline int64_t rt_u64_to_s64(uint64_t x) {
  return x <= (uint64_t)INT64_MAX ? (int64_t)x : -(int64_t)~x - 1;
}

/* n / d truncated toward zero, with the remainder (the sign of n) in *rem. */
static inline int64_t rt_divmod64(int64_t n, int64_t d, int64_t *rem) {
  uint64_t un = n < 0 ? 0 - (uint64_t)n : (uint64_t)n;
  uint64_t ud = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
  uint64_t ur;
  uint64_t uq = rt_udivmod64(un, ud, &ur);
  if (d == 0) {
    *rem = n;
    return -1;
  }
  if ((n < 0) != (d < 0)) uq = 0 - uq;
  if (n < 0) ur = 0 - ur;
  *rem = rt_u64_to_s64(ur);
  return rt_u64_to_s64(uq);
}

static inline uint64_t rt_udiv64(uint64_t n, uint64_t d) {
  uint64_t r;
  return rt_udivmod64(n, d, &r);
}
static inline uint64_t rt_umod64(uint64_t n, uint64_t d) {
  uint64_t r;
  rt_udivmod64(n, d, &r);
  return r;
}
static inline int64_t rt_div64(int64_t n, int64_t d) {
  int64_t r;
  return rt_divmod64(n, d, &r);
}
static inline int64_t rt_mod64(int64_t n, int64_t d) {
  int64_t r;
  rt_divmod64(n, d, &r);
  return r;
}

#endif
