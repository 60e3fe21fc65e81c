/*
 * start.S: where a server starts. The kernel enters _start in U mode with sp at the top of
 * the stack it mapped, a0 = the module's argument and a1 = its place among the boot modules
 * (micro/kabi.h). _start calls main(arg, index) and ends the thread with main's value (srv_exit).
 */
  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  andi sp, sp, -16
  call main
  call srv_exit             /* with main's value in a0; does not return */
  .size _start, . - _start
