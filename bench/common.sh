# bench/common.sh: what the benchmark scripts share; they source it.

# find_ossim BUILD_DIR: sets `ossim` to the absolute path of the ossim executable the build
# in BUILD_DIR made, or exits with a message naming the script and the folder.
find_ossim() {
  ossim=$1/ossim
  [ -x "$ossim" ] || ossim=$1/cli/ossim
  if [ ! -x "$ossim" ]; then
    echo "$(basename "$0"): no ossim executable in $1 (build first: cmake --build $1)" >&2
    exit 1
  fi
  ossim=$(cd "$(dirname "$ossim")" && pwd)/ossim
}

# The benchmarks of userland/bench/bench.c that bench/mono.sh and bench/kernels.sh run, with
# their counts: large enough that the operations take well over the millisecond resolution
# of `host seconds`, small enough to fit the guest's memory and disk.
kernel_benches="getpid:1000000 pipe:100000 fork:20000 exec:1000 file:16 pagefault:8000"

# fastest_run KERNEL CMD: runs `ossim --kernel KERNEL --stats -c CMD` RUNS times (default 3);
# sets `out` to the output of the fastest run (stdout and stderr together) and `secs` to its
# host seconds, as other work on the host only ever makes a run slower. Exits on a failure.
fastest_run() {
  local i o s
  secs=
  for ((i = 0; i < ${RUNS:-3}; i++)); do
    if ! o=$("$ossim" --kernel "$1" --stats -c "$2" 2>&1 </dev/null); then
      printf "%s: '%s' on %s failed:\n%s\n" "$(basename "$0")" "$2" "$1" "$o" >&2
      exit 1
    fi
    s=$(printf '%s\n' "$o" | sed -n 's/^host seconds: //p' | head -n 1)
    if [ -z "$s" ]; then
      printf "%s: '%s' on %s printed no host seconds:\n%s\n" "$(basename "$0")" "$2" "$1" "$o" >&2
      exit 1
    fi
    if [ -z "$secs" ] || awk -v a="$s" -v b="$secs" 'BEGIN { exit !(a < b) }'; then
      secs=$s
      out=$o
    fi
  done
}

# bench_op KERNEL NAME N: runs `bench -n N NAME` and `bench -n 0 NAME` (the same boot and
# set-up, no operations) on KERNEL; sets `cycles` to the cycles/op the guest measured and `ns`
# to the host nanoseconds per op, the difference of the two runs' host seconds over N.
bench_op() {
  local base line
  fastest_run "$1" "bench -n 0 $2"
  base=$secs
  fastest_run "$1" "bench -n $3 $2"
  # (tr: the console benchmark writes carriage returns before the figure's line)
  line=$(printf '%s\n' "$out" | tr -d '\r' | grep -E "^$2: [0-9]+ ops, [0-9]+ cycles/op$" || true)
  if [ -z "$line" ]; then
    printf '%s: bench %s on %s printed no figure:\n%s\n' "$(basename "$0")" "$2" "$1" "$out" >&2
    exit 1
  fi
  cycles=$(printf '%s\n' "$line" | sed 's/.*ops, \([0-9]*\) cycles.*/\1/')
  ns=$(awk -v a="$secs" -v b="$base" -v n="$3" 'BEGIN { printf "%.0f", (a - b) * 1e9 / n }')
}

# whole_run KERNEL: a whole run of `true` on KERNEL, power-on to power-off (boot, the shell,
# true); sets `cycles` to its simulated cycles and `ns` to its host nanoseconds (--stats).
whole_run() {
  fastest_run "$1" true
  cycles=$(printf '%s\n' "$out" | sed -n 's/^cycles: //p' | head -n 1)
  ns=$(awk -v s="$secs" 'BEGIN { printf "%.0f", s * 1e9 }')
}
