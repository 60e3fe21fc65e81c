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
  STDERR "instructions: [1-9][0-9]*\ncycles: [1-9][0-9]*\nhost seconds: [0-9.]+\nMIPS: [0-9.]+\ntlb hits: [0-9]+\ntlb misses: [0-9]+\ntlb evictions: [0-9]+\ntlb flushes: [0-9]+\ntraps: [0-9]+\n")
# The cost model reaches the run: a dearer ALU makes the same program take more cycles.
ossim_cli_test(cli_cost_applies STATUS 0 ARGS --kernel bare --image ${G}/test-hello.elf --stats --cost ${CMAKE_CURRENT_SOURCE_DIR}/data/slow-alu.cost
  STDERR "cycles: [0-9]*[0-9][0-9][0-9][0-9][0-9][0-9]\n")
# Whole runs are deterministic: the same image and seed give the same event stream.
ossim_cli_test(cli_deterministic_smp STATUS 0 ARGS --kernel bare --image ${G}/test-smp.elf --cpus 4 --events ${W}/smp.events SAME_FILE ${W}/smp.events)
ossim_cli_test(cli_deterministic_timer STATUS 0 ARGS --kernel bare --image ${G}/test-timer.elf --events ${W}/timer.events SAME_FILE ${W}/timer.events)
ossim_cli_test(cli_deterministic_traps STATUS 0 ARGS --kernel bare --image ${G}/test-traps.elf --trap-misaligned --events ${W}/traps.events SAME_FILE ${W}/traps.events)
