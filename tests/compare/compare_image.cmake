cmake_minimum_required(VERSION 3.19)
# compare_image.cmake: the image-size row. -DOSSIM=path -DSIZES=build/uni/sizes.txt
# uni's figure is the bytes its image loads, as the build's size report says for the same
# program; mono and micro have no one image: n/a, and the text says why.
execute_process(COMMAND ${OSSIM} compare --workload syscall --kernels uni,mono --format csv
                RESULT_VARIABLE rc OUTPUT_VARIABLE csv ERROR_VARIABLE err TIMEOUT 120)
string(REPLACE "\n" ";" rows "${csv}")
list(GET rows 0 header)
string(REPLACE "," ";" keys "${header}")
list(FIND keys image_bytes at)
foreach(row 1 2)
  list(GET rows ${row} line)
  string(REPLACE "," ";" vals "${line}")
  list(GET vals 1 kernel)
  list(GET vals ${at} image_${kernel})
endforeach()
file(STRINGS ${SIZES} line REGEX "^bench ")
string(REGEX MATCH "([0-9]+) bytes loaded" _ "${line}")
if(NOT rc EQUAL 0 OR NOT image_uni STREQUAL CMAKE_MATCH_1 OR NOT image_mono STREQUAL "")
  message(FATAL_ERROR "uni '${image_uni}' (sizes.txt: ${CMAKE_MATCH_1}), mono '${image_mono}' "
                      "(none expected):\n${csv}${err}")
endif()
execute_process(COMMAND ${OSSIM} compare --workload syscall --kernels uni,mono
                OUTPUT_VARIABLE text TIMEOUT 120)
if(NOT text MATCHES "image size \\(bytes\\) +[0-9]+ +n/a\n.*image size \\(bytes\\): n/a on mono: no one image")
  message(FATAL_ERROR "the text table does not show uni's size and mono's n/a with why:\n${text}")
endif()
message(STATUS "uni's image: ${image_uni} bytes, as sizes.txt says; mono: n/a")
