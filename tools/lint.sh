#!/bin/sh
# tools/lint.sh BUILD: the style checks CI runs, over the tracked C files.
#   - clang-format (.clang-format) must leave every .c and .h file as it is;
#   - clang-tidy (.clang-tidy) must find nothing in the host code that BUILD compiled (its
#     compile_commands.json; flags only GCC knows are left out for clang-tidy's sake).
# Exit status 0 when both are clean, 1 when either found something (it prints what).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: tools/lint.sh BUILD}
cd "$root"
status=0
unformatted=$(git ls-files '*.c' '*.h' | while read -r f; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$unformatted" ]; then
  echo "lint: clang-format would change these files (run clang-format -i on them):"
  echo "$unformatted" | sed 's/^/  /'
  status=1
fi
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
python3 - "$build/compile_commands.json" "$db/compile_commands.json" "$root" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))
gcc_only = {"-fno-crossjumping", "-fno-gcse", "-fno-tree-slp-vectorize", "-fno-tree-vectorize"}
keep = []
for e in entries:
    if not e["file"].startswith(sys.argv[3] + "/") or "/build" in e["file"][len(sys.argv[3]):]:
        continue
    e["command"] = " ".join(a for a in e["command"].split() if a not in gcc_only)
    keep.append(e)
json.dump(keep, open(sys.argv[2], "w"))
PY
python3 -c 'import json,sys; print("\n".join(e["file"] for e in json.load(open(sys.argv[1]))))' \
  "$db/compile_commands.json" | sort -u > "$db/files"
if ! xargs -P "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)" -n 8 \
    clang-tidy -p "$db" --quiet < "$db/files" > "$db/tidy.log" 2>&1; then
  grep -E 'error:|warning:' "$db/tidy.log" | sed "s#$root/##" | sort -u
  echo "lint: clang-tidy found the above"
  status=1
fi
[ $status -eq 0 ] && echo "lint: clang-format and clang-tidy are clean"
exit $status
