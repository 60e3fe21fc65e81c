#!/usr/bin/env bash
# docs_micro_figures.sh SOURCE_DIR BUILD_DIR: docs/micro.md's Figures table still says what
# bench/kernels.sh measures. Simulated cycles are exact on every host, so each row's mono and
# micro cycles/op are checked, within TOLERANCE percent (default 5: a small change elsewhere
# need not rewrite the table, a real one must); host times move with the load and are not.
# On a mismatch it prints the rows measured now, to paste into the document.
set -euo pipefail
src=$1
build=$2
tolerance=${TOLERANCE:-5}

now=$(RUNS=1 "$src/bench/kernels.sh" "$build")
# The table's rows in the document: from the header bench/kernels.sh prints to the first
# line that is not a row.
header=$(printf '%s\n' "$now" | head -n 1)
documented=$(awk -v h="$header" '$0 == h { on = 1 } on && !/^\|/ { exit } on' "$src/docs/micro.md")
if [ -z "$documented" ]; then
  echo "docs/micro.md has no table headed: $header" >&2
  exit 1
fi

# rows TABLE: "name ops mono micro" for each row of figures.
rows() {
  printf '%s\n' "$1" | awk -F'|' 'NR > 2 {
    for (i = 2; i <= 5; i++) gsub(/^ +| +$/, "", $i)
    print $2 "|" $3 "|" $4 "|" $5
  }'
}

stale=0
while IFS='|' read -r name ops mono micro; do
  doc=$(rows "$documented" | awk -F'|' -v n="$name" '$1 == n')
  if [ -z "$doc" ]; then
    echo "docs/micro.md's table lacks the row '$name'" >&2
    stale=1
    continue
  fi
  IFS='|' read -r _ dops dmono dmicro <<<"$doc"
  if ! awk -v t="$tolerance" -v a="$mono" -v b="$dmono" -v c="$micro" -v d="$dmicro" \
    -v o="$ops" -v p="$dops" \
    'function off(x, y) { return (x > y ? x - y : y - x) * 100 > t * y }
     BEGIN { exit (o != p || off(a, b) || off(c, d)) }'; then
    echo "docs/micro.md, $name: ops $dops, mono $dmono, micro $dmicro cycles/op; measured ops $ops, mono $mono, micro $micro" >&2
    stale=1
  fi
done < <(rows "$now")

if [ "$stale" -ne 0 ]; then
  echo "The table bench/kernels.sh prints now:" >&2
  printf '%s\n' "$now" >&2
fi
exit $stale
