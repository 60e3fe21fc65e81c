# A kernel plugs in as one folder: configures ossim with tests/data/kernels/null added
# (-DOSSIM_EXTRA_KERNELS) and no other file changed, builds only the front end, and finds
# the kernel in --help with its option, in `compare --list`, booting with its option, and
# among the tests that run on every kernel (tests/lib/kernels.cmake).
#   cmake -DSRC=tree -DWORK=dir -DCC=compiler [-DLAUNCHER=ccache] -P extra_kernel.cmake
set(null ${SRC}/tests/data/kernels/null)
set(defs -DOSSIM_EXTRA_KERNELS=${null} -DCMAKE_C_COMPILER=${CC})
if(LAUNCHER)
  list(APPEND defs -DCMAKE_C_COMPILER_LAUNCHER=${LAUNCHER})
endif()

function(must what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
  set(rc "${rc}" PARENT_SCOPE)
  if(what STREQUAL "succeed" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGN}: exit ${rc}\n${out}\n${err}")
  endif()
endfunction()

function(expect text regex)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "expected /${regex}/ in:\n${text}")
  endif()
endfunction()

must(succeed ${CMAKE_COMMAND} -S ${SRC} -B ${WORK} ${defs})
must(succeed ${CMAKE_COMMAND} --build ${WORK} --target ossim --parallel 2)
set(ossim ${WORK}/ossim)

must(succeed ${ossim} --help)
expect("${out}" "kernels \\(default micro\\)")
expect("${out}" "\n  null +a test kernel: halts at once\n +--null-status N +halt at once")
must(succeed ${ossim} compare --list)
expect("${out}" "\n  null +a test kernel: halts at once\n")
must(run ${ossim} --kernel null --null-status 7)
if(NOT rc EQUAL 7)
  message(FATAL_ERROR "ossim --kernel null --null-status 7: exit ${rc}, not 7\n${err}")
endif()
must(run ${ossim} --kernel mono --null-status 7)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "--null-status on mono: exit ${rc}, not 2 (a usage error)")
endif()
expect("${err}" "--null-status: kernel mono does not take this option; it is an option of null")
must(succeed ${CMAKE_CTEST_COMMAND} --test-dir ${WORK} -N)
expect("${out}" "compare_matches_events_null\n")
