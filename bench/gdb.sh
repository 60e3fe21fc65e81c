#!/usr/bin/env bash
# bench/gdb.sh [BUILD_DIR]: what reverse execution costs as the run grows (docs/debugging.md).
# bench-bare.elf runs under --gdb and is stopped by Ctrl-C after 0.2, 0.4, 0.8 and 1.6 s of
# host time; then two reverse-stepi are timed: the first replays from boot twice (to find
# the stop before, then to go there), the next once. Host time, so run it on a quiet machine.
set -eu
. "$(dirname "$0")/common.sh"
build=${1:-build}
find_ossim "$build"
build=$(cd "$build" && pwd)
image=$build/guest/bench-bare.elf
gdb=$(command -v gdb-multiarch || command -v riscv64-elf-gdb) || { echo "gdb.sh: no gdb-multiarch" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '%14s %18s %18s\n' instructions "first reverse-stepi" "next reverse-stepi"
for t in 0.2 0.4 0.8 1.6; do
  "$ossim" --gdb 0 --kernel bare --image "$image" >/dev/null 2>"$dir/err" &
  pid=$!
  port=""
  while [ -z "$port" ]; do sleep 0.05; port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$dir/err"); done
  "$gdb" -nx -batch -x "$build/gdbinit" -ex "ossim-connect $port" \
    -ex "shell (sleep $t; kill -INT \$PPID) &" -ex continue -ex "monitor where" \
    -ex "shell python3 -c 'import time; print(time.monotonic())' >$dir/t0" -ex reverse-stepi \
    -ex "shell python3 -c 'import time; print(time.monotonic())' >$dir/t1" -ex reverse-stepi \
    -ex "shell python3 -c 'import time; print(time.monotonic())' >$dir/t2" -ex kill >"$dir/out" 2>&1
  wait "$pid" || true
  n=$(sed -n 's/^instructions \([0-9]*\),.*/\1/p' "$dir/out" | head -1)
  python3 -c "import sys; t0,t1,t2=(float(open(f).read()) for f in sys.argv[1:4]); print('%14s %16.2f s %16.2f s' % (sys.argv[4], t1-t0, t2-t1))" \
    "$dir/t0" "$dir/t1" "$dir/t2" "$n"
done
