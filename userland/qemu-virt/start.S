/*
 * start: entry of the QEMU-virt image. QEMU (-bios none) jumps here in M mode and ossim's
 * bare mode in S mode, both with a0 = hart id; this code touches no CSR, so it cannot
 * tell the difference and needs not. Hart 0 gets the stack and runs hello_main(); any
 * other hart parks in a wfi loop. hello_main() does not return (it powers the board
 * off), but if it did, hart 0 would park too.
 */
  .section .text.start, "ax", @progbits
  .globl _start
_start:
  bnez a0, park
  la sp, stack_top
  call hello_main
park:
  wfi
  j park

  .section .bss
  .balign 16
  .space 4096
stack_top:
