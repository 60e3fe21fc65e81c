#!/usr/bin/env bash
# bench/ab.sh OLD_BUILD NEW_BUILD [ROUNDS]: does a change to the interpreter make ossim
# faster? Runs the same workloads under two builds, interleaved, and prints for each the
# median host CPU time (user + system) of each build and the ratio OLD / NEW (above 1: the
# new build is faster), with the spread: the range of the ratios of the rounds (each
# round's old time over its new time). ROUNDS defaults to 5 (set it higher on a busy host).
#
# The workloads: bench-sv32 and bench-bare (the benchmark images of OLD_BUILD, run by both
# builds, so both interpret the same guest code) and `ossim -c systest` on mono and micro.
#
# Why this shape: on a shared host one run says little. Each round runs every workload once
# under each build, the two builds in alternating order, so load that comes and goes falls
# on both alike; CPU time ignores the time spent waiting for a core; the median ignores the
# odd round that was disturbed. Only bash's `times`, sort and awk are used, so it runs on
# macOS as on Linux.
#
# It also prints each workload's simulated cycles under both builds: a change that is meant
# to be only faster must leave them equal. Exits non-zero if a run fails.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: bench/ab.sh OLD_BUILD NEW_BUILD [ROUNDS]" >&2
  exit 2
fi
. "$(dirname "$0")/common.sh"
find_ossim "$1"
old=$ossim
old_dir=$1
find_ossim "$2"
new=$ossim
rounds=${3:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

workloads="sv32 bare systest-mono systest-micro"

# args WORKLOAD: the ossim arguments of a workload, in the array `args`.
args() {
  case $1 in
  sv32 | bare) args=(--kernel bare --image "$old_dir/guest/bench-$1.elf") ;;
  systest-*) args=(--kernel "${1#systest-}" -c systest) ;;
  esac
}

# cpu_seconds: the user + system seconds of the children of this shell, from `times`
# (its second line is "XmY.YYYs XmZ.ZZZs"). `times` must run in this shell, not in a pipe's
# subshell, which has no children of its own, hence the file.
cpu_seconds() {
  times >"$tmp/times"
  sed -n 2p "$tmp/times" | awk '{
    t = 0
    for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2] }
    printf "%.3f\n", t }'
}

# run TAG OSSIM WORKLOAD: one timed run; appends its CPU seconds to $tmp/TAG.WORKLOAD and
# keeps its output in $tmp/TAG.WORKLOAD.out.
run() {
  local tag=$1 bin=$2 w=$3 secs
  args "$w"
  secs=$(
    if ! "$bin" "${args[@]}" --stats >"$tmp/$tag.$w.out" 2>&1 </dev/null; then
      echo "ab.sh: $bin ${args[*]} failed:" >&2
      tail -n 20 "$tmp/$tag.$w.out" >&2
      exit 1
    fi
    cpu_seconds
  )
  if grep -qE 'MISMATCH|[1-9][0-9]* failed' "$tmp/$tag.$w.out"; then
    echo "ab.sh: $bin ${args[*]} reported a failure:" >&2
    grep -E 'MISMATCH|failed' "$tmp/$tag.$w.out" >&2
    exit 1
  fi
  echo "$secs" >>"$tmp/$tag.$w"
}

for ((r = 0; r < rounds; r++)); do
  for w in $workloads; do
    if ((r % 2)); then
      run new "$new" "$w"
      run old "$old" "$w"
    else
      run old "$old" "$w"
      run new "$new" "$w"
    fi
  done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# spread OLD_FILE NEW_FILE: the lowest and highest ratio of one round's two runs.
spread() {
  paste "$1" "$2" | awk 'NR == 1 { lo = hi = $1 / $2 }
    { r = $1 / $2; if (r < lo) lo = r; if (r > hi) hi = r }
    END { printf "%.2f-%.2f", lo, hi }'
}
cycles() { sed -n 's/^cycles: //p' "$1" | head -n 1; }

echo "median CPU seconds (user + system) of $rounds interleaved rounds"
printf '%-14s %9s %9s %7s %10s  %s\n' workload old new ratio "rounds" "simulated cycles (old / new)"
for w in $workloads; do
  o=$(median "$tmp/old.$w")
  n=$(median "$tmp/new.$w")
  co=$(cycles "$tmp/old.$w.out")
  cn=$(cycles "$tmp/new.$w.out")
  same=$([ "$co" = "$cn" ] && echo "same: $co" || echo "$co / $cn")
  printf '%-14s %9s %9s %7s %10s  %s\n' "$w" "$o" "$n" "$(awk -v o="$o" -v n="$n" 'BEGIN { printf "%.3f", o / n }')" \
    "$(spread "$tmp/old.$w" "$tmp/new.$w")" "$same"
done
