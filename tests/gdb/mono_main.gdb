# A user program on mono: break at its main (only in echo: every program has its main at
# the same address), threads, a local, an argument and a register, a step.
ossim-program echo
monitor only echo
# expect: breakpoints stop in program echo only
break main
continue
# expect: Thread [0-9]+ "pid [0-9]+ echo \(running\)" hit Breakpoint 1, main \(argc=3, argv=
info threads
# expect: pid 1 sh
# expect: \* [0-9]+ +Thread [0-9]+ "pid [0-9]+ echo
print argc
# expect: \$1 = 3
print argv[1]
# expect: \$2 = 0x[0-9a-f]+ "hi"
next
# expect: ^8 +write
info registers sp
# expect: sp +0x[0-9a-f]+
continue
