# check_paging.cmake: lab 5's judge. pagetest (userland/bin/pagetest.c) touches its heap's
# pages in a given order and writes a mark after each reference; the kernel's events say
# which references faulted (page-fault), and what went to swap and came back (page-out,
# page-in). No guest output is trusted.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

# paging_run(OUT POLICY LIMIT ARGS): runs `pagetest ARGS` with --mem-limit LIMIT and
# --evict POLICY, checks that every page came back as it went (mark 3, exit 0) and that the
# events agree with themselves, and sets OUT to the page faults of its references (between
# its mark 1 and its last mark 2).
function(paging_run out policy limit args)
  lab_run(run "pagetest ${args}" --mem-limit ${limit} --evict ${policy})
  lab_marks(run)
  list(LENGTH run_pids n)
  if(NOT n EQUAL 1)
    lab_fail("`pagetest ${args}` (${policy}, ${limit} frames) wrote no marks, exit ${run_status}:\n${run}")
  endif()
  set(pid ${run_pids})
  if(NOT run_status EQUAL 0 OR NOT DEFINED run_${pid}_3_arg OR NOT run_${pid}_3_arg EQUAL 0)
    lab_fail("`pagetest ${args}` (${policy}, ${limit} frames): pages came back from swap "
             "wrong, or it did not finish (exit ${run_status}):\n${run}")
  endif()
  math(EXPR hex "${pid}" OUTPUT_FORMAT HEXADECIMAL)
  file(STRINGS ${run_events} marks REGEX " mark 0x2 .* ${hex}$")
  list(GET marks -1 last)
  string(REGEX MATCH "^[0-9]+" last "${last}")
  set(from ${run_${pid}_1_cycle})
  lab_count(faults run ${from} ${last} " page-fault ${hex} ")
  lab_count(ins run ${from} ${last} " page-in ${hex} ")
  lab_count(outs run ${from} ${last} " page-out ${hex} ")
  # Every fault beyond the first touch of a page is a page-in; beyond the limit, an eviction.
  string(REPLACE "," ";" pages "${args}")
  list(FILTER pages INCLUDE REGEX "^[0-9]+$")
  list(REMOVE_DUPLICATES pages)
  list(LENGTH pages distinct)
  math(EXPR want_ins "${faults} - ${distinct}")
  math(EXPR want_outs "${faults} - ${limit}")
  if(args MATCHES "^-r" AND (NOT ins EQUAL want_ins OR NOT outs EQUAL want_outs))
    lab_fail("${policy}, ${limit} frames: ${faults} faults on ${distinct} pages, but ${ins} "
             "page-ins and ${outs} page-outs (${want_ins} and ${want_outs} expected)")
  endif()
  set(${out} ${faults} PARENT_SCOPE)
endfunction()

# paging_exact(POLICY EXPECTED...): the reference strings' fault counts under POLICY must be
# EXPECTED: Belady's string with 3 and with 4 frames, then Silberschatz's with 3.
function(paging_exact policy)
  set(belady 1,2,3,4,1,2,5,1,2,3,4,5)
  set(silberschatz 7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1)
  set(got)
  foreach(run IN ITEMS "3 -r ${belady}" "4 -r ${belady}" "3 -r ${silberschatz}")
    string(REGEX MATCH "^([0-9]+) (.*)" _ "${run}")
    paging_run(faults ${policy} ${CMAKE_MATCH_1} "${CMAKE_MATCH_2}")
    list(APPEND got ${faults})
  endforeach()
  string(REPLACE ";" ", " g "${got}")
  string(REPLACE ";" ", " w "${ARGN}")
  message("${policy}: ${g} faults (${w} expected)")
  if(NOT "${got}" STREQUAL "${ARGN}")
    lab_fail("${policy}: ${g} faults on Belady's string (3 frames, 4 frames) and "
             "Silberschatz's (3 frames): ${w} expected")
  endif()
endfunction()
