# phash scales: with a lock per bucket, four threads on four harts rarely want the same
# lock, so the inserts take at most half the cycles one thread takes on one hart (the
# reference takes about a third; one lock for the whole table, about nine tenths). The
# slowest of three seeds counts.
include(${CMAKE_CURRENT_LIST_DIR}/check_phash.cmake)
lab_phash(one 1 1)
math(EXPR bound "${one_cycles} / 2")
foreach(seed RANGE 1 3)
  lab_phash(four 4 ${seed})
  if(four_cycles GREATER bound)
    lab_fail("on 4 harts (seed ${seed}) the inserts took ${four_cycles} cycles, on 1 hart "
             "${one_cycles}: more than half as many. Do the threads wait for one lock?")
  endif()
endforeach()
