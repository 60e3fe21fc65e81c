# catch syscall: echo's write (number 16) stops at its entry and its return.
ossim-program echo
set osabi GNU/Linux
catch syscall 16
continue
# expect: Catchpoint 1 \(call to syscall 16\)
info registers a7
# expect: a7 +0x10 +16
continue
# expect: Catchpoint 1 \(returned from syscall 16\)
delete
continue
