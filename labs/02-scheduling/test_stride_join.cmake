# Stride: a process that joins late (300 tickets, 100 ticks after one with 100) runs where
# the race is, not alone until its pass catches up: from the moment it joins, the two share
# the CPU 1:3.
include(${CMAKE_CURRENT_LIST_DIR}/check_sched.cmake)
sched_stride_run("spin -t 200 -j 100 100 300" 100 300)
