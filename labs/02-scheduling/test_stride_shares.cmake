# Stride: three CPU-bound processes with 100, 200 and 400 tickets share the CPU 1:2:4, each
# within 5% of its due, counted from the sched-switch records.
include(${CMAKE_CURRENT_LIST_DIR}/check_sched.cmake)
sched_stride_run("spin -t 200 100 200 400" 100 200 400)
