#!/usr/bin/env bash
# Installs what `npm start` and `npm test` need and is missing; idempotent, fast when all is present.
# Debian packages come from apt (as root, or through sudo); npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# package -> a file that proves it is installed (checking files is much faster than asking dpkg)
declare -A apt_probe=(
  [libeigen3-dev]=/usr/include/eigen3/Eigen/Core
  [nlohmann-json3-dev]=/usr/include/nlohmann/json.hpp
  [catch2]=/usr/include/catch2/catch.hpp
  [ninja-build]=/usr/bin/ninja
  [emscripten]=/usr/bin/em++
  [chromium]=/usr/bin/chromium
  # the exported PyTorch / NumPy scripts are run by a test (python3-torch: about 2.5 minutes to install)
  [python3-numpy]=/usr/lib/python3/dist-packages/numpy/__init__.py
  [python3-torch]=/usr/lib/python3/dist-packages/torch/__init__.py
)
missing=()
for pkg in "${!apt_probe[@]}"; do
  [ -e "${apt_probe[$pkg]}" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  # Debian's emscripten depends on Debian's nodejs (v18), whose /usr/bin/node would overwrite a Node
  # put there by hand (npm 11 and Vite need Node 20). Divert the package's copy to node.debian instead.
  keep_node="if [ -e /usr/bin/node ] && ! dpkg -S /usr/bin/node >/dev/null 2>&1; then dpkg-divert --local --no-rename --divert /usr/bin/node.debian --add /usr/bin/node; fi"
  cmd="$keep_node; apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    bash -c "$cmd"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo bash -c "$cmd"
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run this once as root, then try again:" >&2
    echo "  sudo bash -c '$cmd'" >&2
    exit 1
  fi
fi

# npm packages: install when node_modules is absent or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
