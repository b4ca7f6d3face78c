#!/usr/bin/env bash
# npm run build: the wasm engine (scripts/build-wasm.sh -> web/engine/), then the page with Vite into
# dist/ -- the exact folder the GitHub Pages workflow deploys. Static files, relative URLs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh
npx --no-install vite build --config web/vite.config.js --logLevel warn
echo "build-web: dist/ is ready ($(find dist -type f | wc -l) files, $(du -sk dist | cut -f1) KB)"
