# Integration tests of the microkernel: boot it with test boot modules and check what they
# print and how the run ends.
set(_pp --kernel micro --module ping:2000 --module pong)
set(_ipc_ok "ipc: 2000 round trips, [0-9]+ cycles/round trip")
ossim_cli_test(micro_pingpong STATUS 0 ARGS ${_pp} STDOUT "${_ipc_ok}")
foreach(cpus 2 4)
  ossim_cli_test(micro_pingpong_${cpus}harts STATUS 0 ARGS ${_pp} --cpus ${cpus} STDOUT "${_ipc_ok}")
endforeach()
foreach(policy priority mlfq lottery stride)
  ossim_cli_test(micro_pingpong_${policy} STATUS 0 ARGS ${_pp} --sched ${policy} STDOUT "${_ipc_ok}")
endforeach()
ossim_cli_test(micro_deterministic STATUS 0 ARGS ${_pp} --cpus 2 --events ${W}/micro.events
               SAME_FILE ${W}/micro.events)

# What goes wrong says so.
ossim_cli_test(micro_unknown_module STATUS 1 ARGS --kernel micro --module nosuch
               STDERR "--module nosuch: no such boot module")
ossim_cli_test(micro_bad_module_name STATUS 1 ARGS --kernel micro --module ../../x
               STDERR "--module ../../x: not a module name")
ossim_cli_test(micro_unknown_sched STATUS 1 ARGS ${_pp} --sched nope STDERR "unknown scheduler 'nope'; known: rr")
ossim_cli_test(micro_too_many_harts STATUS 1 ARGS ${_pp} --cpus 5 STDERR "micro runs on 1 to 4 harts")
ossim_cli_test(micro_stuck STATUS 125 ARGS --kernel micro --module pong
               STDERR "every thread waits for something that can never happen")

# A hostile boot module: random kernel calls with random arguments; the kernel answers all.
foreach(cpus 1 4)
  ossim_cli_test(micro_kfuzz_${cpus}harts STATUS 0 ARGS --kernel micro --cpus ${cpus} --module kfuzz:50000
                 STDOUT "kfuzz: 50000 calls, the kernel answered every one")
endforeach()

# A thread's end: a fault is reported in mono's words and the thread's memory and caps go;
# the system goes on (here with nothing left to run).
ossim_cli_test(micro_page_fault STATUS 125 ARGS --kernel micro --module crash:1
               STDOUT "pid 1 \\(crash\\): killed by load page fault at address 0x4 \\(pc 0x1[0-9a-f]+\\)")
ossim_cli_test(micro_illegal_instruction STATUS 125 ARGS --kernel micro --module crash:2
               STDOUT "pid 1 \\(crash\\): killed by illegal instruction 0x00000000 \\(pc 0x1[0-9a-f]+\\)")
ossim_cli_test(micro_exit STATUS 0 ARGS --kernel micro --module crash --module ping:100 --module pong
               STDOUT "ipc: 100 round trips")

# The system servers (process manager, file server) and the vDSO: the disk's unmodified
# programs run on micro as on mono.
if(TARGET fs-image)
  ossim_cli_test(micro_echo STATUS 0 ARGS --kernel micro -c "echo hi" STDOUT "^hi\n$")
  ossim_cli_test(micro_is_default STATUS 0 ARGS -c "echo hi" STDOUT "^hi\n$")
  ossim_cli_test(micro_help_default STATUS 0 ARGS --help STDOUT "kernels \\(default micro\\)")
  ossim_cli_test(micro_exit_status STATUS 1 ARGS --kernel micro -c false)
  ossim_cli_test(micro_pipeline STATUS 0 ARGS --kernel micro -c "echo one two three | wc" STDOUT "1 3 14")
  ossim_cli_test(micro_ls STATUS 0 ARGS --kernel micro -c "ls /bin | wc" STDOUT "[0-9]+ [0-9]+ [0-9]+")
  ossim_cli_test(micro_files STATUS 1 ARGS --kernel micro -c "echo kept > /f%3B cat /f%3B rm /f%3B cat /f"
                 STDOUT "^kept\ncat: /f: no such file")
  ossim_cli_test(micro_ps STATUS 0 ARGS --kernel micro -c "sleep 10 & ps"
                 STDOUT "4 +0 sleeping sh\n +5 +4 sleeping sleep\n +6 +4 running  ps\n")
  ossim_cli_test(micro_init_false STATUS 1 ARGS --kernel micro --init /bin/false)
  ossim_cli_test(micro_init_missing STATUS 1 ARGS --kernel micro --init nosuch
                 STDOUT "pm: cannot run /bin/nosuch")
  set(_systest_ok "systest: [0-9]+ passed, 0 failed")
  ossim_cli_test(micro_systest STATUS 0 ARGS --kernel micro -c systest STDOUT "${_systest_ok}")
  ossim_cli_test(micro_systest_4harts STATUS 0 ARGS --kernel micro --cpus 4 -c systest
                 STDOUT "${_systest_ok}")
  foreach(policy priority mlfq lottery stride)
    ossim_cli_test(micro_systest_${policy} STATUS 0 ARGS --kernel micro --sched ${policy} -c systest
                   STDOUT "${_systest_ok}")
  endforeach()
  # Random system calls with random arguments through the vDSO: the servers answer them all.
  foreach(seed 1 2 3)
    ossim_cli_test(micro_sysfuzz_${seed} STATUS 0 ARGS --kernel micro -c "sysfuzz 20000 ${seed}"
                   STDOUT "sysfuzz: 20000 calls, the system survived")
  endforeach()
  foreach(cpus 2 4)
    ossim_cli_test(micro_pipeline_${cpus}harts STATUS 0 ARGS --kernel micro --cpus ${cpus}
                   -c "echo one two three | wc" STDOUT "1 3 14")
  endforeach()
endif()
