/*
 * start: where the image begins (rt/bare.ld makes _start the entry point, at the start of
 * RAM). The monitor enters every hart here in S mode with paging off, a0 = the hart id and
 * a1 = the boot-info block (kernels/uni/bootinfo.h).
 *
 * One program, one hart: hart 0 takes the stack bare.ld lays out and calls
 * libos_start(bootinfo), which never returns; any other hart parks in wfi for good. .bss
 * is already zero: the monitor's ELF loader zero-fills it, as a kernel's exec does for a
 * user program. (Clearing it here would also take long enough -- the file system's cache
 * is most of it -- for console input to arrive before the console driver starts, which
 * empties the UART's FIFO.)
 */
  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  bnez a0, park
  la sp, __stack_top
  mv a0, a1
  call libos_start
park:
  wfi
  j park
  .size _start, . - _start
