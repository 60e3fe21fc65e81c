# check_restart.cmake: lab 9's judge. lab_workload_run(NAME [INJECT]) runs the write
# workload (`pattern`: files of a known pattern written a kilobyte at a time, then read
# back) on micro, on a fresh copy of the disk image written in place, with --inject INJECT
# if given, its events recorded; lab_mid_write(OUT) finds the cycle just after the middle
# disk write of an undisturbed run (when blk holds a write); lab_survived(NAME SERVER WHY)
# checks a run where SERVER died: the kernel's server-death (why: 4 killed by an injection,
# 3 missed heartbeat) and server-restart events, the workload intact with no write retried
# by the program, fsck clean, and a second boot reading every byte back.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/events.cmake)

set(FILES 6)
set(SIZE 6000)
set(WORKLOAD "pattern write ${FILES} ${SIZE}; pattern check ${FILES} ${SIZE}")
set(INTACT "pattern: ${FILES} files of ${SIZE} bytes intact")
set(IMG ${SCRATCH}/lab09.img)

macro(lab_workload_run name)
  file(COPY_FILE ${BUILD}/fs.img ${IMG})
  set(_inject)
  if(NOT "${ARGN}" STREQUAL "")
    set(_inject --inject ${ARGN})
  endif()
  lab_run(${name} "${WORKLOAD}" --kernel micro --disk ${IMG} --persist --max-cycles 2000000000
          ${_inject})
endmacro()

function(lab_mid_write out)
  lab_workload_run(clean)
  file(STRINGS ${clean_events} writes REGEX " disk-request 0x2 ")
  list(LENGTH writes n)
  if(NOT clean_status EQUAL 0 OR n LESS 100)
    lab_fail("the workload alone: status ${clean_status}, ${n} disk writes:\n${clean}")
  endif()
  math(EXPR mid "${n} / 2")
  list(GET writes ${mid} line)
  string(REGEX MATCH "^([0-9]+) [^ ]+ disk-request ${LAB_WORDS}" _ "${line}")
  math(EXPR at "${CMAKE_MATCH_1} + 1")
  set(${out} ${at} PARENT_SCOPE)
  set(${out}_sector ${CMAKE_MATCH_3} PARENT_SCOPE)
endfunction()

# The events of type TYPE whose first word is PID (hex, as the event file writes it).
function(lab_server_events out events type pid)
  file(STRINGS ${events} lines REGEX " ${type} ${pid} ")
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

function(lab_survived name pid why)
  if(NOT ${name}_status EQUAL 0 OR NOT ${name} MATCHES "[(]0 writes retried[)]\n${INTACT}")
    lab_fail("the workload, with the driver dying, exited ${${name}_status} and says:\n${${name}}")
  endif()
  lab_server_events(deaths ${${name}_events} server-death ${pid})
  if(NOT deaths MATCHES "server-death ${pid} ${why} ")
    lab_fail("no server-death of pid ${pid} with why ${why} in the kernel's events")
  endif()
  file(STRINGS ${${name}_events} restarts REGEX " server-restart [0-9a-fx]+ ${pid} ")
  if(NOT restarts)
    lab_fail("pid ${pid} died and was never restarted (no server-restart event)")
  endif()
  lab_fsck(${IMG} "after the run")
  lab_run(again "pattern check ${FILES} ${SIZE}" --kernel micro --disk ${IMG})
  if(NOT again_status EQUAL 0 OR NOT again MATCHES "${INTACT}")
    lab_fail("a second boot on the disk reads:\n${again}")
  endif()
endfunction()
