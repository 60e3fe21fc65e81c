#!/bin/sh
# tui_same_events.sh OSSIM WORKDIR ARGS...: commands piped to the shell of `ossim ARGS` give
# the same event file under --tui (in a tmux pane: a terminal, TERM set) as without a
# display, and the --tui run ends by itself at the end of its input, with the same status.
set -eu
ossim=$1 work=$2
shift 2
. "$(dirname "$0")/../viz/tmux_screen.sh"
mkdir -p "$work"
input=$work/input
printf 'echo one two | wc\nls /bin | grep sh\nsleep 2\n' >"$input"
plain=0
"$ossim" "$@" --events "$work/plain.events" <"$input" >"$work/plain.out" || plain=$?
tmux_start tui 100 30 "'$ossim' $* --tui --events '$work/tui.events' < '$input'"
i=0
while [ ! -s "$status" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$status" ] || { echo "$0: the --tui run never ended at the end of its input" >&2; exit 1; }
[ "$(cat "$status")" = "$plain" ] || {
  echo "$0: --tui exited $(cat "$status"), without it $plain" >&2
  exit 1
}
cmp "$work/plain.events" "$work/tui.events" || {
  echo "$0: the event streams differ with and without --tui: $work/*.events" >&2
  exit 1
}
