#!/usr/bin/env bash
# bench/uni.sh [BUILD_DIR]: the unikernel beside the monolithic kernel -- the single-process
# micro-benchmarks of userland/bench/bench.c (a null call, a file written and read back,
# the first touch of a heap page) in simulated cycles per operation, and the cycles of a
# boot. BUILD_DIR defaults to ./build.
#
# The same bench program runs on both: under mono as /bin/bench from the shell
# (`ossim -c 'bench -n N NAME'`), under uni as its own image (`ossim --kernel uni --app bench
# -n N NAME`). Simulated cycles are the same on every run and every host, so one run each.
#
# Boot: "boot to main" is power-on to the library OS's MARK_UNI_BOOT (abi/marks.h), from the
# event stream; "run true" is the cycles of a whole run of `true`, power-on to power-off
# (--stats): on mono that is boot, init's shell and an exec of /bin/true.
#
# Exits with a non-zero status if a run fails or prints no figure.
set -euo pipefail

build=${1:-./build}
. "$(dirname "$0")/common.sh"
find_ossim "$build"

benches="getpid:1000000 file:16 pagefault:8000"

# figure KERNEL NAME N: the cycles/op bench prints for NAME under KERNEL.
figure() {
  local out
  if [ "$1" = uni ]; then
    out=$("$ossim" --kernel uni --app bench -n "$3" "$2" 2>&1 </dev/null) || true
  else
    out=$("$ossim" --kernel mono -c "bench -n $3 $2" 2>&1 </dev/null) || true
  fi
  local line
  line=$(printf '%s\n' "$out" | grep -E "^$2: [0-9]+ ops, [0-9]+ cycles/op$" || true)
  if [ -z "$line" ]; then
    printf 'uni.sh: bench %s on %s printed no figure:\n%s\n' "$2" "$1" "$out" >&2
    exit 1
  fi
  printf '%s\n' "$line" | sed 's/.*ops, \([0-9]*\) cycles.*/\1/'
}

# run_cycles ARGS...: the `cycles:` figure of a run with --stats.
run_cycles() {
  "$ossim" --stats "$@" 2>&1 </dev/null | sed -n 's/^cycles: //p' | head -n 1
}

printf '%-22s %14s %14s\n' "cycles" mono uni
for spec in $benches; do
  name=${spec%%:*}
  n=${spec#*:}
  printf '%-22s %14s %14s\n' "$name (per op)" "$(figure mono "$name" "$n")" "$(figure uni "$name" "$n")"
done

events=$(mktemp)
trap 'rm -f "$events"' EXIT
"$ossim" --kernel uni --events "$events" --app true </dev/null
boot=$(awk '$3 == "mark" && $4 == "0x5500100" { print $1; exit }' "$events")
[ -n "$boot" ] || { echo "uni.sh: no boot mark in the event stream" >&2; exit 1; }
printf '%-22s %14s %14s\n' "boot to main" "-" "$boot"
printf '%-22s %14s %14s\n' "run true" "$(run_cycles --kernel mono -c true)" \
  "$(run_cycles --kernel uni --app true)"
