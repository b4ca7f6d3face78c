#!/usr/bin/env bash
# Configures (once) and builds the two WebAssembly modules with Debian's Emscripten, incrementally, and
# puts them into web/engine/ (generated, gitignored) beside their clients: mc_engine.{js,wasm} (the
# playground: training and the traced step; web/engine/client.js) and mc_calculator.{js,wasm} (the
# calculator with its closed forms, loaded on first use; web/engine/calculator_client.js).
#   scripts/build-wasm.sh [build-dir]      (default build/wasm-release, the wasm-release preset)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/wasm-release}
[ -f "$dir/build.ninja" ] || cmake --preset wasm-release -B "$dir" >/dev/null
cmake --build "$dir" -j2 --target mc_engine mc_calculator
for f in mc_engine.js mc_engine.wasm mc_calculator.js mc_calculator.wasm; do
  # cp only when changed, so the page's dev server does not reload for nothing
  cmp -s "$dir/$f" "web/engine/$f" || cp "$dir/$f" "web/engine/$f"
done
