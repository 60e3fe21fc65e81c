# Ctrl-C: a long run without breakpoints, interrupted (gdb gets SIGINT as from the
# keyboard, and sends the stub a 0x03), stops with SIGINT at once; kill ends the run.
ossim-image guest/bench-bare.elf
shell (sleep 0.5; kill -INT $PPID) &
continue
# expect: received signal SIGINT
monitor where
# expect: instructions [1-9][0-9]+
kill
# expect: killed
