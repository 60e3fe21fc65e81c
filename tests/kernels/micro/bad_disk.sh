#!/bin/sh
# bad_disk.sh OSSIM WORKDIR: micro on disks that are not ossim file systems. The file server
# cannot mount them, and ossim must say so naming the file the user gave (never the private
# copy it runs on), with status 1. The junk is the first 64 KiB of the ossim program itself:
# the same bytes on every run, and a size the block device takes.
set -eu
ossim=$1 work=$2
mkdir -p "$work"
junk=$work/junk.img odd=$work/odd.img
head -c 65536 "$ossim" >"$junk"
head -c 1000 "$ossim" >"$odd"
check() { # check DISK PATTERN
  status=0
  "$ossim" --kernel micro --disk "$1" </dev/null >"$work/out" 2>"$work/err" || status=$?
  if [ $status != 1 ] || ! grep -q "^ossim: .*$1.*$2" "$work/err" || grep -q ossim-disk- "$work/err"; then
    echo "$0: --disk $1: status $status, said: $(cat "$work/err")" >&2
    exit 1
  fi
}
check "$junk" "cannot mount the file system: the file system is corrupt"
check "$odd" "not a multiple of 512 bytes"
