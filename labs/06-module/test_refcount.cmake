# rmmod is refused (-EBUSY) while a file is open on /dev/counter: two files are opened (one
# shared by a subshell and its two children), and rmmod is tried while both are open, while
# one is (its first holder has exited, another still has it), and after the last close,
# when it unloads the module.
include(${CMAKE_CURRENT_LIST_DIR}/check_counter.cmake)
lab_run(run "insmod counter; (sleep 20 & sleep 100) < /dev/counter & sleep 60 < /dev/counter & sleep 5; rmmod counter; sleep 75; rmmod counter; sleep 60; rmmod counter")
lab_expect_calls(run rmmod ${SYS_rmmod} "unloads (two files open, one, none)" ${EBUSY} ${EBUSY} 0)
lab_counter_modules(run "load counter" "unload counter")
lab_module_events(mods ${run_events})
list(GET mods_cycles 1 unloaded)
lab_exits(sleeps ${run_events} sleep)
foreach(c IN LISTS sleeps)
  if(c GREATER unloaded)
    lab_fail("the module was unloaded at cycle ${unloaded}, before a sleep that held "
             "/dev/counter open exited (cycle ${c})")
  endif()
endforeach()
