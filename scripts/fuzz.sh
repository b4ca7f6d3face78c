#!/usr/bin/env bash
# Builds one libFuzzer target of tests/fuzz with clang (AddressSanitizer + UndefinedBehaviorSanitizer)
# and runs it for a bounded time on one core. Not part of npm test.
#
#   scripts/fuzz.sh NAME [seconds=60] [extra libFuzzer flags...]     (npm run fuzz -- NAME 600)
#
# NAME is a target of tests/fuzz: NAME_fuzz.cpp, seeds in tests/fuzz/corpus/NAME/, dictionary
# tests/fuzz/NAME.dict; a line "// libFuzzer flags: ..." in the source adds flags (e.g. -max_len).
# Build: build/fuzz/ (the library and every target, incremental); working corpus build/fuzz/corpus/NAME/.
# A crash, a sanitizer report or a broken property leaves the input in build/fuzz/artifacts/NAME/ and
# makes this script exit non-zero; replay it with build/fuzz/fuzz_NAME <file>.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:-}"
seconds="${2:-60}"
targets="$(cd "$root/tests/fuzz" && ls ./*_fuzz.cpp | sed 's|^\./||; s|_fuzz\.cpp$||' | tr '\n' ' ')"
if [[ -z "$name" || ! -f "$root/tests/fuzz/${name}_fuzz.cpp" ]]; then
  echo "usage: $0 NAME [seconds] [libFuzzer flags...]; NAME is one of: $targets" >&2
  exit 2
fi
case "$seconds" in ''|*[!0-9]*) echo "usage: $0 NAME [seconds] [libFuzzer flags...]" >&2; exit 2 ;; esac
shift $(( $# >= 2 ? 2 : 1 ))

cxx="${CXX_FUZZ:-clang++-14}"
command -v "$cxx" >/dev/null || cxx=clang++
command -v "$cxx" >/dev/null || { echo "fuzz: clang++ is missing; run: sudo apt-get install -y clang-14" >&2; exit 1; }
out="$root/build/fuzz"
if [ ! -f "$out/build.ninja" ]; then
  cmake -S "$root" -B "$out" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug -DMC_FUZZ=ON \
    -DMC_BUILD_TESTS=OFF -DMC_WERROR=OFF \
    -DCMAKE_CXX_FLAGS="-O1 -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
fi
echo "fuzz: building fuzz_$name with $cxx (sanitizers: address, undefined)"
cmake --build "$out" -j2 --target "fuzz_$name"

corpus="$out/corpus/$name"
artifacts="$out/artifacts/$name"
mkdir -p "$corpus" "$artifacts"
cp -n "$root/tests/fuzz/corpus/$name"/* "$corpus/" 2>/dev/null || true
flags=(-max_len=4096)
extra="$(sed -n 's|^// libFuzzer flags: ||p' "$root/tests/fuzz/${name}_fuzz.cpp" | head -1)"
[ -n "$extra" ] && read -r -a flags <<< "$extra"
dict=()
[ -f "$root/tests/fuzz/$name.dict" ] && dict=(-dict="$root/tests/fuzz/$name.dict")

echo "fuzz: running fuzz_$name for ${seconds}s on one core"
start=$(date +%s)
status=0
log="$out/last-$name.log"
"$out/fuzz_$name" "$corpus" "${dict[@]}" "${flags[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" > "$log" 2>&1 || status=$?
end=$(date +%s)
grep -v '^#[0-9]' "$log" | tail -40 || true  # the full output: $log
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
if (( status == 0 )); then
  echo "fuzz: $name clean: ${runs:-?} inputs run in $((end - start)) s ($(ls "$corpus" | wc -l) inputs in the corpus)"
else
  echo "fuzz: $name FAILED after $((end - start)) s (exit $status); inputs in $artifacts/" >&2
fi
exit "$status"
