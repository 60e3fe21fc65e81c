# RunSession.cmake: runs one scripted shell session on the monolithic kernel and checks the
# console output (cmake -P). The session's input is typed at the console (ossim's standard
# input is the file, so the machine powers off at its end); the output is everything the
# console printed, the kernel's echo of the typed input included.
#
#   -DOSSIM=path          the ossim program
#   -DKERNEL=name         the kernel to boot (mono unless given)
#   -DDISK=image          the disk image to boot (ossim works on a copy of it)
#   -DINPUT=NAME.in       what is typed
#   -DOUT=file            where to keep the output of this run (for a look after a failure)
#   -DEXPECTED=file       the exact output expected, compared byte for byte, or
#   -DMATCH=file          a file holding a regular expression the output must match
#   -DUPDATE=ON           write the output to EXPECTED instead of comparing: for making or
#                         remaking an expected file, which you then read by eye before you
#                         trust it (git diff shows what changed)
#
# The run must exit with status 0 and print nothing on ossim's standard error (but for the
# warning an ASan build gives about swapcontext).
cmake_minimum_required(VERSION 3.20)
foreach(v OSSIM DISK INPUT OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "RunSession.cmake needs -D${v}=...")
  endif()
endforeach()

if(NOT DEFINED KERNEL)
  set(KERNEL mono)
endif()
get_filename_component(outdir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${outdir})
# OUTPUT_FILE, not OUTPUT_VARIABLE: the bytes land in the file exactly as printed.
execute_process(COMMAND ${OSSIM} --kernel ${KERNEL} --disk ${DISK}
                INPUT_FILE ${INPUT} OUTPUT_FILE ${OUT} ERROR_VARIABLE err RESULT_VARIABLE rc
                TIMEOUT 120)
file(READ ${OUT} out)
# An ASan build warns once that it does not fully follow swapcontext (mono's kernel contexts).
string(REGEX REPLACE "==[0-9]+==WARNING: ASan doesn't fully support make[^\n]*\n" "" err "${err}")
if(NOT rc STREQUAL "0" OR NOT err STREQUAL "")
  message(FATAL_ERROR "${INPUT}: exit status ${rc}, expected 0 and nothing on stderr\n"
                      "--- stderr:\n${err}\n--- console:\n${out}")
endif()

if(UPDATE)
  execute_process(COMMAND ${CMAKE_COMMAND} -E copy ${OUT} ${EXPECTED})
  message(STATUS "wrote ${EXPECTED}: read it by eye before you trust it")
elseif(DEFINED EXPECTED)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${EXPECTED} ${OUT} RESULT_VARIABLE same)
  if(NOT same EQUAL 0)
    find_program(DIFF diff)
    set(diff "")
    if(DIFF)
      execute_process(COMMAND ${DIFF} -u ${EXPECTED} ${OUT} OUTPUT_VARIABLE diff)
    endif()
    message(FATAL_ERROR "${INPUT}: the console output differs from ${EXPECTED}\n"
                        "(this run's output is in ${OUT})\n${diff}")
  endif()
elseif(DEFINED MATCH)
  file(READ ${MATCH} re)
  string(STRIP "${re}" re)
  if(NOT out MATCHES "${re}")
    message(FATAL_ERROR "${INPUT}: the console output does not match '${re}':\n${out}")
  endif()
else()
  message(FATAL_ERROR "RunSession.cmake needs -DEXPECTED=... or -DMATCH=...")
endif()
