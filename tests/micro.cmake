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

# One address space may make KOBJ_PER_SPACE endpoints and notifications (kobj.h), no more.
ossim_cli_test(micro_object_share STATUS 0 ARGS --kernel micro --module objs
               STDOUT "^objs: 8 made, then -12\n$")

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
                 STDOUT "1 +0 sleeping sh\n +2 +1 sleeping sleep\n +3 +1 running  ps\n")
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
  # A process's endpoints go with it; its kernel exit (bypassing the vDSO) goes through the
  # process manager, so the shell's wait returns; setpriority through the process manager.
  add_test(NAME micro_objects_go_with_process
           COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${CMAKE_CURRENT_BINARY_DIR}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/micro_objects.cmake)
  ossim_cli_test(micro_kernel_exit STATUS 7 ARGS --kernel micro -c "ecall 23 7")
  ossim_cli_test(micro_kernel_exit_waited STATUS 0 ARGS --kernel micro -c "ecall 23 7 | wc"
                 STDOUT "^0 0 0")
  # A process's caps to the servers are send-only: a receive on one (KC_RECV, 3) is refused
  # (-EPERM), where it would take another process's call off the server's endpoint.
  foreach(slot 0 1 2)
    ossim_cli_test(micro_client_cannot_receive_${slot} STATUS 0 ARGS --kernel micro
                   -c "ecall 3 ${slot}" STDOUT "^-1\n$")
  endforeach()
  foreach(policy rr priority mlfq lottery stride)
    ossim_cli_test(micro_setpriority_${policy} STATUS 0 ARGS --kernel micro --sched ${policy}
                   -c "systest setpriority" STDOUT "test setpriority: ok\nsystest: 1 passed")
  endforeach()
  # The hostile client: malformed messages and bad caps to every server, all refused.
  foreach(cpus 1 4)
    add_test(NAME micro_hostile_${cpus}harts
             COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DCPUS=${cpus}
                     -P ${CMAKE_CURRENT_SOURCE_DIR}/micro_hostile.cmake)
  endforeach()
  ossim_cli_test(micro_modules_mixed STATUS 1 ARGS --kernel micro --module +hostile --module ping
                 STDERR "NAME boots instead of the system servers, \\+NAME beside them")
  # Random system calls with random arguments through the vDSO: the servers answer them all.
  foreach(seed 1 2 3)
    ossim_cli_test(micro_sysfuzz_${seed} STATUS 0 ARGS --kernel micro -c "sysfuzz 20000 ${seed}"
                   STDOUT "sysfuzz: 20000 calls, the system survived")
  endforeach()
  foreach(cpus 2 4)
    ossim_cli_test(micro_pipeline_${cpus}harts STATUS 0 ARGS --kernel micro --cpus ${cpus}
                   -c "echo one two three | wc" STDOUT "1 3 14")
  endforeach()

  # Restarts (the guest's inject command is in micro_restart.cmake): a crash at every start (pending injections wait
  # for the next instance) gets backoffs that double, then rs gives up and powers off; a
  # server rs cannot restart stops the system, saying so; what cannot be injected says why.
  foreach(refused "nosuch|nosuch: no such server" "pm|pm: not a server that is restarted"
                  "fs hang|fs: only a driver the reincarnation server pings can hang")
    string(REPLACE "|" ";" refused "${refused}")
    list(GET refused 0 what)
    list(GET refused 1 why)
    string(REPLACE " " "_" name "${what}")
    ossim_cli_test(micro_inject_refused_${name} STATUS 1 ARGS --kernel micro -c "inject ${what}"
                   STDOUT "^inject: ${why}\n$")
  endforeach()
  set(_crash_loop)
  foreach(i RANGE 1 6)
    list(APPEND _crash_loop --inject blk@5000000)
  endforeach()
  ossim_cli_test(micro_restart_backoff STATUS 1 ARGS --kernel micro ${_crash_loop} -c "pattern write 2 3000"
                 STDOUT "rs: blk restarted as pid [0-9]+\n.*after 1000000 cycles\n.*after 2000000 cycles\n.*after 4000000 cycles\n.*after 8000000 cycles\n.*rs: blk died 6 times in a row; giving up: powering off\n$")
  # docs/demos.md's demo 5, as written there.
  ossim_cli_test(micro_demo_driver_crash STATUS 0 ARGS --kernel micro --inject blk@5000000
                 -c "pattern write 3 4000%3B pattern check 3 4000"
                 STDOUT "^pid 100 \\(blk\\): killed by an injected fault \\(pc 0x[0-9a-f]+\\)\nrs: blk restarted as pid 106\npattern: wrote 3 files of 4000 bytes \\(0 writes retried\\)\npattern: 3 files of 4000 bytes intact\n$")
  ossim_cli_test(micro_inject_pm STATUS 1 ARGS --kernel micro --inject pm@5000000 -c "sleep 100"
                 STDOUT "rs: pm died, and the system cannot go on without it: powering off")
  ossim_cli_test(micro_inject_deterministic STATUS 0 ARGS --kernel micro --inject blk@9000000
                 --events ${W}/micro_inject.events -c "pattern write 2 3000"
                 SAME_FILE ${W}/micro_inject.events)
  ossim_cli_test(micro_inject_unknown STATUS 1 ARGS --kernel micro --inject nosuch@5 -c true
                 STDERR "--inject nosuch@5: no server named nosuch; servers: blk fs pm rs ns")
  ossim_cli_test(micro_inject_fs_hang STATUS 1 ARGS --kernel micro --inject fs@5:hang -c true
                 STDERR "only a driver the reincarnation server pings can hang")
  ossim_cli_test(micro_inject_mono STATUS 2 ARGS --kernel mono --inject blk@5 -c true
                 STDERR "--inject: kernel mono does not take this option; it is an option of micro")
  ossim_cli_test(micro_inject_syntax STATUS 2 ARGS --inject blk -c true
                 STDERR "--inject 'blk': need SERVER@CYCLE or SERVER@CYCLE:hang")
  ossim_cli_test(mono_inject_command STATUS 1 ARGS --kernel mono -c "inject blk"
                 STDOUT "^inject: this kernel has no servers to inject into\n$")
  # The restart machinery: a server killed in the middle of a write workload loses nothing
  # (micro_restart.cmake: blk, blk hung, fs; fsck and a second boot after each).
  add_test(NAME micro_restart
           COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DFSCK=$<TARGET_FILE:fsck>
                   -DIMAGE=${OSSIM_FS_IMAGE} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/micro_restart
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/micro_restart.cmake)
  set_tests_properties(micro_restart PROPERTIES TIMEOUT 600)
  # The console driver dies in the middle of a program's output; every line comes out.
  add_test(NAME micro_con_restart
           COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim>
                   -DWORK=${CMAKE_CURRENT_BINARY_DIR}/micro_con_restart
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/micro_con_restart.cmake)
endif()
