# open follows symbolic links: an absolute one, a relative one (from the link's own
# directory), a link to a directory in the middle of a path, and a second link met in the
# path the first one gave, whose target is longer than what comes before the rest of the
# path (read into the buffer too early, it overwrites the rest). cat's opens succeed and
# its reads are the six bytes of "hello\n" each time (the kernel's events), not the
# links' own targets.
include(${CMAKE_CURRENT_LIST_DIR}/check_fs.cmake)
lab_run(run "echo hello > /t; ln -s /t /l; cat /l; mkdir /d; ln -s ../t /d/r; cat /d/r; ln -s /d /ld; cat /ld/r; mkdir /d/sub; echo hello > /d/sub/f; ln -s /d/sub /d/s; cat /ld/s/f")
lab_expect_calls(run ln ${SYS_symlink} "symlinks" 0 0 0 0)
lab_expect_calls(run cat ${SYS_open} "opens of /l, /d/r, /ld/r, /ld/s/f" fd fd fd fd)
lab_expect_calls(run cat ${SYS_read} "reads of /l, /d/r, /ld/r and /ld/s/f" 6 0 6 0 6 0 6 0)
string(REGEX MATCHALL "hello" h "${run}")
list(LENGTH h n)
if(NOT n EQUAL 4)
  lab_fail("cat printed hello ${n} times, not 4:\n${run}")
endif()
