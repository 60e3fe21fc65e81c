/*
 * uthread_switch(from, to) (uthread.h): the switch between user-level threads. The calling
 * convention already lets a call clobber every other register, so a thread that called
 * this only needs ra, sp and s0..s11 back to go on as if it had made an ordinary call.
 * The offsets are those of struct uthread_context. The saving half is setjmp.S's (same
 * registers, same layout), written out again on purpose: the thread lab has students write
 * this file themselves.
 */
  .text
  .globl uthread_switch
  .type uthread_switch, @function
uthread_switch:
// LAB 14 BEGIN
  sw ra, 0(a0)
  sw sp, 4(a0)
  sw s0, 8(a0)
  sw s1, 12(a0)
  sw s2, 16(a0)
  sw s3, 20(a0)
  sw s4, 24(a0)
  sw s5, 28(a0)
  sw s6, 32(a0)
  sw s7, 36(a0)
  sw s8, 40(a0)
  sw s9, 44(a0)
  sw s10, 48(a0)
  sw s11, 52(a0)

  lw ra, 0(a1)
  lw sp, 4(a1)
  lw s0, 8(a1)
  lw s1, 12(a1)
  lw s2, 16(a1)
  lw s3, 20(a1)
  lw s4, 24(a1)
  lw s5, 28(a1)
  lw s6, 32(a1)
  lw s7, 36(a1)
  lw s8, 40(a1)
  lw s9, 44(a1)
  lw s10, 48(a1)
  lw s11, 52(a1)
  ret
// LAB 14 STARTER
//   /* Save ra, sp and s0..s11 into *a0 (struct uthread_context), load them from *a1. */
//   ret
// LAB 14 END
  .size uthread_switch, . - uthread_switch
