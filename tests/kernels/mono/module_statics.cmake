# No module keeps a mutable static (module.h says why: its state is its instance's). No
# symbol of any module's object file may be in a writable data or zero-initialised section
# (ELF .data, .bss; Mach-O __data, __bss, __common); constant tables are elsewhere. The
# sanitizers' own bookkeeping (__asan*, __odr_asan*) does not count.
#   cmake -DOBJDUMP=objdump "-DOBJECTS=a.o;b.o" -P module_statics.cmake
if(NOT OBJECTS)
  message(FATAL_ERROR "no module objects given")
endif()
foreach(obj IN LISTS OBJECTS)
  execute_process(COMMAND ${OBJDUMP} -t ${obj} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${OBJDUMP} -t ${obj}: exit ${rc}")
  endif()
  string(REPLACE "\n" ";" lines "${out}")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "[ \t](\\.data|\\.bss|__DATA,__data|__DATA,__bss|__DATA,__common)[ \t].* ([^ ]+)$")
      continue()
    endif()
    set(name ${CMAKE_MATCH_2})
    if(NOT name MATCHES "^(__asan|__odr_asan|\\.)") # a section's own symbol starts with .
      message(FATAL_ERROR "${obj}: ${name} is a mutable static (${line})")
    endif()
  endforeach()
endforeach()
list(LENGTH OBJECTS n)
message(STATUS "${n} module objects, none with a mutable static")
