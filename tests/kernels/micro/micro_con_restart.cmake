# micro_con_restart.cmake: the console driver dies in the middle of a program's output, and
# nothing written is lost (cmake -P).
#
# A first run of `ls /bin` records its output and the cycle of every write system call (it
# writes a line per call). Then the same command runs again with the console driver made to
# fault at a few cycles just after the middle write began: on its way through the file server,
# inside the console driver, or after. Each time the reincarnation server restarts the driver,
# the file server sends the write again, and every line of the first run's output comes out,
# in order. (A write cut short may come out twice in part: the driver cannot tell how much of
# it reached the UART before it died.) Then the driver hangs instead, twice: the heartbeat
# finds it, and again every line comes out.
#
#   -DOSSIM=path   the program
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/../../lib/checks.cmake)
require_defines(OSSIM WORK)
file(MAKE_DIRECTORY ${WORK})
set(events ${WORK}/con.events)
set(cmd "ls /bin")

execute_process(COMMAND ${OSSIM} --kernel micro --events ${events} -c "${cmd}" INPUT_FILE /dev/null
                RESULT_VARIABLE rc OUTPUT_VARIABLE reference TIMEOUT 120)
middle_event_cycle(${events} " syscall-enter 0x[0-9a-f]+ 0x10 " nwrites at)
if(NOT rc EQUAL 0 OR nwrites LESS 10)
  message(FATAL_ERROR "${cmd}: exit status ${rc}, ${nwrites} writes:\n${reference}")
endif()
string(REPLACE "\n" ";" want "${reference}")

# Every line of the reference, in order, must be in out.
function(expect_every_line what out)
  set(rest "${out}")
  foreach(l IN LISTS want)
    if(l STREQUAL "")
      continue()
    endif()
    string(FIND "${rest}" "${l}\n" pos)
    if(pos EQUAL -1)
      message(FATAL_ERROR "${what}: '${l}' is missing or out of order:\n${out}")
    endif()
    string(LENGTH "${l}\n" len)
    math(EXPR pos "${pos} + ${len}")
    string(SUBSTRING "${rest}" ${pos} -1 rest)
  endforeach()
endfunction()

foreach(offset 1 700 1500 3000 6000)
  math(EXPR cycle "${at} + ${offset}")
  execute_process(COMMAND ${OSSIM} --kernel micro --inject con@${cycle} -c "${cmd}"
                  INPUT_FILE /dev/null RESULT_VARIABLE rc OUTPUT_VARIABLE out TIMEOUT 120)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "rs: con restarted as pid [0-9]+\n")
    message(FATAL_ERROR "--inject con@${cycle}: exit status ${rc}, no restart:\n${out}")
  endif()
  expect_every_line("--inject con@${cycle}" "${out}")
endforeach()
message(STATUS "the console driver died at 5 points of ${nwrites} writes; every line came out")

# A hung console driver (a loop, or an interrupt it waits for in vain) answers no ping: the
# reincarnation server's heartbeat finds it and kills it (server-death, why 3), and the output
# goes on through the next instance. Hung by --inject in the middle write, and by the guest's
# inject command before the program.
set(hang "pid 103 \\(con\\): hangs: an injected hang \\(pc 0x[0-9a-f]+\\)\n")
set(found "rs: con \\(pid 103\\) missed its heartbeat: killed\nrs: con restarted as pid [0-9]+\n")
# The command and the --inject arguments of each run, apart: a command may hold a ';'.
math(EXPR cycle "${at} + 700")
foreach(how "${cmd}|--inject con@${cycle}:hang" "inject con hang@SEMI@ ${cmd}|")
  string(REPLACE "|" ";" how "${how}")
  list(GET how 0 c)
  list(GET how 1 inject)
  string(REPLACE "@SEMI@" ";" c "${c}")
  separate_arguments(inject)
  execute_process(COMMAND ${OSSIM} --kernel micro --events ${events} ${inject} -c "${c}"
                  INPUT_FILE /dev/null RESULT_VARIABLE rc OUTPUT_VARIABLE out TIMEOUT 120)
  file(STRINGS ${events} death REGEX " server-death 0x67 0x3 ")
  if(NOT rc EQUAL 0 OR NOT out MATCHES "${hang}(.*\n)?${found}" OR NOT death)
    message(FATAL_ERROR "${inject} -c '${c}': exit status ${rc}, no heartbeat kill and "
                        "restart:\n${out}")
  endif()
  expect_every_line("${inject} -c '${c}'" "${out}")
endforeach()
message(STATUS "a hung console driver was found by the heartbeat and restarted, twice; every "
               "line came out")
