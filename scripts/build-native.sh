#!/usr/bin/env bash
# Configures (once) and builds the native engine, tests, CLI and benchmarks, incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-native-release}
[ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
