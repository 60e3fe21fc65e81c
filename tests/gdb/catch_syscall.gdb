# Catching a system call: gdb 13 has no `catch syscall` for RISC-V, so the stub's
# `monitor catch write` stops at the ecall of echo's write (a7 = 16), then after it.
ossim-program echo
monitor catch write
# expect: stopping at the entry and return of the named system calls
continue
# expect: SIGTRAP
x/i $pc
# expect: ecall
info registers a7
# expect: a7 +0x10 +16
stepi
continue
monitor catch off
continue
