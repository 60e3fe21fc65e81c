# sysfuzz on the unikernel: it powers off with status 0, no exception is taken, and the
# library OS's call marks (MARK_UNI_CALL(n) on entry, in the event stream) show thousands
# of calls of many kinds: the fuzzing really reached the library OS. And it still fuzzes
# mono through the vDSO (its syscall-exit events).
include(${CMAKE_CURRENT_LIST_DIR}/check_uni.cmake)
lab_ossim(run --kernel uni --max-cycles 2000000000 --app sysfuzz 3000 5)
if(NOT run_status EQUAL 0)
  lab_fail("`ossim --kernel uni --app sysfuzz 3000 5` exited with status ${run_status}:\n${run}")
endif()
file(STRINGS ${run_events} faults REGEX " exception ")
list(LENGTH faults nfaults)
file(STRINGS ${run_events} enters REGEX " mark 0x55002[0-9a-f][0-9a-f] 0x1 ")
list(LENGTH enters ncalls)
lab_captures(kinds "mark 0x55002([0-9a-f][0-9a-f])" ${enters})
list(REMOVE_DUPLICATES kinds)
list(LENGTH kinds nkinds)
message(STATUS "uni: ${ncalls} calls of ${nkinds} kinds, ${nfaults} exceptions")
if(nfaults GREATER 0 OR ncalls LESS 1500 OR nkinds LESS 20)
  lab_fail("sysfuzz on uni: ${ncalls} calls into the library OS of ${nkinds} kinds (the "
           "call marks), ${nfaults} exceptions; expected more than 1500 calls of 20 kinds "
           "and none:\n${run}")
endif()
lab_run(mono "sysfuzz 1000 5")
lab_calls(calls ${mono_events} sysfuzz ${SYS_getpid}) # among the fuzzed calls
list(LENGTH calls n)
if(NOT mono_status EQUAL 0 OR n LESS 5) # about one call in 36 is a getpid, until a random one kills the fuzzer
  lab_fail("sysfuzz on mono: status ${mono_status}, ${n} getpid calls:\n${mono}")
endif()
