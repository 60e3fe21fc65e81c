# The disk driver (blk, pid 100) is killed just after it sent the middle write of the
# workload to the disk. The reincarnation server restarts it, the file server sends the
# write it held again (the kernel's events show a second disk request for the same sector
# after the restart), and the program sees nothing: nothing lost, fsck clean, a second boot
# reads every byte.
include(${CMAKE_CURRENT_LIST_DIR}/check_restart.cmake)
lab_mid_write(at)
lab_workload_run(run blk@${at})
lab_survived(run 0x64 0x4)
file(STRINGS ${run_events} restart REGEX " server-restart [0-9a-fx]+ 0x64 " LIMIT_COUNT 1)
string(REGEX MATCH "^[0-9]+" restarted "${restart}")
file(STRINGS ${run_events} writes REGEX " disk-request 0x2 ${at_sector} ")
set(again 0)
foreach(w IN LISTS writes)
  string(REGEX MATCH "^[0-9]+" c "${w}")
  if(c GREATER restarted)
    set(again 1)
  endif()
endforeach()
if(NOT again)
  lab_fail("the write to sector ${at_sector} blk held when it died was not sent to the disk "
           "again after its restart (cycle ${restarted}), by the kernel's disk-request events")
endif()
