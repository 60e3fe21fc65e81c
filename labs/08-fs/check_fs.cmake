# check_fs.cmake: what lab 8's tests share: an errno, and lab_sum(OUT LIST), the
# sum of a list of byte counts (-1 if any is an error).
include(${CMAKE_CURRENT_LIST_DIR}/../lib/events.cmake)

set(ELOOP -40)

function(lab_sum out)
  set(sum 0)
  foreach(n IN LISTS ARGN)
    if(n LESS 0)
      set(sum -1)
      break()
    endif()
    math(EXPR sum "${sum} + ${n}")
  endforeach()
  set(${out} ${sum} PARENT_SCOPE)
endfunction()
