# The IPC benchmark alone on the machine: ping calls pong 2000 times. Through the run queue
# each round trip costs two picks of the scheduling policy (kernel_switch, 60 cycles each):
# 644 cycles; switching straight to the partner, 524.
include(${CMAKE_CURRENT_LIST_DIR}/check_ipc.cmake)
lab_ossim(run --kernel micro --module ping:2000 --module pong)
lab_round_trips(run 2000 600)
