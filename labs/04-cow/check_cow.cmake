# check_cow.cmake: lab 4's reading of cowtest's marks (userland/bin/cowtest.c): 1 in the
# parent before its fork, 2 to 4 in the child (forked, read every page, wrote), 5 in the
# parent after the wait; a1 of 4 and 5 is how many pages held a wrong value.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

# The machine lab 4 grades on: where ossim has --strict-tlb, a permission miss faults from
# the TLB's cached entry, as hardware may, so a store fault that does not flush shows.
lab_machine_option(COW_MACHINE --strict-tlb)

# cow_run(NAME CMD [ARGS...]): runs CMD (cowtests) with lab_run and their marks read: it
# must exit 0, each parent must have marks 1 and 5 and each child 2 to 4, and no page may
# have held a wrong value. Sets ${NAME}_parents and ${NAME}_children (pids, in order).
function(cow_run name cmd)
  lab_run(${name} "${cmd}" ${COW_MACHINE} ${ARGN})
  lab_marks(${name})
  set(parents)
  set(children)
  foreach(pid IN LISTS ${name}_pids)
    if(DEFINED ${name}_${pid}_1_cycle)
      list(APPEND parents ${pid})
      set(need 1 5)
    else()
      list(APPEND children ${pid})
      set(need 2 3 4)
    endif()
    foreach(m IN LISTS need)
      if(NOT DEFINED ${name}_${pid}_${m}_cycle)
        lab_fail("`${cmd}`: pid ${pid} did not reach its mark ${m} (exit ${${name}_status}):\n${${name}}")
      endif()
    endforeach()
  endforeach()
  foreach(pid IN LISTS ${name}_pids)
    foreach(m 4 5)
      if(DEFINED ${name}_${pid}_${m}_arg AND NOT ${name}_${pid}_${m}_arg EQUAL 0)
        lab_fail("`${cmd}`: pid ${pid} saw ${${name}_${pid}_${m}_arg} pages with a value not its "
                 "own (mark ${m}): parent and child must each see their own data")
      endif()
    endforeach()
  endforeach()
  list(LENGTH parents n)
  if(NOT ${name}_status EQUAL 0 OR n EQUAL 0)
    lab_fail("`${cmd}` exited ${${name}_status}:\n${${name}}")
  endif()
  set(${name} "${${name}}" PARENT_SCOPE)
  set(${name}_events ${${name}_events} PARENT_SCOPE)
  set(${name}_parents ${parents} PARENT_SCOPE)
  set(${name}_children ${children} PARENT_SCOPE)
  foreach(pid IN LISTS ${name}_pids)
    foreach(m 1 2 3 4 5)
      set(${name}_${pid}_${m}_cycle ${${name}_${pid}_${m}_cycle} PARENT_SCOPE)
    endforeach()
  endforeach()
endfunction()
