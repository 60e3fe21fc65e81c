/*
 * mmu: Sv32 translation in S mode. Builds page tables in RAM past the image: the first
 * 4 MiB of RAM (the program, its stacks and the tables) identity-mapped with 4 KiB pages,
 * the UART and test device identity-mapped with superpages, and a test area at
 * 0x4000_0000. Turns satp on and checks: translation through a mapped page, a load page
 * fault on an unmapped page, a store page fault on a read-only page, a fetch page fault
 * on a page without X, the A and D bits set by the hardware, a 4 MiB superpage and a
 * misaligned one, a reserved W-without-R entry, and a remapping made visible by
 * sfence.vma.
 */
#include "check.h"
#include "sv32.h"

#define VA_RW 0x40000000u    /* read-write page, A and D clear at first */
#define VA_RO 0x40001000u    /* read-only page */
#define VA_HOLE 0x40002000u  /* no mapping */
#define VA_WONLY 0x40003000u /* W without R: a reserved encoding */
#define VA_SUPER 0x40400000u /* 4 MiB superpage onto PA 0x8040_0000 (RAM >= 8 MiB) */
#define PA_SUPER 0x80400000u
#define VA_BADSUPER 0x40800000u /* superpage whose PA is not 4 MiB aligned */

#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

static volatile struct { uint32_t count, scause, stval; } last;

static void on_trap(struct rt_trapframe *tf) {
  last.count++;
  last.scause = tf->scause;
  last.stval = tf->stval;
  if (tf->scause & SCAUSE_INTERRUPT) {
    printf("FAIL unexpected interrupt, scause=0x%x\n", tf->scause);
    exit(1);
  }
  /* A fetch fault happens at a jump's target: go back to the jump's return address. */
  tf->sepc = tf->scause == CAUSE_FETCH_PAGE_FAULT ? tf->x[1] : tf->sepc + 4;
}

static uint32_t load(uint32_t va) {
  uint32_t v = 0xdeadbeef; /* what a faulting load leaves behind */
  __asm__ volatile("lw %0, 0(%1)" : "+r"(v) : "r"(va) : "memory");
  return v;
}
static void store(uint32_t va, uint32_t v) {
  __asm__ volatile("sw %0, 0(%1)" ::"r"(v), "r"(va) : "memory");
}
static void jump(uint32_t va) { __asm__ volatile("jalr ra, 0(%0)" ::"r"(va) : "ra", "memory"); }

/* Checks that the last access trapped once with `cause` at `va`. */
static void expect_fault(const char *what, uint32_t before, uint32_t cause, uint32_t va) {
  bool ok = last.count == before + 1 && last.scause == cause && last.stval == va;
  printf("%s %s: scause=%u stval=0x%08x\n", ok ? "ok  " : "FAIL", what, (unsigned)last.scause,
         last.stval);
  if (!ok) check_failures++;
}

int main(void) {
  rt_trap_init(on_trap);
  struct sv32 pt;
  uintptr_t free = (uintptr_t)__image_end;
  if (!check(sv32_init(&pt, free, free + 0x100000), "page-table root allocated")) check_exit();

  /* Identity: the first 4 MiB of RAM, 4 KiB pages, A and D preset (the kernel's own). */
  const uint32_t kflags = PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
  bool ok = sv32_map_range(&pt, MACHINE_RAM_BASE, MACHINE_RAM_BASE, SV32_SUPERPAGE, kflags);
  sv32_map_super(&pt, 0x00000000u, 0x00000000u, PTE_R | PTE_W | PTE_A | PTE_D); /* test dev */
  sv32_map_super(&pt, 0x10000000u, 0x10000000u, PTE_R | PTE_W | PTE_A | PTE_D); /* UART */

  /* The test area. Frames come from the identity-mapped range, so the program can
   * look at them (and at the page tables) by physical address with paging on. */
  uint32_t *rw = sv32_alloc_frame(&pt), *ro = sv32_alloc_frame(&pt), *other = sv32_alloc_frame(&pt);
  ok = ok && rw && ro && other;
  ok = ok && sv32_map(&pt, VA_RW, (uintptr_t)rw, PTE_R | PTE_W);
  ok = ok && sv32_map(&pt, VA_RO, (uintptr_t)ro, PTE_R);
  ok = ok && sv32_map(&pt, VA_WONLY, (uintptr_t)other, PTE_W);
  sv32_map_super(&pt, VA_SUPER, PA_SUPER, PTE_R | PTE_W);
  sv32_map_super(&pt, VA_BADSUPER, PA_SUPER + PGSIZE, PTE_R | PTE_W);
  if (!check(ok, "page tables built")) check_exit();
  rw[0] = 0x11111111u;
  ro[0] = 0x22222222u;
  other[0] = 0x33333333u;
  uint32_t *pte_rw = sv32_l0(&pt, VA_RW, false), *pte_ro = sv32_l0(&pt, VA_RO, false);
  uint32_t *pte_super = sv32_l1(&pt, VA_SUPER);

  csr_write(satp, sv32_satp(&pt, 0));
  sfence_vma();
  check(csr_read(satp) >> 31 == 1, "satp.MODE is Sv32: this line went through the mapped UART");

  uint32_t n;
  check_eq("load through the mapped page", load(VA_RW), 0x11111111u);
  check(*pte_rw & PTE_A, "A set by the load");
  check(!(*pte_rw & PTE_D), "D still clear after a load");
  store(VA_RW + 4, 0x5a5a5a5au);
  check_eq("store through the mapped page, read at its frame", rw[1], 0x5a5a5a5au);
  check(*pte_rw & PTE_D, "D set by the store");

  n = last.count;
  load(VA_HOLE);
  expect_fault("load from an unmapped page: load page fault", n, CAUSE_LOAD_PAGE_FAULT, VA_HOLE);
  n = last.count;
  store(VA_RO + 8, 1);
  expect_fault("store to a read-only page: store page fault", n, CAUSE_STORE_PAGE_FAULT, VA_RO + 8);
  check_eq("read-only page still readable, unchanged", load(VA_RO + 8), 0);
  check(!(*pte_ro & PTE_D), "the faulting store did not set D");
  n = last.count;
  jump(VA_RW);
  expect_fault("jump into a page without X: fetch page fault", n, CAUSE_FETCH_PAGE_FAULT, VA_RW);
  n = last.count;
  load(VA_WONLY);
  expect_fault("W without R is reserved: load page fault", n, CAUSE_LOAD_PAGE_FAULT, VA_WONLY);

  store(VA_SUPER + 0x1234, 0xcafebabeu);
  check_eq("superpage read back", load(VA_SUPER + 0x1234), 0xcafebabeu);
  check((*pte_super & (PTE_A | PTE_D)) == (PTE_A | PTE_D), "A and D set in the superpage entry");
  n = last.count;
  load(VA_BADSUPER);
  expect_fault("misaligned superpage: load page fault", n, CAUSE_LOAD_PAGE_FAULT, VA_BADSUPER);

  /* Remap VA_RW onto another frame; after sfence.vma the new mapping must be used. */
  *pte_rw = SV32_PTE((uintptr_t)other, PTE_V | PTE_R | PTE_W);
  __asm__ volatile("sfence.vma %0, zero" ::"r"(VA_RW) : "memory");
  check_eq("after remapping and sfence.vma, the new frame", load(VA_RW), 0x33333333u);

  csr_write(satp, 0);
  sfence_vma();
  check_eq("paging off: the superpage's store at its physical address",
           *(volatile uint32_t *)(PA_SUPER + 0x1234), 0xcafebabeu);
  check_exit();
}
