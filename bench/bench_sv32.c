/*
 * bench-sv32: the workload in U mode with Sv32 translation on. The program's image is
 * identity-mapped with 4 KiB pages (no superpages, so every access goes through the TLB):
 * text U+R+X, rodata U+R, data, .bss and the stacks U+R+W, and the .stext pages (the trap
 * vector and the code that switches modes) R+X without U. main() builds the tables in
 * free RAM past the image and srets into user_main(), which runs the workload and ends
 * with an ecall carrying the checksum.
 */
#include "bench_config.h"
#include "bench_expected.h"
#include "report.h"
#include "sv32.h"
#include "workload.h"

#define CAUSE_ECALL_U 8
#define PAGE_TABLE_ROOM 0x40000u /* free RAM past the image for the tables */

_Noreturn void bench_enter_user(uint32_t satp, void (*entry)(void));
void bench_sv32_exit(uint32_t checksum);

static struct bench_state state;

/* Runs in U mode: the workload, then an ecall with the checksum in a0. */
static _Noreturn void user_main(void) {
  register uint32_t a0 __asm__("a0") = bench_workload(&state, BENCH_ITERATIONS);
  __asm__ volatile("ecall" ::"r"(a0) : "memory");
  for (;;) {
  }
}

/* Called by bench_sv32_trap, in S mode with paging off again. */
void bench_sv32_exit(uint32_t checksum) {
  uint32_t cause = csr_read(scause);
  if (cause != CAUSE_ECALL_U) {
    printf("bench-sv32: unexpected trap: scause=0x%08x sepc=0x%08x stval=0x%08x\n", cause,
           csr_read(sepc), csr_read(stval));
    exit(2);
  }
  exit(bench_report("bench-sv32", BENCH_ITERATIONS, checksum, BENCH_EXPECTED));
}

static bool map(struct sv32 *pt, const char *from, const char *to, uint32_t flags) {
  uint32_t lo = (uint32_t)(uintptr_t)from, hi = (uint32_t)(uintptr_t)to;
  return sv32_map_range(pt, lo, lo, hi - lo, flags);
}

int main(void) {
  struct sv32 pt;
  uintptr_t free = (uintptr_t)__image_end;
  bool ok = sv32_init(&pt, free, free + PAGE_TABLE_ROOM);
  ok = ok && map(&pt, __image_start, __text_end, PTE_U | PTE_R | PTE_X);
  ok = ok && map(&pt, __text_end, __stext_end, PTE_R | PTE_X);
  ok = ok && map(&pt, __stext_end, __rodata_end, PTE_U | PTE_R);
  ok = ok && map(&pt, __rodata_end, __image_end, PTE_U | PTE_R | PTE_W);
  if (!ok) {
    puts("bench-sv32: out of room for page tables");
    return 2;
  }
  bench_enter_user(sv32_satp(&pt, 1), user_main);
}
