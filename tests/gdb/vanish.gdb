# A debugger that vanishes (killed) leaves the run to go on to its end (no --gdb-wait).
ossim-image guest/test-hello.elf
break main
continue
# expect: Breakpoint 1, main
shell kill -9 $PPID
# expect: ---- console
# expect: hello from ossim bare mode
