# gdb-multiarch in batch mode against ossim --gdb (tests/gdb/run.sh; skipped, saying so,
# only where no RISC-V capable gdb is installed). Each is a few seconds.
set(_gdb_run ${CMAKE_CURRENT_SOURCE_DIR}/gdb/run.sh $<TARGET_FILE:ossim> ${CMAKE_BINARY_DIR}/gdbinit)
function(ossim_gdb_test name)
  add_test(NAME gdb_${name}
    COMMAND sh ${_gdb_run} ${CMAKE_CURRENT_SOURCE_DIR}/gdb/${name}.gdb ${ARGN})
  set_tests_properties(gdb_${name} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 150)
endfunction()
set(G ${OSSIM_GUEST_DIR})
ossim_gdb_test(bare_step --kernel bare --image ${G}/test-hello.elf)
ossim_gdb_test(watch_timer --kernel bare --image ${G}/test-timer.elf)
ossim_gdb_test(reverse --kernel bare --image ${G}/test-hello.elf)
if(TARGET fs-image)
  ossim_gdb_test(mono_main --kernel mono -c "echo hi there")
  ossim_gdb_test(catch_syscall --kernel mono -c "echo hi")
  ossim_gdb_test(micro_main --kernel micro -c "echo hi")
  ossim_gdb_test(micro_fs --kernel micro -c "ls")
endif()
