# Clock (second chance): the fault counts of the reference strings, with the hand and the
# referenced bits as the handout describes them.
include(${CMAKE_CURRENT_LIST_DIR}/check_paging.cmake)
paging_exact(clock 9 10 14)
