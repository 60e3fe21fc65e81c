#!/bin/sh
# viz_tui_micro.sh OSSIM WORKDIR: `ossim --kernel micro --tui -c ...` in a detached tmux
# session: when the run is over, the captured screen shows the servers in the process table
# and on hart 0's timeline strip, their messages in the IPC panel (sh to pm, pm to fs and
# the replies), a non-zero IPC count, and the command's output; q quits with status 0.
set -eu
ossim=$1 work=$2
. "$(dirname "$0")/tmux_screen.sh"
tmux_start micro-tui 140 48 \
  "TERM=xterm-256color '$ossim' --kernel micro --tui -c 'echo hi | wc; ls /bin | wc'"

wait_for '\[FINISHED\]' '1 1 3' ' blk  ' ' fs  ' ' pm  ' '^hart 0  .*[fp]' \
  'send  *sh  *pm' 'send  *pm  *fs' 'reply  *fs  *pm' '\(^\|  \)ipc  *[0-9.][0-9.]*  *[1-9][0-9]*'
quits_with_0
echo "viz_tui_micro: servers, their IPC and its count shown; q quit"
