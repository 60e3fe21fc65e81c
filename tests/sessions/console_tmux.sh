#!/bin/sh
# console_tmux.sh OSSIM WORKDIR KERNEL: a person at a terminal, played in a detached tmux
# session: the banner, the shell's help, a line brought back with the Up arrow and edited
# with Left, micro's servers in ps, ^C at an empty prompt, in the middle of a line and while
# a program runs (each gives a fresh prompt; the program is killed), and Ctrl-A x typed in
# the middle of a line, which must quit with status 0.
# uni has no shell: there cat reads the lines, and Up brings one back to it the same way; ^C
# drops the line being typed (there is no other program to stop).
set -eu
ossim=$1 work=$2 kernel=$3
. "$(dirname "$0")/../viz/tmux_screen.sh"

# prompt_after PATTERN: waits (about 30 s) for a line matching PATTERN with a fresh prompt,
# "$" alone (tmux drops the trailing space), on the line after it, at the bottom of the
# screen's text.
prompt_after() {
  i=0
  while [ $i -lt 300 ]; do
    tmux -L "$session" capture-pane -p -t "$session" >"$screen" 2>/dev/null || true
    awk -v want="$1" 'NF { prev = last; last = $0 } END { exit !(prev ~ want && last == "$") }' \
      "$screen" && return 0
    sleep 0.1
    i=$((i + 1))
  done
  echo "$0: no fresh prompt after '$1'; the screen was:" >&2
  cat "$screen" >&2
  exit 1
}
if [ "$kernel" = uni ]; then
  tmux_start "console-$kernel" 100 30 "'$ossim' --kernel uni --app cat"
  wait_for "ossim: kernel uni, 1 hart\. Ctrl-A x quits, Ctrl-A h lists the keys\.$"
  keys 'line one' Enter
  wait_for '^line one$'
else
  tmux_start "console-$kernel" 100 30 "'$ossim' --kernel $kernel"
  wait_for "ossim: kernel $kernel, 1 hart\. Ctrl-A x quits, Ctrl-A h lists the keys; type help at the prompt\.$" '^\$'
  keys help Enter
  wait_for 'Builtins: cd \[DIR\], pwd' 'Up and Down recall lines'
  keys 'echo line one' Enter
  wait_for '^line one$'
fi
# Up brings the line back; Left, Left and a key edit it in the middle: no escape code
# reaches the program, which prints the edited line.
keys Up Left Left Z Enter
wait_for '^line oZne$'
if [ "$kernel" = micro ]; then # ps shows the servers beside the processes
  keys ps Enter
  wait_for ' sh$' ' ps$' ' blk$' ' fs$' ' pm$' ' con$' ' rs$' ' ns$'
fi
if [ "$kernel" = uni ]; then # the line typed before ^C is dropped, the next one reaches cat
  keys abc C-c def Enter
  wait_for '^abc^C$' '^def$'
else
  keys C-c
  prompt_after '^\$ \^C$'
  keys ech C-c
  prompt_after '^\$ ech\^C$'
  keys 'sleep 1000000' Enter
  wait_for '^\$ sleep 1000000$'
  keys C-c
  prompt_after '^\^C$'
  keys 'echo after' Enter
  wait_for '^after$'
fi
keys C-a h
wait_for 'ossim keys: Ctrl-A x quit'
keys 'ech'
sleep 0.3
keys C-a x
i=0
while [ ! -s "$status" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ "$(cat "$status" 2>/dev/null)" = 0 ] || {
  echo "$0: Ctrl-A x mid-line did not quit with status 0 (status: $(cat "$status" 2>/dev/null))" >&2
  exit 1
}
