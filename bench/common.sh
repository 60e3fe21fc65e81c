# bench/common.sh: what the benchmark scripts share; they source it.

# find_ossim BUILD_DIR: sets `ossim` to the absolute path of the ossim executable the build
# in BUILD_DIR made, or exits with a message naming the script and the folder.
find_ossim() {
  ossim=$1/ossim
  [ -x "$ossim" ] || ossim=$1/cli/ossim
  if [ ! -x "$ossim" ]; then
    echo "$(basename "$0"): no ossim executable in $1 (build first: cmake --build $1)" >&2
    exit 1
  fi
  ossim=$(cd "$(dirname "$ossim")" && pwd)/ossim
}
