# micro_restart.cmake: the microkernel's servers die in the middle of a write workload, and
# nothing written is lost (cmake -P).
#
# The workload (`pattern`) writes files of a known pattern, a kilobyte per write, then reads
# them back. A first, complete run records the cycle of every disk write in the event
# stream; then the same run is made again with --persist on fresh copies of the image, each
# time with one injection at the cycle just after the middle write was sent to the disk:
#   blk@C        the disk driver faults holding that write: the file server sends it again
#                to the restarted driver, so the program sees no error at all;
#   blk@C:hang   the disk driver stops answering: the reincarnation server's heartbeat
#                finds it, kills it and restarts it, and again the program sees nothing;
#   fs@C         the file server faults: it is restarted, its log brings the disk back to a
#                consistent state, and the program writes again what failed (-EIO).
# Each time: the run reads every byte back, the event stream shows the death and the restart,
# fsck calls the image clean, and a second boot on it reads every byte back too. The restart
# latency (the death to the first request the new instance answers) is printed. Last, the
# guest's `inject` command kills both servers from the shell before a shorter workload.
#
#   -DOSSIM=path -DFSCK=path   the programs
#   -DIMAGE=file               the disk image to start from (never written)
#   -DWORK=dir                 scratch directory (emptied first)
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/../../lib/checks.cmake)
require_defines(OSSIM FSCK IMAGE WORK)

set(files 6)
set(size 6000)
set(workload "pattern write ${files} ${size}; pattern check ${files} ${size}")
set(intact "pattern: ${files} files of ${size} bytes intact\n")
fresh_dir(${WORK})
set(img ${WORK}/disk.img)
set(events ${WORK}/run.events)

# Runs cmd (a shell command) on img with extra ossim arguments; fails unless it exits 0.
function(run_ossim cmd out_var)
  execute_process(COMMAND ${OSSIM} --kernel micro --persist --disk ${img} ${ARGN} -c "${cmd}"
                  INPUT_FILE /dev/null RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  TIMEOUT 300)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "ossim ${ARGN} -c '${cmd}': exit status ${rc}\n${out}${err}")
  endif()
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()

# The first event line of events matching regex, in var ("" for none).
function(first_event regex var)
  file(STRINGS ${events} lines REGEX "${regex}" LIMIT_COUNT 1)
  set(${var} "${lines}" PARENT_SCOPE)
endfunction()

# ---- The complete run: when the disk writes happen. ----
file(COPY_FILE ${IMAGE} ${img})
run_ossim("${workload}" out --events ${events})
if(NOT out MATCHES "[(]0 writes retried[)]\n${intact}$")
  message(FATAL_ERROR "the workload failed on its own:\n${out}")
endif()
middle_event_cycle(${events} " disk-request 0x2 " nwrites at)
if(nwrites LESS 100)
  message(FATAL_ERROR "only ${nwrites} disk writes: not the workload this test expects")
endif()
math(EXPR at "${at} + 1")

# ---- One injection per case; blk and fs are pids 100 and 101 (0x64, 0x65), restarted as the
# next server pid. ----
foreach(case "blk@${at}:0x64:0x4:0" "blk@${at}:hang:0x64:0x3:0" "fs@${at}:0x65:0x4:[0-9]+")
  string(REGEX MATCH "^([^:]+)(:hang)?:([^:]+):([^:]+):(.*)$" _ "${case}")
  set(inject "${CMAKE_MATCH_1}${CMAKE_MATCH_2}")
  set(pid ${CMAKE_MATCH_3})
  set(why ${CMAKE_MATCH_4})
  set(retried "${CMAKE_MATCH_5}") # how many writes the program made again
  file(COPY_FILE ${IMAGE} ${img})
  run_ossim("${workload}" out --events ${events} --inject ${inject})
  if(NOT out MATCHES "[(]${retried} writes retried[)]\n${intact}$" OR NOT out MATCHES "restarted as pid")
    message(FATAL_ERROR "--inject ${inject}: the run says\n${out}")
  endif()
  first_event(" server-death ${pid} ${why} " death)
  first_event(" server-restart [0-9a-fx]+ ${pid} 0x1 " restart)
  if(NOT death OR NOT restart)
    message(FATAL_ERROR "--inject ${inject}: no death (why ${why}) and restart of pid ${pid} "
                        "in the event stream (${events})")
  endif()
  string(REGEX MATCH "^[0-9]+" died "${death}")
  string(REGEX MATCH "server-restart (0x[0-9a-f]+)" _ "${restart}")
  first_event(" ipc-reply ${CMAKE_MATCH_1} " served)
  string(REGEX MATCH "^[0-9]+" served "${served}")
  math(EXPR latency "${served} - ${died}")
  math(EXPR late "${died} - ${at}")
  expect_fsck_clean(${FSCK} ${img} "after --inject ${inject}")
  run_ossim("pattern check ${files} ${size}" out)
  if(NOT out STREQUAL "${intact}")
    message(FATAL_ERROR "--inject ${inject}: a second boot reads\n${out}")
  endif()
  expect_fsck_clean(${FSCK} ${img} "after a second boot (--inject ${inject})")
  message(STATUS "--inject ${inject}: died ${late} cycles after the injection, served again "
                 "${latency} cycles after its death; nothing lost, fsck clean")
endforeach()

# ---- The guest's inject command, from the shell. ----
file(COPY_FILE ${IMAGE} ${img})
run_ossim("inject blk; inject fs; pattern write 2 3000; pattern check 2 3000" out)
set(killed "killed by an injected fault \\(pc 0x[0-9a-f]+\\)\n")
if(NOT out MATCHES "^pid 100 \\(blk\\): ${killed}rs: blk restarted as pid [0-9]+\npid 101 \\(fs\\): ${killed}rs: fs restarted as pid [0-9]+\npattern: wrote 2 files of 3000 bytes \\(0 writes retried\\)\npattern: 2 files of 3000 bytes intact\n$")
  message(FATAL_ERROR "inject blk; inject fs: the run says\n${out}")
endif()
expect_fsck_clean(${FSCK} ${img} "after inject blk; inject fs")
