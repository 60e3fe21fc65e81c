# A file larger than the direct and singly indirect blocks reach (11 + 256 blocks: 267 KiB):
# cat writes /bin/systest and /bin/sh into /big, every byte (its writes in the kernel's
# events add up to what it read), wc reads all of them back and counts the lines of both;
# systest's bigfile test writes 300 KiB of a pattern, straddles the boundary and checks it.
include(${CMAKE_CURRENT_LIST_DIR}/check_fs.cmake)
lab_run(run "cat /bin/systest /bin/sh > /big; wc /big; wc /bin/systest /bin/sh; systest bigfile")
lab_calls(reads ${run_events} cat ${SYS_read})
lab_calls(writes ${run_events} cat ${SYS_write})
lab_sum(in ${reads})
lab_sum(out ${writes})
if(NOT in EQUAL out OR in LESS 273409)
  lab_fail("cat read ${in} bytes and wrote ${out} into /big (-1: a write failed), by the "
           "kernel's events:\n${run}")
endif()
lab_calls(wcreads ${run_events} wc ${SYS_read})
set(first)
foreach(r IN LISTS wcreads) # wc's reads of /big: up to its first end of file
  if(r EQUAL 0)
    break()
  endif()
  list(APPEND first ${r})
endforeach()
lab_sum(back ${first})
if(NOT back EQUAL out)
  lab_fail("wc read ${back} bytes of /big back (the kernel's events); ${out} were written:\n${run}")
endif()
string(REGEX MATCH "([0-9]+) [0-9]+ ([0-9]+) /big" _ "${run}")
set(lines ${CMAKE_MATCH_1})
set(bytes ${CMAKE_MATCH_2})
string(REGEX MATCH "([0-9]+) [0-9]+ [0-9]+ /bin/systest\n *([0-9]+) [0-9]+ [0-9]+ /bin/sh" _ "${run}")
math(EXPR want "${CMAKE_MATCH_1} + ${CMAKE_MATCH_2}")
if(NOT bytes EQUAL out OR NOT lines EQUAL want)
  lab_fail("wc counts ${lines} lines and ${bytes} bytes in /big; the two files hold ${want} "
           "lines and ${out} bytes:\n${run}")
endif()
lab_calls(stwrites ${run_events} systest ${SYS_write})
lab_sum(st ${stwrites})
if(NOT run MATCHES "test bigfile: ok" OR st LESS 309248)
  lab_fail("systest bigfile wrote ${st} bytes (-1: a write failed; 300 KiB and 2 KiB "
           "expected):\n${run}")
endif()
