# No module keeps a mutable static (module.h says why: its state is its instance's). Each
# object file of every module must have empty writable-data and zero-initialised sections
# (ELF .data, .bss; Mach-O __data, __bss, __common); constant tables are elsewhere.
#   cmake -DOBJDUMP=objdump "-DOBJECTS=a.o;b.o" -P module_statics.cmake
if(NOT OBJECTS)
  message(FATAL_ERROR "no module objects given")
endif()
foreach(obj IN LISTS OBJECTS)
  execute_process(COMMAND ${OBJDUMP} -h ${obj} RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${OBJDUMP} -h ${obj}: exit ${rc}")
  endif()
  string(REGEX MATCHALL "\n *[0-9]+ +(\\.data|\\.bss|__data|__bss|__common) +[0-9a-fA-F]+" sections "${out}")
  foreach(s IN LISTS sections)
    if(NOT s MATCHES " 0+$")
      string(STRIP "${s}" s)
      message(FATAL_ERROR "${obj}: a mutable static (section ${s} is not empty)")
    endif()
  endforeach()
endforeach()
list(LENGTH OBJECTS n)
message(STATUS "${n} module objects, none with a mutable static")
