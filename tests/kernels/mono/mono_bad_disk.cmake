# mono_bad_disk.cmake: the monolithic kernel on disk images that are truncated, corrupt or
# not images at all (cmake -P). Each `ossim --kernel mono --disk BAD -c true` must end with an
# error status (1 to 123: not a crash, a signal, a hang or the watchdog), say what is wrong in
# a line on standard error that matches the case's pattern, and draw no report from the
# sanitizers in an ASan+UBSan build. A message that does not name the disk file is noted in
# the test's output (ctest -V), not failed.
#
# The damage is made from IMAGE (a good image from mkfs) with dd, at places found from its
# superblock and directories, and is the same on every run: garbage is copied from a program
# in the image, never taken from a random source.
#
#   -DOSSIM=path     the ossim program
#   -DIMAGE=file     a good disk image holding /bin/sh (never written)
#   -DWORK=dir       scratch directory (emptied first)
cmake_minimum_required(VERSION 3.20)
include(${CMAKE_CURRENT_LIST_DIR}/../../lib/checks.cmake)
require_defines(OSSIM IMAGE WORK)
fresh_dir(${WORK})
set(BSIZE 1024)

# ---- Reading the image: just enough of kernels/lib/fs/fs.h's layout to find things. ----

# The little-endian 32-bit word at byte offset of file, in var.
function(u32 file offset var)
  file(READ ${file} h OFFSET ${offset} LIMIT 4 HEX)
  string(SUBSTRING "${h}" 0 2 b0)
  string(SUBSTRING "${h}" 2 2 b1)
  string(SUBSTRING "${h}" 4 2 b2)
  string(SUBSTRING "${h}" 6 2 b3)
  math(EXPR v "0x${b3}${b2}${b1}${b0}")
  set(${var} ${v} PARENT_SCOPE)
endfunction()

u32(${IMAGE} 1024 magic)
u32(${IMAGE} 1032 nblocks)
u32(${IMAGE} 1044 logstart)
u32(${IMAGE} 1048 inodestart)
if(NOT magic EQUAL 1397117775) # FS_MAGIC, 0x5346534f
  message(FATAL_ERROR "${IMAGE} is not an ossim file system image")
endif()

# Where inode inum lives (struct fs_dinode: 64 bytes, size at +8, addrs[] from +12).
function(inode_offset inum var)
  math(EXPR off "${inodestart} * ${BSIZE} + ${inum} * 64")
  set(${var} ${off} PARENT_SCOPE)
endfunction()

# The inode number of name in directory dir (whose entries fit in its first block).
function(lookup dir name var)
  inode_offset(${dir} ino)
  math(EXPR size_at "${ino} + 8")
  math(EXPR addr_at "${ino} + 12")
  u32(${IMAGE} ${size_at} size)
  u32(${IMAGE} ${addr_at} block)
  string(HEX "${name}" want)
  string(LENGTH "${want}" wantlen)
  math(EXPR last "${size} / 32 - 1")
  foreach(i RANGE 0 ${last})
    math(EXPR at "${block} * ${BSIZE} + ${i} * 32")
    file(READ ${IMAGE} entry OFFSET ${at} LIMIT 32 HEX)
    string(SUBSTRING "${entry}" 8 ${wantlen} got)
    math(EXPR nul_at "8 + ${wantlen}")
    string(SUBSTRING "${entry}" ${nul_at} 2 nul)
    if(got STREQUAL want AND nul STREQUAL "00")
      u32(${IMAGE} ${at} inum)
      set(${var} ${inum} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "${IMAGE}: no ${name} in directory inode ${dir}")
endfunction()

lookup(1 bin bin_ino)
lookup(${bin_ino} sh sh_ino)
inode_offset(${bin_ino} bin_at)
inode_offset(${sh_ino} sh_at)
math(EXPR bin_addr0 "${bin_at} + 12")
u32(${IMAGE} ${bin_addr0} bin_block)
math(EXPR sh_addr0 "${sh_at} + 12")
u32(${IMAGE} ${sh_addr0} sh_block)
math(EXPR sh_addr3 "${sh_at} + 24")
u32(${IMAGE} ${sh_addr3} garbage_block) # the fourth block of /bin/sh: code, as garbage

# ---- Making bad images. ----

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ARGN}: ${rc}\n${err}")
  endif()
endfunction()

function(copy_image name)
  run(${CMAKE_COMMAND} -E copy ${IMAGE} ${WORK}/${name}.img)
endfunction()

# The first `bytes` bytes of the image.
function(truncated_image name bytes)
  if(bytes EQUAL 0)
    file(WRITE ${WORK}/${name}.img "")
  else()
    run(dd if=${IMAGE} of=${WORK}/${name}.img bs=${bytes} count=1)
  endif()
endfunction()

# Overwrites `count` blocks from block `at` with blocks of `from` starting at block `skip`.
function(overwrite_blocks name at count from skip)
  run(dd if=${from} of=${WORK}/${name}.img bs=${BSIZE} seek=${at} skip=${skip} count=${count}
      conv=notrunc)
endfunction()

# Overwrites the bytes at `offset` with `bytes` (a list of numbers 0 to 255), through printf's
# octal escapes, which every POSIX printf knows.
function(poke name offset)
  set(fmt "")
  foreach(b ${ARGN})
    math(EXPR o2 "${b} / 64")
    math(EXPR o1 "${b} / 8 % 8")
    math(EXPR o0 "${b} % 8")
    string(APPEND fmt "\\${o2}${o1}${o0}")
  endforeach()
  execute_process(COMMAND printf "${fmt}" OUTPUT_FILE ${WORK}/patch.bin RESULT_VARIABLE rc)
  list(LENGTH ARGN n)
  file(SIZE ${WORK}/patch.bin got)
  if(NOT rc EQUAL 0 OR NOT got EQUAL n)
    message(FATAL_ERROR "printf '${fmt}' did not write ${n} bytes")
  endif()
  run(dd if=${WORK}/patch.bin of=${WORK}/${name}.img bs=1 seek=${offset} conv=notrunc)
endfunction()

# ---- Booting one: a clean error, never a crash. ----

set(cases 0)
function(expect_error name pattern)
  set(disk ${WORK}/${name}.img)
  if(name MATCHES "/") # a path given as it is
    set(disk ${name})
  endif()
  execute_process(COMMAND ${OSSIM} --kernel mono --disk ${disk} --max-cycles 2000000000 -c true
                  INPUT_FILE /dev/null RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err
                  TIMEOUT 120)
  # (an ASan build warns once that it does not fully follow mono's swapcontext)
  string(REGEX REPLACE "==[0-9]+==WARNING: ASan doesn't fully support make[^\n]*\n" "" err "${err}")
  set(what "--disk ${disk}: exit status ${rc}\n--- stdout:\n${out}\n--- stderr:\n${err}")
  if(NOT rc MATCHES "^[0-9]+$" OR rc EQUAL 0 OR rc GREATER 123)
    message(FATAL_ERROR "${what}\nexpected an error status from 1 to 123")
  endif()
  if(err MATCHES "Sanitizer|runtime error")
    message(FATAL_ERROR "${what}\nthe sanitizers found a fault")
  endif()
  if(NOT err MATCHES "ossim: [^\n]*(${pattern})")
    message(FATAL_ERROR "${what}\nno line 'ossim: ...' on stderr matches '${pattern}'")
  endif()
  get_filename_component(base ${disk} NAME)
  if(NOT err MATCHES "${base}")
    string(STRIP "${err}" line)
    message(STATUS "note: --disk ${base}: the message does not name the disk file: ${line}")
  endif()
  math(EXPR n "${cases} + 1")
  set(cases ${n} PARENT_SCOPE)
endfunction()

# Not an image at all.
expect_error(${WORK}/no-such.img "No such file")
expect_error(${WORK} "[Ii]s a directory")
truncated_image(empty 0)
expect_error(empty "empty|no file system|needs a disk")
truncated_image(odd-size 1000)
expect_error(odd-size "not a multiple of 512")

# Truncated: the superblock says more blocks than the file has.
set(truncated "cannot mount|truncated|too short|failed to read")
math(EXPR two_blocks "2 * ${BSIZE}")
truncated_image(superblock-only ${two_blocks})
expect_error(superblock-only "${truncated}")
math(EXPR half "${nblocks} / 2 * ${BSIZE}")
truncated_image(half ${half})
expect_error(half "${truncated}")
math(EXPR short "(${nblocks} - 1) * ${BSIZE}")
truncated_image(one-block-short ${short})
expect_error(one-block-short "${truncated}")

# A damaged superblock: not an ossim file system.
set(not_fs "cannot mount|not an ossim file system|magic")
copy_image(bad-magic)
poke(bad-magic 1024 88 88 88 88)
expect_error(bad-magic "${not_fs}")
copy_image(zero-superblock)
overwrite_blocks(zero-superblock 1 1 /dev/zero 0)
expect_error(zero-superblock "${not_fs}")
copy_image(code-everywhere) # every block after the boot block replaced by program code
foreach(b RANGE 1 15)
  overwrite_blocks(code-everywhere ${b} 1 ${IMAGE} ${garbage_block})
endforeach()
expect_error(code-everywhere "${not_fs}")

# A committed log that cannot be replayed: its header (struct fs_loghdr) says n blocks.
set(bad_log "cannot mount|log|corrupt")
math(EXPR loghdr "${logstart} * ${BSIZE}")
copy_image(log-too-long) # n = 0xffffffff
poke(log-too-long ${loghdr} 255 255 255 255)
expect_error(log-too-long "${bad_log}")
copy_image(log-home-outside) # one block, to be installed at block 0x0fffffff
poke(log-home-outside ${loghdr} 1 0 0 0 255 255 255 15)
expect_error(log-home-outside "${bad_log}")
copy_image(log-home-superblock) # one block, to be installed over the superblock
poke(log-home-superblock ${loghdr} 1 0 0 0 1 0 0 0)
expect_error(log-home-superblock "${bad_log}")

# Damaged inodes and directories on the way to /bin/sh.
set(no_shell "cannot run /bin/sh|corrupt|not a directory")
copy_image(inodes-garbage) # the first block of inodes (the root's and /bin's among them)
overwrite_blocks(inodes-garbage ${inodestart} 1 ${IMAGE} ${garbage_block})
expect_error(inodes-garbage "${no_shell}|cannot mount")
copy_image(root-is-a-file) # the root inode's type becomes T_FILE
inode_offset(1 root_at)
poke(root-is-a-file ${root_at} 2 0)
expect_error(root-is-a-file "${no_shell}")
copy_image(bin-zeroed) # /bin's entries all gone
overwrite_blocks(bin-zeroed ${bin_block} 1 /dev/zero 0)
expect_error(bin-zeroed "${no_shell}|[Nn]o such file")
copy_image(bin-garbage) # /bin's entries replaced by code
overwrite_blocks(bin-garbage ${bin_block} 1 ${IMAGE} ${garbage_block})
expect_error(bin-garbage "${no_shell}|[Nn]o such file")
copy_image(sh-block-outside) # /bin/sh's first block number far past the end of the disk
poke(sh-block-outside ${sh_addr0} 255 255 255 0)
expect_error(sh-block-outside "${no_shell}")
copy_image(sh-size-huge) # /bin/sh says it has 2 GiB
math(EXPR sh_size_at "${sh_at} + 8")
poke(sh-size-huge ${sh_size_at} 255 255 255 127)
expect_error(sh-size-huge "${no_shell}")
copy_image(sh-not-elf) # /bin/sh's first block, its ELF header, zeroed
overwrite_blocks(sh-not-elf ${sh_block} 1 /dev/zero 0)
expect_error(sh-not-elf "${no_shell}|not an ELF|exec format")

message(STATUS "mono_bad_disk: ${cases} bad disks, each a clear error")
