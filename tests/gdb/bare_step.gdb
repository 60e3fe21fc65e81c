# A bare image, stopped before its first instruction, stepped, then run to main.
ossim-image guest/test-hello.elf
info registers pc
# expect: pc +0x80000000 +0x80000000 <_start>
stepi
info registers pc
# expect: pc +0x80000004
break main
continue
# expect: Breakpoint 1, main \(\) at .*hello.c:5
info registers priv satp
# expect: priv +0x1 +prv:1 \[Supervisor\]
# expect: satp +0x0
# Writing a register and memory (P and M packets).
set $t0 = 0x1234
print/x $t0
# expect: = 0x1234
set {int}($sp - 64) = 42
print {int}($sp - 64)
# expect: = 42
next
# expect: ^6 +return 0;
continue
# expect: exited normally
