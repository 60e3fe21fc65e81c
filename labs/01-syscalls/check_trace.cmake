# check_trace.cmake: lab 1's judge. lab_check_trace(NAME MASK) checks the trace lines in the
# output of lab_run(NAME ...) against the kernel's own event stream:
#
# the processes traced are the one whose trace() call returned 0, and every child a traced
# process forks afterwards; each system call such a process finishes whose bit is set in
# MASK must have its line `PID: syscall NAME -> RESULT`, in the order the calls finished,
# and there must be no other trace line. A guest that printed lines of its own would have
# to guess every pid and result the kernel produced.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

function(lab_check_trace name mask)
  file(STRINGS ${${name}_events} exits REGEX " syscall-exit ")
  set(traced)
  set(expected)
  foreach(line IN LISTS exits)
    string(REGEX MATCH "syscall-exit (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0)" _ "${line}")
    lab_hex(pid ${CMAKE_MATCH_1})
    lab_hex(num ${CMAKE_MATCH_2})
    lab_hex(ret ${CMAKE_MATCH_3})
    if(num EQUAL SYS_trace AND ret EQUAL 0 AND NOT pid IN_LIST traced)
      list(APPEND traced ${pid}) # its own trace() call is not printed: the mask was 0 before
      continue()
    endif()
    if(NOT pid IN_LIST traced)
      continue()
    endif()
    if(num EQUAL SYS_fork AND ret GREATER 0)
      list(APPEND traced ${ret})
    endif()
    math(EXPR bit "(${mask} >> ${num}) & 1")
    if(num LESS 32 AND bit EQUAL 1)
      list(LENGTH LAB_SYSCALL_NAMES nn)
      set(call "call${num}")
      if(num LESS nn)
        list(GET LAB_SYSCALL_NAMES ${num} call)
      endif()
      list(APPEND expected "${pid}: syscall ${call} -> ${ret}")
    endif()
  endforeach()
  if(NOT traced)
    lab_fail("no process's trace() call returned 0: is sys_trace written?")
  endif()
  string(REGEX MATCHALL "[0-9]+: syscall [a-z_0-9]+ -> -?[0-9]+" printed "${${name}}")
  if(NOT "${printed}" STREQUAL "${expected}")
    list(LENGTH expected ne)
    list(LENGTH printed np)
    string(REPLACE ";" "\n  " e "${expected}")
    string(REPLACE ";" "\n  " p "${printed}")
    lab_fail("the kernel's events call for ${ne} trace lines, the output has ${np}.\n"
             "expected:\n  ${e}\nprinted:\n  ${p}")
  endif()
  set(${name}_traced ${traced} PARENT_SCOPE)
  set(${name}_lines ${printed} PARENT_SCOPE)
endfunction()
