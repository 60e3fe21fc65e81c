# answers.txt's figures F1-F9 against `ossim compare` of the workload, run here: the cycles
# on each kernel, the traps on mono and micro, micro's IPC messages, and each kernel's boot
# cycles (the part of the total spent before the workload's first instruction).
include(${CMAKE_CURRENT_LIST_DIR}/check_compare.cmake)
lab_compare(m)
set(n 0)
foreach(figure mono:cycles micro:cycles uni:cycles mono:traps micro:traps micro:ipc_messages
               mono:boot_cycles micro:boot_cycles uni:boot_cycles)
  math(EXPR n "${n} + 1")
  string(REPLACE ":" ";" parts "${figure}")
  list(GET parts 0 kernel)
  list(GET parts 1 column)
  message(STATUS "F${n}: ${column} on ${kernel}: ${m_${kernel}_${column}}")
  lab_figure(${n} ${m_${kernel}_${column}} "${column} on ${kernel}")
endforeach()
