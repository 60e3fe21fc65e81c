# start= and step= set the numbers each read gives: 98, 101, 104.
include(${CMAKE_CURRENT_LIST_DIR}/check_counter.cmake)
lab_run(run "insmod counter start=98 step=3; cat /dev/counter; cat /dev/counter; cat /dev/counter")
lab_counter_modules(run "load counter" "unload counter") # the kernel unloads it at its end
lab_counter_reads(run 98 101 104)
