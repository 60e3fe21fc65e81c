# uthread_switch: uthreadtest's three threads take turns round robin, each keeping twelve
# sums live in s0..s11 across its yields; a switch that loses a register shows as a wrong
# sum, and one that does not switch as a run that never ends (a short cycle limit).
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
lab_run(run uthreadtest --max-cycles 200000000)
if(NOT run_status EQUAL 0 OR NOT run MATCHES "uthreadtest: ok")
  lab_fail("uthreadtest exited ${run_status}:\n${run}")
endif()
