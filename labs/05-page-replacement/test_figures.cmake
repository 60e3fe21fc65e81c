# answers.txt: A2 starts with the fault counts
# this tree gives on the locality workload with 8 frames: fifo, clock, lru.
include(${CMAKE_CURRENT_LIST_DIR}/check_paging.cmake)
lab_figures(figures ${LAB}/answers.txt 2 3 "faults under fifo, clock, lru")
foreach(policy fifo clock lru)
  paging_run(faults ${policy} 8 "-l 400 -p 16")
  list(POP_FRONT figures said)
  if(NOT said EQUAL faults)
    lab_fail("A2 says ${said} faults under ${policy}, but this tree gives ${faults}")
  endif()
endforeach()
