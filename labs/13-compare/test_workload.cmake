# The workload does what the handout says on each kernel: on mono and micro the events show
# its file writes and reads and its pipe bytes, each of the size asked; on uni, as an app,
# it prints its line and exits 0.
include(${CMAKE_CURRENT_LIST_DIR}/check_compare.cmake)

# expect(PID NUM RET AT_LEAST WHAT)
function(expect kernel pid num ret at_least what)
  lab_calls(n run ${pid} ${num} ${ret})
  if(n LESS at_least)
    lab_fail("on ${kernel}, the workload made ${n} ${what}; the handout asks for ${at_least}")
  endif()
endfunction()

foreach(kernel mono micro)
  lab_run(run workload --kernel ${kernel})
  if(NOT run_status EQUAL 0 OR NOT run MATCHES "${WORKLOAD_LINE}")
    lab_fail("on ${kernel}, `workload` should print `${WORKLOAD_LINE}` and exit 0; it exited ${run_status}:\n${run}")
  endif()
  lab_pids_named(pids ${run_events} workload)
  list(GET pids 0 pid)
  expect(${kernel} ${pid} ${SYS_write} 1024 ${WORKLOAD_WRITES} "writes of 1024 bytes")
  expect(${kernel} ${pid} ${SYS_read} 512 ${WORKLOAD_READS} "reads of 512 bytes")
  expect(${kernel} ${pid} ${SYS_write} 1 ${WORKLOAD_PIPE} "writes of 1 byte")
  expect(${kernel} ${pid} ${SYS_read} 1 ${WORKLOAD_PIPE} "reads of 1 byte")
endforeach()
lab_ossim(uni --kernel uni --app workload)
if(NOT uni_status EQUAL 0 OR NOT uni MATCHES "${WORKLOAD_LINE}")
  lab_fail("on uni, `--app workload` should print `${WORKLOAD_LINE}` and exit 0; it exited ${uni_status}:\n${uni}")
endif()
