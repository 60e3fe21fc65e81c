# The interpreter's dispatch is replicated: every handler ends in its own indirect jump
# (see sim/CMakeLists.txt). Counts the indirect jumps in the compiled interpreter and fails
# when they have collapsed into a few shared ones, which makes ossim several times slower.
# Run as: cmake -DOBJDUMP=objdump -DOBJECTS=cpu.c.o -DMIN=n -P dispatch_jumps.cmake
execute_process(COMMAND ${OBJDUMP} -d ${OBJECTS} RESULT_VARIABLE rc OUTPUT_VARIABLE asm
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${OBJDUMP} -d ${OBJECTS} failed: ${err}")
endif()
# x86-64: jmp *%reg or jmp *mem (jmpq in some syntaxes); AArch64: br xN.
string(REGEX MATCHALL "\t(jmpq?[ \t]+\\*|br[ \t]+x)" jumps "${asm}")
list(LENGTH jumps n)
message(STATUS "${n} indirect jumps in the interpreter")
if(n EQUAL 0 AND NOT asm MATCHES "\t(jmp|b)[ \t]")
  message(FATAL_ERROR "no x86-64 or AArch64 code in ${OBJECTS}: teach this test the host")
endif()
if(n LESS MIN)
  message(FATAL_ERROR "only ${n} indirect jumps in the interpreter, expected at least ${MIN}: "
                      "the dispatch has collapsed into shared jumps (see sim/CMakeLists.txt)")
endif()
