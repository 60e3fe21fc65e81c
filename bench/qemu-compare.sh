#!/usr/bin/env bash
# bench/qemu-compare.sh [BUILD_DIR]: sets ossim beside QEMU on the same image.
#
# bench-bare.elf touches only the UART and the test device, so it runs unchanged under
# `qemu-system-riscv32 -M virt -bios none` (in M mode there). The script
#   - runs bench-bare and bench-tiny (1 iteration) in ossim with --stats: the instruction
#     counts of both, and ossim's MIPS for bench-bare;
#   - times both under QEMU with the host clock, RUNS times each (default 3), keeping the
#     fastest; bench-tiny's time is QEMU's start-up and shut-down, subtracted from
#     bench-bare's;
#   - QEMU's MIPS = (instructions of bench-bare - instructions of bench-tiny) / that time,
#     and prints ossim's MIPS as a ratio of QEMU's.
# Environment: QEMU (default qemu-system-riscv32), RUNS (default 3). BUILD_DIR defaults
# to ./build. See bench/README.md.
set -euo pipefail

build=${1:-./build}
qemu=${QEMU:-qemu-system-riscv32}
runs=${RUNS:-3}
ossim=$build/ossim
[ -x "$ossim" ] || ossim=$build/cli/ossim
if [ ! -x "$ossim" ]; then
  echo "qemu-compare.sh: no ossim executable in $build (build first)" >&2
  exit 1
fi
if ! command -v "$qemu" > /dev/null 2>&1; then
  echo "qemu-compare.sh: $qemu not found (Debian: apt-get install qemu-system-misc;" \
       "macOS: brew install qemu)" >&2
  exit 1
fi
for name in bench-bare bench-tiny; do
  if [ ! -f "$build/guest/$name.elf" ]; then
    echo "qemu-compare.sh: $build/guest/$name.elf is missing (build first)" >&2
    exit 1
  fi
done

# Seconds since the epoch, with sub-millisecond resolution where the host allows.
now() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    printf '%s\n' "${EPOCHREALTIME/,/.}"
  elif date +%s.%N | grep -qv N; then
    date +%s.%N
  else
    python3 -c 'import time; print(time.time())'
  fi
}

stat() { printf '%s\n' "$1" | sed -n "s/^$2: //p" | head -n 1; }

# Runs an image in ossim; prints its --stats output. Fails unless the checksum matched.
ossim_stats() {
  local out
  out=$("$ossim" --kernel bare --image "$build/guest/$1.elf" --stats 2>&1) || {
    printf 'qemu-compare.sh: %s failed in ossim:\n%s\n' "$1" "$out" >&2
    exit 1
  }
  printf '%s\n' "$out"
}

# The fastest of $runs wall-clock runs of an image under QEMU, in seconds.
qemu_time() {
  local best="" t0 t1 out
  for _ in $(seq "$runs"); do
    t0=$(now)
    out=$(timeout 600 "$qemu" -M virt -bios none -nographic -kernel "$build/guest/$1.elf" \
          < /dev/null 2>&1) || true
    t1=$(now)
    if ! printf '%s\n' "$out" | grep -q ': ok$'; then
      printf 'qemu-compare.sh: %s did not print its checksum under QEMU:\n%s\n' "$1" "$out" >&2
      exit 1
    fi
    best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
               'BEGIN { d = b - a; if (best == "" || d < best) best = d; printf "%.4f", best }')
  done
  printf '%s\n' "$best"
}

bare=$(ossim_stats bench-bare)
tiny=$(ossim_stats bench-tiny)
insn_bare=$(stat "$bare" instructions)
insn_tiny=$(stat "$tiny" instructions)
ossim_mips=$(stat "$bare" MIPS)
ossim_secs=$(stat "$bare" 'host seconds')

q_bare=$(qemu_time bench-bare)
q_tiny=$(qemu_time bench-tiny)

awk -v ib="$insn_bare" -v it="$insn_tiny" -v qb="$q_bare" -v qt="$q_tiny" \
    -v om="$ossim_mips" -v os="$ossim_secs" -v runs="$runs" 'BEGIN {
  work = qb - qt
  if (work <= 0) {
    print "qemu-compare.sh: the QEMU run is too short to time; raise OSSIM_BENCH_ITERATIONS" > "/dev/stderr"
    exit 1
  }
  qm = (ib - it) / work / 1e6
  printf "workload: %d instructions (bench-bare), %d of them start-up and exit (bench-tiny)\n", ib, it
  printf "ossim: %.3f host seconds, %.1f MIPS (--stats)\n", os, om
  printf "qemu:  %.3f s for bench-bare, %.3f s start-up (bench-tiny), fastest of %d runs each\n", qb, qt, runs
  printf "qemu:  %.1f MIPS\n", qm
  printf "ossim / qemu: %.2f\n", om / qm
}'
