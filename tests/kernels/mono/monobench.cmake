# The monolithic kernel's benchmarks (userland/bench/bench.c, run by bench/mono.sh): not
# timed -- these check that bench runs under mono and prints its lines in the format the
# script reads. Registered only when the build makes the disk image.
if(NOT TARGET fs-image)
  return()
endif()

# Every benchmark with a small count: one line each, in order, and nothing else on stdout.
# A cycle count above zero also shows that U mode may read the cycle counter (scounteren).
set(_line "ops, [1-9][0-9]* cycles/op\n")
set(_all "^getpid: 2 ${_line}pipe: 2 ${_line}fork: 2 ${_line}exec: 2 ${_line}")
# console writes carriage returns before its line.
string(APPEND _all "file: 2 ${_line}pagefault: 2 ${_line}compute: 2 ${_line}\r*console: 2 ${_line}$")
ossim_cli_test(mono_bench_format STATUS 0 ARGS --kernel mono -c "bench -n 2" STDOUT "${_all}")
# N = 0, the baseline bench/mono.sh subtracts: set-up only, no operations.
ossim_cli_test(mono_bench_zero STATUS 0 ARGS --kernel mono -c "bench -n 0 pipe fork"
               STDOUT "^pipe: 0 ops, 0 cycles/op\nfork: 0 ops, 0 cycles/op\n$")
ossim_cli_test(mono_bench_unknown STATUS 2 ARGS --kernel mono -c "bench nope"
               STDOUT "unknown benchmark 'nope'\nusage: bench")
