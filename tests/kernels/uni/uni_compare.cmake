# uni_compare.cmake: runs one command under mono (-c CMD) and under uni (--app CMD) on the
# same disk, with the same standard input, and requires the same stdout and exit status.
#
#   -DOSSIM=path -DDISK=image -DCMD="prog args" [-DINPUT=file]
cmake_minimum_required(VERSION 3.20)
separate_arguments(argv UNIX_COMMAND "${CMD}")
if(NOT DEFINED INPUT)
  set(INPUT /dev/null)
endif()
execute_process(COMMAND ${OSSIM} --kernel mono --disk ${DISK} -c "${CMD}"
  RESULT_VARIABLE mono_rc OUTPUT_VARIABLE mono_out ERROR_VARIABLE mono_err INPUT_FILE ${INPUT} TIMEOUT 120)
execute_process(COMMAND ${OSSIM} --kernel uni --disk ${DISK} --app ${argv}
  RESULT_VARIABLE uni_rc OUTPUT_VARIABLE uni_out ERROR_VARIABLE uni_err INPUT_FILE ${INPUT} TIMEOUT 120)
string(LENGTH "${mono_out}" len)
if(len EQUAL 0)
  message(FATAL_ERROR "mono printed nothing for '${CMD}' (status ${mono_rc}):\n${mono_err}")
endif()
if(NOT mono_rc STREQUAL uni_rc OR NOT mono_out STREQUAL uni_out)
  message(FATAL_ERROR "'${CMD}' differs:\n--- mono (status ${mono_rc}):\n${mono_out}${mono_err}\n"
                      "--- uni (status ${uni_rc}):\n${uni_out}${uni_err}")
endif()
message(STATUS "'${CMD}': the same ${len} bytes and status ${uni_rc} on mono and uni")
