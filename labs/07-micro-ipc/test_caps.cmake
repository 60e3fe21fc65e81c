# The Check tests of the microkernel's objects (tests/unit/kernels/test_micro.c): capability
# rights and badges, revocation, IPC and notifications, driven directly on cap.c and ipc.c.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)
execute_process(COMMAND ${LAB_JAIL} ${BUILD}/tests/test_micro RESULT_VARIABLE rc OUTPUT_VARIABLE o
                ERROR_VARIABLE e TIMEOUT 60)
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "[^\n]*:F:[^\n]*" failed "${o}${e}")
  string(JOIN "\n" failed ${failed})
  lab_fail("tests/test_micro fails:\n${failed}")
endif()
