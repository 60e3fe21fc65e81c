/*
 * uthreadtest: user-level threads (uthread.h) checked from inside. Three threads take turns
 * ROUNDS times each, yielding after every turn; each keeps twelve running sums live across
 * its yields, which a compiler keeps in the callee-saved registers s0..s11, so a switch that
 * loses one of them shows as a wrong sum. Prints "uthreadtest: ok" and exits 0, or says
 * what went wrong and exits 1.
 */
#include <uthread.h>

#include "user.h"

#define NTHREADS 3
#define ROUNDS 50

static int order[NTHREADS * ROUNDS], norder; /* which thread had each turn */
static uint32_t result[NTHREADS + 1];
static int finished;

/* Twelve running sums, all live across every yield (with yield set), folded
 * into one number. */
static uint32_t sums(uint32_t id, int yield) {
  /* Every thread's sums differ from the start: a register that comes back holding another
   * thread's value shows. */
  uint32_t a = id, b = id, c = id, d = id, e = id, f = id, g = id, h = id, i = id, j = id, k = id,
           l = id;
  for (uint32_t r = 1; r <= ROUNDS; r++) {
    /* Each sum feeds the next, so no compiler can fold one into a closed form. */
    a = a * 33 + r, b = b * 5 ^ a, c = c * 7 + b, d = d * 9 ^ c, e = e * 11 + d;
    f = f * 13 ^ e, g = g * 15 + f, h = h * 17 ^ g, i = i * 19 + h, j = j * 21 ^ i;
    k = k * 23 + j, l = l * 25 ^ k;
    if (!yield) continue;
    order[norder++] = uthread_self();
    uthread_yield();
  }
  return a ^ b * 3 ^ c * 5 ^ d * 7 ^ e * 11 ^ f * 13 ^ g * 17 ^ h * 19 ^ i * 23 ^ j * 29 ^ k * 31 ^
         l * 37;
}

static void worker(void *arg) {
  uint32_t id = (uint32_t)(uintptr_t)arg;
  result[id] = sums(id, 1);
  finished++;
}

int main(void) {
  for (uintptr_t t = 1; t <= NTHREADS; t++)
    if (uthread_create(worker, (void *)t) != (int)t) {
      printf("uthreadtest: uthread_create failed\n");
      return 1;
    }
  while (finished < NTHREADS)
    uthread_yield();
  for (int n = 0; n < norder; n++)
    if (order[n] != n % NTHREADS + 1) {
      printf("uthreadtest: turn %d went to thread %d, not %d (round robin)\n", n, order[n],
             n % NTHREADS + 1);
      return 1;
    }
  for (uint32_t t = 1; t <= NTHREADS; t++)
    if (result[t] != sums(t, 0)) {
      printf("uthreadtest: thread %u's sums are wrong: a register was lost in a switch\n", t);
      return 1;
    }
  printf("uthreadtest: ok (%d threads, %d turns)\n", NTHREADS, norder);
  return 0;
}
