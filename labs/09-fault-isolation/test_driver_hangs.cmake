# The disk driver stops answering (it spins) just after the middle write: the reincarnation
# server's heartbeat finds it (server-death why 3), kills and restarts it, and the workload
# loses nothing.
include(${CMAKE_CURRENT_LIST_DIR}/check_restart.cmake)
lab_mid_write(at)
lab_workload_run(run blk@${at}:hang)
lab_survived(run 0x64 0x3)
