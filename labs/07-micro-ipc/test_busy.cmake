# The IPC benchmark beside a busy thread (spin): ping calls pong 100 times. A receiver woken
# into the run queue waits behind spin's time slice (4 ticks, 4 M cycles) at every message;
# switched to at once, it does not wait at all. The run is cut at 60 M cycles.
include(${CMAKE_CURRENT_LIST_DIR}/check_ipc.cmake)
lab_ossim(run --kernel micro --max-cycles 60000000 --module ping:100 --module pong --module spin)
lab_round_trips(run 100 5000)
