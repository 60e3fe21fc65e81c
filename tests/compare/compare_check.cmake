cmake_minimum_required(VERSION 3.19) # string(JSON), and lists that keep empty fields
# compare_check.cmake: checks `ossim compare` against the event stream it came from.
# -DOSSIM=path -DWORK=dir -DCMD='shell command' -DKERNEL=name
#
# 1. `ossim compare --format csv` and `--format json` for CMD on KERNEL; both must parse,
#    with a row per kernel and a figure per metric.
# 2. The same command run plainly with --events: counting the events independently here must
#    give the table's figures (traps, system calls, address-space switches, page faults,
#    disk requests, IPC messages), and --stats the same cycles and instructions.
# 3. A second compare gives the identical table.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/checks.cmake)
function(run out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e
                  INPUT_FILE /dev/null TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGN}\nexited ${rc}\n${o}\n${e}")
  endif()
  set(${out} "${o}" PARENT_SCOPE)
  set(${out}_err "${e}" PARENT_SCOPE)
endfunction()

run(csv ${OSSIM} compare --cmd ${CMD} --kernels ${KERNEL} --format csv)
csv_figures("${csv}" keys vals)
list(LENGTH keys nk)
list(LENGTH vals nv)
if(NOT nk EQUAL nv OR nk LESS 10)
  message(FATAL_ERROR "CSV rows differ in length or are short:\n${csv}")
endif()
foreach(i RANGE 0 ${nk})
  if(i LESS nk)
    list(GET keys ${i} k)
    list(GET vals ${i} v)
    set(fig_${k} "${v}")
  endif()
endforeach()
if(NOT fig_kernel STREQUAL KERNEL OR NOT fig_status STREQUAL "ok")
  message(FATAL_ERROR "expected an ok row for ${KERNEL}:\n${csv}")
endif()

run(json ${OSSIM} compare --cmd ${CMD} --kernels ${KERNEL} --format json)
string(JSON jcycles GET "${json}" kernels 0 figures cycles)
if(NOT jcycles STREQUAL fig_cycles)
  message(FATAL_ERROR "JSON cycles ${jcycles} != CSV cycles ${fig_cycles}")
endif()

# The plain run, and the events counted here.
run(plain ${OSSIM} --kernel ${KERNEL} --seed 1 --stats --events ${WORK}/compare-${KERNEL}.events -c ${CMD})
file(STRINGS ${WORK}/compare-${KERNEL}.events events)
function(count out regex)
  set(n 0)
  foreach(line IN LISTS events)
    if(line MATCHES "${regex}")
      math(EXPR n "${n} + 1")
    endif()
  endforeach()
  set(${out} ${n} PARENT_SCOPE)
endfunction()
count(n_traps " (exception|interrupt) ")
count(n_syscalls " syscall-enter ")
count(n_satp " satp ")
count(n_faults " page-fault ")
count(n_disk " disk-request ")
count(n_ipc " ipc-(send|reply) ")
foreach(pair "traps;${n_traps}" "syscalls;${n_syscalls}" "as_switches;${n_satp}"
             "page_faults;${n_faults}" "disk_requests;${n_disk}" "ipc_messages;${n_ipc}")
  list(GET pair 0 k)
  list(GET pair 1 want)
  if(NOT fig_${k} STREQUAL want)
    message(FATAL_ERROR "compare says ${k} = ${fig_${k}}, the event stream has ${want}")
  endif()
endforeach()
# A kernel that runs processes in address spaces of their own switches between them: a
# figure of 0 means the kernel changed satp without telling the event stream.
if(NOT KERNEL STREQUAL "uni" AND n_satp EQUAL 0)
  message(FATAL_ERROR "${KERNEL} ran '${CMD}' with no address-space switch in its events")
endif()
string(REGEX MATCH "instructions: ([0-9]+)" _ "${plain_err}")
if(NOT CMAKE_MATCH_1 STREQUAL fig_instructions)
  message(FATAL_ERROR "compare says ${fig_instructions} instructions, --stats ${CMAKE_MATCH_1}")
endif()
string(REGEX MATCH "cycles: ([0-9]+)" _ "${plain_err}")
if(NOT CMAKE_MATCH_1 STREQUAL fig_cycles)
  message(FATAL_ERROR "compare says ${fig_cycles} cycles, --stats ${CMAKE_MATCH_1}")
endif()

run(again ${OSSIM} compare --cmd ${CMD} --kernels ${KERNEL} --format csv)
if(NOT again STREQUAL csv)
  message(FATAL_ERROR "two compares differ:\n${csv}\n---\n${again}")
endif()
message(STATUS "compare agrees with the event stream: ${fig_syscalls} system calls, ${fig_traps} traps")
