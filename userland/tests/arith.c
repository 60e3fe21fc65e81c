/*
 * arith: 64-bit arithmetic through the runtime's helpers (__udivdi3 and friends, reached
 * by plain `/` and `%` on 64-bit operands), the M extension's edge cases (executed as
 * single instructions through inline assembly, so the compiler cannot fold them), and
 * the printf conversions. The expected quotients were computed on the host (Python).
 */
#include "check.h"

/* The compiler must not see the operands: read them through volatiles. */
static volatile uint64_t opaque_u64;
static volatile int64_t opaque_s64;
static uint64_t hide_u64(uint64_t v) { return opaque_u64 = v, opaque_u64; }
static int64_t hide_s64(int64_t v) { return opaque_s64 = v, opaque_s64; }

/* Called directly for division by zero and INT64_MIN / -1, which C leaves undefined but
 * the helpers define as the M extension does. */
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

struct ucase {
  uint64_t n, d, q, r;
};
static const struct ucase ucases[] = {
    {0x0ull, 0x1ull, 0x0ull, 0x0ull},
    {0x1ull, 0x1ull, 0x1ull, 0x0ull},
    {0xffffffffffffffffull, 0x1ull, 0xffffffffffffffffull, 0x0ull},
    {0xffffffffffffffffull, 0xffffffffffffffffull, 0x1ull, 0x0ull},
    {0xffffffffffffffffull, 0x2ull, 0x7fffffffffffffffull, 0x1ull},
    {0xffffffffffffffffull, 0xffffffffull, 0x100000001ull, 0x0ull},
    {0xffffffffffffffffull, 0x100000000ull, 0xffffffffull, 0xffffffffull},
    {0x123456789abcdef0ull, 0x12345ull, 0x100005b00205ull, 0xa497ull},
    {0x123456789abcdef0ull, 0x100000001ull, 0x12345678ull, 0x88888878ull},
    {0xdda79f4dc1afa40ull, 0x3b800001ull, 0x3b9aca07ull, 0x3039ull},
    {0x5ull, 0x7ull, 0x0ull, 0x5ull},
    {0x8000000000000000ull, 0x3ull, 0x2aaaaaaaaaaaaaaaull, 0x2ull},
    {0xde0b6b3a7640000ull, 0x3b9aca07ull, 0x3b9ac9f9ull, 0x31ull},
    {0xffffffffull, 0x10ull, 0xfffffffull, 0xfull},
    {0xdeadbeefcafebabeull, 0xdeadbeefcafebabfull, 0x0ull, 0xdeadbeefcafebabeull},
    {0xdeadbeefcafebabeull, 0xdeadbeef0000ull, 0x10000ull, 0xcafebabeull},
};

struct scase {
  int64_t n, d, q, r;
};
static const struct scase scases[] = {
    {-7ll, 2ll, -3ll, -1ll},
    {7ll, -2ll, -3ll, 1ll},
    {-7ll, -2ll, 3ll, -1ll},
    {7ll, 2ll, 3ll, 1ll},
    {INT64_MIN, 1ll, INT64_MIN, 0ll},
    {INT64_MIN, 4294967296ll, -2147483648ll, 0ll},
    {-1ll, 9223372036854775807ll, 0ll, -1ll},
    {9223372036854775807ll, -3ll, -3074457345618258602ll, 1ll},
    {-1000000000000000ll, 7777777ll, -128571441ll, -3333343ll},
    {INT64_MIN, -4294967297ll, 2147483647ll, -2147483649ll},
    {123456789012345678ll, -987654321ll, -124999998ll, 862654320ll},
};

static void check_udiv(const struct ucase *c) {
  uint64_t n = hide_u64(c->n), d = hide_u64(c->d);
  uint64_t q = n / d, r = n % d;
  bool ok = q == c->q && r == c->r;
  printf("%s 0x%llx / 0x%llx = 0x%llx r 0x%llx\n", ok ? "ok  " : "FAIL", (unsigned long long)c->n,
         (unsigned long long)c->d, (unsigned long long)q, (unsigned long long)r);
  if (!ok) check_failures++;
}

static void check_sdiv(const struct scase *c) {
  int64_t n = hide_s64(c->n), d = hide_s64(c->d);
  int64_t q = n / d, r = n % d;
  bool ok = q == c->q && r == c->r;
  printf("%s %lld / %lld = %lld r %lld\n", ok ? "ok  " : "FAIL", (long long)c->n, (long long)c->d,
         (long long)q, (long long)r);
  if (!ok) check_failures++;
}

static void check_div64(void) {
  puts("-- 64-bit division (runtime helpers)");
  for (size_t i = 0; i < sizeof ucases / sizeof ucases[0]; i++)
    check_udiv(&ucases[i]);
  for (size_t i = 0; i < sizeof scases / sizeof scases[0]; i++)
    check_sdiv(&scases[i]);
  check_eq64("__udivdi3(5, 0)", __udivdi3(hide_u64(5), hide_u64(0)), UINT64_MAX);
  check_eq64("__umoddi3(5, 0)", __umoddi3(hide_u64(5), hide_u64(0)), 5);
  check_eq64("__divdi3(-5, 0)", (uint64_t)__divdi3(hide_s64(-5), hide_s64(0)), (uint64_t)-1);
  check_eq64("__moddi3(-5, 0)", (uint64_t)__moddi3(hide_s64(-5), hide_s64(0)), (uint64_t)-5);
  check_eq64("__divdi3(INT64_MIN, -1)", (uint64_t)__divdi3(hide_s64(INT64_MIN), hide_s64(-1)),
             (uint64_t)INT64_MIN);
  check_eq64("__moddi3(INT64_MIN, -1)", (uint64_t)__moddi3(hide_s64(INT64_MIN), hide_s64(-1)), 0);
}

static void check_mul64(void) {
  puts("-- 64-bit multiplication (mul, mulhu inline)");
  check_eq64("0x123456789 * 0x987654321", hide_u64(0x123456789ull) * hide_u64(0x987654321ull),
             0xd77d742cce1833a9ull);
  check_eq64("UINT64_MAX * UINT64_MAX", hide_u64(UINT64_MAX) * hide_u64(UINT64_MAX), 1);
  check_eq64("-3 * INT64_MAX (mod 2^64)", hide_u64((uint64_t)-3) * hide_u64(INT64_MAX),
             0x8000000000000003ull);
}

/* One M-extension instruction on two registers. */
#define RV_OP(insn, a, b)                                                                          \
  __extension__({                                                                                  \
    uint32_t r_;                                                                                   \
    __asm__ volatile(insn " %0, %1, %2" : "=r"(r_) : "r"((uint32_t)(a)), "r"((uint32_t)(b)));      \
    r_;                                                                                            \
  })

static void check_m_extension(void) {
  puts("-- M extension");
  check_eq("mul 0x12345678, 0x9abcdef0", RV_OP("mul", 0x12345678, 0x9abcdef0), 0x242d2080);
  check_eq("mulh INT32_MIN, INT32_MIN", RV_OP("mulh", 0x80000000, 0x80000000), 0x40000000);
  check_eq("mulh -1, 1", RV_OP("mulh", 0xffffffff, 1), 0xffffffff);
  check_eq("mulh INT32_MAX, INT32_MAX", RV_OP("mulh", 0x7fffffff, 0x7fffffff), 0x3fffffff);
  check_eq("mulhsu -1, 0xffffffff", RV_OP("mulhsu", 0xffffffff, 0xffffffff), 0xffffffff);
  check_eq("mulhsu INT32_MAX, 0xffffffff", RV_OP("mulhsu", 0x7fffffff, 0xffffffff), 0x7ffffffe);
  check_eq("mulhu 0xffffffff, 0xffffffff", RV_OP("mulhu", 0xffffffff, 0xffffffff), 0xfffffffe);
  check_eq("mulhu 0x12345678, 0x9abcdef0", RV_OP("mulhu", 0x12345678, 0x9abcdef0), 0x0b00ea4e);
  check_eq("div -7, 2", RV_OP("div", -7, 2), (uint32_t)-3);
  check_eq("div 7, -2", RV_OP("div", 7, -2), (uint32_t)-3);
  check_eq("div 5, 0", RV_OP("div", 5, 0), 0xffffffff);
  check_eq("div INT32_MIN, -1", RV_OP("div", 0x80000000, -1), 0x80000000);
  check_eq("divu 0xffffffff, 10", RV_OP("divu", 0xffffffff, 10), 0x19999999);
  check_eq("divu 7, 0", RV_OP("divu", 7, 0), 0xffffffff);
  check_eq("rem -7, 2", RV_OP("rem", -7, 2), (uint32_t)-1);
  check_eq("rem 7, -2", RV_OP("rem", 7, -2), 1);
  check_eq("rem 5, 0", RV_OP("rem", 5, 0), 5);
  check_eq("rem INT32_MIN, -1", RV_OP("rem", 0x80000000, -1), 0);
  check_eq("remu 0xffffffff, 10", RV_OP("remu", 0xffffffff, 10), 5);
  check_eq("remu 7, 0", RV_OP("remu", 7, 0), 7);
}

/* The formats print themselves between brackets; the .expected file holds the result. */
static void check_printf(void) {
  puts("-- printf");
  printf("[%d] [%i] [%u] [%d] [%u]\n", 42, -42, 42u, INT32_MIN, 0xffffffffu);
  printf("[%5d] [%-5d] [%05d] [%05d] [%1d]\n", 42, 42, 42, -42, 12345);
  printf("[%x] [%X] [%08x] [%-8x] [%x]\n", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu, 0u);
  printf("[%ld] [%lu] [%lx] [%zu]\n", -123456789l, 4000000000ul, 0xdeadbeeful, sizeof(uint64_t));
  printf("[%lld] [%llu] [%llx] [%020llu]\n", (long long)INT64_MIN, 18446744073709551615ull,
         0x0123456789abcdefull, 12345678901234567ull);
  printf("[%p] [%p]\n", (void *)0x80001234u, (void *)0);
  printf("[%s] [%8s] [%-8s] [%s]\n", "abc", "abc", "abc", (const char *)0);
  printf("[%c%c%c] [%3c] [%%] [%*d] [%-*d]\n", 'r', 'v', '3', 'x', 6, 42, 4, 7);
  char buf[8];
  int n = snprintf(buf, sizeof buf, "%s-%d", "abcdef", 123);
  check(n == 10 && !strcmp(buf, "abcdef-"), "snprintf truncates and counts (\"abcdef-\", 10)");
  check(snprintf(NULL, 0, "%d", 12345) == 5, "snprintf(NULL, 0) counts (5)");
}

int main(void) {
  check_div64();
  check_mul64();
  check_m_extension();
  check_printf();
  check_exit();
}
