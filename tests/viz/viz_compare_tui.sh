#!/bin/sh
# viz_compare_tui.sh OSSIM WORKDIR: drives `ossim compare --tui` in a detached tmux session
# and checks the captured screen: the kernels' names, a row of bars per metric with the
# ratios, each kernel's lane, and that a bar's length follows its ratio (micro's cycles bar
# is the row's longest; mono's is shorter by the ratio micro's cell shows). Then the help,
# and q quits with status 0.
set -eu
ossim=$1 work=$2
. "$(dirname "$0")/tmux_screen.sh"
tmux_start compare-tui 150 45 \
  "TERM=xterm-256color '$ossim' compare --workload syscall --kernels mono,micro,uni --tui"

wait_for 'ossim compare: workload syscall' 'ratio to the baseline' ' mono ' ' micro ' ' uni' \
  '^cycles  *#' '^system calls ' '^memory (pages) ' '^image size' 'Timelines: cycles 0 to' \
  '^mono h0 ' '^micro h0 ' '^uni h0 ' 'q quit'

# The cycles row: "cycles   ####...# 1.00   ####...# R   ...": mono's bar times micro's ratio
# is micro's bar, within a character or two of rounding.
row=$(grep '^cycles ' "$screen")
bars=$(echo "$row" | tr -s ' ' '\n' | grep '^#*$' | awk '{ print length($0) }' | tr '\n' ' ')
set -- $bars
mono=$1 micro=$2
ratio=$(echo "$row" | tr -s ' ' '\n' | grep -v '#' | grep '^[0-9.]*$' | sed -n 2p)
awk -v a="$mono" -v b="$micro" -v r="$ratio" 'BEGIN {
  d = a * r - b; if (d < 0) d = -d;
  if (b < a || d > r / 2 + 1) { printf "bars %d and %d do not follow the ratio %s\n", a, b, r; exit 1 }
}' || { cat "$screen" >&2; exit 1; }

keys '?'
wait_for 'the number is the ratio to the baseline'
quits_with_0
echo "viz_compare_tui: bars ($mono and $micro for a ratio of $ratio), lanes and names shown; q quit"
