# Integration tests of the monolithic kernel: boot it on the disk image the build made and
# run user programs through the shell. Registered only when the build makes that image.
if(NOT TARGET fs-image)
  return()
endif()

ossim_cli_test(mono_echo STATUS 0 ARGS --kernel mono -c "echo hello from mono" STDOUT "hello from mono\n")
ossim_cli_test(mono_exit_status STATUS 1 ARGS --kernel mono -c false)
ossim_cli_test(mono_pipeline STATUS 0 ARGS --kernel mono -c "echo one two three | wc" STDOUT "1 3 14")
ossim_cli_test(mono_unknown_sched STATUS 1 ARGS --kernel mono --sched nope -c true STDERR "unknown scheduler 'nope'; known: rr")
ossim_cli_test(mono_systest STATUS 0 ARGS --kernel mono -c systest STDOUT "systest: [0-9]+ passed, 0 failed")
ossim_cli_test(mono_systest_4harts STATUS 0 ARGS --kernel mono --cpus 4 -c systest STDOUT "systest: [0-9]+ passed, 0 failed")
foreach(policy priority mlfq lottery stride)
  ossim_cli_test(mono_systest_${policy} STATUS 0 ARGS --kernel mono --sched ${policy} -c systest
                 STDOUT "systest: [0-9]+ passed, 0 failed")
endforeach()
