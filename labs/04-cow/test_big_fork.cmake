# Memory is shared and given back: with 8 MiB of RAM (2048 pages), a process of 1200 pages
# forks, which copying could not do (2400 pages), three times in a row, each child
# writing 400 pages: a page whose last sharer is gone must be freed, or the third fork
# runs out of memory.
include(${CMAKE_CURRENT_LIST_DIR}/check_cow.cmake)
set(one "cowtest -p 1200 -w 400")
cow_run(run "${one}; ${one}; ${one}" --mem 8M)
list(LENGTH run_parents n)
if(NOT n EQUAL 3)
  lab_fail("three cowtests ran, ${n} got through their fork:\n${run}")
endif()
