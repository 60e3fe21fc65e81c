#!/usr/bin/env bash
# bench/mono.sh [BUILD_DIR]: the monolithic kernel's micro-benchmarks (userland/bench/bench.c)
# with the host time of each operation, and the host time of a boot. BUILD_DIR defaults to
# ./build. The benchmarks themselves are described in userland/bench/bench.c.
#
# The guest measures simulated cycles per operation itself, but it cannot see the host's
# clock. So each benchmark runs twice under `ossim --kernel mono --stats -c 'bench -n N NAME'`:
# with N operations and with N = 0 (the same boot, start-up and set-up, no operations); the
# difference of the two `host seconds:` figures over N is the host time per operation.
# Each run is repeated RUNS times (default 3) and the fastest kept, as other work on the host
# only ever makes a run slower. "boot + true" is the host time of `ossim --kernel mono -c
# true`: boot to the shell, run true, power off.
#
# Exits with a non-zero status if a run fails or prints no figure.
set -euo pipefail

build=${1:-./build}
. "$(dirname "$0")/common.sh"
find_ossim "$build"

printf '%-12s %10s %14s %12s\n' benchmark ops cycles/op "host ns/op"
for spec in $kernel_benches; do
  name=${spec%%:*}
  n=${spec#*:}
  bench_op mono "$name" "$n"
  printf '%-12s %10s %14s %12s\n' "$name" "$n" "$cycles" "$ns"
  [ "$name" = getpid ] && syscall_ns=$ns
done

whole_run mono
printf '%-12s %10s %14s %12s\n' "boot + true" 1 "$cycles" "$ns"

# The issue's targets: a null system call under 1 us, boot to the prompt under 200 ms.
met() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim ? "met" : "MISSED") }'; }
boot_ms=$(awk -v s="$secs" 'BEGIN { printf "%.1f", s * 1e3 }')
echo
echo "targets: null system call ${syscall_ns} ns (< 1000 ns: $(met "$syscall_ns" 1000));" \
  "boot + true ${boot_ms} ms (< 200 ms: $(met "$boot_ms" 200))"
