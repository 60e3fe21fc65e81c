#!/bin/sh
# tests/gdb/run.sh OSSIM GDBINIT SCRIPT.gdb [OSSIM-ARGS...]: boots ossim with --gdb on a
# port it picks, runs gdb-multiarch in batch mode on SCRIPT (after build/gdbinit and a
# connect; $port is the port), and checks gdb's output, then the console's, against every
# "# expect: REGEX" line of SCRIPT, in order. With a "# same-as-plain-run" line, ossim runs
# with --stats and --events, and its instructions, cycles and event stream must be those of
# the same run without --gdb: a debugger changes nothing the guest computes.
# With a "# stdin: TEXT" line, TEXT (printf's escapes) is ossim's standard input.
# With a "# host-gdb: FILE" line, ossim itself runs under a second gdb (the host's) with
# the script FILE beside SCRIPT, and that gdb's output follows the first's in the check.
# Exit 77 (ctest's skip) only where no RISC-V capable gdb is installed.
set -u
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
ossim=$(abs "$1") init=$(abs "$2") script=$(abs "$3")
shift 3
gdb=$(command -v gdb-multiarch || command -v riscv64-elf-gdb || command -v riscv64-unknown-elf-gdb)
if [ -z "$gdb" ]; then
  echo "SKIP: no gdb-multiarch (or riscv64-elf-gdb) on this machine: tools/install-deps.sh installs it"
  exit 77
fi
dir=$(mktemp -d)
same=$(grep -c '^# same-as-plain-run' "$script")
[ "$same" -gt 0 ] && set -- --stats --events "$dir/events" "$@"
host=$(sed -n 's/^# host-gdb: //p' "$script")
if [ -n "$host" ]; then
  hostgdb=$(command -v gdb || command -v gdb-multiarch)
  if ! "$hostgdb" -nx -batch -ex 'set architecture i386:x86-64' >/dev/null 2>&1 &&
     ! "$hostgdb" -nx -batch -ex 'set architecture aarch64' >/dev/null 2>&1; then
    echo "SKIP: no gdb here can debug the host"; rm -rf "$dir"; exit 77
  fi
  "$hostgdb" -nx -batch -x "$(dirname "$script")/$host" --args "$ossim" --gdb 0 "$@" \
    >"$dir/stderr" 2>&1 </dev/null &
else
  printf "$(sed -n 's/^# stdin: //p' "$script")" >"$dir/stdin"
  "$ossim" --gdb 0 "$@" <"$dir/stdin" >"$dir/console" 2>"$dir/stderr" &
fi
pid=$!
port=""
for _ in $(seq 200); do
  port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p' "$dir/stderr" | head -1)
  [ -n "$port" ] && break
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "FAIL: ossim did not say where it listens"; cat "$dir/stderr"; kill "$pid" 2>/dev/null
  rm -rf "$dir"; exit 1
fi
(cd "$(dirname "$init")" && timeout 120 "$gdb" -nx -batch -x "$init" -ex "set \$port = $port" -ex "ossim-connect $port" -x "$script" >"$dir/gdb" 2>&1)
# gdb detaches at the end of the script: the run goes on to its end.
for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill "$pid" 2>/dev/null && echo "ossim still ran 10 s after gdb left: killed" >>"$dir/gdb"
wait "$pid" 2>/dev/null
[ -n "$host" ] && { echo "---- host gdb"; cat "$dir/stderr"; } >>"$dir/gdb"
{ echo "---- console"; cat "$dir/console" 2>/dev/null; } >>"$dir/gdb"
cat "$dir/gdb"
sed -n 's/^# expect: //p' "$script" >"$dir/expect"
# Each pattern must match a line after the one the pattern before it matched.
tr '\t' ' ' <"$dir/gdb" | awk -v list="$dir/expect" '
  BEGIN { while ((getline re < list) > 0) want[n++] = re }
  i < n && $0 ~ want[i] { i++ }
  END { if (i < n) { print "FAIL: no line matches: " want[i]; exit 1 } }'
status=$?
if [ "$same" -gt 0 ]; then
  mv "$dir/events" "$dir/gdb.events"
  "$ossim" "$@" >/dev/null 2>"$dir/plain" </dev/null
  mv "$dir/events" "$dir/plain.events"
  grep -E '^(instructions|cycles):' "$dir/plain" >"$dir/plain.figures"
  grep -E '^(instructions|cycles):' "$dir/stderr" >"$dir/gdb.figures"
  echo "---- without gdb"; cat "$dir/plain.figures"; echo "---- with gdb"; cat "$dir/gdb.figures"
  echo "events: $(wc -l <"$dir/plain.events") without gdb, $(wc -l <"$dir/gdb.events") with"
  if [ ! -s "$dir/plain.figures" ] || ! cmp -s "$dir/plain.figures" "$dir/gdb.figures" ||
     ! cmp -s "$dir/plain.events" "$dir/gdb.events"; then
    echo "FAIL: the run with gdb differs from the run without"; status=1
  fi
fi
rm -rf "$dir"
exit $status
