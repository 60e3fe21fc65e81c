# phash loses no key: its threads insert at once on 2 and on 4 harts, and each seed of the
# set puts the harts' turns elsewhere; every run must find every key.
include(${CMAKE_CURRENT_LIST_DIR}/check_phash.cmake)
foreach(harts 2 4)
  foreach(seed RANGE 1 4)
    lab_phash(run ${harts} ${seed})
  endforeach()
endforeach()
