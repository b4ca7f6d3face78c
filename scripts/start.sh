#!/usr/bin/env bash
# npm start: set up, build, and run. Until the page exists this builds and runs the native CLI demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh
if [ -x build/native-release/mc ]; then
  build/native-release/mc demo
else
  echo "start: the engine and its tests are built (build/native-release); the CLI and the page come next."
fi
