# mono_sched_swap.cmake: a scheduler swapped live, checked through the event stream (cmake -P).
# Three CPU-bound processes with 100, 200 and 400 tickets run under round robin; then
# sched_lottery is loaded (userland/bin/spin does both), and sched_shares reads the
# sched-switch records: after the swap the shares must be ordered by tickets and nearer
# 1:2:4 than before.
#
#   -DOSSIM=path -DCHECK=path-to-sched_shares -DEVENTS=file
cmake_minimum_required(VERSION 3.20)
execute_process(COMMAND ${OSSIM} --kernel mono --seed 1 --events ${EVENTS}
                        -c "spin -t 100 -m sched_lottery -a 1000 100 200 400"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc STREQUAL "0" OR NOT out MATCHES "scheduling by lottery from now on")
  message(FATAL_ERROR "ossim: exit status ${rc}\n--- stdout:\n${out}\n--- stderr:\n${err}")
endif()
execute_process(COMMAND ${CHECK} ${EVENTS} sched_lottery 100 200 400
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc STREQUAL "0")
  message(FATAL_ERROR "the shares did not move toward the tickets (status ${rc})")
endif()
