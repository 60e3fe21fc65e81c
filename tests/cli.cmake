# Tests of the ossim front end: arguments, exit statuses, --stats, and determinism of whole
# runs. Each runs the real program through cmake/ExpectRun.cmake.

# ossim_cli_test(NAME STATUS n ARGS a b c [STDOUT re] [STDERR re] [SAME_FILE f] [INPUT f])
function(ossim_cli_test name)
  cmake_parse_arguments(T "" "STATUS;STDOUT;STDERR;SAME_FILE;INPUT" "ARGS" ${ARGN})
  string(JOIN "^^" cmd $<TARGET_FILE:ossim> ${T_ARGS})
  set(defs -DCMD=${cmd} -DSTATUS=${T_STATUS})
  foreach(v STDOUT STDERR SAME_FILE INPUT)
    if(DEFINED T_${v})
      list(APPEND defs "-D${v}=${T_${v}}")
    endif()
  endforeach()
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${PROJECT_SOURCE_DIR}/cmake/ExpectRun.cmake)
endfunction()

set(G ${OSSIM_GUEST_DIR})
set(W ${CMAKE_CURRENT_BINARY_DIR})

ossim_cli_test(cli_help STATUS 0 ARGS --help STDOUT "usage: ossim.*--max-cycles")
ossim_cli_test(cli_version STATUS 0 ARGS --version STDOUT "^ossim ${PROJECT_VERSION}\n$")
ossim_cli_test(cli_unknown_option STATUS 2 ARGS --frobnicate STDERR "unknown option '--frobnicate'\nusage: ossim")
ossim_cli_test(cli_missing_value STATUS 2 ARGS --kernel bare --image STDERR "--image needs a value")
ossim_cli_test(cli_bad_cpus STATUS 2 ARGS --cpus 9 STDERR "--cpus '9': need a number from 1 to 8")
ossim_cli_test(cli_bad_mem STATUS 2 ARGS --mem 3000 STDERR "--mem '3000'")
ossim_cli_test(cli_bad_tlb STATUS 2 ARGS --tlb 48 STDERR "power of two")
ossim_cli_test(cli_unknown_kernel STATUS 2 ARGS --kernel nope STDERR "unknown kernel 'nope'; known kernels: bare")
ossim_cli_test(cli_no_image STATUS 2 ARGS --kernel bare STDERR "needs --image")
ossim_cli_test(cli_missing_image STATUS 1 ARGS --kernel bare --image ${W}/no-such.elf STDERR "no-such.elf: No such file")
ossim_cli_test(cli_not_an_elf STATUS 1 ARGS --kernel bare --image ${PROJECT_SOURCE_DIR}/README.md STDERR "README.md.*not an ELF")
ossim_cli_test(cli_missing_disk STATUS 1 ARGS --kernel bare --image ${G}/test-hello.elf --disk ${W}/no-such.img STDERR "no-such.img")
ossim_cli_test(cli_bad_cost_file STATUS 1 ARGS --kernel bare --image ${G}/test-hello.elf --cost ${PROJECT_SOURCE_DIR}/README.md STDERR "README.md: line [0-9]+: expected .name = cycles.")
ossim_cli_test(cli_watchdog STATUS 124 ARGS --kernel bare --image ${G}/bench-bare.elf --max-cycles 200000 STDERR "stopped after 200000 cycles")
ossim_cli_test(cli_stats STATUS 0 ARGS --kernel bare --image ${G}/test-hello.elf --stats
  STDERR "instructions: [1-9][0-9]*\ncycles: [1-9][0-9]*\nhost seconds: [0-9.]+\nMIPS: [0-9.]+\ntlb hits: [0-9]+\ntlb misses: [0-9]+\ntlb flushes: [0-9]+\ntraps: [0-9]+\n")
# The cost model reaches the run: a dearer ALU makes the same program take more cycles.
ossim_cli_test(cli_cost_applies STATUS 0 ARGS --kernel bare --image ${G}/test-hello.elf --stats --cost ${CMAKE_CURRENT_SOURCE_DIR}/data/slow-alu.cost
  STDERR "cycles: [0-9]*[0-9][0-9][0-9][0-9][0-9][0-9]\n")
# Whole runs are deterministic: the same image and seed give the same event stream.
ossim_cli_test(cli_deterministic_smp STATUS 0 ARGS --kernel bare --image ${G}/test-smp.elf --cpus 4 --events ${W}/smp.events SAME_FILE ${W}/smp.events)
ossim_cli_test(cli_deterministic_timer STATUS 0 ARGS --kernel bare --image ${G}/test-timer.elf --events ${W}/timer.events SAME_FILE ${W}/timer.events)
ossim_cli_test(cli_deterministic_traps STATUS 0 ARGS --kernel bare --image ${G}/test-traps.elf --events ${W}/traps.events SAME_FILE ${W}/traps.events)

# The timer takes the CPU from a process that is nearly always in the kernel (spin -k makes
# one bare ecall after another): a tick that falls due during a kernel call is taken as soon
# as the hart is back in U mode, not dropped, so the parent's sleep ends.
foreach(kernel mono micro)
  foreach(cpus 1 4)
    ossim_cli_test(tick_during_kernel_work_${kernel}_${cpus}harts STATUS 0
      ARGS --kernel ${kernel} --cpus ${cpus} --max-cycles 400000000
           -c "spin -k -t 5 100 100 100 100 100%3B echo done" STDOUT "^done\n$")
  endforeach()
endforeach()

# A command line is never cut short: 30 words of 15 bytes (a 485-byte -c) come out whole on
# both kernels, and one too long for micro's first message is refused with a message.
string(REPEAT "abcdefghijklmno " 30 _words)
string(STRIP "${_words}" _words)
foreach(kernel mono micro)
  ossim_cli_test(long_command_whole_${kernel} STATUS 0 ARGS --kernel ${kernel} -c "echo ${_words}"
    STDOUT "^${_words}\n$")
endforeach()
string(REPEAT "y" 5000 _huge)
ossim_cli_test(micro_command_too_long STATUS 1 ARGS --kernel micro -c "echo ${_huge}"
  STDERR "the -c command is too long")

# Every kernel checks a program with the machine's ELF checks (sim/elf_check.c): the same
# crafted files are refused with -ENOEXEC on mono and micro (micro's process manager used to
# start five of them, or die of the first), and the system stays up.
set(_refused "table that wraps: refused.*segment in the vDSO page: refused.*past the end of the file: refused.*interpreter: refused.*overlapping segments: refused.*too many segments: refused.*entry outside the code: refused.*64-bit class: refused.*\nstill up\n$")
foreach(kernel mono micro)
  ossim_cli_test(crafted_elf_refused_${kernel} STATUS 0 ARGS --kernel ${kernel} -c badexec
    STDOUT "^${_refused}")
endforeach()

# The file server restarted during boot, before and after the shell's fork and exec: the
# processes it never heard of are survivors, and their exec reads the program all the same
# (it used to fail with ESRCH: "pm: cannot run /bin/sh", "sh: echo: no such process").
foreach(at RANGE 2000000 2800000 100000)
  ossim_cli_test(micro_exec_after_fs_restart_${at} STATUS 0 ARGS --kernel micro --inject fs@${at}
    -c "echo hi" STDOUT "(^|\n)hi\n")
endforeach()
