#!/usr/bin/env bash
# npm run bench: training speed. Not part of npm test (timings depend on the machine).
#   1. native: builds tests/bench/*.cpp in Release (its own build folder) and runs each executable;
#   2. every tests/bench/*.mjs (e.g. the WASM and TF.js comparisons), run with node, if any exist.
# Every benchmark prints readable lines plus "BENCH <workload> <engine-variant> <steps/s>" lines that
# the summary at the end collects; a new benchmark only has to print such lines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build=build/bench-release
rounds=${BENCH_ROUNDS:-5}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMC_BUILD_TESTS=OFF >/dev/null
targets=()
for src in tests/bench/*.cpp; do targets+=("$(basename "$src" .cpp)"); done
cmake --build "$build" -j2 --target "${targets[@]}"

for t in "${targets[@]}"; do
  echo "== $t (native, Release)"
  "$build/$t" "$rounds" | tee -a "$log"
done

shopt -s nullglob
bash scripts/build-wasm.sh; export MC_BENCH_LOG="$log"  # the wasm engine for tests/bench/wasm_bench.mjs, which reads the native figures from the log
for js in tests/bench/*.mjs; do
  echo "== $js (node)"
  node "$js" | tee -a "$log"
done

echo "== summary (steps/s; ratio to native-fused of the same workload)"
awk '$1 == "BENCH" && $3 !~ /allocs/ { rate[$2 " " $3] = $4; if ($3 == "native-fused") base[$2] = $4; order[++n] = $2 " " $3 }
     END { for (i = 1; i <= n; ++i) { split(order[i], k, " ");
             printf "  %-4s %-24s %12.0f  %s\n", k[1], k[2], rate[order[i]], (k[1] in base) ? sprintf("%.2f", rate[order[i]] / base[k[1]]) : "" } }' "$log"
