# check_marks.cmake: lab 3's reading of pidtest's marks (userland/bin/pidtest.c). Each
# trace_mark() becomes a `mark` record that the kernel stamps with the caller's pid (a3),
# which the guest cannot fake.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

# pid_marks(NAME): from ${NAME}_events, the marks 1 to 4 of each process that wrote one:
# ${NAME}_pids (in order), and for each pid and mark M, ${NAME}_PID_M_cycle and
# ${NAME}_PID_M_arg (the mark's first argument, a1).
function(pid_marks name)
  file(STRINGS ${${name}_events} lines REGEX " mark ")
  set(pids)
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^([0-9]+) [-0-9]+ mark (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0)"
           _ "${line}")
    lab_hex(id ${CMAKE_MATCH_2})
    lab_hex(arg ${CMAKE_MATCH_3})
    lab_hex(pid ${CMAKE_MATCH_5})
    if(id LESS 1 OR id GREATER 4)
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

# pid_between(OUT NAME PID FROM TO REGEX): how many records of ${NAME}_events matching REGEX
# (after the type: e.g. "syscall-enter 0x2 ") lie in the cycles (FROM, TO).
function(pid_between out name from to regex)
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
