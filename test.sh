#!/bin/sh
# Builds ossim and runs the whole test suite: ./test.sh
set -eu
cd "$(dirname "$0")"
tools/install-deps.sh
cmake -S . -B build
cmake --build build -j"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
ctest --test-dir build --output-on-failure -j"$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
