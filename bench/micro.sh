#!/usr/bin/env bash
# bench/micro.sh [BUILD_DIR]: the microkernel's IPC round trip between two user threads —
# the boot modules ping and pong (kernels/micro/servers), each in its own address space;
# ping calls, pong answers with reply-receive, a short message in registers both ways.
# BUILD_DIR defaults to ./build.
#
# ping measures simulated cycles per round trip itself (rdcycle around the loop). For the
# host time, each run is made twice, with N round trips and with none (the same boot), and
# the difference of the `host seconds:` of --stats over N is the host time per round trip.
# Each run is repeated RUNS times (default 3) and the fastest kept.
set -euo pipefail

build=${1:-./build}
runs=${RUNS:-3}
n=${ROUNDS:-1000000}
. "$(dirname "$0")/common.sh"
find_ossim "$build"

# fastest N CPUS: runs ping:N with --stats RUNS times; sets `out` and `secs` of the fastest.
fastest() {
  local i o s
  secs=
  for ((i = 0; i < runs; i++)); do
    if ! o=$("$ossim" --kernel micro --cpus "$2" --stats --module "ping:$1" --module pong 2>&1 </dev/null); then
      printf "micro.sh: ping:%s failed:\n%s\n" "$1" "$o" >&2
      exit 1
    fi
    s=$(printf '%s\n' "$o" | sed -n 's/^host seconds: //p' | head -n 1)
    if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
      secs=$s
      out=$o
    fi
  done
}

printf '%-22s %10s %14s %12s\n' benchmark ops cycles/op "host ns/op"
for cpus in 1 2; do
  fastest 0 "$cpus"
  base=$secs
  fastest "$n" "$cpus"
  cycles=$(printf '%s\n' "$out" | sed -n 's/^ipc: [0-9]* round trips, \([0-9]*\) cycles.*/\1/p')
  if [ -z "$cycles" ]; then
    printf 'micro.sh: ping printed no figure:\n%s\n' "$out" >&2
    exit 1
  fi
  ns=$(awk -v a="$secs" -v b="$base" -v n="$n" 'BEGIN { printf "%.0f", (a - b) * 1e9 / n }')
  printf '%-22s %10s %14s %12s\n' "ipc round trip, ${cpus} hart" "$n" "$cycles" "$ns"
done
