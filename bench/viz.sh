#!/usr/bin/env bash
# bench/viz.sh [BUILD_DIR]: what the visualizer costs. The host time of one fixed workload
# (`ossim --kernel mono -c systest`) run four ways: no UI, --trace FILE, --tui (in a
# detached tmux session, so it draws to a real pseudo-terminal) and --viz (SDL's dummy
# video driver, software renderer: the drawing is done, nothing is shown). Each way runs
# RUNS times (default 3) and the fastest is kept, as other work on the host only ever makes
# a run slower. Prints the table and each way's slowdown against no UI (the target is at
# most 20%): in elapsed time, and in CPU time (user + system, of all of ossim's threads),
# which a busy host disturbs less. With --tui and --viz the display has a thread of its
# own: on an idle machine with two cores it costs CPU time more than elapsed time.
#
# With SHOTS=DIR it also leaves screenshots there: viz.bmp (and viz.png when ImageMagick's
# convert is installed) of the window's last frame, and tui.txt (and tui.png) of the
# terminal dashboard during a run.
#
# Exits non-zero if a run fails.
set -euo pipefail

build=${1:-./build}
runs=${RUNS:-3}
. "$(dirname "$0")/common.sh"
find_ossim "$build"
workload=(--kernel mono -c systest)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seconds FILE: "elapsed cpu" from the output of bash's time with TIMEFORMAT='%R %U %S'.
seconds() { awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$1"; }

# time_plain ARGS...: "elapsed cpu" host seconds of one run of the workload with ARGS, no
# terminal.
time_plain() {
  local TIMEFORMAT='%R %U %S'
  if ! { time "$ossim" "${workload[@]}" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; } 2>"$tmp/time"; then
    echo "viz.sh: ossim ${workload[*]} $* failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  seconds "$tmp/time"
}

# time_tui: the same in tmux with --tui (standard input is not a terminal, so the dashboard
# closes by itself when the run ends).
time_tui() {
  local s="ossim-viz-bench-$$" i=0
  rm -f "$tmp/tui.time"
  tmux -L "$s" new-session -d -s "$s" -x 140 -y 48 \
    "bash -c \"TIMEFORMAT='%R %U %S'; time TERM=xterm-256color '$ossim' ${workload[*]} --tui \
     </dev/null 2>'$tmp/err'\" 2>'$tmp/tui.time'; echo \$? > '$tmp/tui.rc'"
  while [ ! -s "$tmp/tui.rc" ] && [ $i -lt 6000 ]; do
    [ -n "${SHOTS:-}" ] && [ $i = 5 ] && tmux -L "$s" capture-pane -p -t "$s" >"$SHOTS/tui.txt" 2>/dev/null || true
    sleep 0.05
    i=$((i + 1))
  done
  tmux -L "$s" kill-server 2>/dev/null || true
  if [ "$(cat "$tmp/tui.rc" 2>/dev/null)" != 0 ] || [ ! -s "$tmp/tui.time" ]; then
    echo "viz.sh: ossim --tui failed:" >&2
    cat "$tmp/err" >&2
    exit 1
  fi
  rm -f "$tmp/tui.rc"
  seconds "$tmp/tui.time"
}

# best CMD...: "elapsed cpu", each the least of RUNS runs.
best() {
  local i
  for ((i = 0; i < runs; i++)); do "$@"; done |
    awk 'NR == 1 || $1 < e { e = $1 } NR == 1 || $2 < c { c = $2 } END { print e, c }'
}

base=$(best time_plain)
trace=$(best time_plain --trace "$tmp/trace.json")
tui=skipped
if command -v tmux >/dev/null; then tui=$(best time_tui); fi
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
[ -n "${SHOTS:-}" ] && export OSSIM_VIZ_SCREENSHOT=$SHOTS/viz.bmp
viz=$(best time_plain --viz)

printf '%-22s %10s %10s %10s %10s\n' "ossim ${workload[*]}" "elapsed" "slowdown" "CPU" "slowdown"
row() {
  if [ "$2" = skipped ]; then
    printf '%-22s %10s %10s\n' "$1" "-" "(no tmux)"
  else
    echo "$1|$2|$base" | awk -F'|' '{ split($2, t, " "); split($3, b, " ");
      printf "%-22s %10.3f %9.1f%% %10.3f %9.1f%%\n", $1, t[1], (t[1] / b[1] - 1) * 100,
             t[2], (t[2] / b[2] - 1) * 100 }'
  fi
}
row "no UI" "$base"
row "--trace FILE" "$trace"
row "--tui (tmux)" "$tui"
row "--viz (dummy video)" "$viz"
echo "trace size: $(wc -c <"$tmp/trace.json") bytes; best of $runs runs each"

if [ -n "${SHOTS:-}" ] && command -v convert >/dev/null; then
  convert "$SHOTS/viz.bmp" "$SHOTS/viz.png" 2>/dev/null || true
  [ -s "$SHOTS/tui.txt" ] && convert -size 1400x900 xc:black -font DejaVu-Sans-Mono -pointsize 14 \
    -fill '#d0d0d0' -annotate +8+18 "@$SHOTS/tui.txt" "$SHOTS/tui.png" 2>/dev/null || true
fi
