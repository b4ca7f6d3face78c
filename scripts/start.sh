#!/usr/bin/env bash
# npm start: set up, build the engine and the page, and serve dist/ on 127.0.0.1 (under a sub-path,
# as GitHub Pages does). PORT=... picks the port (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-web.sh
exec node scripts/serve.mjs --root dist --base /mc-playground/ --port "${PORT:-8080}"
