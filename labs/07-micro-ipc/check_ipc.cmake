# check_ipc.cmake: lab 7's judge. lab_round_trips(RUN PROGRAM N MAX) checks the run
# lab_ossim(RUN ...) of the IPC benchmark (boot modules ping:N and pong): ping's N calls
# all went out (the kernel's ipc-send events from ping's pid) and took, from the first to
# the last, at most MAX cycles each on average. The cycles are the kernel's: what ping
# prints of its own measure is not used.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/events.cmake)

# lab_sends(OUT RUN PROGRAM): the ipc-send events of the thread that ran PROGRAM, each
# `CYCLE LABEL`.
function(lab_sends out run program)
  lab_proc_events(sends ${${run}_events} ${program} ipc-send)
  set(items)
  foreach(s IN LISTS sends)
    string(REPLACE " " ";" f "${s}")
    list(GET f 0 cycle)
    list(GET f 3 label)
    list(APPEND items "${cycle} ${label}")
  endforeach()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

function(lab_round_trips run n max)
  lab_sends(sends ${run} ping)
  list(LENGTH sends got)
  if(got LESS 2)
    lab_fail("ping made ${got} calls (the kernel's ipc-send events); status ${${run}_status}:\n"
             "${${run}}")
  endif()
  list(GET sends 0 first)
  list(GET sends -1 last)
  string(REGEX MATCH "^[0-9]+" first "${first}")
  string(REGEX MATCH "^[0-9]+" last "${last}")
  math(EXPR each "(${last} - ${first}) / (${got} - 1)")
  message(STATUS "round trip: ${each} cycles (from the kernel's events; at most ${max})")
  if(NOT got EQUAL n OR NOT ${run}_status EQUAL 0)
    lab_fail("ping made ${got} of its ${n} calls (the kernel's ipc-send events), ${each} "
             "cycles apart, before the run ended (status ${${run}_status}):\n${${run}}")
  endif()
  if(each GREATER max)
    lab_fail("a round trip takes ${each} cycles (ping's calls in the kernel's events); "
             "at most ${max} with the fast path")
  endif()
endfunction()
