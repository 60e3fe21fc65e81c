cmake_minimum_required(VERSION 3.19)
# mem_check.cmake: memory by owner (EV_PROC_MEM) agrees with itself and with what shows it.
# -DOSSIM=path -DWORK=dir -DKERNEL=name (-DCMD='command' | -DINPUT=file)
#
# Runs CMD on KERNEL with --events and --stats (uni: --app CMD), or boots the shell with
# INPUT typed at its console, then counts here, from the proc-mem events alone: each
# owner's latest pages, their sum and its peak.
# - --stats' "physical pages: N in use (kernel K), peak P" (the model) must say the same;
# - with CMD, `ossim compare`'s "memory (pages)" for the same command must be that peak;
# - every process that exited and was reaped ends with 0 pages: nothing stays charged to
#   the dead, nothing is freed twice (a count below zero would show as a huge number); and
#   for mono and micro at least one process was reaped, so the check saw memory go.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/checks.cmake)
set(input /dev/null)
if(DEFINED INPUT)
  set(input ${INPUT})
  get_filename_component(name ${INPUT} NAME_WE)
  set(what "")
else()
  string(MAKE_C_IDENTIFIER "${CMD}" name)
  separate_arguments(argv UNIX_COMMAND "${CMD}")
  if(KERNEL STREQUAL "uni")
    set(what --app ${argv})
  else()
    set(what -c "${CMD}")
  endif()
endif()
set(events ${WORK}/mem-${KERNEL}-${name}.events)
execute_process(COMMAND ${OSSIM} --kernel ${KERNEL} --stats --events ${events} ${what}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err INPUT_FILE ${input}
                TIMEOUT 300)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${KERNEL} '${CMD}${INPUT}' exited ${rc}:\n${out}\n${err}")
endif()

# "CYCLE HART proc-mem OWNER PAGES 0 0", and the lives of processes.
file(STRINGS ${events} lines REGEX " (proc-mem|proc-exit|proc-state) ")
set(total 0)
set(peak 0)
set(owners "")
set(exited "")
set(reaped "")
foreach(line IN LISTS lines)
  string(REPLACE " " ";" f "${line}")
  list(GET f 2 type)
  list(GET f 3 a0)
  list(GET f 4 a1)
  math(EXPR pid "${a0}")
  math(EXPR val "${a1}")
  if(type STREQUAL "proc-mem")
    if(NOT DEFINED pages_${pid})
      set(pages_${pid} 0)
      list(APPEND owners ${pid})
    endif()
    math(EXPR total "${total} - ${pages_${pid}} + ${val}")
    set(pages_${pid} ${val})
    if(total GREATER peak)
      set(peak ${total})
    endif()
  elseif(type STREQUAL "proc-exit")
    list(APPEND exited ${pid})
  elseif(val EQUAL 0 AND pid IN_LIST exited) # proc-state PID 0: reaped, its slot free
    list(APPEND reaped ${pid})
  endif()
endforeach()
list(LENGTH owners nowners)
if(nowners EQUAL 0)
  message(FATAL_ERROR "${KERNEL} emitted no proc-mem events")
endif()

string(REGEX MATCH "physical pages: ([0-9]+) in use \\(kernel ([0-9]+)\\), peak ([0-9]+)" _ "${err}")
if(NOT CMAKE_MATCH_1 STREQUAL total OR NOT CMAKE_MATCH_3 STREQUAL peak
   OR NOT CMAKE_MATCH_2 STREQUAL pages_0)
  message(FATAL_ERROR "--stats says '${_}'; the events: ${total} in use (kernel ${pages_0}), "
                      "peak ${peak}")
endif()

foreach(pid IN LISTS reaped)
  if(NOT pages_${pid} EQUAL 0)
    message(FATAL_ERROR "pid ${pid} was reaped holding ${pages_${pid}} pages")
  endif()
endforeach()
list(LENGTH reaped nreaped)
if(NOT KERNEL STREQUAL "uni" AND nreaped EQUAL 0)
  message(FATAL_ERROR "no process was reaped: the check saw nothing go")
endif()

message(STATUS "${KERNEL}: ${total} pages in use at the end (kernel ${pages_0}), peak ${peak}; "
               "${nreaped} processes reaped with nothing left")
if(DEFINED INPUT)
  return()
endif()
execute_process(COMMAND ${OSSIM} compare --cmd ${CMD} --kernels ${KERNEL} --format csv
                RESULT_VARIABLE rc OUTPUT_VARIABLE csv ERROR_VARIABLE err INPUT_FILE /dev/null
                TIMEOUT 300)
csv_figures("${csv}" keys vals)
list(FIND keys memory_pages at)
list(GET vals ${at} memory)
if(NOT rc EQUAL 0 OR NOT memory STREQUAL peak)
  message(FATAL_ERROR "compare's memory is '${memory}', the events' peak ${peak}:\n${csv}${err}")
endif()
