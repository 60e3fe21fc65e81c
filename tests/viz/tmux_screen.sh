# tmux_screen.sh: sourced by the tests that drive a display in tmux (viz_tui.sh,
# viz_compare_tui.sh). Needs $session (the tmux server and session name) and $screen (the
# file a capture goes to), and the caller's trap that kills the server.
#
# tmux_start COLS ROWS COMMAND: starts COMMAND in a detached session of that size.
# wait_for TEXT...: polls the screen until every TEXT (a grep pattern) shows on one capture,
# for about 30 s; a capture can catch the display half redrawn, so a miss is tried again.
# keys KEY...: types the keys (tmux send-keys names).
# quits_with_0: types q and waits (10 s at most) for the command's exit status, which must
# be 0.

tmux_start() {
  session="ossim-$1-$$" screen="$work/$1-screen.txt" status="$work/$1-status"
  mkdir -p "$work"
  rm -f "$status"
  trap 'tmux -L "$session" kill-server 2>/dev/null || true' EXIT
  tmux -L "$session" new-session -d -s "$session" -x "$2" -y "$3" "$4; echo \$? > '$status'"
}

wait_for() {
  i=0
  while [ $i -lt 300 ]; do
    tmux -L "$session" capture-pane -p -t "$session" >"$screen" 2>/dev/null || true
    missing=""
    for text in "$@"; do grep -q -- "$text" "$screen" || missing=$text; done
    [ -z "$missing" ] && return 0
    sleep 0.1
    i=$((i + 1))
  done
  echo "$0: '$missing' never showed; the screen was:" >&2
  cat "$screen" >&2
  exit 1
}

keys() {
  tmux -L "$session" send-keys -t "$session" "$@"
}

quits_with_0() {
  keys q
  i=0
  while [ ! -s "$status" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  [ "$(cat "$status" 2>/dev/null)" = 0 ] || { echo "$0: q did not quit with status 0" >&2; exit 1; }
}
