# Reverse execution replays console input as it was typed: the shell reads a command line
# from standard input, echo runs it; a step back boots again and replays the line, and the
# console shows echo's output once.
# stdin: echo typed by hand\n
ossim-program echo
monitor only echo
break main
continue
# expect: hit Breakpoint 1, main \(argc=4
next
next
next
reverse-stepi
reverse-continue
# expect: hit Breakpoint 1, main \(argc=4
delete
continue
# expect: exited normally
# expect: ---- console
# expect: ^\$ typed by hand$
