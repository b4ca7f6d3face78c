#!/usr/bin/env bash
# Configures (once) and builds the WebAssembly engine with Debian's Emscripten, incrementally, and puts
# mc_engine.js + mc_engine.wasm into web/engine/ (generated, gitignored) beside client.js.
#   scripts/build-wasm.sh [build-dir]      (default build/wasm-release, the wasm-release preset)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/wasm-release}
[ -f "$dir/build.ninja" ] || cmake --preset wasm-release -B "$dir" >/dev/null
cmake --build "$dir" -j2 --target mc_engine
for f in mc_engine.js mc_engine.wasm; do
  # cp only when changed, so the page's dev server does not reload for nothing
  cmp -s "$dir/$f" "web/engine/$f" || cp "$dir/$f" "web/engine/$f"
done
