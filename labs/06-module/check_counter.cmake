# check_counter.cmake: lab 6's judge. lab_counter_reads(NAME EXPECTED...) checks the run
# lab_run(NAME ...) made: the processes running cat got, read by read, the byte counts of
# the lines "N\n" for the numbers EXPECTED (each line, then end of file: 0), as the
# kernel's syscall-exit events record them; and the output shows those numbers, in order.
# A guest printing numbers of its own would also have to read lines of their lengths from
# the device.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/events.cmake)

set(EBUSY -16)
set(EINVAL -22)

function(lab_counter_reads name)
  set(want)
  foreach(v IN LISTS ARGN)
    string(LENGTH "${v}\n" n)
    list(APPEND want ${n} 0)
  endforeach()
  lab_calls(reads ${${name}_events} cat ${SYS_read})
  string(JOIN ", " nums ${ARGN})
  if(NOT "${reads}" STREQUAL "${want}")
    lab_fail("cat's reads of /dev/counter returned (bytes, by the kernel's events) [${reads}]; "
             "the lines of ${nums} call for [${want}]:\n${${name}}")
  endif()
  string(REPLACE "\n" ";" lines "${${name}}")
  set(numbers)
  foreach(l IN LISTS lines)
    if(l MATCHES "^[0-9]+$")
      list(APPEND numbers ${l})
    endif()
  endforeach()
  if(NOT "${numbers}" STREQUAL "${ARGN}")
    lab_fail("cat printed [${numbers}], the reads call for [${nums}]:\n${${name}}")
  endif()
endfunction()

# lab_counter_modules(NAME EXPECTED...): the run's module events are exactly EXPECTED (a list
# of `load counter`, `unload counter`, `fail counter ERRNO`).
function(lab_counter_modules name)
  lab_module_events(mods ${${name}_events})
  if(NOT "${mods}" STREQUAL "${ARGN}")
    lab_fail("the kernel's module events are [${mods}]; expected [${ARGN}]:\n${${name}}")
  endif()
endfunction()
