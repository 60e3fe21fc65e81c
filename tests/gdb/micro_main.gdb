# A user program on micro: the same binary as on mono, its servers listed as threads.
ossim-program echo
monitor only echo
break main
continue
# expect: "pid [0-9]+ echo \(running\)" hit Breakpoint 1, main \(argc=2
info threads
# expect: "pid [0-9]+ fs
# expect: echo \(runnable\)
print argc
# expect: = 2
continue
