# programs_fit.cmake (a ctest, tests/CMakeLists.txt): every program of the disk image fits
# in the direct and singly indirect blocks of an inode (11 + 256 blocks of 1 KiB). Lab 8's
# starter has no doubly indirect blocks, and its tree's mkfs must still write the image.
# -DDIR= the folder of the guest programs.
cmake_minimum_required(VERSION 3.19)
set(limit 273408)
file(GLOB programs ${DIR}/*)
foreach(p IN LISTS programs)
  file(SIZE ${p} size)
  if(size GREATER limit)
    message(FATAL_ERROR "${p} is ${size} bytes, more than ${limit} (267 KiB): lab 8's student "
                        "tree, whose file system has no doubly indirect blocks yet, could not "
                        "put it in its disk image. Make the program smaller or split it.")
  endif()
endforeach()
