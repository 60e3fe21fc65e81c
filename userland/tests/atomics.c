/*
 * atomics: the A extension on one hart. LR/SC succeeding and failing (no reservation,
 * a reservation for another address), every AMO's old value and new memory contents with
 * operands where signed and unsigned comparisons differ, an .aqrl variant, and the
 * misaligned-address exceptions of LR and AMOs. (smp.c checks atomicity across harts.)
 */
#include "check.h"

#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7

static volatile uint32_t word, other_page_word[1024 + 1];
static volatile uint32_t trapped, trap_cause;

static void on_trap(struct rt_trapframe *tf) {
  trapped++;
  trap_cause = tf->scause;
  tf->sepc += 4;
}

static uint32_t lr(volatile uint32_t *p) {
  uint32_t v;
  __asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(p) : "memory");
  return v;
}
/* Returns sc.w's result: 0 on success. */
static uint32_t sc(volatile uint32_t *p, uint32_t v) {
  uint32_t r = 0xdead;
  __asm__ volatile("sc.w %0, %2, (%1)" : "=r"(r) : "r"(p), "r"(v) : "memory");
  return r;
}

static void check_lr_sc(void) {
  puts("-- LR/SC");
  word = 10;
  check_eq("lr.w reads", lr(&word), 10);
  check_eq("sc.w right after lr.w succeeds (0)", sc(&word, 11), 0);
  check_eq("  and stores", word, 11);
  check(sc(&word, 12) != 0, "a second sc.w, without a reservation, fails (nonzero)");
  check_eq("  and does not store", word, 11);
  /* A reservation on another page does not cover `word`. */
  (void)lr(&other_page_word[1024]);
  check(sc(&word, 13) != 0, "sc.w to an address other than the reserved one fails");
  check_eq("  and does not store", word, 11);
  /* The classic loop: atomic increment with LR/SC. */
  uint32_t old, tries = 0;
  do {
    old = lr(&word);
    tries++;
  } while (sc(&word, old + 1) != 0 && tries < 100);
  check_eq("LR/SC increment loop", word, 12);
}

/* One AMO: memory starts at `init`, the operand is `arg`. */
#define AMO(insn, init, arg, out_old)                                                              \
  do {                                                                                             \
    word = (init);                                                                                 \
    __asm__ volatile(insn " %0, %2, (%1)"                                                          \
                     : "=r"(out_old)                                                               \
                     : "r"(&word), "r"((uint32_t)(arg))                                            \
                     : "memory");                                                                  \
  } while (0)

static void amo_case(const char *name, uint32_t old, uint32_t init, uint32_t want_mem) {
  bool ok = old == init && word == want_mem;
  printf("%s %-14s old=0x%08x new=0x%08x\n", ok ? "ok  " : "FAIL", name, old, word);
  if (!ok) check_failures++;
}

static void check_amos(void) {
  puts("-- AMOs (memory 0x80000005, operand 0x00000003 unless shown)");
  const uint32_t m = 0x80000005u, a = 3;
  uint32_t old;
  AMO("amoswap.w", m, a, old);
  amo_case("amoswap.w", old, m, 3);
  AMO("amoadd.w", m, a, old);
  amo_case("amoadd.w", old, m, 0x80000008u);
  AMO("amoxor.w", m, a, old);
  amo_case("amoxor.w", old, m, 0x80000006u);
  AMO("amoand.w", m, a, old);
  amo_case("amoand.w", old, m, 0x00000001u);
  AMO("amoor.w", m, a, old);
  amo_case("amoor.w", old, m, 0x80000007u);
  AMO("amomin.w", m, a, old);
  amo_case("amomin.w", old, m, 0x80000005u); /* negative < 3 */
  AMO("amomax.w", m, a, old);
  amo_case("amomax.w", old, m, 3);
  AMO("amominu.w", m, a, old);
  amo_case("amominu.w", old, m, 3); /* 3 < 0x80000005 unsigned */
  AMO("amomaxu.w", m, a, old);
  amo_case("amomaxu.w", old, m, 0x80000005u);
  AMO("amoadd.w", 0xffffffffu, 1, old);
  amo_case("amoadd.w (wrap)", old, 0xffffffffu, 0);
  AMO("amoadd.w.aqrl", 40, 2, old);
  amo_case("amoadd.w.aqrl", old, 40, 42);
}

static void check_misaligned(void) {
  puts("-- misaligned atomics trap");
  rt_trap_init(on_trap);
  uintptr_t odd = (uintptr_t)&word + 2;
  uint32_t v = 0, n = trapped;
  __asm__ volatile("lr.w %0, (%1)" : "+r"(v) : "r"(odd) : "memory");
  check(trapped == n + 1 && trap_cause == CAUSE_MISALIGNED_LOAD,
        "lr.w at an odd address: load address misaligned");
  n = trapped;
  __asm__ volatile("amoadd.w %0, %2, (%1)" : "+r"(v) : "r"(odd), "r"(1u) : "memory");
  /* The spec allows either cause for a misaligned AMO (QEMU raises the access fault). */
  check(trapped == n + 1 &&
            (trap_cause == CAUSE_MISALIGNED_STORE || trap_cause == CAUSE_STORE_ACCESS),
        "amoadd.w at an odd address: store/AMO address misaligned or access fault");
  rt_trap_init(NULL);
}

int main(void) {
  check_lr_sc();
  check_amos();
  check_misaligned();
  check_exit();
}
