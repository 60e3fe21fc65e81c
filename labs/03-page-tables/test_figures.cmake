# answers.txt: A3 starts with the cycles a call
# of ugetpid and of getpid cost in this tree (pidtest's marks 1-2 and 3-4 in the parent,
# 1000 calls each), each within 5% or one cycle.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
lab_figures(figures ${LAB}/answers.txt 3 2 "cycles a call: ugetpid, then getpid")
lab_run(run "pidtest -n 1000")
lab_marks(run)
list(GET run_pids 0 pid)
foreach(from to IN ZIP_LISTS "1;3" "2;4")
  math(EXPR per "(${run_${pid}_${to}_cycle} - ${run_${pid}_${from}_cycle}) / 1000")
  list(POP_FRONT figures said)
  math(EXPR off "${said} - ${per}")
  math(EXPR slack "${per} / 20 + 1")
  if(off GREATER slack OR off LESS -${slack})
    lab_fail("A3 says ${said} cycles a call between marks ${from} and ${to}, but this tree measures ${per}")
  endif()
endforeach()
