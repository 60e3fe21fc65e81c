# Reverse execution by replay: reverse-stepi lands where the forward run had been, with
# the same registers; reverse-continue goes back to the breakpoint; reverse-next and
# reverse-step go back by lines.
ossim-image guest/test-hello.elf
break main
continue
# expect: Breakpoint 1, main
stepi
stepi
set $pc_was = $pc
set $sp_was = $sp
set $a0_was = $a0
stepi
reverse-stepi
print $pc == $pc_was && $sp == $sp_was && $a0 == $a0_was
# expect: = 1
monitor where
# expect: instructions [0-9]+
reverse-continue
# expect: Breakpoint 1, main
print $pc == main + 4 || $pc == main
# expect: = 1
# Line by line: reverse-next comes back over puts(), reverse-step goes into it from its end.
next
# expect: ^6 +return 0;
reverse-next
# expect: ^5 +puts
next
reverse-step
# expect: puts \(.*rt.c
continue
# expect: exited normally
