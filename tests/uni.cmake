# Integration tests of the unikernel: images booted with --app (build/uni/NAME.elf) and
# --image, on the disk image the build made. Registered only when the build makes both
# (the images target is defined at the end of the configuration: see kernels/uni).
if(NOT TARGET fs-image OR NOT DEFINED OSSIM_UNI_DIR)
  return()
endif()

# The suite: what needs a second process is skipped with its reason, the rest passes.
ossim_cli_test(uni_systest STATUS 0 ARGS --kernel uni --app systest
  STDOUT "skip forkwait: no fork on this kernel\n.*skip exec: no exec on this kernel\n.*skip kill: no other process to kill on this kernel\n.*test create: ok\n.*skip modules: no loadable modules on this kernel\n.*systest: [1-9][0-9]* passed, 0 failed, [1-9][0-9]* skipped\n$")
ossim_cli_test(uni_systest_one STATUS 0 ARGS --kernel uni --app systest bigfile
  STDOUT "^test bigfile: ok\nsystest: 1 passed, 0 failed, 0 skipped\n$")
# Every call one address space cannot offer answers -ENOSYS (kernels/uni/tests/nosys.c).
ossim_cli_test(uni_nosys STATUS 0 ARGS --kernel uni --image ${OSSIM_GUEST_DIR}/uni-tests/nosys.elf
  STDOUT "^fork: -38\nerrno after fork: 38\nexec: -38\nwait: -38\nkill: -38\nkill other: -38\ninsmod: -38\nrmmod: -38\nlsmod: -38\ngetpid: 1\ngetppid: 0\nyield: 0\npipe: 0\nread of an empty pipe: -11\nprocinfo: 1\nnosys: ok\n$")

# The fuzzer (lab 10's port) calls the library OS thousands of times, with wild and
# misaligned pointers, and the image survives.
ossim_cli_test(uni_sysfuzz STATUS 0 ARGS --kernel uni --app sysfuzz 5000 3
  STDOUT "sysfuzz: 5000 calls, the library OS survived\n$")

# Arguments reach main; main's return value is ossim's exit status.
ossim_cli_test(uni_args STATUS 0 ARGS --kernel uni --app echo one "two three" STDOUT "^one two three\n$")
ossim_cli_test(uni_false STATUS 1 ARGS --kernel uni --app false)

# A fault is reported with its cause, pc and address, and fails the run with 128 + cause.
ossim_cli_test(uni_fault_read STATUS 133 ARGS --kernel uni --app fault read
  STDOUT "uni: fault: load access fault \\(scause 5\\) at pc 0x800[0-9a-f]+, address 0x00000000\n")
ossim_cli_test(uni_fault_write STATUS 135 ARGS --kernel uni --app fault write
  STDOUT "uni: fault: store access fault \\(scause 7\\) at pc 0x800[0-9a-f]+, address 0xf0000000\n")
ossim_cli_test(uni_fault_jump STATUS 129 ARGS --kernel uni --app fault jump
  STDOUT "uni: fault: instruction access fault \\(scause 1\\) at pc 0x00000010, address 0x00000010\n")
ossim_cli_test(uni_fault_illegal STATUS 130 ARGS --kernel uni --app fault illegal
  STDOUT "uni: fault: illegal instruction \\(scause 2\\)")

# What cannot be booted says why, naming the file.
ossim_cli_test(uni_unknown_app STATUS 1 ARGS --kernel uni --app nosuch
  STDERR "no app named 'nosuch' \\(.*/uni/nosuch.elf\\); the apps: bench cat .* wc \\(their sizes: .*sizes.txt\\)")
ossim_cli_test(uni_no_app STATUS 1 ARGS --kernel uni STDERR "uni needs --app NAME")
ossim_cli_test(uni_not_an_elf STATUS 1 ARGS --kernel uni --image ${PROJECT_SOURCE_DIR}/README.md
  STDERR "README.md: not an ELF file")
# --image boots any image: one of bare mode's, which ignores the boot information; and a
# uni image booted without it (by bare) says so.
ossim_cli_test(uni_bare_image STATUS 0 ARGS --kernel uni --image ${OSSIM_GUEST_DIR}/test-hello.elf
  STDOUT "hello from ossim bare mode")
ossim_cli_test(uni_image_under_bare STATUS 1 ARGS --kernel bare --image ${OSSIM_UNI_DIR}/true.elf
  STDOUT "uni: no boot information at 0x0+: boot this image with ossim --kernel uni")
ossim_cli_test(uni_bad_disk STATUS 1 ARGS --kernel uni --disk ${PROJECT_SOURCE_DIR}/tests/data/slow-alu.cost --app ls
  STDERR "slow-alu.cost: not an ossim file system")
ossim_cli_test(uni_missing_disk STATUS 1 ARGS --kernel uni --disk ${CMAKE_CURRENT_BINARY_DIR}/no-such.img --app ls
  STDERR "no-such.img: No such file")
# The same image and seed give the same event stream (with the library OS's marks).
ossim_cli_test(uni_deterministic STATUS 0 ARGS --kernel uni --events ${CMAKE_CURRENT_BINARY_DIR}/uni.events
  --app ls / SAME_FILE ${CMAKE_CURRENT_BINARY_DIR}/uni.events)

# The benchmarks that need no second process, in bench/uni.sh's format.
ossim_cli_test(uni_bench_format STATUS 0 ARGS --kernel uni --app bench -n 2 getpid file pagefault
  STDOUT "^getpid: 2 ops, [1-9][0-9]* cycles/op\nfile: 2 ops, [1-9][0-9]* cycles/op\npagefault: 2 ops, [1-9][0-9]* cycles/op\n$")

# The same programs give the same output as under mono, on a disk with text files in it.
get_property(_uni_programs GLOBAL PROPERTY OSSIM_USER_PROGRAMS)
set(_uni_disk ${CMAKE_CURRENT_BINARY_DIR}/uni-compare.img)
add_test(NAME uni_compare_disk COMMAND $<TARGET_FILE:mkfs> ${_uni_disk} ${_uni_programs}
  ${PROJECT_SOURCE_DIR}/README.md=/README ${PROJECT_SOURCE_DIR}/docs/machine.md=/doc/machine.md)
set_tests_properties(uni_compare_disk PROPERTIES FIXTURES_SETUP uni_compare_disk)
function(uni_compare name cmd)
  set(input "")
  if(ARGN)
    set(input "-DINPUT=${ARGN}")
  endif()
  add_test(NAME uni_same_${name} COMMAND ${CMAKE_COMMAND} -DOSSIM=$<TARGET_FILE:ossim>
    -DDISK=${_uni_disk} "-DCMD=${cmd}" ${input} -P ${CMAKE_CURRENT_SOURCE_DIR}/uni_compare.cmake)
  set_tests_properties(uni_same_${name} PROPERTIES FIXTURES_REQUIRED uni_compare_disk)
endfunction()
uni_compare(wc "wc /README /doc/machine.md")
uni_compare(grep "grep the.*machine /README /doc/machine.md")
uni_compare(cat "cat /README /doc/machine.md")
uni_compare(head_tail "tail -n 7 /doc/machine.md")
uni_compare(ls "ls /bin /doc")
uni_compare(wc_stdin "wc" ${PROJECT_SOURCE_DIR}/README.md)
