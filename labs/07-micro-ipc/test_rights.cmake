# The rights module (kernels/micro/servers/rights.c) tries to gain rights through copies of
# its boot endpoint cap, a call with its own label per try; only the call through the
# send-only copy (label 1) may reach pong (the kernel's ipc-send events): the copy of a
# receive-only cap has no send right however much it asks for (label 2), and a badge cannot
# be minted again (label 3).
include(${CMAKE_CURRENT_LIST_DIR}/check_ipc.cmake)
lab_ossim(run --kernel micro --module rights --module pong)
lab_sends(sends run rights)
lab_captures(labels "([0-9]+)$" ${sends})
if(NOT "${labels}" STREQUAL "1")
  string(JOIN ", " l ${labels})
  lab_fail("the calls that reached pong had labels [${l}] (the kernel's ipc-send events); "
           "only 1 may (2: a widened copy, 3: a badge minted twice):\n${run}")
endif()
