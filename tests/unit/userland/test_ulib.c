/*
 * test_ulib: the portable core of the user C library (userland/lib/ulib.h), built for the
 * host: the printf engine checked against the host's snprintf, the string, character and
 * number functions against the host's, the K&R heap over a fake sbrk, getopt, and
 * strerror's table against abi/errno.h.
 */
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "runner.h"
#include "ulib.h"

/* splitmix64, for seeded pseudo-random sizes and orders. */
static uint64_t next_random(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* ---- formatting ---- */

/* SAME(fmt, args...): ulib_snprintf and the host's snprintf give the same text and count. */
#define SAME(...)                                                                                  \
  do {                                                                                             \
    char want_[256], got_[256];                                                                    \
    int wn_ = snprintf(want_, sizeof want_, __VA_ARGS__);                                          \
    int gn_ = ulib_snprintf(got_, sizeof got_, __VA_ARGS__);                                       \
    ck_assert_msg(strcmp(want_, got_) == 0 && wn_ == gn_, "%s: got \"%s\" (%d), want \"%s\" (%d)", \
                  #__VA_ARGS__, got_, gn_, want_, wn_);                                            \
  } while (0)

/* ulib_vsnprintf without a format attribute, for formats the compiler would refuse. */
static int unchecked(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = ulib_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

START_TEST(test_format_integers) {
  SAME("%d %d %d %d", 0, -1, INT_MIN, INT_MAX);
  SAME("%i|%u|%u", 42, 0u, UINT_MAX);
  SAME("%x %X %o %x", 0xdeadbeefu, 0xabcdefu, 0777u, 0u);
  SAME("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]", 42, 42, -42, 7, 7, -7);
  SAME("[%.3d] [%8.3d] [%-8.3x] [%.0d] [%5.0d]", 5, -5, 0xau, 0, 0);
  SAME("%ld %ld %lu %lx", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX);
  SAME("%lld %lld %llu %llx", LLONG_MIN, LLONG_MAX, ULLONG_MAX, 0x123456789abcdefull);
  SAME("%hhd %hhu %hd %hu", (signed char)-5, (unsigned char)250, (short)-300,
       (unsigned short)60000);
  char buf[64]; /* hh and h convert the int argument to char and short, as C says */
  unchecked(buf, sizeof buf, "%hhd %hhu %hd %hu", 200, 300, 40000, 70000);
  ck_assert_str_eq(buf, "-56 44 -25536 4464");
  SAME("%zu %zx", (size_t)SIZE_MAX, (size_t)12345);
  SAME("[%*d] [%*d] [%-*d]", 6, 1, -6, 2, 4, 3);
  SAME("[%.*d] [%.*d]", 4, 7, -1, 7);
}
END_TEST

START_TEST(test_format_strings) {
  SAME("[%s] [%10s] [%-10s] [%.2s] [%5.1s]", "abc", "abc", "abc", "abc", "abc");
  SAME("[%.*s] [%*s]", 3, "abcdef", -4, "x");
  SAME("[%c] [%3c] [%-3c] %%", 'a', 'b', 'c');
  SAME("no conversions at all");
  SAME("%s", "");

  char buf[64];
  ck_assert_int_eq(unchecked(buf, sizeof buf, "%s", (char *)NULL), 6);
  ck_assert_str_eq(buf, "(null)");
  unchecked(buf, sizeof buf, "[%08.3d]", 12); /* a precision turns the '0' flag off */
  ck_assert_str_eq(buf, "[     012]");
  ck_assert_int_eq(ulib_snprintf(buf, sizeof buf, "%p", (void *)0x1234),
                   2 + 2 * (int)sizeof(void *));
  ck_assert_str_eq(buf, sizeof(void *) == 8 ? "0x0000000000001234" : "0x00001234");
  /* a precision of a string need not find a NUL within it */
  char unterminated[3] = {'x', 'y', 'z'};
  ulib_snprintf(buf, sizeof buf, "%.3s|", unterminated);
  ck_assert_str_eq(buf, "xyz|");
}
END_TEST

START_TEST(test_format_unknown) {
  char buf[32];
  ck_assert_int_eq(unchecked(buf, sizeof buf, "a%yb"), 4);
  ck_assert_str_eq(buf, "a%yb");
  ck_assert_int_eq(unchecked(buf, sizeof buf, "end%"), 4);
  ck_assert_str_eq(buf, "end%");
}
END_TEST

/* Formats in xv6's dialect (struct ulib_out's xv6), as user/user.h's printf does. */
static void xv6_format(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  struct ulib_out o = {.buf = buf, .size = size - 1, .xv6 = 1};
  ulib_vformat(&o, fmt, ap);
  buf[o.len] = '\0';
  va_end(ap);
}

START_TEST(test_format_xv6) {
  char buf[128];
  uint64_t big = 12345678901ull;
  /* xv6's long is 64 bits: %ld, %lu, %lx (and ll) read 64-bit arguments */
  xv6_format(buf, sizeof buf, "%ld %lu %lx %lld|%d", (uint64_t)-5, big, 0xfedcba9876ull, big, 3);
  ck_assert_str_eq(buf, "-5 12345678901 fedcba9876 12345678901|3");
  /* a lone %l is a 64-bit unsigned decimal and takes nothing after it, even at the end */
  xv6_format(buf, sizeof buf, "%l bytes %l|%l", big, (uint64_t)0, (uint64_t)7);
  ck_assert_str_eq(buf, "12345678901 bytes 0|7");
  /* the rest as in C: ls's "%s %d %d %l" */
  xv6_format(buf, sizeof buf, "%s %d %d %l", "ls", 2, 45, (uint64_t)96032);
  ck_assert_str_eq(buf, "ls 2 45 96032");
}
END_TEST

START_TEST(test_format_truncation) {
  char buf[8];
  memset(buf, '#', sizeof buf);
  ck_assert_int_eq(ulib_snprintf(buf, 5, "hello %s", "world"), 11);
  ck_assert_str_eq(buf, "hell");
  ck_assert_int_eq(buf[5], '#'); /* nothing written past size */
  memset(buf, '#', sizeof buf);
  ck_assert_int_eq(ulib_snprintf(buf, 0, "abc"), 3);
  ck_assert_int_eq(buf[0], '#');
  ck_assert_int_eq(ulib_snprintf(buf, 1, "abc"), 3);
  ck_assert_str_eq(buf, "");
  ck_assert_int_eq(ulib_snprintf(buf, 4, "%d", 12345), 5);
  ck_assert_str_eq(buf, "123");
}
END_TEST

/* A flush target: everything flushed, in order, and how many flushes. */
struct sink {
  char text[4096];
  size_t len;
  int flushes;
};

static void sink_flush(void *ctx, const char *s, size_t n) {
  struct sink *k = ctx;
  ck_assert_uint_le(k->len + n, sizeof k->text - 1);
  memcpy(k->text + k->len, s, n);
  k->len += n;
  k->text[k->len] = '\0';
  k->flushes++;
}

static int format_to(struct ulib_out *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = ulib_vformat(o, fmt, ap);
  va_end(ap);
  return n;
}

START_TEST(test_format_flush) {
  /* Text much longer than the buffer goes out through flushes, in order, and whole. */
  static struct sink k;
  char small[4];
  struct ulib_out o = {.buf = small, .size = sizeof small, .flush = sink_flush, .ctx = &k};
  char want[4096];
  int wn =
      snprintf(want, sizeof want, "%s-%d-%20s-%x", "the quick brown fox", -123456, "pad", 0xbeefu);
  int n = format_to(&o, "%s-%d-%20s-%x", "the quick brown fox", -123456, "pad", 0xbeefu);
  ulib_out_flush(&o);
  ck_assert_int_eq(n, wn);
  ck_assert_str_eq(k.text, want);
  ck_assert_int_ge(k.flushes, wn / 4);
  /* a second call on the same out counts only its own characters */
  ck_assert_int_eq(format_to(&o, "%d", 7), 1);
  ulib_out_flush(&o);
  ck_assert_uint_eq(k.len, (size_t)wn + 1);
  ulib_out_flush(&o); /* nothing buffered: no flush */
  int before = k.flushes;
  ulib_out_flush(&o);
  ck_assert_int_eq(k.flushes, before);
}
END_TEST

/* ---- strings ---- */

static int sign(int v) { return (v > 0) - (v < 0); }

START_TEST(test_strings) {
  char buf[32];
  ck_assert_ptr_eq(ulib_strcpy(buf, "hello"), buf);
  ck_assert_str_eq(buf, "hello");
  ck_assert_ptr_eq(ulib_strcat(buf, ", world"), buf);
  ck_assert_str_eq(buf, "hello, world");
  ck_assert_uint_eq(ulib_strlen(buf), 12);
  ck_assert_uint_eq(ulib_strlen(""), 0);

  memset(buf, '#', sizeof buf); /* strncpy pads with NULs, and does not terminate */
  ulib_strncpy(buf, "ab", 5);
  ck_assert_mem_eq(buf, "ab\0\0\0#", 6);
  ulib_strncpy(buf, "abcdefgh", 3);
  ck_assert_mem_eq(buf, "abc\0", 4);

  const char *s = "a/b/c";
  ck_assert_ptr_eq(ulib_strchr(s, '/'), s + 1);
  ck_assert_ptr_eq(ulib_strrchr(s, '/'), s + 3);
  ck_assert_ptr_eq(ulib_strchr(s, 'x'), NULL);
  ck_assert_ptr_eq(ulib_strrchr(s, 'x'), NULL);
  ck_assert_ptr_eq(ulib_strchr(s, '\0'), s + 5);
  ck_assert_ptr_eq(ulib_strrchr(s, '\0'), s + 5);

  static const char *pairs[][2] = {{"abc", "abc"}, {"abc", "abd"}, {"abd", "abc"},
                                   {"ab", "abc"},  {"abc", "ab"},  {"", ""},
                                   {"", "a"},      {"\x80", "a"},  {"a", "\xff"}};
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    const char *a = pairs[i][0], *b = pairs[i][1];
    ck_assert_int_eq(sign(ulib_strcmp(a, b)), sign(strcmp(a, b)));
    for (size_t n = 0; n < 5; n++)
      ck_assert_int_eq(sign(ulib_strncmp(a, b, n)), sign(strncmp(a, b, n)));
  }

  const char *hay = "abcabcabd";
  ck_assert_ptr_eq(ulib_strstr(hay, "abd"), hay + 6);
  ck_assert_ptr_eq(ulib_strstr(hay, "bca"), hay + 1);
  ck_assert_ptr_eq(ulib_strstr(hay, "abe"), NULL);
  ck_assert_ptr_eq(ulib_strstr(hay, ""), hay);
  ck_assert_ptr_eq(ulib_strstr("", ""), strstr("", ""));
  ck_assert_ptr_eq(ulib_strstr("ab", "abc"), NULL);
}
END_TEST

START_TEST(test_memory) {
  char a[16] = "0123456789", b[16];
  ck_assert_ptr_eq(ulib_memcpy(b, a, 11), b);
  ck_assert_str_eq(b, "0123456789");
  ulib_memmove(a + 2, a, 5); /* overlapping, upward */
  ck_assert_str_eq(a, "0101234789");
  ulib_memmove(a, a + 3, 5); /* overlapping, downward */
  ck_assert_str_eq(a, "1234734789");
  ck_assert_ptr_eq(ulib_memset(b, 'z', 3), b);
  ck_assert_mem_eq(b, "zzz3", 4);
  ck_assert_int_eq(ulib_memcmp("abc", "abc", 3), 0);
  ck_assert_int_lt(ulib_memcmp("abc", "abd", 3), 0);
  ck_assert_int_gt(ulib_memcmp("\xff", "\x01", 1), 0); /* bytes compare unsigned */
  ck_assert_int_eq(ulib_memcmp("abc", "xyz", 0), 0);
}
END_TEST

START_TEST(test_ctype) {
  /* Every byte and EOF against the host's "C" locale. */
  for (int c = -1; c < 256; c++) {
    ck_assert_int_eq(!!ulib_isdigit(c), !!isdigit(c));
    ck_assert_int_eq(!!ulib_isxdigit(c), !!isxdigit(c));
    ck_assert_int_eq(!!ulib_isalpha(c), !!isalpha(c));
    ck_assert_int_eq(!!ulib_isalnum(c), !!isalnum(c));
    ck_assert_int_eq(!!ulib_isupper(c), !!isupper(c));
    ck_assert_int_eq(!!ulib_islower(c), !!islower(c));
    ck_assert_int_eq(!!ulib_isspace(c), !!isspace(c));
    ck_assert_int_eq(!!ulib_isprint(c), !!isprint(c));
    ck_assert_int_eq(!!ulib_ispunct(c), !!ispunct(c));
    ck_assert_int_eq(ulib_toupper(c), toupper(c));
    ck_assert_int_eq(ulib_tolower(c), tolower(c));
  }
}
END_TEST

/* ---- numbers ---- */

START_TEST(test_strtol) {
  static const struct {
    const char *s;
    int base;
  } cases[] = {
      /* clang-format off */
      {"42", 10},    {"  -17xyz", 10}, {"+5", 10},  {"0x1f", 0},       {"0X1F", 16},
      {"1f", 16},    {"017", 0},       {"08", 0},   {"0", 0},          {"z", 36},
      {"1012", 2},   {"0x", 0},        {"0xg", 16}, {"abc", 10},       {"   ", 10},
      {"", 10},      {"-", 10},        {"- 1", 10}, {"\t\n 99", 10},   {"9223372036854775807", 10},
      {"9223372036854775808", 10},     {"-9223372036854775808", 10},   {"-9223372036854775809", 10},
      {"99999999999999999999999", 0},  {"-0x8000000000000000", 0},     {"7fffffffffffffff", 16},
      /* clang-format on */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *s = cases[i].s;
    char *want_end, *got_end;
    int overflow;
    errno = 0;
    long want = strtol(s, &want_end, cases[i].base);
    int want_overflow = errno == ERANGE;
    long got = ulib_strtol(s, &got_end, cases[i].base, &overflow);
    ck_assert_msg(got == want, "strtol(\"%s\", %d): got %ld, want %ld", s, cases[i].base, got,
                  want);
    ck_assert_msg(got_end == want_end, "strtol(\"%s\", %d): end at %td, want %td", s, cases[i].base,
                  got_end - s, want_end - s);
    ck_assert_int_eq(overflow, want_overflow);
  }
  ck_assert_int_eq(ulib_strtol("123", NULL, 10, NULL), 123); /* end and overflow optional */
  char *end;
  const char *s = "12";
  ck_assert_int_eq(ulib_strtol(s, &end, 1, NULL), 0); /* a bad base: nothing read */
  ck_assert_ptr_eq(end, s);
  ck_assert_int_eq(ulib_strtol(s, &end, 37, NULL), 0);
  ck_assert_ptr_eq(end, s);
}
END_TEST

START_TEST(test_atoi) {
  ck_assert_int_eq(ulib_atoi("123abc"), 123);
  ck_assert_int_eq(ulib_atoi("  -45"), -45);
  ck_assert_int_eq(ulib_atoi("+7"), 7);
  ck_assert_int_eq(ulib_atoi(""), 0);
  ck_assert_int_eq(ulib_atoi("x1"), 0);
  ck_assert_int_eq(ulib_atoi("2147483647"), INT_MAX);
  ck_assert_int_eq(ulib_atoi("99999999999"), INT_MAX); /* clamped, not wrapped */
  ck_assert_int_eq(ulib_atoi("-99999999999"), INT_MIN);
}
END_TEST

/* ---- the heap, over a fake sbrk ---- */

/* True if p[0..n) all hold c. (Check's assertions are too slow for every byte.) */
static int all_are(const unsigned char *p, size_t n, unsigned char c) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != c) return 0;
  return 1;
}

#define ARENA_SIZE (1u << 20)

/* A fake sbrk: hands out consecutive pieces of a static arena until it is used up. */
struct arena {
  _Alignas(16) unsigned char mem[ARENA_SIZE];
  size_t used;
  int calls;
};

static void *arena_more(void *ctx, size_t n) {
  struct arena *a = ctx;
  a->calls++;
  if (n > ARENA_SIZE - a->used) return NULL;
  void *p = a->mem + a->used;
  a->used += n;
  return p;
}

static struct arena arena;
static struct ulib_heap heap;

static void heap_setup(void) {
  arena.used = 0;
  arena.calls = 0;
  memset(&heap, 0, sizeof heap);
  heap.more = arena_more;
  heap.ctx = &arena;
}

/* True if p..p+n lies inside the arena. */
static int in_arena(const void *p, size_t n) {
  const unsigned char *c = p;
  return c >= arena.mem && c + n <= arena.mem + arena.used;
}

START_TEST(test_malloc_basic) {
  heap_setup();
  char *a = ulib_malloc(&heap, 100), *b = ulib_malloc(&heap, 200), *c = ulib_malloc(&heap, 1);
  ck_assert(a && b && c);
  ck_assert(in_arena(a, 100) && in_arena(b, 200) && in_arena(c, 1));
  ck_assert_uint_eq((uintptr_t)a % 8, 0);
  ck_assert_uint_eq((uintptr_t)b % 8, 0);
  ck_assert_uint_eq((uintptr_t)c % 8, 0);
  /* no overlap */
  memset(a, 'a', 100);
  memset(b, 'b', 200);
  memset(c, 'c', 1);
  ck_assert(all_are((unsigned char *)a, 100, 'a'));
  ck_assert(all_are((unsigned char *)b, 200, 'b'));
  ck_assert_int_eq(c[0], 'c');
  /* the first call took one big piece; these fit in it */
  ck_assert_int_eq(arena.calls, 1);
  ulib_free(&heap, b);
  char *d = ulib_malloc(&heap, 150); /* fits where b was */
  ck_assert_ptr_nonnull(d);
  ck_assert_int_eq(arena.calls, 1);
  ulib_free(&heap, NULL); /* allowed, and nothing happens */
  ulib_free(&heap, a);
  ulib_free(&heap, c);
  ulib_free(&heap, d);
}
END_TEST

START_TEST(test_malloc_coalesce) {
  /* Fill the arena with blocks, free them all in a scrambled order: the free list must
   * merge them back into one block that holds the whole arena. */
  heap_setup();
  enum { N = 2000 };
  static void *blocks[N];
  uint64_t rng = 42;
  int n = 0;
  for (; n < N; n++) {
    blocks[n] = ulib_malloc(&heap, 1 + next_random(&rng) % 1000);
    if (!blocks[n]) break;
  }
  ck_assert_int_gt(n, 100);
  for (int i = n - 1; i > 0; i--) { /* shuffle */
    int j = (int)(next_random(&rng) % (uint64_t)(i + 1));
    void *t = blocks[i];
    blocks[i] = blocks[j];
    blocks[j] = t;
  }
  for (int i = 0; i < n; i++)
    ulib_free(&heap, blocks[i]);
  int calls = arena.calls;
  size_t unit = sizeof(union ulib_header);
  size_t whole = arena.used - unit; /* one block, less its header */
  void *big = ulib_malloc(&heap, whole);
  ck_assert_ptr_eq(big, arena.mem + unit);
  ck_assert_int_eq(arena.calls, calls); /* without asking for more */
  ulib_free(&heap, big);
}
END_TEST

START_TEST(test_malloc_exhaustion) {
  heap_setup();
  ck_assert_ptr_null(ulib_malloc(&heap, 2 * ARENA_SIZE));
  ck_assert_ptr_null(ulib_malloc(&heap, SIZE_MAX));
  ck_assert_ptr_null(ulib_malloc(&heap, SIZE_MAX - 8));
  ck_assert_ptr_null(ulib_malloc(&heap, SIZE_MAX / 2));
  void *p = ulib_malloc(&heap, 1000); /* small ones still work */
  ck_assert_ptr_nonnull(p);
  /* take everything, in 10 KiB blocks, then one more fails cleanly */
  int n = 0;
  while (ulib_malloc(&heap, 10240))
    n++;
  ck_assert_int_gt(n, 90);
  ck_assert_ptr_null(ulib_malloc(&heap, 10240));
  ulib_free(&heap, p);
  ck_assert_ptr_nonnull(ulib_malloc(&heap, 900)); /* p's space comes back */
}
END_TEST

START_TEST(test_realloc_calloc) {
  heap_setup();
  char *p = ulib_realloc(&heap, NULL, 10); /* realloc(NULL) is malloc */
  ck_assert_ptr_nonnull(p);
  memcpy(p, "0123456789", 10);
  char *q = ulib_realloc(&heap, p, 5); /* shrinking keeps the block */
  ck_assert_ptr_eq(q, p);
  ulib_malloc(&heap, 16); /* something after it, so growing must move */
  q = ulib_realloc(&heap, p, 5000);
  ck_assert_ptr_nonnull(q);
  ck_assert_mem_eq(q, "0123456789", 10);
  ck_assert_ptr_null(ulib_realloc(&heap, q, 0)); /* realloc(p, 0) frees */
  char *r = ulib_malloc(&heap, 2 * ARENA_SIZE);
  ck_assert_ptr_null(r);
  p = ulib_malloc(&heap, 64);
  memset(p, 'x', 64);
  ck_assert_ptr_null(ulib_realloc(&heap, p, 2 * ARENA_SIZE)); /* failure keeps the old block */
  ck_assert(all_are((unsigned char *)p, 64, 'x'));
  ulib_free(&heap, p);

  char *d = ulib_malloc(&heap, 4000); /* dirty memory, freed, then calloc'd: zero */
  memset(d, 0xaa, 4000);
  ulib_free(&heap, d);
  unsigned char *z = ulib_calloc(&heap, 1000, 4);
  ck_assert_ptr_nonnull(z);
  ck_assert(all_are(z, 4000, 0));
  ck_assert_ptr_null(ulib_calloc(&heap, SIZE_MAX / 2, 3)); /* nmemb * size overflows */
  ck_assert_ptr_null(ulib_calloc(&heap, 3, SIZE_MAX / 2));
}
END_TEST

START_TEST(test_malloc_random) {
  /* Random malloc/free/realloc with each block filled with its own byte, checked before
   * every change: no block may overlap another or lose its contents. */
  heap_setup();
  enum { SLOTS = 64, ROUNDS = 20000 };
  static unsigned char *ptr[SLOTS];
  static size_t len[SLOTS];
  memset(ptr, 0, sizeof ptr);
  uint64_t rng = 7;
  for (int round = 0; round < ROUNDS; round++) {
    int s = (int)(next_random(&rng) % SLOTS);
    if (ptr[s])
      ck_assert_msg(all_are(ptr[s], len[s], (unsigned char)s), "round %d: block %d corrupted",
                    round, s);
    size_t n = 1 + next_random(&rng) % (next_random(&rng) % 2 ? 64 : 4096);
    switch (next_random(&rng) % 3) {
    case 0:
      ulib_free(&heap, ptr[s]);
      ptr[s] = NULL;
      break;
    case 1:
      ulib_free(&heap, ptr[s]);
      ptr[s] = ulib_malloc(&heap, n);
      len[s] = n;
      break;
    default: {
      unsigned char *q = ulib_realloc(&heap, ptr[s], n);
      if (!q) continue; /* out of memory: the old block stays */
      if (ptr[s]) ck_assert(all_are(q, n < len[s] ? n : len[s], (unsigned char)s));
      ptr[s] = q;
      len[s] = n;
      break;
    }
    }
    if (ptr[s]) {
      ck_assert(in_arena(ptr[s], len[s]));
      memset(ptr[s], s, len[s]);
    }
  }
}
END_TEST

/* ---- getopt ---- */

START_TEST(test_getopt) {
  char *argv[] = {"prog", "-a", "-b", "val", "-cbX", "file", "-a", NULL};
  int argc = 7;
  struct ulib_getopt g = {.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), 'a');
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), 'b');
  ck_assert_str_eq(g.optarg, "val");
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), 'c');
  ck_assert_int_eq(g.optind, 4); /* still inside -cbX */
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), 'b');
  ck_assert_str_eq(g.optarg, "X");
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), -1); /* "file": options end */
  ck_assert_int_eq(g.optind, 5);
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), -1); /* and stay ended */

  g = (struct ulib_getopt){0}; /* optind 0: from the start */
  ck_assert_int_eq(ulib_getopt(&g, argc, argv, "ab:c"), 'a');
  ck_assert_int_eq(g.optind, 2);
}
END_TEST

START_TEST(test_getopt_ends) {
  char *a1[] = {"prog", "-a", "--", "-b", NULL};
  struct ulib_getopt g = {.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 4, a1, "ab"), 'a');
  ck_assert_int_eq(ulib_getopt(&g, 4, a1, "ab"), -1);
  ck_assert_int_eq(g.optind, 3); /* past the "--" */

  char *a2[] = {"prog", "-", "-a", NULL}; /* "-" is an operand */
  g = (struct ulib_getopt){.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 3, a2, "a"), -1);
  ck_assert_int_eq(g.optind, 1);

  char *a3[] = {"prog", NULL};
  g = (struct ulib_getopt){.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 1, a3, "a"), -1);
  ck_assert_int_eq(g.optind, 1);

  char *a4[] = {"prog", "-n", "-a", NULL}; /* an argument may start with '-' */
  g = (struct ulib_getopt){.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 3, a4, "n:a"), 'n');
  ck_assert_str_eq(g.optarg, "-a");
  ck_assert_int_eq(ulib_getopt(&g, 3, a4, "n:a"), -1);
}
END_TEST

START_TEST(test_getopt_errors) {
  char *a1[] = {"prog", "-axc", NULL};
  struct ulib_getopt g = {.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 2, a1, "ac"), 'a');
  ck_assert_int_eq(ulib_getopt(&g, 2, a1, "ac"), '?');
  ck_assert_int_eq(g.error, ULIB_GETOPT_UNKNOWN);
  ck_assert_int_eq(g.optopt, 'x');
  ck_assert_int_eq(ulib_getopt(&g, 2, a1, "ac"), 'c');
  ck_assert_int_eq(g.error, ULIB_GETOPT_OK);
  ck_assert_int_eq(ulib_getopt(&g, 2, a1, "ac"), -1);

  char *a2[] = {"prog", "-b", NULL};
  g = (struct ulib_getopt){.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 2, a2, "b:"), '?');
  ck_assert_int_eq(g.error, ULIB_GETOPT_NOARG);
  ck_assert_int_eq(g.optopt, 'b');
  ck_assert_int_eq(g.optind, 2);
  g = (struct ulib_getopt){.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 2, a2, ":b:"), ':'); /* a leading ':' asks for ':' */

  char *a3[] = {"prog", "-:", NULL}; /* ':' is never an option */
  g = (struct ulib_getopt){.optind = 1};
  ck_assert_int_eq(ulib_getopt(&g, 2, a3, "a:"), '?');
  ck_assert_int_eq(g.optopt, ':');
}
END_TEST

/* ---- strerror ---- */

START_TEST(test_strerror) {
  static const int numbers[] = {
      OSSIM_EPERM,        OSSIM_ENOENT, OSSIM_ESRCH,     OSSIM_EINTR,  OSSIM_EIO,     OSSIM_E2BIG,
      OSSIM_ENOEXEC,      OSSIM_EBADF,  OSSIM_ECHILD,    OSSIM_EAGAIN, OSSIM_ENOMEM,  OSSIM_EACCES,
      OSSIM_EFAULT,       OSSIM_EBUSY,  OSSIM_EEXIST,    OSSIM_EXDEV,  OSSIM_ENODEV,  OSSIM_ENOTDIR,
      OSSIM_EISDIR,       OSSIM_EINVAL, OSSIM_ENFILE,    OSSIM_EMFILE, OSSIM_ENOTTY,  OSSIM_EFBIG,
      OSSIM_ENOSPC,       OSSIM_ESPIPE, OSSIM_EROFS,     OSSIM_EMLINK, OSSIM_EPIPE,   OSSIM_ERANGE,
      OSSIM_ENAMETOOLONG, OSSIM_ENOSYS, OSSIM_ENOTEMPTY, OSSIM_ELOOP,  OSSIM_ENOTSUP, OSSIM_EUCLEAN,
  };
  size_t n = sizeof numbers / sizeof numbers[0];
  for (size_t i = 0; i < n; i++) {
    const char *m = ulib_strerror(numbers[i]);
    ck_assert_str_ne(m, "unknown error");
    ck_assert_ptr_eq(ulib_strerror(-numbers[i]), m); /* either sign */
    /* each its own message */
    for (size_t j = 0; j < i; j++)
      ck_assert_str_ne(m, ulib_strerror(numbers[j]));
  }
  ck_assert_str_eq(ulib_strerror(-OSSIM_ENOENT), "no such file or directory");
  ck_assert_str_eq(ulib_strerror(0), "success");
  ck_assert_str_eq(ulib_strerror(6), "unknown error"); /* a gap in the numbers */
  ck_assert_str_eq(ulib_strerror(1000), "unknown error");
  ck_assert_str_eq(ulib_strerror(INT_MIN), "unknown error");
  ck_assert_str_eq(ulib_strerror(INT_MAX), "unknown error");
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("ulib");
  TCase *tc = tcase_create("format");
  tcase_add_test(tc, test_format_integers);
  tcase_add_test(tc, test_format_strings);
  tcase_add_test(tc, test_format_unknown);
  tcase_add_test(tc, test_format_xv6);
  tcase_add_test(tc, test_format_truncation);
  tcase_add_test(tc, test_format_flush);
  suite_add_tcase(s, tc);
  tc = tcase_create("strings");
  tcase_add_test(tc, test_strings);
  tcase_add_test(tc, test_memory);
  tcase_add_test(tc, test_ctype);
  tcase_add_test(tc, test_strtol);
  tcase_add_test(tc, test_atoi);
  suite_add_tcase(s, tc);
  tc = tcase_create("malloc");
  tcase_add_test(tc, test_malloc_basic);
  tcase_add_test(tc, test_malloc_coalesce);
  tcase_add_test(tc, test_malloc_exhaustion);
  tcase_add_test(tc, test_realloc_calloc);
  tcase_add_test(tc, test_malloc_random);
  suite_add_tcase(s, tc);
  tc = tcase_create("getopt");
  tcase_add_test(tc, test_getopt);
  tcase_add_test(tc, test_getopt_ends);
  tcase_add_test(tc, test_getopt_errors);
  suite_add_tcase(s, tc);
  tc = tcase_create("strerror");
  tcase_add_test(tc, test_strerror);
  suite_add_tcase(s, tc);
  return s;
}
