# Parent and child each see their own data: the child of `cowtest -p 64 -w 63` stores into
# 63 of 64 shared pages and has the kernel write into the last (a read from a pipe into
# it); it sees its values, and its parent, after the child exits, still sees its own.
include(${CMAKE_CURRENT_LIST_DIR}/check_cow.cmake)
cow_run(run "cowtest -p 64 -w 63")
