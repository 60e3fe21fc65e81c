/*
 * sv32_entry: the supervisor side of bench-sv32, in .stext -- the pages bare.ld keeps
 * apart and bench_sv32.c maps without PTE_U, since S mode may not execute user pages.
 *
 * bench_enter_user(satp, entry): points stvec at bench_sv32_trap, turns Sv32 on and srets
 * to `entry` in U mode on the current stack (identity-mapped with PTE_U). Never returns.
 *
 * bench_sv32_trap: the only trap expected is the user's final ecall (a0 = checksum). It
 * turns paging off -- everything is identity-mapped, so every pointer stays valid -- and
 * continues in ordinary C, bench_sv32_exit(a0), which reads scause and ends the run.
 */
#define SSTATUS_SPP 0x100

  .section .stext, "ax", @progbits
  .globl bench_enter_user
  .balign 4
bench_enter_user:
  la t0, bench_sv32_trap
  csrw stvec, t0
  csrw sepc, a1
  li t0, SSTATUS_SPP
  csrc sstatus, t0
  csrw satp, a0
  sfence.vma
  sret

  .globl bench_sv32_trap
  .balign 4
bench_sv32_trap:
  csrw satp, zero
  sfence.vma
  tail bench_sv32_exit
