#!/bin/sh
# fifo_inputs.sh OSSIM WORKDIR: a FIFO named as a disk, a cost file or an image is refused at
# once (status 1, the FIFO named), where opening it would wait for a writer for ever.
set -eu
ossim=$1 work=$2
mkdir -p "$work"
fifo=$work/fifo
rm -f "$fifo"
mkfifo "$fifo"
for args in "--kernel mono --disk $fifo" "--kernel mono --cost $fifo" "--kernel bare --image $fifo"; do
  status=0
  # shellcheck disable=SC2086 # the words of args are separate arguments
  "$ossim" $args </dev/null 2>"$work/err" || status=$?
  grep -q "$fifo: not a regular file" "$work/err" && [ $status = 1 ] || {
    echo "$0: ossim $args: status $status, said: $(cat "$work/err")" >&2
    exit 1
  }
done
