#!/bin/sh
# Builds and runs the config load benchmark (see config_load.cpp for what it measures).
# Usage: tests/bench/config_load.sh [preset] [benchmark options, e.g. --runs 9 --services 1000]
# Exit status: 0 targets met, 3 a target missed, other values errors.
set -eu
preset=ci
case "${1:-}" in -*|"") ;; *) preset=$1; shift ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target config_load >/dev/null
exec "build/$preset/tests/bench/config_load" "$@"
