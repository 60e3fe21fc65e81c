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
# The kernel's view: the run queue, the page table, capabilities, the last events.
monitor runq
# expect: hart 0: echo
monitor pagetable
# expect: satp 0x[0-9a-f]+, root table
# expect: 00010000-[0-9a-f]+ -> [0-9a-f]+ r-xu
monitor caps 2
# expect: slot +[0-9]+: endpoint
monitor events 3
# expect: [0-9]+ 0 sret 0x
monitor nonsense
# expect: unknown monitor command; monitor runq
continue
