#!/usr/bin/env bash
# Installs what Kern needs on Debian 12 / Ubuntu 24.04 when it is missing:
# libffi (to build), LLVM (22 by default; KERN_LLVM_VERSION=19 for the oldest supported
# one: not needed to build, Kern loads it when the first kernel compiles, and its
# llvm-config tells Kern where it is), and tmux (for the REPL's terminal test).
set -euo pipefail
version="${KERN_LLVM_VERSION:-22}"
need=()
command -v "llvm-config-$version" >/dev/null 2>&1 || need+=("llvm-$version-dev")
[ -f /usr/include/x86_64-linux-gnu/ffi.h ] || [ -f /usr/include/ffi.h ] || need+=("libffi-dev")
# tmux: the REPL's real-terminal test drives `kernelc repl` through it.
command -v tmux >/dev/null 2>&1 || need+=("tmux")
# Open MPI, only for `make test-mpi` (KERN_WITH_MPI=1): Kern opens libmpi at run time.
if [ "${KERN_WITH_MPI:-0}" = 1 ]; then
  command -v mpirun >/dev/null 2>&1 || need+=("openmpi-bin")
  [ -f /usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h ] || [ -f /usr/include/mpi.h ] \
    || need+=("libopenmpi-dev")
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing: ${need[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
