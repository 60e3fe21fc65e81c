# Two links naming each other: open gives -ELOOP. A chain /c0 -> /c1 -> ... -> /c8 -> /t
# passes through 9 links: one more than FS_SYMLOOP_MAX (8), so /c0 gives -ELOOP and /c1,
# 8 links from /t, opens it.
include(${CMAKE_CURRENT_LIST_DIR}/check_fs.cmake)
set(cmd "echo x > /t; ln -s /b /a; ln -s /a /b; cat /a; ln -s /t /c8")
foreach(i RANGE 7 0 -1)
  math(EXPR j "${i} + 1")
  string(APPEND cmd "; ln -s /c${j} /c${i}")
endforeach()
lab_run(run "${cmd}; cat /c1; cat /c0")
lab_expect_calls(run cat ${SYS_open} "opens of /a (a loop), /c1 (8 links), /c0 (9 links)"
                 ${ELOOP} fd ${ELOOP})
