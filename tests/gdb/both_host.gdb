# The host half of both.gdb: mono's C, under the host's gdb.
set breakpoint pending on
break sys_write
commands
  print p->name
  continue
end
run
