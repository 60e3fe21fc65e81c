# USYSCALL is read-only: `pidtest -w` reads its pid there (mark 1, stamped by the kernel
# with the true pid), then stores to the page, and the kernel must refuse: an unresolved
# store page fault at USYSCALL, and the process killed.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
lab_run(run "pidtest -w")
lab_marks(run)
list(LENGTH run_pids n)
if(NOT n EQUAL 1)
  lab_fail("`pidtest -w` wrote no mark: it died reading USYSCALL?\n${run}")
endif()
if(NOT run_pids EQUAL run_${run_pids}_1_arg)
  lab_fail("pid ${run_pids} read ${run_${run_pids}_1_arg} from USYSCALL")
endif()
math(EXPR hex "${run_pids}" OUTPUT_FORMAT HEXADECIMAL)
file(STRINGS ${run_events} faults REGEX " page-fault ${hex} 0xffffe000 0xf 0$")
if(NOT faults OR run_status EQUAL 0 OR run MATCHES "went through")
  lab_fail("the store to USYSCALL was not refused (exit ${run_status}):\n${run}")
endif()
