# Pages are copied on a store, not before: after the fork, cowtest's child reads all 256
# pages with no page fault (between its marks 2 and 3), then stores into 4 of them and
# takes exactly 4 store page faults, resolved, one on each of those pages (marks 3 to 4).
include(${CMAKE_CURRENT_LIST_DIR}/check_cow.cmake)
cow_run(run "cowtest -p 256 -w 4")
list(GET run_children 0 pid)
math(EXPR hex "${pid}" OUTPUT_FORMAT HEXADECIMAL)
lab_count(reads run ${run_${pid}_2_cycle} ${run_${pid}_3_cycle} " page-fault ${hex} ")
if(NOT reads EQUAL 0)
  lab_fail("the child took ${reads} page faults reading the pages it shares with its parent "
           "(none expected: a read needs no copy)")
endif()
file(STRINGS ${run_events} faults REGEX " page-fault ${hex} 0x[0-9a-f]+ 0xf 0x1$")
set(pages)
foreach(line IN LISTS faults)
  string(REGEX MATCH "^([0-9]+) .* page-fault ${hex} (0x[0-9a-f]+)" _ "${line}")
  if(CMAKE_MATCH_1 GREATER run_${pid}_3_cycle AND CMAKE_MATCH_1 LESS run_${pid}_4_cycle)
    math(EXPR page "${CMAKE_MATCH_2} >> 12")
    list(APPEND pages ${page})
  endif()
endforeach()
lab_count(all run ${run_${pid}_3_cycle} ${run_${pid}_4_cycle} " page-fault ${hex} ")
list(LENGTH pages n)
list(REMOVE_DUPLICATES pages)
list(LENGTH pages distinct)
message("child: ${reads} faults reading 256 shared pages, ${n} store faults writing 4")
if(NOT n EQUAL 4 OR NOT distinct EQUAL 4 OR NOT all EQUAL 4)
  lab_fail("the child stored into 4 shared pages and took ${n} resolved store faults on "
           "${distinct} pages (${all} faults in all): each store to a shared page must "
           "fault once, and the copy make it the child's own")
endif()
