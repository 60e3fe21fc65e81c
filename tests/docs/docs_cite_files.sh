#!/bin/sh
# docs_cite_files.sh SOURCE_DIR: every file a document names in backquotes by its path in
# the repository (one under a top folder: `docs/micro.md`, `sim/cost.c`,
# `kernels/mono/include/module.h`; or a top file: `README.md`, `DESIGN.md`) exists, from
# the top or beside the document. Not checked: build/ (the build makes it), placeholders
# (`labs/NN-topic/...`, `userland/bin/NAME.c`), and a bare file name, which the text around
# it places.
set -eu
cd "$1"
missing=0
for doc in README.md docs/*.md labs/README.md labs/*/README.md tests/README.md bench/README.md; do
  [ -f "$doc" ] || continue
  dir=$(dirname "$doc")
  for path in $(grep -o '`[A-Za-z0-9_./-]*\.\(md\|c\|h\|sh\|cmake\|py\|txt\)`' "$doc" | tr -d '`' | sort -u); do
    case $path in
    build/* | */build/* | *NAME* | *NN* | *DIR*) continue ;;
    sim/* | kernels/* | cli/* | visualizer/* | userland/* | labs/* | tests/* | tools/* | \
      bench/* | docs/* | cmake/* | [A-Z]*[A-Z].md) ;;
    *) continue ;;
    esac
    [ -e "$path" ] || [ -e "$dir/$path" ] || {
      echo "$doc cites $path, which the repository lacks" >&2
      missing=1
    }
  done
done
exit $missing
