# On a workload with locality (400 references, 80% of them to 4 of 16 pages, 8 frames), LRU
# faults less than clock, and clock less than FIFO.
include(${CMAKE_CURRENT_LIST_DIR}/check_paging.cmake)
foreach(policy fifo clock lru)
  paging_run(${policy} ${policy} 8 "-l 400 -p 16")
endforeach()
message("faults: fifo ${fifo}, clock ${clock}, lru ${lru}")
if(NOT lru LESS clock OR NOT clock LESS fifo)
  lab_fail("faults with locality: fifo ${fifo}, clock ${clock}, lru ${lru}: expected "
           "lru < clock < fifo")
endif()
