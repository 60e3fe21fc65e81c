# The kernel's host C and a guest program in one session: ossim runs under the host's gdb
# (both_host.gdb, a breakpoint in mono's sys_write), and gdb-multiarch steps echo over its
# write(): the host gdb stops in sys_write, with echo's process, and lets it go on.
# host-gdb: both_host.gdb
ossim-program echo
monitor only echo
break main
continue
# expect: hit Breakpoint 1, main \(argc=2
next
next
# expect: ^9 +write
continue
# expect: ---- host gdb
# expect: Breakpoint 1, sys_write \(
# expect: = "echo"
