#!/bin/sh
# viz_tui_small.sh OSSIM WORKDIR: `ossim --kernel micro --tui` in an 80x24 tmux session,
# the smallest terminal a class has: the compact layout still shows every server in the
# process table with its CPU time (the MCYCLES column whole), the IPC panel with operations
# by name, and memory by owner; q quits with status 0.
set -eu
ossim=$1 work=$2
. "$(dirname "$0")/tmux_screen.sh"
tmux_start small-tui 80 24 \
  "TERM=xterm-256color '$ossim' --kernel micro --tui -c 'echo hi | wc'"

wait_for '\[FINISHED\]' '^Processes' 'STATE    PRI/TIX MCYCLES' \
  ' blk  .* [0-9]*\.[0-9][0-9] ' ' fs  ' ' pm  ' ' con  ' ' rs  ' ' ns  ' \
  'IPC (newest first)' 'OPERATION  SIZE' '\(send\|recv\)  *[a-z]*  *[a-z]*  *exit' \
  'Physical memory by owner' 'in use  *[1-9][0-9]* pages' \
  '+[1-9] more  *[1-9][0-9]* pages'
quits_with_0
echo "viz_tui_small: servers, named IPC and memory at 80x24; q quit"
