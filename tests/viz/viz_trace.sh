#!/bin/sh
# viz_trace.sh OSSIM PYTHON CHECKER WORKDIR [--viz] -- OSSIM-ARGS... [-- CHECKER-ARGS...]
# Runs ossim with --trace into WORKDIR and checks the trace with trace_check.py. With
# --viz it runs the same command again with --viz (SDL's dummy video driver) and requires
# the two traces to be byte for byte the same: the window never changes the run.
set -eu
ossim=$1 python=$2 checker=$3 work=$4
shift 4
viz=0
if [ "$1" = --viz ]; then viz=1; shift; fi
[ "$1" = -- ] && shift
args="" checks=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do args="$args '$1'"; shift; done
[ $# -gt 0 ] && shift
for a in "$@"; do checks="$checks '$a'"; done
mkdir -p "$work"
eval "\"$ossim\" $args --trace \"$work/plain.json\"" </dev/null >"$work/plain.out"
eval "\"$python\" \"$checker\" \"$work/plain.json\" $checks"
if [ $viz = 1 ]; then
  # SDL's video back ends (loaded and unloaded at run time) leave allocations behind at
  # exit that LeakSanitizer cannot attribute; ossim's own are checked by the run above.
  (
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
    export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
    eval "\"$ossim\" $args --viz --trace \"$work/viz.json\"" </dev/null >"$work/viz.out"
  )
  cmp "$work/plain.json" "$work/viz.json"
  cmp "$work/plain.out" "$work/viz.out"
  echo "same trace with and without --viz"
fi
