# A debugger attached changes nothing the guest computes: continuing with a breakpoint set
# (so the stub steps every instruction) ends with the instructions and cycles of a run
# without gdb.
# same-as-plain-run
break *0x4
continue
# expect: exited normally
