#!/bin/sh
# viz_replay_tui.sh OSSIM WORKDIR: a micro run saved with --events, then `ossim replay FILE
# --tui` in an 80x24 tmux session at a slow speed: it starts playing, space pauses, ]
# seeks forward (past the end: every record shown, the servers and their IPC by name),
# [ seeks back (the cycle goes down again), q quits with status 0.
set -eu
ossim=$1 work=$2
mkdir -p "$work"
"$ossim" --kernel micro -c 'echo hi | wc' --events "$work/run.events" </dev/null >/dev/null
. "$(dirname "$0")/tmux_screen.sh"
tmux_start replay-tui 80 24 \
  "TERM=xterm-256color '$ossim' replay '$work/run.events' --tui --speed 100000"

wait_for '^replay  cycle [0-9]* .*\[RUNNING\]' '\[/\] seek'
keys Space
wait_for '\[PAUSED\]'
keys ] ] ] ] ] ] ] ] ] ] ] ]
wait_for '\[FINISHED\]' ' fs  ' ' pm  ' '\(send\|recv\)  *[a-z]*  *[a-z]*  *exit'
end=$(sed -n 's/^replay  cycle \([0-9]*\) .*/\1/p' "$screen")
keys [ [ [
wait_for '\[PAUSED\]'
back=$(sed -n 's/^replay  cycle \([0-9]*\) .*/\1/p' "$screen")
[ "$back" -lt "$end" ] || { echo "$0: seeking back left the cycle at $back (end $end)" >&2; exit 1; }
quits_with_0
echo "viz_replay_tui: played, paused, sought to the end ($end) and back ($back); q quit"
