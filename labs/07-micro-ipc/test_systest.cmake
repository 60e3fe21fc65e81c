# The whole system still works on the fast path: micro's in-guest suite (systest) runs to
# its end, on one hart and on two, and no case fails but lab 8's (bigfile and symlinks need
# the file system lab's solution). A fast path that hands the hart to the woken thread while
# the caller goes on loses the caller: systest then stops, every thread waiting.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
foreach(cpus 1 2)
  lab_ossim(run --kernel micro --cpus ${cpus} -c systest)
  if(NOT run MATCHES "systest: [0-9]+ passed, [0-9]+ failed")
    lab_fail("systest on ${cpus} hart(s) did not run to its end (exit ${run_status}):\n${run}")
  endif()
  string(REGEX MATCHALL "test [a-z0-9_]+: FAILED" failed "${run}")
  list(FILTER failed EXCLUDE REGEX "^test (bigfile|symlinks): ")
  if(failed)
    lab_fail("systest on ${cpus} hart(s): ${failed}:\n${run}")
  endif()
endforeach()
