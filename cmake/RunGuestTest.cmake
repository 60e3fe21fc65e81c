# RunGuestTest.cmake: runs one guest program and checks what it printed and how it ended.
# Used by ctest (cmake -P), registered by ossim_guest_test() in userland/CMakeLists.txt.
#
#   -DIMAGE=file.elf        the guest image
#   -DEXPECTED=file         the exact stdout expected, byte for byte
#   -DSTATUS=n              the exit status expected (default 0)
#   -DOSSIM=path            run `ossim --kernel bare --image IMAGE ARGS...`, or
#   -DQEMU=path             run `qemu-system-riscv32 -M virt -bios none -nographic -kernel IMAGE`
#                           (a QEMU path that does not exist skips the test: exit status 77
#                           on CMake >= 3.29, and always the line "guest test skipped: ...",
#                           which the test's SKIP_REGULAR_EXPRESSION matches)
#   -DARGS=a|b|c            extra arguments for ossim, separated by '|' (ctest would split ';')
#   -DDISK=file -DDISK_SECTORS=n
#                           first write a disk image of n sectors with known content, and
#                           pass `--disk file` to ossim; see the pattern below
#   -DTIMEOUT=s             seconds before the run counts as hung (default 60)
#   -DOUTPUT=file           where to keep the actual stdout (default IMAGE.out)
#
# The disk pattern: byte i of sector s is ALNUM[(7 * s + i) % 62], with ALNUM the 62
# characters A-Z a-z 0-9. userland/tests/blk.c checks exactly this.

cmake_minimum_required(VERSION 3.20)

foreach(v IMAGE EXPECTED)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "RunGuestTest: -D${v}=... is required")
  endif()
endforeach()
if(NOT DEFINED STATUS)
  set(STATUS 0)
endif()
if(NOT DEFINED TIMEOUT)
  set(TIMEOUT 60)
endif()
if(NOT DEFINED OUTPUT)
  set(OUTPUT ${IMAGE}.out)
endif()

function(guest_skip why)
  message("guest test skipped: ${why}")
  if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.29)
    cmake_language(EXIT 77)
  endif()
endfunction()

# Writes the disk image of `sectors` sectors described at the top.
function(write_disk path sectors)
  set(alnum "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
  set(image "")
  math(EXPR last "${sectors} - 1")
  foreach(s RANGE ${last})
    math(EXPR off "(7 * ${s}) % 62")
    string(SUBSTRING "${alnum}${alnum}" ${off} 62 rotated)
    string(REPEAT "${rotated}" 9 long) # 558 bytes, cut to one sector
    string(SUBSTRING "${long}" 0 512 sector)
    string(APPEND image "${sector}")
  endforeach()
  file(WRITE ${path} "${image}")
endfunction()

if(NOT EXISTS ${IMAGE})
  message(FATAL_ERROR "guest image ${IMAGE} does not exist: build first (cmake --build)")
endif()
if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "expected-output file ${EXPECTED} does not exist")
endif()

if(DEFINED QEMU)
  if(NOT QEMU OR NOT EXISTS "${QEMU}")
    guest_skip("qemu-system-riscv32 was not found")
    return()
  endif()
  set(cmd ${QEMU} -M virt -bios none -nographic -kernel ${IMAGE})
elseif(DEFINED OSSIM)
  set(cmd ${OSSIM} --kernel bare --image ${IMAGE})
  if(DEFINED ARGS AND NOT ARGS STREQUAL "")
    string(REPLACE "|" ";" extra "${ARGS}")
    list(APPEND cmd ${extra})
  endif()
  if(DEFINED DISK)
    if(NOT DEFINED DISK_SECTORS)
      message(FATAL_ERROR "RunGuestTest: -DDISK needs -DDISK_SECTORS")
    endif()
    write_disk(${DISK} ${DISK_SECTORS})
    list(APPEND cmd --disk ${DISK})
  endif()
else()
  message(FATAL_ERROR "RunGuestTest: give -DOSSIM=... or -DQEMU=...")
endif()

string(REPLACE ";" " " shown "${cmd}")
execute_process(COMMAND ${cmd}
                INPUT_FILE /dev/null
                OUTPUT_VARIABLE out
                ERROR_VARIABLE err
                RESULT_VARIABLE rc
                TIMEOUT ${TIMEOUT})
file(WRITE ${OUTPUT} "${out}")
file(READ ${EXPECTED} want)

set(failed FALSE)
if(NOT out STREQUAL want)
  set(failed TRUE)
  message("FAIL: stdout differs from ${EXPECTED} (actual output kept in ${OUTPUT})")
  find_program(DIFF_PROGRAM diff)
  if(DIFF_PROGRAM)
    execute_process(COMMAND ${DIFF_PROGRAM} -u ${EXPECTED} ${OUTPUT})
  else()
    message("--- expected\n${want}\n+++ actual\n${out}")
  endif()
endif()
if(NOT rc STREQUAL STATUS)
  set(failed TRUE)
  message("FAIL: exit status is '${rc}', expected ${STATUS}")
endif()
if(failed)
  if(NOT err STREQUAL "")
    message("stderr:\n${err}")
  endif()
  message(FATAL_ERROR "guest test failed: ${shown}")
endif()
message("ok: ${shown}")
