# Integration tests of the monolithic kernel: boot it on the disk image the build made and
# run user programs through the shell. Registered only when the build makes that image.
if(NOT TARGET fs-image)
  return()
endif()

ossim_cli_test(mono_echo STATUS 0 ARGS --kernel mono -c "echo hello from mono" STDOUT "hello from mono\n")
ossim_cli_test(mono_exit_status STATUS 1 ARGS --kernel mono -c false)
ossim_cli_test(mono_pipeline STATUS 0 ARGS --kernel mono -c "echo one two three | wc" STDOUT "1 3 14")
ossim_cli_test(mono_unknown_sched STATUS 1 ARGS --kernel mono --sched nope -c true STDERR "unknown scheduler 'nope'; known: rr")
ossim_cli_test(mono_systest STATUS 0 ARGS --kernel mono -c systest STDOUT "systest: [0-9]+ passed, 0 failed, 0 skipped")
ossim_cli_test(mono_systest_4harts STATUS 0 ARGS --kernel mono --cpus 4 -c systest STDOUT "systest: [0-9]+ passed, 0 failed, 0 skipped")
foreach(policy priority mlfq lottery stride)
  ossim_cli_test(mono_systest_${policy} STATUS 0 ARGS --kernel mono --sched ${policy} -c systest
                 STDOUT "systest: [0-9]+ passed, 0 failed, 0 skipped")
endforeach()

# Lab 3's pieces: --vmprint dumps the page table of each exec of a program, and every
# process reads its own pid from its read-only USYSCALL page (labs/03-page-tables grades more).
ossim_cli_test(mono_vmprint STATUS 0 ARGS --kernel mono --vmprint echo -c "echo hi"
  STDOUT "^page table 0x[0-9a-f]+\n \\.\\.0: pte 0x[0-9a-f]+ pa 0x[0-9a-f]+\n \\.\\. \\.\\.16: pte 0x[0-9a-f]+1b pa .* \\.\\. \\.\\.1022: pte 0x[0-9a-f]+13 pa .* \\.\\. \\.\\.1023: pte 0x[0-9a-f]+1b pa 0x[0-9a-f]+\nhi\n$")
ossim_cli_test(mono_ugetpid STATUS 0 ARGS --kernel mono -c "pidtest -n 10"
  STDOUT "^parent: ugetpid 2, getpid 2\nchild: ugetpid 3, getpid 3\n$")
ossim_cli_test(mono_usyscall_readonly STATUS 255 ARGS --kernel mono -c "pidtest -w"
  STDOUT "killed by store page fault at address 0xffffe000")
# Copy-on-write fork (lab 4): a process bigger than half of RAM forks.
ossim_cli_test(mono_cowtest STATUS 0 ARGS --kernel mono --mem 8M -c "cowtest -p 1200 -w 400"
  STDOUT "^cowtest: 1200 pages, child wrote 400: child ok, parent ok\n$")

# Paging under a frame limit (lab 5): heaps larger than the limit come back from swap as
# they went, under each policy, also across fork and for every program of systest.
foreach(policy fifo clock lru)
  ossim_cli_test(mono_paging_${policy} STATUS 0 ARGS --kernel mono --mem-limit 3 --evict ${policy}
    -c "pagetest -l 300 -p 24" STDOUT "^pagetest: 300 references to 24 pages\n$")
endforeach()
ossim_cli_test(mono_paging_fork STATUS 0 ARGS --kernel mono --mem-limit 2 -c "cowtest -p 64 -w 32"
  STDOUT "child ok, parent ok")
ossim_cli_test(mono_paging_systest STATUS 0 ARGS --kernel mono --mem-limit 8 -c systest
  STDOUT "systest: [0-9]+ passed, 0 failed, 0 skipped")
ossim_cli_test(mono_paging_bad_policy STATUS 1 ARGS --kernel mono --mem-limit 8 --evict opt -c true
  STDERR "unknown replacement policy 'opt'; known: fifo clock lru")

# --init runs a program instead of init; its exit is the system's.
ossim_cli_test(mono_init_true STATUS 0 ARGS --kernel mono --init true)
ossim_cli_test(mono_init_false STATUS 1 ARGS --kernel mono --init /bin/false)
ossim_cli_test(mono_init_missing STATUS 1 ARGS --kernel mono --init nosuch STDERR "fs.img: cannot run /bin/nosuch: no such file")

# --persist writes to the image itself; without it a run works on a copy.
set(_persist ${CMAKE_CURRENT_BINARY_DIR}/persist.img)
add_test(NAME mono_persist_copy COMMAND ${CMAKE_COMMAND} -E copy ${OSSIM_FS_IMAGE} ${_persist})
set_tests_properties(mono_persist_copy PROPERTIES FIXTURES_SETUP persist_image)
ossim_cli_test(mono_persist_write STATUS 0 ARGS --kernel mono --disk ${_persist} --persist -c "echo kept > /kept")
ossim_cli_test(mono_scratch_write STATUS 0 ARGS --kernel mono --disk ${_persist} -c "echo lost > /lost")
ossim_cli_test(mono_persist_read STATUS 0 ARGS --kernel mono --disk ${_persist} -c "cat /kept" STDOUT "^kept\n$")
ossim_cli_test(mono_scratch_read STATUS 1 ARGS --kernel mono --disk ${_persist} -c "cat /lost")
set_tests_properties(mono_persist_write mono_scratch_write PROPERTIES
  FIXTURES_REQUIRED persist_image FIXTURES_SETUP persist_written)
set_tests_properties(mono_persist_read mono_scratch_read PROPERTIES
  FIXTURES_REQUIRED "persist_image;persist_written")

# Random system calls with random arguments: the kernel answers them all and survives.
foreach(seed 1 2 3)
  ossim_cli_test(mono_sysfuzz_${seed} STATUS 0 ARGS --kernel mono -c "sysfuzz 20000 ${seed}"
                 STDOUT "sysfuzz: 20000 calls, the system survived")
endforeach()
ossim_cli_test(mono_sysfuzz_4harts STATUS 0 ARGS --kernel mono --cpus 4 -c "sysfuzz 20000 4"
               STDOUT "sysfuzz: 20000 calls, the system survived")

# Loadable modules: the sequences are a console session (tests/sessions/modules.in); these
# are the single commands (whose messages reach the console, ossim's stdout), and loading at
# boot (whose messages are ossim's own, on stderr).
ossim_cli_test(mono_module_unknown STATUS 1 ARGS --kernel mono -c "insmod nosuch"
  STDOUT "insmod: nosuch: unknown module")
ossim_cli_test(mono_module_missing_dependency STATUS 1 ARGS --kernel mono -c "insmod hello_user"
  STDOUT "insmod: hello_user: missing dependency hello")
ossim_cli_test(mono_module_api_version STATUS 1 ARGS --kernel mono -c "insmod badapi"
  STDOUT "insmod: badapi: built for module API version [0-9]+, the kernel has 4")
# A module of the API before per-instance state is refused, not called with the new one.
ossim_cli_test(mono_module_api_3 STATUS 1 ARGS --kernel mono -c "insmod api3"
  STDOUT "insmod: api3: built for module API version 3, the kernel has 4")
# No module keeps a mutable static: the objects' data sections are empty.
get_property(_modules GLOBAL PROPERTY OSSIM_MODULES)
set(_module_objects "")
foreach(m ${_modules})
  list(APPEND _module_objects $<TARGET_OBJECTS:${m}>)
endforeach()
add_test(NAME mono_module_no_statics COMMAND ${CMAKE_COMMAND} -DOBJDUMP=${CMAKE_OBJDUMP}
         "-DOBJECTS=${_module_objects}" -P ${CMAKE_CURRENT_SOURCE_DIR}/module_statics.cmake)
ossim_cli_test(mono_module_init_fails STATUS 1 ARGS --kernel mono -c "insmod failinit"
  STDOUT "insmod: failinit: init failed with error 5")
ossim_cli_test(mono_module_not_loaded STATUS 1 ARGS --kernel mono -c "rmmod hello"
  STDOUT "rmmod: hello: not loaded")
ossim_cli_test(mono_module_bad_name STATUS 1 ARGS --kernel mono -c "insmod ../../etc/x"
  STDOUT "not a module name")
ossim_cli_test(mono_module_at_boot STATUS 0 ARGS --kernel mono --module hello --module hello_user -c lsmod
  STDOUT "hello +[0-9]+ +1 live +hello_user")
ossim_cli_test(mono_module_at_boot_unknown STATUS 1 ARGS --kernel mono --module nosuch -c true
  STDERR "--module nosuch: unknown module")
ossim_cli_test(mono_module_at_boot_twice STATUS 1 ARGS --kernel mono --module hello --module hello -c true
  STDERR "--module hello: already loaded")
# Scheduling policies loaded as modules, live: systest passes under each.
foreach(policy lottery stride mlfq)
  ossim_cli_test(mono_module_sched_${policy} STATUS 0 ARGS --kernel mono --module sched_${policy} -c systest
                 STDOUT "systest: [0-9]+ passed, 0 failed, 0 skipped")
endforeach()

# A module that faults takes the kernel down: a panic report on the console, exit status 3,
# and ossim itself never dies of the signal. Under AddressSanitizer the module's fault must
# reach ossim's handler (allow_user_segv_handler), as it does in a plain build.
ossim_cli_test(mono_module_oops STATUS 3 ARGS --kernel mono -c "insmod oops"
  STDOUT "\\[oops\\] about to write through a bad pointer\nBUG: unable to handle page fault for address 0x10\nmodule: oops \\(init\\)\nPC is at oops.so\\+0x[0-9a-f]+, called through oops.so\\+0x[0-9a-f]+\npid [0-9]+ \\(insmod\\) Tainted: OD\nKernel panic - not syncing: fatal exception in module oops\n$"
  STDERR "ossim: kernel panic: fatal exception in module oops \\(init\\)")
ossim_cli_test(mono_module_oops_read STATUS 3 ARGS --kernel mono --module "oops at=read" -c "cat /dev/oops"
  STDOUT "module: oops \\(read\\)\nPC is at .*pid [0-9]+ \\(cat\\) Tainted: OD\nKernel panic - not syncing: fatal exception in module oops\n$"
  STDERR "ossim: kernel panic: fatal exception in module oops \\(read\\)")
ossim_cli_test(mono_module_oops_at_boot STATUS 3 ARGS --kernel mono --module oops -c true
  STDOUT "module: oops \\(init\\)\nPC is at .*\nTainted: OD\nKernel panic - not syncing: fatal exception in module oops\n$"
  STDERR "ossim: kernel panic: fatal exception in module oops \\(init\\)")
set_tests_properties(mono_module_oops mono_module_oops_read mono_module_oops_at_boot PROPERTIES
  ENVIRONMENT "ASAN_OPTIONS=allow_user_segv_handler=1")

# A scheduler swapped live while CPU-bound processes run: the shares move toward the tickets.
add_executable(sched_shares sched_shares.c)
target_link_libraries(sched_shares PRIVATE m)
add_test(NAME mono_sched_swap
         COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim> -DCHECK=$<TARGET_FILE:sched_shares>
                 -DEVENTS=${CMAKE_CURRENT_BINARY_DIR}/sched_swap.events
                 -P ${CMAKE_CURRENT_SOURCE_DIR}/mono_sched_swap.cmake)
# nice (setpriority) names the process it cannot find.
ossim_cli_test(mono_nice_no_such_pid STATUS 1 ARGS --kernel mono -c "nice -t 5 -p 999"
  STDOUT "nice: no such process")
