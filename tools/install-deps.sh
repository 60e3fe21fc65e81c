#!/bin/sh
# Installs what ossim needs to build and test, on Debian/Ubuntu (apt) or macOS (Homebrew).
# Installs only what is missing; safe to run again.
set -eu
if command -v apt-get >/dev/null 2>&1; then
  # bubblewrap: the sandbox labs/grade --trusted grades submissions in (Linux only);
  # ninja-build: labs/check rebuilds its tree some forty times, ninja in a fraction of make's time
  pkgs="cmake make gcc pkg-config check clang lld libsdl2-dev libncurses-dev tmux python3 gdb gdb-multiarch bubblewrap ninja-build"
  [ "${OSSIM_WITH_QEMU:-0}" = 1 ] && pkgs="$pkgs qemu-system-misc"
  # tools/lint.sh's checkers (CI runs it; on macOS, Homebrew's llvm has both)
  [ "${OSSIM_WITH_LINT:-0}" = 1 ] && pkgs="$pkgs clang-format clang-tidy"
  missing=""
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
  fi
elif command -v brew >/dev/null 2>&1; then
  for p in cmake pkg-config check llvm lld sdl2 ncurses tmux riscv64-elf-gdb ninja; do
    brew list "$p" >/dev/null 2>&1 || brew install "$p"
  done
else
  echo "install-deps: no apt-get or brew here; install cmake, pkg-config, check, clang, lld, SDL2, ncurses, tmux and python3" >&2
  exit 1
fi
