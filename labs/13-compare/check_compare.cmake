# check_compare.cmake: lab 13's judge. The workload's calls, as the kernels' events show
# them, are the ones the handout asks for; the figures are what `ossim compare` measures.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

# The workload's shape, as the handout gives it.
set(WORKLOAD_LINE "workload: 32768 bytes through /workload.dat, 100 through a pipe")
set(WORKLOAD_WRITES 32) # of 1024 bytes
set(WORKLOAD_READS 64)  # of 512 bytes
set(WORKLOAD_PIPE 100)  # one-byte writes, and as many one-byte reads

# lab_compare(PREFIX): runs `ossim compare` of the workload on mono, micro and uni, as the
# student does, and sets PREFIX_KERNEL_COLUMN for each figure of its CSV table (columns as
# its header names them: cycles, traps, ipc_messages, boot_cycles, ...).
function(lab_compare prefix)
  execute_process(COMMAND ${LAB_JAIL} ${OSSIM} compare --cmd workload --kernels mono,micro,uni --format csv
                  RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e INPUT_FILE /dev/null
                  TIMEOUT 600)
  if(NOT rc EQUAL 0)
    lab_fail("`ossim compare --cmd workload --kernels mono,micro,uni` exited ${rc}:\n${o}${e}")
  endif()
  string(REPLACE "\n" ";" rows "${o}")
  list(GET rows 0 header)
  string(REPLACE "," ";" columns "${header}")
  foreach(row IN LISTS rows)
    if(NOT row MATCHES "^figures,")
      continue()
    endif()
    string(REPLACE "," ";" cells "${row}")
    list(GET cells 1 kernel)
    list(GET cells 2 status)
    if(NOT status STREQUAL "ok")
      lab_fail("`ossim compare`: the workload did not finish on ${kernel} (${status}):\n${o}${e}")
    endif()
    list(LENGTH columns n)
    math(EXPR last "${n} - 1")
    foreach(i RANGE 4 ${last})
      list(GET columns ${i} column)
      list(LENGTH cells nc)
      if(i LESS nc)
        list(GET cells ${i} value)
        set(${prefix}_${kernel}_${column} "${value}" PARENT_SCOPE)
      endif()
    endforeach()
  endforeach()
endfunction()
