#!/bin/sh
# viz_tui.sh OSSIM WORKDIR: drives `ossim --kernel mono --tui` in a detached tmux session:
# types a command into the guest console (Tab, the command, Tab back), and checks that the
# captured screen shows every panel, the key bar, the guest's answer and the process names;
# then the help overlay, and that q quits with status 0.
set -eu
ossim=$1 work=$2
. "$(dirname "$0")/tmux_screen.sh"
tmux_start viz-tui 140 48 "TERM=xterm-256color '$ossim' --kernel mono --cpus 2 --tui"

wait_for 'init: starting sh'
keys Tab
wait_for 'typing to the guest'
keys 'echo viz-ok | wc' Enter
wait_for '1 1 7'
keys Tab
wait_for 'Tab to type to the guest' 'space pause' 'q quit' 'hart 0' 'hart 1' 'Processes' \
  'Modules' 'IPC' 'Counters' 'Physical memory' 'Console' ' init ' ' sh ' ' wc ' 'syscalls' 'switches'

keys '?'
wait_for 'step: one event while paused'
quits_with_0
echo "viz_tui: panels, process names and the console all shown; q quit"
