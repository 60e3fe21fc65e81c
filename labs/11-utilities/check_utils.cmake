# check_utils.cmake: lab 11's judge. Each program runs on mono and on micro (the same
# program, two kernels: nothing in it may lean on one), and its lines are compared with
# the ones it must print; the kernels' events say which process printed and what it read,
# which a program cannot fake.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

set(LAB_UTIL_KERNELS mono micro)

# lab_util(OUT KERNEL CMD): runs the shell command CMD on KERNEL, and fails unless it exits
# 0; ${OUT}_lines is its output, a list of lines (and ${OUT}_events its events).
macro(lab_util out kernel cmd)
  lab_run(${out} "${cmd}" --kernel ${kernel})
  if(NOT ${out}_status EQUAL 0)
    lab_fail("on ${kernel}, `${cmd}` exited ${${out}_status}:\n${${out}}")
  endif()
  string(REGEX REPLACE "\n$" "" _lab_util_text "${${out}}")
  string(REPLACE "\n" ";" ${out}_lines "${_lab_util_text}")
endmacro()

# lab_util_expect(KERNEL CMD PRINTED EXPECTED...): the lines PRINTED (a list) must be the
# EXPECTED ones, in that order.
function(lab_util_expect kernel cmd printed)
  if(NOT "${printed}" STREQUAL "${ARGN}")
    string(REPLACE ";" "\n  " e "${ARGN}")
    string(REPLACE ";" "\n  " p "${printed}")
    lab_fail("on ${kernel}, `${cmd}` should print\n  ${e}\nbut printed\n  ${p}")
  endif()
endfunction()
