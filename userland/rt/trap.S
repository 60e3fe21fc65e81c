/*
 * rt_trap_entry: the trap vector rt_trap_init() installs (direct mode).
 *
 * Saves all 31 registers, sepc, scause, stval and sstatus in a struct rt_trapframe on the
 * current stack (S mode always has a good sp in the programs this runtime serves: there
 * is no user stack to switch away from), calls rt_trap_dispatch(frame), then restores
 * everything from the frame -- which the handler may have changed -- and srets.
 */
#define FRAME 144 /* 32 registers + 4 CSRs, a multiple of 16 */
#define SEPC 128
#define SCAUSE 132
#define STVAL 136
#define SSTATUS 140

  .section .text.rt_trap, "ax", @progbits
  .globl rt_trap_entry
  .type rt_trap_entry, @function
  .balign 4
rt_trap_entry:
  addi sp, sp, -FRAME
  sw x1, 4(sp)
  sw x3, 12(sp)
  sw x4, 16(sp)
  sw x5, 20(sp)
  sw x6, 24(sp)
  sw x7, 28(sp)
  sw x8, 32(sp)
  sw x9, 36(sp)
  sw x10, 40(sp)
  sw x11, 44(sp)
  sw x12, 48(sp)
  sw x13, 52(sp)
  sw x14, 56(sp)
  sw x15, 60(sp)
  sw x16, 64(sp)
  sw x17, 68(sp)
  sw x18, 72(sp)
  sw x19, 76(sp)
  sw x20, 80(sp)
  sw x21, 84(sp)
  sw x22, 88(sp)
  sw x23, 92(sp)
  sw x24, 96(sp)
  sw x25, 100(sp)
  sw x26, 104(sp)
  sw x27, 108(sp)
  sw x28, 112(sp)
  sw x29, 116(sp)
  sw x30, 120(sp)
  sw x31, 124(sp)
  addi t0, sp, FRAME
  sw t0, 8(sp)             /* sp as it was at the trap */
  sw zero, 0(sp)
  csrr t0, sepc
  sw t0, SEPC(sp)
  csrr t0, scause
  sw t0, SCAUSE(sp)
  csrr t0, stval
  sw t0, STVAL(sp)
  csrr t0, sstatus
  sw t0, SSTATUS(sp)

  mv a0, sp
  call rt_trap_dispatch

  lw t0, SEPC(sp)
  csrw sepc, t0
  lw t0, SSTATUS(sp)
  csrw sstatus, t0
  lw x1, 4(sp)
  lw x3, 12(sp)
  lw x4, 16(sp)
  lw x5, 20(sp)
  lw x6, 24(sp)
  lw x7, 28(sp)
  lw x8, 32(sp)
  lw x9, 36(sp)
  lw x10, 40(sp)
  lw x11, 44(sp)
  lw x12, 48(sp)
  lw x13, 52(sp)
  lw x14, 56(sp)
  lw x15, 60(sp)
  lw x16, 64(sp)
  lw x17, 68(sp)
  lw x18, 72(sp)
  lw x19, 76(sp)
  lw x20, 80(sp)
  lw x21, 84(sp)
  lw x22, 88(sp)
  lw x23, 92(sp)
  lw x24, 96(sp)
  lw x25, 100(sp)
  lw x26, 104(sp)
  lw x27, 108(sp)
  lw x28, 112(sp)
  lw x29, 116(sp)
  lw x30, 120(sp)
  lw x31, 124(sp)
  lw sp, 8(sp)             /* last: the frame is addressed through sp */
  sret
  .size rt_trap_entry, . - rt_trap_entry
