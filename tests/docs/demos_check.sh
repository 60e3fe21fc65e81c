#!/bin/sh
# demos_check.sh BUILD DOC N WORK: runs demo N of DOC (docs/demos.md) as the page writes it,
# in WORK, and checks the figures the page quotes against what the run prints: ratios and
# cycle counts within 10%, CPU shares within 5 points, quoted output line for line but for
# code addresses (0x...), and a status the page names ("exits with status N").
#
# The commands are the section's indented lines that start with build/ossim or `for`; lines
# "$ ..." are typed at the shell of the command before them. They run as written, in a
# folder where build/ is BUILD, without the window: --viz and --speed go (the run is the
# same with or without them, docs/visualizer.md), and a run of one kernel gets --stats, for
# its cycles.
set -eu
build=$1 doc=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") n=$3 work=$4
export LC_ALL=C
mkdir -p "$work"
cd "$work"
ln -sfn "$build" build
failed=0
fail() {
  echo "demo $n: $*" >&2
  failed=1
}

# The section, and its text as one line (sentences wrap).
awk -v head="## $n." '/^## / { on = index($0, head) == 1 } on' "$doc" >section.md
[ -s section.md ] || { echo "demo $n: no section '## $n.' in $doc" >&2; exit 1; }
text=$(tr '\n' ' ' <section.md)
grep -E '^    (build/ossim|for )' section.md | sed -e 's/^    //' -e 's/ --viz//' \
  -e 's/ --speed [^ ]*//' -e 's|^build/ossim --kernel|build/ossim --stats --kernel|' >commands
grep -E '^    \$ ' section.md | sed 's/^    \$ //' >typed || true
grep -E '^    ' section.md | grep -vE '^    (build/ossim|for |\$ )' | sed 's/^    //' >quoted || true
[ -s commands ] || { echo "demo $n: no command in its section" >&2; exit 1; }

# Runs command i (out.i, err.i, status.i); the typed lines go to the first.
i=0
while IFS= read -r cmd; do
  i=$((i + 1))
  input=/dev/null
  [ $i -eq 1 ] && [ -s typed ] && input=typed
  status=0
  sh -c "$cmd" <"$input" >"out.$i" 2>"err.$i" || status=$?
  echo $status >"status.$i"
done <commands

# quoted ERE: the first capture of ERE in the section's text, or fails.
quoted() {
  q=$(printf '%s\n' "$text" | sed -n -E "s/.*$1.*/\\1/p" | head -n 1)
  [ -n "$q" ] || { fail "the page no longer says /$1/"; q=0; }
  printf '%s\n' "$q"
}

# cell FILE K HEADER ROW KERNEL: the value in row ROW, column KERNEL, of the K-th table of
# FILE whose header line starts with HEADER (the last fields of a row are its columns).
cell() {
  awk -v k="$2" -v head="$3" -v row="$4" -v kernel="$5" '
    index($0, head) == 1 { t++; col = 0
      if (t == k) { w = split(substr($0, length(head) + 1), names, " ")
                    for (j = 1; j <= w; j++) if (names[j] == kernel) col = j } next }
    t == k && col && index($0, row " ") == 1 { print $(NF - w + col); exit }' "$1"
}

# near WHAT QUOTED MEASURED: MEASURED within 10% of QUOTED.
near() {
  awk -v q="$2" -v m="$3" 'BEGIN { d = m - q; if (d < 0) d = -d; exit !(m != "" && d <= 0.10 * q) }' ||
    fail "$1: the page says $2, the run gives ${3:-nothing}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b) printf "%.4f", a / b }'; }
millions() { awk -v a="$1" 'BEGIN { printf "%.4f", a / 1e6 }'; }

# The status the page names, of the first command.
if printf '%s\n' "$text" | grep -qE 'exits with status [0-9]+'; then
  want=$(quoted 'exits with status ([0-9]+)')
  [ "$(cat status.1)" = "$want" ] || fail "the page says status $want, the run exits $(cat status.1)"
fi
# Quoted output: each line is printed (addresses aside); demo 4's shares are figures, below.
cat out.* err.* | sed -E 's/0x[0-9a-f]+/0x_/g' >printed
grep -v '^spin: CPU shares' quoted | sed -E 's/0x[0-9a-f]+/0x_/g' | while IFS= read -r line; do
  grep -qxF -- "$line" printed || { echo "demo $n: the page quotes a line the run does not print: $line" >&2; echo x; }
done | grep -q x && failed=1

case $n in
1)
  near "micro's traps to mono's" "$(quoted 'with ([0-9.]+)× the traps')" \
    "$(cell out.1 1 'ratio to mono' traps micro)"
  near "micro's instructions to mono's" "$(quoted 'instructions. row is about ([0-9.]+)×')" \
    "$(cell out.1 1 'ratio to mono' instructions micro)"
  near "micro's lane to mono's (cycles)" "$(quoted 'lane runs about ([0-9.]+)× as far')" \
    "$(cell out.1 1 'ratio to mono' cycles micro)"
  near "uni's image, KB" "$(quoted 'one image of about ([0-9.]+) KB')" \
    "$(ratio "$(cell out.1 1 metric 'image size (bytes)' uni)" 1024)"
  [ "$(cell out.1 1 metric traps uni)" = 0 ] || fail "uni takes traps"
  ;;
2)
  near "build: micro's cycles to mono's" "$(quoted 'about ([0-9.]+)× mono.s cycles')" \
    "$(cell out.1 1 'ratio to mono' cycles micro)"
  [ "$(cell out.1 1 metric cycles uni)" = n/a ] || fail "uni runs the pipeline"
  within=$(quoted 'within ([0-9]+)% of mono')
  for k in micro uni; do
    r=$(cell out.2 1 'ratio to mono' cycles $k)
    awk -v r="$r" -v w="$within" 'BEGIN { d = r - 1; if (d < 0) d = -d; exit !(r != "" && d * 100 <= w) }' ||
      fail "compute: $k costs ${r:-nothing}× mono, not within $within%"
  done
  ;;
3)
  # profile NAME C: the C-th kernel's cycles in the profile's row (the ranking column has
  # spaces, so cell cannot count from the end).
  profile() { awk -v p="$1" -v c="$2" '$1 == p { print $(c + 1); exit }' out.1; }
  near "mono, linux-pti-on to default" "$(quoted 'grow about ([0-9.]+)× from the default')" \
    "$(ratio "$(profile linux-pti-on 1)" "$(profile default 1)")"
  near "the gap, default" "$(quoted 'narrow from ([0-9.]+)× to')" \
    "$(ratio "$(profile default 2)" "$(profile default 1)")"
  near "the gap, linux-pti-on" "$(quoted 'narrow from [0-9.]+× to ([0-9.]+)×')" \
    "$(ratio "$(profile linux-pti-on 2)" "$(profile linux-pti-on 1)")"
  rows=$(grep -cE '^(default|sel4-u54|linux-pti-off|linux-pti-on) ' out.1 || true)
  cheaper=$(grep -cE '^(default|sel4-u54|linux-pti-off|linux-pti-on) .* mono < micro$' out.1 || true)
  [ "$rows" = 4 ] && [ "$cheaper" = 4 ] || fail "mono is cheaper in $cheaper of $rows profiles"
  ;;
4)
  # Each quoted share line: the run's line of the same name, each share within 5 points.
  grep '^spin: CPU shares' quoted | while IFS= read -r line; do
    got=$(grep -F -- "${line%%: 1*}:" out.1 || true)
    printf '%s\n%s\n' "$line" "$got" | awk -F'tickets ' '
      NR == 1 { for (j = 2; j <= NF; j++) want[j] = $j + 0; w = NF }
      NR == 2 { ok = NF == w
                for (j = 2; j <= NF; j++) { d = $j - want[j]; if (d < 0) d = -d; if (d > 5) ok = 0 } }
      END { exit !(NR == 2 && ok) }' || { echo "demo 4: the page says '$line', the run: '${got:-nothing}'" >&2; echo x; }
  done | grep -q x && failed=1
  ;;
5) ;; # its figures are the quoted lines and the status, above
6)
  near "micro on 1 hart, millions" "$(quoted '\(([0-9.]+) to [0-9.]+ million cycles\)')" \
    "$(millions "$(cell out.1 1 metric cycles micro)")"
  near "micro on 2 harts, millions" "$(quoted '\([0-9.]+ to ([0-9.]+) million cycles\)')" \
    "$(millions "$(cell out.1 2 metric cycles micro)")"
  near "micro on 4 harts, millions" "$(quoted 'nothing more at 4 \(([0-9.]+) million\)')" \
    "$(millions "$(cell out.1 3 metric cycles micro)")"
  near "micro's gain from 1 to 2 harts, %" "$(quoted 'gains about ([0-9]+)% from 1 to 2')" \
    "$(awk -v a="$(cell out.1 1 metric cycles micro)" -v b="$(cell out.1 2 metric cycles micro)" \
      'BEGIN { if (a) printf "%.2f", (1 - b / a) * 100 }')"
  mono=$(quoted 'barely moves \(([0-9.]+) million cycles')
  for t in 1 2 3; do
    near "mono in run $t, millions" "$mono" "$(millions "$(cell out.1 $t metric cycles mono)")"
  done
  ;;
7)
  near "the run, millions of cycles" "$(quoted 'The whole run is about ([0-9.]+) million cycles')" \
    "$(millions "$(sed -n 's/^cycles: //p' err.1)")"
  [ -s micro.json ] || fail "the trace command wrote no micro.json"
  ;;
8) ;; # the quoted refusal and the status, above
*)
  echo "demo $n: no checks for it in $0" >&2
  exit 1
  ;;
esac
if [ $failed -ne 0 ]; then
  echo "demo $n: the runs are in $work (out.*, err.*); fix docs/demos.md or the change" >&2
  exit 1
fi
