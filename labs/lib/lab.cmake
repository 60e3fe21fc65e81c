# labs/lib/lab.cmake: what every lab's graded tests share. A test does
#     include(${SRC}/labs/lib/lab.cmake)
# and then calls these. OSSIM, BUILD, SRC, LAB, SCRATCH (a folder of this test's own, for
# event files and disk images) and CPU_SECONDS (the host CPU time one run may take) come from
# labs/grade.

cmake_minimum_required(VERSION 3.19)

# The system calls as the tree's abi/syscall.h numbers them: SYS_<name> for each,
# and LAB_SYSCALL_NAMES, their names by number (item 0: none). Read from the header, so a
# test never holds a second copy of the table that could fall behind it.
file(STRINGS ${SRC}/abi/syscall.h _lab_defs REGEX "^#define SYS_[a-z_]+ +[0-9]+")
set(LAB_SYSCALL_NAMES none)
foreach(_lab_def IN LISTS _lab_defs)
  string(REGEX MATCH "^#define SYS_([a-z_]+) +([0-9]+)" _ "${_lab_def}")
  set(SYS_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  list(LENGTH LAB_SYSCALL_NAMES _lab_n)
  if(CMAKE_MATCH_2 EQUAL _lab_n AND NOT CMAKE_MATCH_1 STREQUAL "count") # (one past the last)
    list(APPEND LAB_SYSCALL_NAMES ${CMAKE_MATCH_1})
  endif()
endforeach()

# LAB_JAIL: what every program built from the tree under test (ossim, and the tools and
# unit tests built from the student's files) runs under: the sandbox when labs/grade grades
# a submission (only SCRATCH writable), and a limit of CPU_SECONDS of host CPU time.
set(LAB_JAIL sh -c "ulimit -t ${CPU_SECONDS} && exec \"$@\"" jail)
if(SANDBOX)
  list(PREPEND LAB_JAIL ${SANDBOX} --ro ${SRC} --ro ${BUILD} ${SCRATCH})
endif()

# lab_ossim(OUT ARGS...): runs `ossim ARGS...` (seeded, at most 4 G cycles unless ARGS say
# otherwise) with its events written to ${OUT}_events (a file), and sets ${OUT} to its output
# (guest console) and ${OUT}_status. For runs that are no shell command: boot modules on
# micro, --app on uni. The kernels are host C, so a student's endless loop in one would never
# reach the cycle limit: the run also stops after CPU_SECONDS of host CPU time. A run that is
# stopped either way has a report added to its output: the last events and the pid that ran.
function(lab_ossim out)
  set(events ${SCRATCH}/${out}.events)
  execute_process(COMMAND ${LAB_JAIL} ${OSSIM} --seed 1 --max-cycles 4000000000 --events ${events} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e INPUT_FILE /dev/null
                  TIMEOUT 600)
  set(output "${o}${e}")
  # 124: the cycle limit; a signal's name, or 128 + its number from the sandbox: 137 SIGKILL,
  # 152 SIGXCPU (the CPU-time limit).
  if(NOT rc MATCHES "^[0-9]+$" OR rc EQUAL 124 OR rc EQUAL 137 OR rc EQUAL 152)
    _lab_stop_report(report ${events} "${rc}")
    message(STATUS "${report}")
    string(APPEND output "\n${report}")
  endif()
  set(${out} "${output}" PARENT_SCOPE)
  set(${out}_status ${rc} PARENT_SCOPE)
  set(${out}_events ${events} PARENT_SCOPE)
endfunction()

# _lab_stop_report(OUT EVENTS RC): why a run was stopped, the pid running when it was (the
# last sched-switch) and the last events, for a student to find where the kernel looped.
function(_lab_stop_report out events rc)
  if(rc EQUAL 124)
    set(why "it reached the cycle limit")
  else()
    set(why "it used ${CPU_SECONDS} s of host CPU time (${rc}): a loop in host kernel code?")
  endif()
  set(pid "?")
  set(last "")
  if(EXISTS ${events})
    file(STRINGS ${events} switches REGEX " sched-switch ")
    list(POP_BACK switches s)
    if(s MATCHES " sched-switch (0x[0-9a-f]+|0) ")
      lab_hex(pid ${CMAKE_MATCH_1})
    endif()
    file(STRINGS ${events} lines)
    list(LENGTH lines n)
    set(from 0)
    if(n GREATER 8)
      math(EXPR from "${n} - 8")
    endif()
    list(SUBLIST lines ${from} -1 tail)
    list(JOIN tail "\n    " last)
  endif()
  set(${out} "stopped: ${why}; pid ${pid} was running; the last events:\n    ${last}" PARENT_SCOPE)
endfunction()

# lab_run(OUT CMD [ARGS...]): lab_ossim of `ossim ARGS... -c CMD` on mono (unless ARGS name
# another --kernel): the shell runs CMD.
macro(lab_run out cmd)
  string(REPLACE ";" "\\;" _lab_cmd "${cmd}") # the shell's ';' stays inside the argument
  lab_ossim(${out} --kernel mono ${ARGN} -c "${_lab_cmd}")
endmacro()

# lab_fail(MSG...): fails the test with a message for the student.
function(lab_fail)
  string(JOIN "" msg ${ARGN})
  message(FATAL_ERROR "${msg}")
endfunction()

# lab_hex(OUT HEX): a 32-bit value from the event file, as a signed decimal number.
function(lab_hex out hex)
  math(EXPR v "${hex}")
  if(v GREATER_EQUAL 2147483648)
    math(EXPR v "${v} - 4294967296")
  endif()
  set(${out} ${v} PARENT_SCOPE)
endfunction()

# lab_pids_named(OUT EVENTS NAME): the pids, in order of appearance, of the processes the
# event file EVENTS names NAME (proc-name records; the first 4 bytes of the name are compared).
function(lab_pids_named out events name)
  string(SUBSTRING "${name}" 0 4 head)
  string(HEX "${head}" hex) # "spin" -> 7370696e; the event has the bytes little-endian
  set(word "")
  string(LENGTH "${hex}" n)
  while(n GREATER 0)
    math(EXPR n "${n} - 2")
    string(SUBSTRING "${hex}" ${n} 2 byte)
    string(APPEND word "${byte}")
  endwhile()
  string(REGEX REPLACE "^0+" "" word "${word}")
  file(STRINGS ${events} lines REGEX " proc-name (0x[0-9a-f]+) 0x${word} ")
  set(pids)
  foreach(line IN LISTS lines)
    string(REGEX MATCH "proc-name (0x[0-9a-f]+)" _ "${line}")
    lab_hex(pid ${CMAKE_MATCH_1})
    if(NOT pid IN_LIST pids)
      list(APPEND pids ${pid})
    endif()
  endforeach()
  set(${out} ${pids} PARENT_SCOPE)
endfunction()

# lab_figures(OUT FILE N COUNT WHAT): the whole numbers in answer N of the
# answers FILE holds (the line `AN: ...` and what follows up to the next answer), of which
# there must be at least COUNT; WHAT says which they are, for the message.
function(lab_figures out file n count what)
  if(NOT EXISTS ${file})
    lab_fail("${file} is missing: write the handout's figures there")
  endif()
  file(READ ${file} text)
  if(NOT text MATCHES "(^|\n)A${n}:([^\n]*(\n[^A][^\n]*)*)")
    lab_fail("${file}: no answer A${n}")
  endif()
  string(REGEX MATCHALL "[0-9]+" figures "${CMAKE_MATCH_2}")
  list(LENGTH figures found)
  if(found LESS count)
    lab_fail("A${n} should start with ${count} figures (${what}), found ${found}")
  endif()
  set(${out} ${figures} PARENT_SCOPE)
endfunction()

# lab_marks(NAME): from ${NAME}_events, the marks a program wrote with trace_mark(ID, A1,
# ...) for IDs 1 to 9, each stamped by the kernel with the caller's pid (which a guest
# cannot fake): ${NAME}_pids (the pids that wrote one, in order), and for each pid and ID,
# ${NAME}_PID_ID_cycle and ${NAME}_PID_ID_arg (A1) of its last such mark.
function(lab_marks name)
  file(STRINGS ${${name}_events} lines REGEX " mark ")
  set(pids)
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^([0-9]+) [-0-9]+ mark (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0)"
           _ "${line}")
    lab_hex(id ${CMAKE_MATCH_2})
    lab_hex(arg ${CMAKE_MATCH_3})
    lab_hex(pid ${CMAKE_MATCH_5})
    if(id LESS 1 OR id GREATER 9)
      continue()
    endif()
    if(NOT pid IN_LIST pids)
      list(APPEND pids ${pid})
    endif()
    set(${name}_${pid}_${id}_cycle ${CMAKE_MATCH_1} PARENT_SCOPE)
    set(${name}_${pid}_${id}_arg ${arg} PARENT_SCOPE)
  endforeach()
  set(${name}_pids ${pids} PARENT_SCOPE)
endfunction()

# lab_count(OUT NAME FROM TO REGEX): how many records of ${NAME}_events matching REGEX
# (after the type: e.g. "syscall-enter 0x2 ") lie in the cycles (FROM, TO).
function(lab_count out name from to regex)
  file(STRINGS ${${name}_events} lines REGEX "${regex}")
  set(n 0)
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^[0-9]+" cycle "${line}")
    if(cycle GREATER from AND cycle LESS to)
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  set(${out} ${n} PARENT_SCOPE)
endfunction()

# lab_machine_option(OUT OPTION): OUT is OPTION when this ossim has it (its --help lists
# it), else empty: a lab grades on a stricter machine where there is one.
function(lab_machine_option out option)
  execute_process(COMMAND ${LAB_JAIL} ${OSSIM} --help OUTPUT_VARIABLE o ERROR_VARIABLE e
                  INPUT_FILE /dev/null TIMEOUT 60)
  string(FIND "${o}${e}" "${option}" at)
  if(at LESS 0)
    set(option "")
  endif()
  set(${out} ${option} PARENT_SCOPE)
endfunction()

# lab_figure(N MEASURED WHAT): answers.txt's line `FN: NUMBER` (commas, spaces and '_'
# between digits allowed) must be within 10% of MEASURED, the grader's own measure of it;
# WHAT says which figure it is, for the message.
function(lab_figure n measured what)
  if(NOT EXISTS ${LAB}/answers.txt)
    lab_fail("${LAB}/answers.txt is missing: write the handout's figures there")
  endif()
  file(STRINGS ${LAB}/answers.txt lines REGEX "^F${n}:")
  string(REGEX REPLACE "[, _]" "" line "${lines}")
  if(NOT line MATCHES "^F${n}:([0-9]+)")
    lab_fail("answers.txt has no line `F${n}: NUMBER` (${what})")
  endif()
  set(said ${CMAKE_MATCH_1})
  math(EXPR lo "${measured} - ${measured} / 10")
  math(EXPR hi "${measured} + ${measured} / 10")
  if(said LESS lo OR said GREATER hi)
    lab_fail("answers.txt says F${n}: ${said} (${what}); measured now: ${measured}")
  endif()
endfunction()

# lab_calls(OUT NAME PID NUM RET): how many system calls NUM of process PID (in
# ${NAME}_events) returned RET.
function(lab_calls out name pid num ret)
  file(STRINGS ${${name}_events} exits REGEX " syscall-exit ")
  set(n 0)
  foreach(line IN LISTS exits)
    string(REGEX MATCH "syscall-exit (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0)" _ "${line}")
    lab_hex(p ${CMAKE_MATCH_1})
    lab_hex(call ${CMAKE_MATCH_2})
    lab_hex(r ${CMAKE_MATCH_3})
    if(p EQUAL pid AND call EQUAL num AND r EQUAL ret)
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  set(${out} ${n} PARENT_SCOPE)
endfunction()
