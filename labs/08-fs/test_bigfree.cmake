# Removing a file that reaches the doubly indirect blocks frees all of them: the run works
# on a copy of the disk image, written in place (--persist), and fsck then finds every
# block the bitmap calls used in some file.
include(${CMAKE_CURRENT_LIST_DIR}/check_fs.cmake)
set(img ${SCRATCH}/lab08.img)
file(COPY_FILE ${BUILD}/fs.img ${img})
lab_run(run "cat /bin/systest /bin/sh /bin/sh > /big; rm /big" --disk ${img} --persist)
lab_calls(writes ${run_events} cat ${SYS_write})
lab_sum(out ${writes})
if(out LESS 273409)
  lab_fail("cat wrote ${out} bytes into /big (-1: a write failed), by the kernel's events: "
           "the file never reached the doubly indirect blocks:\n${run}")
endif()
lab_fsck(${img} "after rm /big")
