#!/usr/bin/env bash
# bench/kernels.sh [BUILD_DIR]: bench/mono.sh's benchmarks (userland/bench/bench.c) on the
# monolithic kernel and the microkernel side by side, as a Markdown table: simulated cycles
# per operation on each, their ratio, and host nanoseconds per operation on each. BUILD_DIR
# defaults to ./build. docs/micro.md's Figures table is what this prints.
#
# Each figure is measured as bench/mono.sh does (bench/common.sh, bench_op): the guest
# counts cycles; the host time per op is the difference of `host seconds:` between a run of
# N operations and a run of none, over N, the fastest of RUNS runs (default 3). Simulated
# cycles are the same on every run and every host; host times move with the host's load.
# BENCHES="NAME:N ..." runs other benchmarks or counts (default: bench/mono.sh's, a 16-byte
# console write, and compute, which makes no system call: a control, the same on both). The
# last row is a whole run of `true`: boot, the shell, power-off.
#
# Exits with a non-zero status if a run fails or prints no figure.
set -euo pipefail

build=${1:-./build}
. "$(dirname "$0")/common.sh"
find_ossim "$build"

# row NAME N MONO_CYCLES MICRO_CYCLES MONO_NS MICRO_NS: a line of the table.
row() {
  echo "| $1 | $2 | $3 | $4 | $(awk -v a="$4" -v b="$3" 'BEGIN { printf "%.1f", a / b }') | $5 | $6 |"
}

echo "| benchmark | ops | mono cycles/op | micro cycles/op | micro/mono | mono host ns/op | micro host ns/op |"
echo "|---|--:|--:|--:|--:|--:|--:|"

for spec in ${BENCHES:-$kernel_benches console:100000 compute:1000}; do
  name=${spec%%:*}
  n=${spec#*:}
  bench_op mono "$name" "$n"
  mono_cycles=$cycles mono_ns=$ns
  bench_op micro "$name" "$n"
  row "$name" "$n" "$mono_cycles" "$cycles" "$mono_ns" "$ns"
done

whole_run mono
mono_cycles=$cycles mono_ns=$ns
whole_run micro
row "boot + true" 1 "$mono_cycles" "$cycles" "$mono_ns" "$ns"
