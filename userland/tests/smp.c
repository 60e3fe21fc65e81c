/*
 * smp: run with --cpus 4. Every hart adds 1 to a shared counter 1000 times with
 * amoadd.w; the harts other than 0 (started by crt0 through hart_main) then check in, and
 * hart 0 waits for them all and prints the total, which must be 4000: no increment lost.
 */
#include "check.h"

#define HARTS 4
#define ADDS 1000
/* Spins hart 0 allows before deciding the others will never check in. */
#define WAIT_LIMIT 100000000u

static volatile uint32_t counter, finished, seen_mask;

static void amoadd(volatile uint32_t *p, uint32_t v) {
  __asm__ volatile("amoadd.w zero, %1, (%0)" ::"r"(p), "r"(v) : "memory");
}
static void amoor(volatile uint32_t *p, uint32_t v) {
  __asm__ volatile("amoor.w zero, %1, (%0)" ::"r"(p), "r"(v) : "memory");
}

static void work(int hart) {
  amoor(&seen_mask, 1u << hart);
  for (int i = 0; i < ADDS; i++)
    amoadd(&counter, 1);
}

int hart_main(int hart) {
  work(hart);
  amoadd(&finished, 1);
  return 0;
}

int main(void) {
  work(0);
  uint32_t spins = 0;
  while (finished < HARTS - 1 && spins < WAIT_LIMIT)
    spins++;
  check_eq("harts that checked in (besides hart 0)", finished, HARTS - 1);
  check_eq("harts seen (bit mask)", seen_mask, (1u << HARTS) - 1);
  printf("total: %u\n", (unsigned)counter);
  check(counter == HARTS * ADDS, "no increment lost");
  check_exit();
}
