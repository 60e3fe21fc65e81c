# labs/lib/lab.cmake: what every lab's graded tests share. A test does
#     include(${SRC}/labs/lib/lab.cmake)
# and then calls these. OSSIM, BUILD, SRC and LAB come from labs/grade.

cmake_minimum_required(VERSION 3.19)

# lab_ossim(OUT ARGS...): runs `ossim ARGS...` (seeded, at most 4 G cycles unless ARGS say
# otherwise) with its events written to ${OUT}_events (a file), and sets ${OUT} to its output
# (guest console) and ${OUT}_status. For runs that are no shell command: boot modules on
# micro, --app on uni.
function(lab_ossim out)
  set(events ${BUILD}/lab-${out}.events)
  execute_process(COMMAND ${OSSIM} --seed 1 --max-cycles 4000000000 --events ${events} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e INPUT_FILE /dev/null
                  TIMEOUT 120)
  set(${out} "${o}${e}" PARENT_SCOPE)
  set(${out}_status ${rc} PARENT_SCOPE)
  set(${out}_events ${events} PARENT_SCOPE)
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

# lab_answers(FILE MIN): the lab's answers file exists and answers at least MIN questions:
# lines `A1:`, `A2:`... each followed by text that is not TODO.
function(lab_answers file min)
  if(NOT EXISTS ${file})
    lab_fail("${file} is missing: answer the handout's questions there")
  endif()
  file(STRINGS ${file} lines REGEX "^A[0-9]+:")
  set(n 0)
  foreach(l IN LISTS lines)
    if(NOT l MATCHES "^A[0-9]+: *(TODO.*)?$")
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  if(n LESS ${min})
    lab_fail("${file}: ${n} answers; the handout asks ${min} (lines 'A1: ...', not TODO)")
  endif()
endfunction()
