cmake_minimum_required(VERSION 3.19) # string(JSON)
# compare_syscalls.cmake: micro's vDSO marks each system call (EV_SYSCALL_ENTER and _EXIT, as
# mono's kernel emits them), so `ossim compare` counts the same system calls on both kernels
# for the same workload. -DOSSIM=path -DWORKLOAD=name
execute_process(COMMAND ${OSSIM} compare --workload ${WORKLOAD} --kernels mono,micro --format json
                RESULT_VARIABLE rc OUTPUT_VARIABLE json ERROR_VARIABLE err INPUT_FILE /dev/null
                TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ossim compare exited ${rc}\n${json}\n${err}")
endif()
string(JSON mono GET "${json}" kernels 0 figures syscalls)
string(JSON micro GET "${json}" kernels 1 figures syscalls)
if(NOT mono EQUAL micro OR mono LESS 1)
  message(FATAL_ERROR "system calls: mono ${mono}, micro ${micro}\n${json}")
endif()
message(STATUS "${WORKLOAD}: ${mono} system calls on each kernel")
