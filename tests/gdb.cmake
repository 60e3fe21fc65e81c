# gdb-multiarch in batch mode against ossim --gdb (tests/gdb/run.sh; skipped, saying so,
# only where no RISC-V capable gdb is installed). Each takes a second or two.
set(_gdb_run ${CMAKE_CURRENT_SOURCE_DIR}/gdb/run.sh $<TARGET_FILE:ossim> ${CMAKE_BINARY_DIR}/gdbinit)
# ossim_gdb_test(NAME SCRIPT OSSIM-ARGS...): test gdb_NAME runs tests/gdb/SCRIPT.gdb.
function(ossim_gdb_test name script)
  add_test(NAME gdb_${name}
    COMMAND sh ${_gdb_run} ${CMAKE_CURRENT_SOURCE_DIR}/gdb/${script}.gdb ${ARGN})
  set_tests_properties(gdb_${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 150)
endfunction()
set(G ${OSSIM_GUEST_DIR})

# bare: stepped from the first instruction, a watchpoint, reverse execution.
ossim_gdb_test(bare_step bare_step --kernel bare --image ${G}/test-hello.elf)
ossim_gdb_test(watch_timer watch_timer --kernel bare --image ${G}/test-timer.elf)
ossim_gdb_test(reverse reverse --kernel bare --image ${G}/test-hello.elf)
# Ctrl-C in a long run; a detach and a vanished debugger leave the run to its end.
ossim_gdb_test(interrupt interrupt --kernel bare --image ${G}/bench-bare.elf)
ossim_gdb_test(detach detach --kernel bare --image ${G}/test-hello.elf)
ossim_gdb_test(vanish vanish --kernel bare --image ${G}/test-hello.elf)
ossim_gdb_test(wait wait --gdb-wait --kernel bare --image ${G}/test-hello.elf)
# A debugger attached changes nothing: the same instructions, cycles and events as without.
ossim_gdb_test(same_run_bare same_run --kernel bare --image ${G}/test-timer.elf)

if(TARGET fs-image)
  # User programs and servers of the hosted kernels, the library OS of uni.
  ossim_gdb_test(mono_main mono_main --kernel mono -c "echo hi there")
  ossim_gdb_test(catch_syscall catch_syscall --kernel mono -c "echo hi")
  ossim_gdb_test(micro_main micro_main --kernel micro -c "echo hi")
  ossim_gdb_test(micro_fs micro_fs --kernel micro -c "ls")
  ossim_gdb_test(uni_libos uni_libos --kernel uni --app wc /bin/echo)
  ossim_gdb_test(same_run_mono same_run --kernel mono -c "sleep 2")
  ossim_gdb_test(same_run_micro same_run --kernel micro -c "sleep 2")
  # Console input is replayed as typed when reverse execution boots again.
  ossim_gdb_test(replay_input replay_input --kernel mono)
  # The kernel's host C (under the host's gdb) and a guest program, in one session.
  ossim_gdb_test(both both --kernel mono -c "echo hi")
endif()
