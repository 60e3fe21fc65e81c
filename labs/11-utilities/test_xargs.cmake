# xargs: one run of the command for each input line, in the order of the lines, with the
# line's words (however many spaces apart) after the fixed arguments.
include(${CMAKE_CURRENT_LIST_DIR}/check_utils.cmake)
set(lines "(echo hello too; echo 2; echo 'three  spaced   words') | xargs echo bye")
set(none "true | xargs echo never")
foreach(kernel IN LISTS LAB_UTIL_KERNELS)
  lab_util(run ${kernel} "${lines}")
  lab_util_expect(${kernel} "${lines}" "${run_lines}" "bye hello too" "bye 2" "bye three spaced words")
  lab_util(empty ${kernel} "${none}")
  lab_util_expect(${kernel} "${none}" "${empty_lines}")
endforeach()
