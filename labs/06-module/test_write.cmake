# A write of a number sets the next one (echo writes "41", then its newline apart: blanks
# change nothing); a write that is no number fails with -EINVAL and changes nothing.
include(${CMAKE_CURRENT_LIST_DIR}/check_counter.cmake)
lab_run(run "insmod counter; echo 41 > /dev/counter; cat /dev/counter; cat /dev/counter; echo x > /dev/counter; cat /dev/counter")
lab_expect_calls(run echo ${SYS_write} "writes (\"41\", newline, \"x\", newline)" 2 1 ${EINVAL} 1)
lab_counter_reads(run 41 42 43)
