# The file system tools end to end: mkfs makes an image with two files, fsck calls it clean
# (exit 0) and leaves it unchanged; a truncated image and a missing one get a clear message
# naming the file and exit 1; a damaged superblock is reported as a problem.
# Run as: cmake -DMKFS=... -DFSCK=... -DWORK=dir -DSRC=project-dir -P fs_tools.cmake
include(${CMAKE_CURRENT_LIST_DIR}/../lib/checks.cmake)
fresh_dir(${WORK})
set(img ${WORK}/fs.img)

function(expect what rc want_rc stream pattern)
  if(NOT rc EQUAL want_rc)
    message(FATAL_ERROR "${what}: exit status ${rc}, expected ${want_rc}\n${stream}")
  endif()
  if(NOT stream MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: output does not match '${pattern}':\n${stream}")
  endif()
endfunction()

execute_process(COMMAND ${MKFS} ${img} --size 4096 --inodes 64 ${SRC}/README.md
                        ${SRC}/CMakeLists.txt=/etc/build/CMakeLists.txt
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("mkfs" "${rc}" 0 "${err}" "^$")
file(SIZE ${img} size)
if(NOT size EQUAL 4194304)
  message(FATAL_ERROR "mkfs: the image has ${size} bytes, expected 4096 blocks")
endif()

file(SHA256 ${img} before)
execute_process(COMMAND ${FSCK} ${img} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("fsck of a new image" "${rc}" 0 "${out}" "^[^\n]*fs.img: clean\n$")
file(SHA256 ${img} after)
if(NOT before STREQUAL after)
  message(FATAL_ERROR "fsck changed the image")
endif()

# The first 1000 blocks only.
execute_process(COMMAND dd if=${img} of=${WORK}/short.img bs=1024 count=1000
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
execute_process(COMMAND ${FSCK} ${WORK}/short.img RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
expect("fsck of a truncated image" "${rc}" 1 "${err}" "short.img: truncated")

execute_process(COMMAND ${FSCK} ${WORK}/missing.img RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
expect("fsck of a missing image" "${rc}" 1 "${err}" "missing.img: No such file")

# Not a file system at all: this script's own text.
execute_process(COMMAND ${FSCK} ${CMAKE_CURRENT_LIST_FILE} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
expect("fsck of a text file" "${rc}" 1 "${out}${err}" "fs_tools.cmake: (superblock: bad magic|not a file system)")

# mkfs refuses a file that does not exist, and leaves no image behind.
execute_process(COMMAND ${MKFS} ${WORK}/bad.img ${WORK}/no-such-file
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
expect("mkfs of a missing file" "${rc}" 1 "${err}" "no-such-file: No such file")
if(EXISTS ${WORK}/bad.img)
  message(FATAL_ERROR "mkfs left a broken image behind")
endif()
