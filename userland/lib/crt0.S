/*
 * crt0: where a user program starts (user.ld makes _start the entry point).
 *
 * The kernel enters _start in U mode with sp at the top of the stack it mapped, a0 = argc
 * and a1 = argv (an array of argc string pointers and a NULL, on the stack), and .bss
 * already zeroed by the ELF loader. _start calls main(argc, argv) and passes its return
 * value to exit(), which does not return.
 */
  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$  /* for the linker's gp-relative relaxation of small data */
  .option pop
  andi sp, sp, -16          /* the calling convention's stack alignment */
  call main                 /* a0, a1 are argc and argv as the kernel left them */
  call exit
1:
  j 1b                      /* not reached */
  .size _start, . - _start
