# FIFO: the fault counts of the textbook reference strings, Belady's anomaly included (more
# frames, more faults).
include(${CMAKE_CURRENT_LIST_DIR}/check_paging.cmake)
paging_exact(fifo 9 10 15)
