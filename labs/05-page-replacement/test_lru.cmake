# LRU: the fault counts of the textbook reference strings (a stack algorithm: no anomaly).
include(${CMAKE_CURRENT_LIST_DIR}/check_paging.cmake)
paging_exact(lru 10 8 12)
