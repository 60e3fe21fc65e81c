# mono_crash.cmake: crash consistency of the whole system (cmake -P).
#
# A file-heavy shell command runs on the monolithic kernel with --persist, so that the disk
# image itself is written. A first, complete run records the cycle of every disk write in
# the event stream. Then the same command runs again and again on fresh copies of the
# image, each time stopped by --max-cycles at a chosen cycle -- just after boot, then at
# points spread over all the writes (some just after a write reached the disk, some while a
# write is in flight), and near the end -- and each time `fsck` must call the image clean,
# both as the crash left it and after the kernel has booted on it and replayed its log.
#
# A disk write reaches the image when the device completes it (its disk-done event), so
# the images these stops leave are the images a power cut after 0, 1, 2 ... writes leaves.
# Each stopped run's own event stream must show exactly the writes expected, so that a stop
# that lands somewhere else is caught rather than tested by accident.
#
#   -DOSSIM=path -DFSCK=path    the programs
#   -DIMAGE=file                the disk image to start from (never written)
#   -DWORK=dir                  scratch directory (emptied first)
#   -DPOINTS=n                  stop points spread over the writes (default 100; 0: stop
#                               after every single write, which takes a while)
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/../../lib/checks.cmake)
require_defines(OSSIM FSCK IMAGE WORK)
if(NOT DEFINED POINTS)
  set(POINTS 100)
endif()

# Directories; files of one block, of an indirect block (e: 44 KiB, more than the 11 direct
# blocks) and of a doubly indirect one (f: 308 KiB, more than 11 + 256 blocks), written and
# freed; appends, hard links, renames across directories, copies and removals.
set(workload "mkdir /w; cd /w; echo the quick brown fox jumps over the lazy dog > a; \
cat a a a a a a a a > b; cat b b b b b b b b > c; cat c c c c c c c c > d; cat d d > e; \
cat e e e e e e e > f; wc f; rm f; mkdir x; mkdir x/y; ln a x/y/l; mv b x/b2; \
cp c x/y/c2; echo more >> a; rm d; mkdir z; mv e z/e; rm x/b2; rm c; wc z/e a x/y/c2 x/y/l")
set(workload_out "7168 64512 315392 f\n1024 9216 45056 z/e\n2 10 49 a\n64 576 2816 x/y/c2\n\
2 10 49 x/y/l\n")

fresh_dir(${WORK})
set(img ${WORK}/disk.img)
set(events ${WORK}/run.events)

# Runs the workload on a fresh copy of IMAGE, stopped at cycle `stop` (0: not stopped). The
# workload is quoted so that CMake keeps its semicolons rather than splitting it into a list.
function(run_workload stop rc_var out_var err_var)
  execute_process(COMMAND ${CMAKE_COMMAND} -E copy ${IMAGE} ${img} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cannot copy ${IMAGE} to ${img}")
  endif()
  set(args --kernel mono --persist --disk ${img} --events ${events})
  if(stop)
    list(APPEND args --max-cycles ${stop})
  endif()
  execute_process(COMMAND ${OSSIM} ${args} -c "${workload}" INPUT_FILE /dev/null
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
  set(${rc_var} "${rc}" PARENT_SCOPE)
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
endfunction()

# ---- The complete run: what the workload prints, and when it writes. ----
run_workload(0 rc out err)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "${workload_out}")
  message(FATAL_ERROR "the workload failed: exit status ${rc}\n--- stdout:\n${out}\n"
                      "--- expected:\n${workload_out}\n--- stderr:\n${err}")
endif()
expect_fsck_clean(${FSCK} ${img} "after the complete run")
event_cycles(${events} " disk-request 0x2 " wreq)
event_cycles(${events} " disk-done 0x2 " wdone)
event_cycles(${events} " power " power)
list(LENGTH wreq nwrites)
list(LENGTH wdone ndone)
if(nwrites LESS 10 OR NOT nwrites EQUAL ndone OR NOT power)
  message(FATAL_ERROR "the event stream shows ${nwrites} write requests, ${ndone} completions"
                      " and power events '${power}': not the run this test expects")
endif()
list(GET power 0 total)

# ---- The stop points: pairs of a cycle and the writes on disk when it stops there. ----
# Just after boot, the first write in flight; then POINTS points spread over the writes,
# alternately just after write i reached the disk and half way through write i (which then
# has not); then just after the last write, and just before the machine powers off.
list(GET wreq 0 first)
math(EXPR c "${first} + 1")
set(stops "${c}:0")
set(npoints ${POINTS})
if(npoints EQUAL 0 OR npoints GREATER nwrites)
  set(npoints ${nwrites})
endif()
foreach(j RANGE 1 ${npoints})
  # The j-th of npoints evenly spaced writes, nudged by j % 3 so that the points do not all
  # fall at the same place in transactions of a regular size.
  math(EXPR i "(${j} - 1) * ${nwrites} / ${npoints} + ${j} % 3")
  if(npoints EQUAL nwrites)
    math(EXPR i "${j} - 1")
  elseif(i GREATER_EQUAL nwrites)
    math(EXPR i "${nwrites} - 1")
  endif()
  list(GET wreq ${i} r)
  list(GET wdone ${i} d)
  math(EXPR odd "${j} % 2")
  if(j EQUAL 1 OR npoints EQUAL nwrites OR odd EQUAL 0)
    math(EXPR c "${d} + 1")
    math(EXPR n "${i} + 1")
  else()
    math(EXPR c "(${r} + ${d}) / 2")
    set(n ${i})
  endif()
  list(APPEND stops "${c}:${n}")
endforeach()
list(GET wdone -1 last)
math(EXPR c "${last} + 1")
# (1000 cycles before the power-off: an instruction that starts before a stop still runs to
# its end, and the power-off is stamped with the cycle its store ended.)
math(EXPR end "${total} - 1000")
if(end LESS_EQUAL c)
  set(end ${c})
endif()
list(APPEND stops "${c}:${nwrites}" "${end}:${nwrites}")

# ---- Stop at each point; the image must be clean as left, and after a boot on it. ----
set(checked 0)
foreach(stop IN LISTS stops)
  string(REPLACE ":" ";" pair "${stop}")
  list(GET pair 0 cycle)
  list(GET pair 1 want)
  run_workload(${cycle} rc out err)
  if(NOT rc EQUAL 124)
    message(FATAL_ERROR "stopped at cycle ${cycle}: exit status ${rc}, expected 124 "
                        "(--max-cycles)\n--- stdout:\n${out}\n--- stderr:\n${err}")
  endif()
  file(STRINGS ${events} done REGEX " disk-done 0x2 ")
  list(LENGTH done got)
  if(NOT got EQUAL want)
    message(FATAL_ERROR "stopped at cycle ${cycle}: ${got} disk writes done, expected ${want}"
                        " (the stop did not land where the complete run said)")
  endif()
  expect_fsck_clean(${FSCK} ${img} "after a stop at cycle ${cycle} (${want} of ${nwrites} writes done)")
  execute_process(COMMAND ${OSSIM} --kernel mono --persist --disk ${img} -c true
                  INPUT_FILE /dev/null RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  TIMEOUT 120)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "boot after a stop at cycle ${cycle}: exit status ${rc}\n${out}${err}")
  endif()
  expect_fsck_clean(${FSCK} ${img} "after a stop at cycle ${cycle} and a boot on the image")
  math(EXPR checked "${checked} + 1")
endforeach()
message(STATUS "mono_crash: ${checked} stop points checked, from cycle ${first} to ${end} of "
               "a workload of ${nwrites} disk writes: fsck clean at every one")
