# Whole-system tests of the monolithic kernel, run on a disk image of their own:
#
#   mono_session_NAME   tests/sessions/NAME.in is typed at the shell; the console output must
#                       be tests/sessions/NAME.expected byte for byte (cmake/RunSession.cmake),
#                       or match the regular expression in NAME.match
#   mono_crash          a file-heavy workload stopped at stop points spread over its disk
#                       writes, fsck after each (mono_crash.cmake)
#   mono_bad_disk       corrupt and truncated images: a clear error, never a crash
#                       (mono_bad_disk.cmake)
#
# The image holds a fixed list of programs, so that what the sessions print (inode numbers
# in ls, pids) does not change when a program is added to /bin. To remake the expected files
# after a change that is meant to change them: `cmake --build BUILD --target update-sessions`,
# then read `git diff tests/sessions` by eye.
if(NOT TARGET fs-image)
  return()
endif()

set(_session_programs init sh cat echo ls mkdir rm ln mv cp wc grep head tail ps kill sleep
                      true false fault insmod rmmod lsmod)
set(SESSIONS_IMAGE ${CMAKE_CURRENT_BINARY_DIR}/sessions.img)
set(_files "")
set(_targets "")
foreach(p ${_session_programs})
  list(APPEND _files ${OSSIM_GUEST_DIR}/bin/${p})
  list(APPEND _targets user-${p})
endforeach()
add_custom_command(OUTPUT ${SESSIONS_IMAGE}
  COMMAND $<TARGET_FILE:mkfs> ${SESSIONS_IMAGE} --size 8192 --inodes 256 ${_files}
  DEPENDS mkfs ${_files}
  COMMENT "mkfs sessions.img"
  VERBATIM)
add_custom_target(sessions-image ALL DEPENDS ${SESSIONS_IMAGE})
add_dependencies(sessions-image ${_targets})

set(_sdir ${CMAKE_CURRENT_SOURCE_DIR}/sessions)
set(_run ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DDISK=${SESSIONS_IMAGE})
file(GLOB _sessions CONFIGURE_DEPENDS ${_sdir}/*.in)
set(_update "")
foreach(in ${_sessions})
  get_filename_component(name ${in} NAME_WE)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/sessions/${name}.out)
  if(EXISTS ${_sdir}/${name}.match)
    add_test(NAME mono_session_${name}
             COMMAND ${_run} -DINPUT=${in} -DOUT=${out} -DMATCH=${_sdir}/${name}.match
                     -P ${PROJECT_SOURCE_DIR}/cmake/RunSession.cmake)
  else()
    add_test(NAME mono_session_${name}
             COMMAND ${_run} -DINPUT=${in} -DOUT=${out} -DEXPECTED=${_sdir}/${name}.expected
                     -P ${PROJECT_SOURCE_DIR}/cmake/RunSession.cmake)
    list(APPEND _update COMMAND ${_run} -DINPUT=${in} -DOUT=${out}
                        -DEXPECTED=${_sdir}/${name}.expected -DUPDATE=ON
                        -P ${PROJECT_SOURCE_DIR}/cmake/RunSession.cmake)
  endif()
endforeach()
# The same sessions on the microkernel, with the same expected output but where
# tests/sessions/micro/NAME.expected says otherwise (inode numbers: mono's /dev/modules takes
# one). Not the sessions of loadable modules (micro has none).
foreach(in ${_sessions})
  get_filename_component(name ${in} NAME_WE)
  if(name MATCHES "^(modules|policies|devices|strace)$")
    continue()
  endif()
  set(out ${CMAKE_CURRENT_BINARY_DIR}/sessions/micro_${name}.out)
  if(EXISTS ${_sdir}/${name}.match)
    set(_want -DMATCH=${_sdir}/${name}.match)
  elseif(EXISTS ${_sdir}/micro/${name}.expected)
    set(_want -DEXPECTED=${_sdir}/micro/${name}.expected)
  else()
    set(_want -DEXPECTED=${_sdir}/${name}.expected)
  endif()
  add_test(NAME micro_session_${name}
           COMMAND ${_run} -DKERNEL=micro -DINPUT=${in} -DOUT=${out} ${_want}
                   -P ${PROJECT_SOURCE_DIR}/cmake/RunSession.cmake)
endforeach()
add_custom_target(update-sessions ${_update} VERBATIM)
add_dependencies(update-sessions sessions-image ossim)

add_test(NAME mono_crash
         COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DFSCK=$<TARGET_FILE:fsck>
                 -DIMAGE=${SESSIONS_IMAGE} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/mono_crash
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/mono_crash.cmake)
set_tests_properties(mono_crash PROPERTIES TIMEOUT 600)
add_test(NAME mono_bad_disk
         COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DIMAGE=${SESSIONS_IMAGE}
                 -DWORK=${CMAKE_CURRENT_BINARY_DIR}/mono_bad_disk
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/mono_bad_disk.cmake)
