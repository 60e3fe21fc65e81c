# Text stays read-only through fork: the child of `cowtest -p 4 -w 1 -t` stores into its own
# text, and the kernel kills it (a read-only page shared by fork is no copy-on-write page).
include(${CMAKE_CURRENT_LIST_DIR}/check_cow.cmake)
lab_run(run "cowtest -p 4 -w 1 -t" ${COW_MACHINE})
lab_marks(run)
foreach(pid IN LISTS run_pids)
  if(DEFINED run_${pid}_6_cycle)
    lab_fail("the child (pid ${pid}) stored into its own text and went on: fork made the "
             "read-only text copy-on-write, and the store fault gave it a writable copy:\n${run}")
  endif()
endforeach()
if(NOT run_status EQUAL 0)
  lab_fail("`cowtest -p 4 -w 1 -t` exited ${run_status}:\n${run}")
endif()
