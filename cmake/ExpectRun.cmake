# ExpectRun.cmake: runs one command and checks its exit status and output (cmake -P).
#
#   -DCMD=a^^b^^c         the command and its arguments, separated by '^^' (arguments may
#                         hold '|', which shells would take; a ';', which CMake lists would
#                         take, is written '%3B')
#   -DSTATUS=n            the exit status expected (default 0)
#   -DSTDOUT=regex        a regular expression stdout must match (optional)
#   -DSTDERR=regex        a regular expression stderr must match (optional)
#   -DSAME_FILE=path      run the command twice and require that this file, which the
#                         command writes, comes out byte for byte the same both times
#   -DINPUT=path          the command's standard input (default /dev/null)
cmake_minimum_required(VERSION 3.20)
string(REPLACE "^^" ";" cmd "${CMD}")
string(REPLACE "%3B" "\\;" cmd "${cmd}") # an escaped ';' stays inside its argument
if(NOT DEFINED STATUS)
  set(STATUS 0)
endif()
if(NOT DEFINED INPUT)
  set(INPUT /dev/null)
endif()

function(run_once out_var err_var)
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  INPUT_FILE ${INPUT} TIMEOUT 120)
  if(NOT "${rc}" STREQUAL "${STATUS}")
    message(FATAL_ERROR "exit status ${rc}, expected ${STATUS}\n--- stdout:\n${out}\n--- stderr:\n${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()

run_once(out err)
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "stdout does not match '${STDOUT}':\n${out}")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
  message(FATAL_ERROR "stderr does not match '${STDERR}':\n${err}")
endif()
if(DEFINED SAME_FILE)
  file(READ ${SAME_FILE} first HEX)
  file(REMOVE ${SAME_FILE})
  run_once(out2 err2)
  file(READ ${SAME_FILE} second HEX)
  string(LENGTH "${first}" len)
  if(len EQUAL 0)
    message(FATAL_ERROR "${SAME_FILE} is empty: nothing to compare")
  endif()
  if(NOT first STREQUAL second)
    message(FATAL_ERROR "${SAME_FILE} differs between two runs with the same inputs")
  endif()
  if(NOT out STREQUAL out2)
    message(FATAL_ERROR "stdout differs between two runs with the same inputs")
  endif()
endif()
