# The file layer's own tests: the unit tests of kernels/lib/fs (tests/test_fs, built from
# your fs.c) and systest's symbolic-link case on mono, which follow links the graded tests
# do not (a link's target read over the rest of the path, a relative target).
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
execute_process(COMMAND ${LAB_JAIL} ${BUILD}/tests/test_fs RESULT_VARIABLE rc OUTPUT_VARIABLE o
                ERROR_VARIABLE e TIMEOUT 120 WORKING_DIRECTORY ${SCRATCH})
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "[^\n]*:F:[^\n]*" failed "${o}${e}")
  string(JOIN "\n" failed ${failed})
  lab_fail("tests/test_fs fails:\n${failed}")
endif()
lab_run(run "systest symlinks")
if(NOT run_status EQUAL 0 OR NOT run MATCHES "systest: 1 passed, 0 failed")
  lab_fail("`systest symlinks` exited ${run_status}:\n${run}")
endif()
