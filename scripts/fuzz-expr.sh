#!/usr/bin/env bash
# Builds the calculator's libFuzzer target with clang (address + undefined-behaviour sanitizers) and runs
# it for a bounded time. Not part of npm test.
#
#   scripts/fuzz-expr.sh [seconds=60] [extra libFuzzer flags...]
#
# Build and working corpus: build/fuzz-expr/ (seeds from tests/fuzz/corpus). A crash, a sanitizer report
# or a broken property (see tests/fuzz/expr_fuzz.cpp) leaves the input in build/fuzz-expr/artifacts/
# and makes this script exit non-zero; replay it with build/fuzz-expr/expr_fuzz <file>.
set -euo pipefail

seconds="${1:-60}"
shift || true
case "$seconds" in ''|*[!0-9]*) echo "usage: $0 [seconds] [libFuzzer flags...]" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/fuzz-expr"
cxx="${CXX_FUZZ:-clang++-14}"
command -v "$cxx" >/dev/null || cxx=clang++
flags=(-std=c++17 -O1 -g -fno-omit-frame-pointer -I"$root/engine" -isystem /usr/include/eigen3 -DMC_WITH_SYMBOLIC=1
       -fsanitize=address,undefined -fno-sanitize-recover=undefined)
mkdir -p "$out/obj" "$out/corpus" "$out/artifacts"

# Engine sources the calculator needs: core, ops, autodiff, expr, trace, symbolic and the api facade's calculator.
# Rebuilt when the source is newer.
sources=("$root"/engine/core/*.cpp "$root"/engine/ops/*.cpp "$root"/engine/autodiff/*.cpp "$root"/engine/expr/*.cpp
         "$root"/engine/trace/*.cpp "$root"/engine/symbolic/*.cpp "$root"/engine/api/calculator.cpp)
compile() {  # compile <source>: one object, skipped when up to date (headers: delete build/fuzz-expr)
  local src="$1" obj
  obj="$out/obj/$(echo "${src#"$root"/}" | tr '/' '_').o"
  if [[ ! -f "$obj" || "$src" -nt "$obj" ]]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
  fi
}
echo "fuzz-expr: compiling ${#sources[@]} engine sources with $cxx (sanitizers: address, undefined)"
for src in "${sources[@]}"; do compile "$src" & 
  while (( $(jobs -rp | wc -l) >= 2 )); do wait -n; done
done
wait
"$cxx" "${flags[@]}" -fsanitize=fuzzer "$root/tests/fuzz/expr_fuzz.cpp" "$out"/obj/*.o -o "$out/expr_fuzz"

cp -n "$root"/tests/fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
echo "fuzz-expr: running for ${seconds}s"
start=$(date +%s)
status=0
"$out/expr_fuzz" "$out/corpus" -dict="$root/tests/fuzz/expr.dict" -max_total_time="$seconds" -max_len=1024 \
  -timeout=20 -rss_limit_mb=2048 -artifact_prefix="$out/artifacts/" -print_final_stats=1 "$@" || status=$?
end=$(date +%s)
if (( status == 0 )); then
  echo "fuzz-expr: no crash in $((end - start)) s ($(ls "$out/corpus" | wc -l) inputs in the corpus)"
else
  echo "fuzz-expr: FAILED after $((end - start)) s (exit $status); inputs in $out/artifacts/" >&2
fi
exit "$status"
