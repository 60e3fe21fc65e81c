#!/bin/sh
# Installs what is missing, builds ossim and starts it: ./run.sh [ossim options]
# With no options it boots the microkernel to a shell prompt (--kernel mono: the monolithic).
set -eu
cd "$(dirname "$0")"
tools/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
exec build/ossim "$@"
