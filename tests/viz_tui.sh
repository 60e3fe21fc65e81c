#!/bin/sh
# viz_tui.sh OSSIM WORKDIR: drives `ossim --kernel mono --tui` in a detached tmux session:
# types a command into the guest console (Tab, the command, Tab back), and checks that the
# captured screen shows every panel, the key bar, the guest's answer and the process names;
# then the help overlay, and that q quits with status 0.
set -eu
ossim=$1 work=$2
mkdir -p "$work"
session="ossim-viz-tui-$$"
screen="$work/screen.txt"
rm -f "$work/status"
tmux -L "$session" new-session -d -s "$session" -x 140 -y 48 \
  "TERM=xterm-256color '$ossim' --kernel mono --cpus 2 --tui; echo \$? > '$work/status'"
trap 'tmux -L "$session" kill-server 2>/dev/null || true' EXIT

# wait_for TEXT...: polls the screen until every TEXT shows on one capture (at most about
# 20 s; a capture can catch the dashboard half redrawn, so a miss is tried again).
wait_for() {
  i=0
  while [ $i -lt 200 ]; do
    tmux -L "$session" capture-pane -p -t "$session" >"$screen" 2>/dev/null || true
    missing=""
    for text in "$@"; do grep -q -- "$text" "$screen" || missing=$text; done
    [ -z "$missing" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  echo "viz_tui: '$missing' never showed; the screen was:" >&2
  cat "$screen" >&2
  exit 1
}

wait_for 'init: starting sh'
tmux -L "$session" send-keys -t "$session" Tab
wait_for 'typing to the guest'
tmux -L "$session" send-keys -t "$session" 'echo viz-ok | wc' Enter
wait_for '1 1 7'
tmux -L "$session" send-keys -t "$session" Tab
wait_for 'Tab to type to the guest' 'space pause' 'q quit' 'hart 0' 'hart 1' 'Processes' \
  'Modules' 'IPC' 'Counters' 'Physical memory' 'Console' ' init ' ' sh ' ' wc ' 'syscalls' 'switches'

tmux -L "$session" send-keys -t "$session" '?'
wait_for 'step: one event while paused'
tmux -L "$session" send-keys -t "$session" q
i=0
while [ ! -s "$work/status" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$work/status" 2>/dev/null)" = 0 ] || { echo "viz_tui: ossim did not quit with 0" >&2; exit 1; }
echo "viz_tui: panels, process names and the console all shown; q quit"
