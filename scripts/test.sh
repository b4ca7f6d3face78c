#!/usr/bin/env bash
# npm test: set up, build natively, run every Catch2 test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh
ctest --preset native-release -j2 --timeout 300
# WASM engine: build it into web/engine/, then the node tests (parity with the native CLI built above).
bash scripts/build-wasm.sh
node --test tests/node/
# Browser tests: build the deployable page (wasm engine + Vite -> dist/), then headless Chromium.
bash scripts/build-web.sh && node --test --test-concurrency=1 tests/browser/
