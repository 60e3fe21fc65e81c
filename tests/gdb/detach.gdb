# detach: the run goes on without the debugger, to its end.
ossim-image guest/test-hello.elf
break main
continue
# expect: Breakpoint 1, main
detach
# expect: \(Remote target\) detached
# expect: ---- console
# expect: hello from ossim bare mode
