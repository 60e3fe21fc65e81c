/*
 * test_context: mono's kernel contexts (kernels/mono/context.c) without a kernel: a fresh
 * context starts on an aligned stack, values the caller keeps in registers survive a
 * switch, and switches among several contexts resume each where it stopped.
 */
#include <check.h>
#include <stdalign.h>
#include <stdint.h>

#include "context.h"
#include "runner.h"

#define ROUNDS 1000

/* The host's own context and two made ones, and what they record. */
struct world {
  struct context host, a, b;
  int trace[3 * ROUNDS + 1];
  int n;
  uintptr_t misaligned; /* a local of a fresh context that was not 16-aligned */
};

/* A: checks its stack's alignment, then each round records 1 and passes to B. */
static void run_a(void *arg) {
  struct world *w = arg;
  alignas(16) volatile char probe[16] = {0};
  if ((uintptr_t)probe % 16) w->misaligned = (uintptr_t)probe;
  for (;;) {
    w->trace[w->n++] = 1;
    swtch(&w->a, &w->b);
  }
}

/* B: each round records 2 and returns to the host. */
static void run_b(void *arg) {
  struct world *w = arg;
  for (;;) {
    w->trace[w->n++] = 2;
    swtch(&w->b, &w->host);
  }
}

START_TEST(test_round_robin) {
  static struct world w; /* static: the trace is large for a test's stack */
  ck_assert_int_eq(context_init(&w.a, run_a, &w), 0);
  ck_assert_int_eq(context_init(&w.b, run_b, &w), 0);
  /* Mixed values live across each switch: the compiler keeps some in callee-saved
   * registers, which a switch must give back as they were. */
  uint64_t x = 0x9e3779b97f4a7c15u, y = 1;
  uint32_t z = 7;
  for (int r = 0; r < ROUNDS; r++) {
    w.trace[w.n++] = 0;
    swtch(&w.host, &w.a);
    x = x * 6364136223846793005u + 1442695040888963407u;
    y += x >> 33;
    z ^= (uint32_t)y;
  }
  ck_assert_int_eq(w.n, 3 * ROUNDS);
  for (int i = 0; i < w.n; i++)
    ck_assert_int_eq(w.trace[i], i % 3);
  ck_assert_uint_eq(w.misaligned, 0);
  /* The same arithmetic without switches must agree. */
  uint64_t x2 = 0x9e3779b97f4a7c15u, y2 = 1;
  uint32_t z2 = 7;
  for (int r = 0; r < ROUNDS; r++) {
    x2 = x2 * 6364136223846793005u + 1442695040888963407u;
    y2 += x2 >> 33;
    z2 ^= (uint32_t)y2;
  }
  ck_assert(x == x2 && y == y2 && z == z2);
  context_free(&w.a);
  context_free(&w.b);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("context");
  TCase *tc = tcase_create("switch");
  tcase_add_test(tc, test_round_robin);
  suite_add_tcase(s, tc);
  return s;
}
