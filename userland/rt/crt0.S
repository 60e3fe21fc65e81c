/*
 * crt0: where every hart of a bare program starts (bare.ld makes _start the entry point).
 *
 * Entered in S mode (ossim bare mode) or M mode (QEMU virt with -bios none), with
 * a0 = hart id and paging off. Touches no CSR, so the same image runs in both.
 *
 *   - every hart takes its own 64 KiB stack, counted down from __stack_top by hart id;
 *     a hart id beyond MACHINE_MAX_HARTS has no stack and parks at once;
 *   - hart 0 clears .bss, then releases the others and calls main(), then exit(main());
 *   - the other harts wait for the release, then run hart_main(hart) if the program
 *     defines it (a weak reference), and park in a wfi loop when it returns or is absent.
 *
 * The release flag lives in .data, not .bss: hart 0 is clearing .bss while the other
 * harts are already reading the flag.
 */
#include "abi/memmap.h"

#define RT_STACK_SHIFT 16 /* 64 KiB, RT_STACK_SIZE in rt.h */

  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  li t0, MACHINE_MAX_HARTS
  bgeu a0, t0, rt_park
  la sp, __stack_top
  slli t0, a0, RT_STACK_SHIFT
  sub sp, sp, t0
  mv s0, a0
  bnez a0, secondary

  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  fence rw, rw             /* .bss is clear before anyone sees the release */
  la t0, rt_released
  li t1, 1
  sw t1, 0(t0)
  li a0, 0
  li a1, 0
  call main
  tail exit

secondary:
  /* Absolute addressing: an undefined weak symbol is 0, out of pc-relative reach. */
  lui t2, %hi(hart_main)
  addi t2, t2, %lo(hart_main)
  beqz t2, rt_park
  la t1, rt_released
3:
  lw t0, 0(t1)
  beqz t0, 3b
  fence r, rw
  mv a0, s0
  jalr t2

  .globl rt_park
rt_park:
  wfi
  j rt_park
  .size _start, . - _start

  .weak hart_main

  .section .data, "aw", @progbits
  .balign 4
rt_released:
  .word 0
