# Six injections at one cycle: blk dies, and each new instance dies as it starts. rs
# restarts it at once, then after 1, 2, 4 and 8 ticks (the server-restart events' last word,
# in cycles), and at the sixth death in a row gives up and powers off with status 1. The
# workload writes four files so that it still runs at the first fault (5 M cycles).
include(${CMAKE_CURRENT_LIST_DIR}/check_restart.cmake)
set(inject)
foreach(i RANGE 1 6)
  list(APPEND inject --inject blk@5000000)
endforeach()
lab_run(run "pattern write 4 3000" --kernel micro --max-cycles 2000000000 ${inject})
file(STRINGS ${run_events} restarts REGEX " server-restart ")
set(waits)
foreach(r IN LISTS restarts)
  string(REGEX MATCH "server-restart ${LAB_WORDS}" _ "${r}")
  lab_hex(w ${CMAKE_MATCH_4})
  list(APPEND waits ${w})
endforeach()
string(JOIN ", " got ${waits})
if(NOT "${waits}" STREQUAL "0;1000000;2000000;4000000;8000000")
  lab_fail("blk was restarted after [${got}] cycles (server-restart events); expected "
           "[0, 1000000, 2000000, 4000000, 8000000]:\n${run}")
endif()
file(STRINGS ${run_events} power REGEX " power 0 0x1 ")
if(NOT run_status EQUAL 1 OR NOT power)
  lab_fail("after the sixth death rs must power off with status 1; the run exited "
           "${run_status}:\n${run}")
endif()
