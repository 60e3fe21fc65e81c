/*
 * entry.S: the vDSO's table of entries (abi/syscall.h), the whole page at VDSO_BASE: entry
 * n, at VDSO_BASE + 16 n, puts the call's number in a6 (the seventh argument register) and
 * jumps to vdso_main (vdso.c, in the page below), so a program's call f(a0..a5) becomes
 * vdso_main(a0..a5, n). The entries past the last call return -ENOSYS, as mono's do: a
 * program may call any of the 256.
 */
#include "abi/errno.h"
#include "abi/syscall.h"

  .section .vdso.entries, "ax", @progbits
  .option norelax
  .globl vdso_entries
vdso_entries:
  .set n, 0
  .rept 256                 /* 4096 / VDSO_STRIDE */
  .balign 16
  .if n < SYS_count
  li a6, n
  j vdso_main
  .else
  li a0, -OSSIM_ENOSYS
  ret
  .endif
  .set n, n + 1
  .endr
