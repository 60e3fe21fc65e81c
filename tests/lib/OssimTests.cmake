# How a test is registered: tests/CMakeLists.txt includes this before the folders, so each
# folder's CMakeLists.txt says only what its tests are.

# ossim_unit_test(NAME [SOURCES src...] [LIBS lib...] [ENVIRONMENT VAR=value...]):
# a Check program NAME (build/tests/NAME) and the ctest test of the same name. SOURCES
# default to NAME.c in this folder; the program also gets the shared main (lib/runner.c,
# which runs the file's test_suite()) and the machine helpers (lib/support.c), and links
# the machine library (sim) with LIBS.
function(ossim_unit_test name)
  cmake_parse_arguments(U "" "" "SOURCES;LIBS;ENVIRONMENT" ${ARGN})
  if(NOT U_SOURCES)
    set(U_SOURCES ${name}.c)
  endif()
  set(lib ${PROJECT_SOURCE_DIR}/tests/lib)
  add_executable(${name} ${U_SOURCES} ${lib}/runner.c ${lib}/support.c)
  # kernels/lib: the ABI's headers (abi/errno.h ...), which host code shares with the guest.
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${lib}
                                             ${PROJECT_SOURCE_DIR}/kernels/lib)
  target_link_libraries(${name} PRIVATE sim PkgConfig::CHECK Threads::Threads ${U_LIBS})
  add_test(NAME ${name} COMMAND ${name})
  # Check forks each test by default; the sanitizers and the robustness tests prefer not.
  set(env CK_FORK=no ${U_ENVIRONMENT})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 600)
endfunction()

# ossim_cli_test(NAME STATUS n ARGS a b c [STDOUT re] [STDERR re] [SAME_FILE f] [INPUT f]):
# runs ossim with ARGS through cmake/ExpectRun.cmake, which checks the exit status, that
# stdout and stderr match the regular expressions, and that a second run writes the same
# SAME_FILE.
function(ossim_cli_test name)
  cmake_parse_arguments(T "" "STATUS;STDOUT;STDERR;SAME_FILE;INPUT" "ARGS" ${ARGN})
  string(JOIN "^^" cmd $<TARGET_FILE:ossim> ${T_ARGS})
  set(defs -DCMD=${cmd} -DSTATUS=${T_STATUS})
  foreach(v STDOUT STDERR SAME_FILE INPUT)
    if(DEFINED T_${v})
      list(APPEND defs "-D${v}=${T_${v}}")
    endif()
  endforeach()
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${PROJECT_SOURCE_DIR}/cmake/ExpectRun.cmake)
endfunction()

# ossim_script_test(NAME SCRIPT file [DEFS -Dvar=value...] [TIMEOUT s]): a test that runs
# the CMake script file (in this folder) with -DOSSIM naming the program, -DWORK a scratch
# folder of its own (build/tests/FOLDER/NAME), and DEFS. The checks such scripts share are
# in lib/checks.cmake.
function(ossim_script_test name)
  cmake_parse_arguments(S "" "SCRIPT;TIMEOUT" "DEFS" ${ARGN})
  set(work ${CMAKE_CURRENT_BINARY_DIR}/${name})
  file(MAKE_DIRECTORY ${work})
  add_test(NAME ${name}
           COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${work} ${S_DEFS}
                   -P ${CMAKE_CURRENT_SOURCE_DIR}/${S_SCRIPT})
  if(S_TIMEOUT)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${S_TIMEOUT})
  endif()
endfunction()
