# answers.txt: A1's figures are the ones this
# tree measures: the cycles until `burst -n 40` among three hogs finishes, under rr and then
# under mlfq (what `ossim compare --cmd ... --sched S` reports), each within 2%.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
lab_figures(figures ${LAB}/answers.txt 1 2 "cycles under rr, then under mlfq")
foreach(sched rr mlfq)
  lab_run(${sched} "spin -t 300 100 100 100 & burst -n 40" --sched ${sched})
  file(STRINGS ${${sched}_events} power REGEX " power ")
  string(REGEX MATCH "^[0-9]+" cycles "${power}")
  list(POP_FRONT figures said)
  math(EXPR off "(${said} - ${cycles}) * 100 / ${cycles}")
  if(off GREATER 2 OR off LESS -2)
    lab_fail("A1 says ${said} cycles under ${sched}, but this tree measures ${cycles}")
  endif()
endforeach()
