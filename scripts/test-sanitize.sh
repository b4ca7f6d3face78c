#!/usr/bin/env bash
# npm run test:sanitize: the whole native suite (every Catch2 test and the CLI) built with
# AddressSanitizer + UndefinedBehaviorSanitizer (g++, Debug at -O1: the native-sanitize preset) and run
# through ctest. Any sanitizer report fails the test that caused it (halt_on_error; see the preset).
# Incremental like build-native.sh: build/native-sanitize/ is kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f build/native-sanitize/build.ninja ] || cmake --preset native-sanitize >/dev/null
start=$(date +%s)
cmake --build --preset native-sanitize -j2
built=$(date +%s)
ctest --preset native-sanitize -j2 --timeout 600
echo "test:sanitize: build $((built - start)) s, tests $(( $(date +%s) - built )) s"
