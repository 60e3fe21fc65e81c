# Tests of `ossim compare` (cli/compare.c): the table agrees with the event stream, runs are
# repeatable, every format parses, and a kernel that cannot run a workload shows n/a with
# the reason.
# bare runs no workload; uni runs one program, not bench's processes.
ossim_kernels(_system_kernels SKIP bare uni)
foreach(kernel ${_system_kernels})
  add_test(NAME compare_matches_events_${kernel}
    COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${CMAKE_CURRENT_BINARY_DIR}
            "-DCMD=bench -n 200 pipe" -DKERNEL=${kernel}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/compare_check.cmake)
endforeach()
# micro's vDSO marks its system calls: the same count as mono's, workload by workload.
foreach(workload syscall pipe fork)
  add_test(NAME compare_syscalls_micro_${workload}
    COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORKLOAD=${workload}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/compare_syscalls.cmake)
endforeach()
ossim_cli_test(compare_list STATUS 0 ARGS compare --list
  STDOUT "syscall .*pipe .*file .*fork .*compute .*build .*sel4-u54")
ossim_cli_test(compare_workload_text STATUS 0 ARGS compare --workload syscall
  STDOUT "workload: syscall.*system calls +[0-9]+.*ratio to mono")
ossim_cli_test(compare_na_reason STATUS 0 ARGS compare --cmd "grep" --format md
  STDOUT "\\| cycles \\| n/a \\|.*n/a on mono: exit status [0-9]+: .*usage")
ossim_cli_test(compare_profiles STATUS 0 ARGS compare --cmd "bench -n 50 getpid" --profiles
  STDOUT "default +[0-9]+ .*linux-pti-on +[0-9]+")
ossim_cli_test(compare_unknown_workload STATUS 2 ARGS compare --workload nope
  STDERR "no workload called 'nope'")
ossim_cli_test(compare_needs_workload STATUS 2 ARGS compare STDERR "need --workload")
ossim_cli_test(compare_bad_format STATUS 2 ARGS compare --workload pipe --format xml
  STDERR "--format: need text")
ossim_cli_test(compare_unknown_profile STATUS 1 ARGS compare --workload syscall --profile nope
  STDERR "unknown cost profile 'nope'; known profiles: default sel4-u54")
# A workload the unikernel cannot run: n/a, with the guest's own reason or compare's.
ossim_cli_test(compare_uni_na STATUS 0 ARGS compare --workload pipe --kernels mono,uni
  STDOUT "n/a on uni: exit status 1: bench: pipe: function not implemented")
ossim_cli_test(compare_uni_pipeline STATUS 0 ARGS compare --workload build --kernels mono,uni
  STDOUT "n/a on uni: uni runs one program; .* needs a shell")
# uni runs what it can, and counts its library calls from the marks its library OS writes.
ossim_cli_test(compare_uni_runs STATUS 0 ARGS compare --workload syscall --kernels uni --format csv
  STDOUT "figures,uni,ok,\"\",[0-9]+,[0-9]+,0,200[0-9][0-9],")
# Memory by owner (EV_PROC_MEM): the model, --stats and compare agree with the events, and
# reaped processes hold nothing. fork shares pages copy-on-write (mono), pm builds images
# for others (micro), and uni's image is one owner.
foreach(kernel ${_system_kernels})
  add_test(NAME mem_by_owner_${kernel}
    COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${CMAKE_CURRENT_BINARY_DIR}
            "-DCMD=bench -n 20 fork" -DKERNEL=${kernel} -P ${CMAKE_CURRENT_SOURCE_DIR}/mem_check.cmake)
endforeach()
add_test(NAME mem_by_owner_uni
  COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${CMAKE_CURRENT_BINARY_DIR}
          "-DCMD=bench -n 20 getpid" -DKERNEL=uni -P ${CMAKE_CURRENT_SOURCE_DIR}/mem_check.cmake)
# A shell that starts a background pipeline and exits before it ends: the pages it shared
# copy-on-write must pass to the child that still maps them, or it is reaped holding them.
add_test(NAME mem_by_owner_orphan
  COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${CMAKE_CURRENT_BINARY_DIR}
          -DINPUT=${CMAKE_CURRENT_SOURCE_DIR}/data/mem_orphan.in -DKERNEL=mono
          -P ${CMAKE_CURRENT_SOURCE_DIR}/mem_check.cmake)
add_test(NAME mem_by_owner_orphan_micro
  COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DWORK=${CMAKE_CURRENT_BINARY_DIR}
          -DINPUT=${CMAKE_CURRENT_SOURCE_DIR}/data/mem_orphan.in -DKERNEL=micro
          -P ${CMAKE_CURRENT_SOURCE_DIR}/mem_check.cmake)
# The image-size row: uni's image as the build's size report says; n/a with why elsewhere.
add_test(NAME compare_image_size
  COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DSIZES=${CMAKE_BINARY_DIR}/uni/sizes.txt
          -P ${CMAKE_CURRENT_SOURCE_DIR}/compare_image.cmake)
