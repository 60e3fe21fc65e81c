/*
 * entry.S: the vDSO's table of entries (abi/syscall.h): entry n, at VDSO_BASE + 16 n, puts
 * the call's number in a6 (the seventh argument register) and jumps to vdso_main (vdso.c),
 * so a program's call f(a0..a5) becomes vdso_main(a0..a5, n).
 */
#include "abi/syscall.h"

  .section .text.entry, "ax", @progbits
  .option norelax
  .globl vdso_entries
vdso_entries:
  .set n, 0
  .rept SYS_count
  .balign 16
  li a6, n
  j vdso_main
  .set n, n + 1
  .endr
