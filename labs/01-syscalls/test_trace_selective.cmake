# Only the calls in the mask are printed, only for traced processes, and a mask of 0 prints
# nothing.
include(${CMAKE_CURRENT_LIST_DIR}/check_trace.cmake)
lab_run(none "trace 0 echo hello")
if(NOT none_status EQUAL 0 OR NOT none MATCHES "hello")
  lab_fail("`trace 0 echo hello` should just print hello; it exited ${none_status}:\n${none}")
endif()
lab_check_trace(none 0)
lab_run(writes "trace 65536 echo hello")
lab_check_trace(writes 65536)
list(LENGTH writes_lines n)
if(n LESS 1)
  lab_fail("`trace 65536 echo hello` (write is call 16) printed no trace line")
endif()
