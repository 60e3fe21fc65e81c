# The whole system still works on the fast path: micro's in-guest suite (systest) passes,
# on one hart and on two. A fast path that hands the hart to the woken thread while the
# caller goes on loses the caller: systest then stops, every thread waiting.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
foreach(cpus 1 2)
  lab_ossim(run --kernel micro --cpus ${cpus} -c systest)
  if(NOT run_status EQUAL 0 OR NOT run MATCHES "systest: [0-9]+ passed, 0 failed")
    lab_fail("systest on ${cpus} hart(s) exited ${run_status}:\n${run}")
  endif()
endforeach()
