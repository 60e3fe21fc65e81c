# A parameter that is not a number, an unknown one or an empty one fails the load (init
# returns -EINVAL: the kernel's module-fail event and insmod's result say so); good ones
# after that load.
include(${CMAKE_CURRENT_LIST_DIR}/check_counter.cmake)
lab_run(run "insmod counter start=ten; insmod counter speed=2; insmod counter step=; insmod counter start=7 step=2; cat /dev/counter; cat /dev/counter")
lab_counter_modules(run "fail counter 22" "fail counter 22" "fail counter 22" "load counter"
                    "unload counter")
lab_expect_calls(run insmod ${SYS_insmod} "loads (start=ten, speed=2, step=, start=7 step=2)"
                 ${EINVAL} ${EINVAL} ${EINVAL} 0)
lab_counter_reads(run 7 9)
