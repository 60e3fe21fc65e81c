#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR]: runs bench-bare (MMU off, S mode) and bench-sv32 (U mode,
# Sv32 with 4 KiB pages) under `ossim --stats` and prints, for each, the instructions
# executed, the host seconds and the MIPS that ossim reports, and whether the checksum
# matched the host reference. BUILD_DIR defaults to ./build. See bench/README.md.
set -euo pipefail

build=${1:-./build}
. "$(dirname "$0")/common.sh"
find_ossim "$build"

# The value of a `name: value` line of --stats.
stat() { printf '%s\n' "$1" | sed -n "s/^$2: //p" | head -n 1; }

printf '%-12s %14s %12s %10s %8s %12s\n' image instructions "host secs" MIPS checksum "TLB misses"
status=0
for name in bench-bare bench-sv32; do
  image=$build/guest/$name.elf
  if [ ! -f "$image" ]; then
    echo "run.sh: $image is missing (build first)" >&2
    exit 1
  fi
  if out=$("$ossim" --kernel bare --image "$image" --stats 2>&1); then rc=0; else rc=$?; fi
  if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q ': ok$'; then
    sum=ok
  else
    sum=BAD
    status=1
  fi
  printf '%-12s %14s %12s %10s %8s %12s\n' "$name" "$(stat "$out" instructions)" \
    "$(stat "$out" 'host seconds')" "$(stat "$out" MIPS)" "$sum" "$(stat "$out" 'tlb misses')"
  if [ "$sum" = BAD ]; then
    echo "--- $name (exit status $rc):" >&2
    printf '%s\n' "$out" >&2
  fi
done
exit $status
