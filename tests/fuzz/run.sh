#!/usr/bin/env bash
# Builds the libFuzzer targets (CMake preset "fuzz", clang) and runs each
# tests/fuzz/*_fuzz.cc target for a bounded time, seeded from tests/data (the
# seed dumps, the validation records and the bad-input battery). Exits non-zero if a target fails to build or finds a
# crash, leak, timeout or sanitizer report; the reproducer is written to
# build-fuzz/fuzz-artifacts/<target>/.
#
#   tests/fuzz/run.sh                 every target, 30 s each
#   FUZZ_SECONDS=300 tests/fuzz/run.sh json_fuzz
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${FUZZ_SECONDS:-30}
jobs=${FUZZ_BUILD_JOBS:-2}
build="$root/build-fuzz"

command -v clang++ >/dev/null || { echo "run.sh: clang++ not found (scripts/setup installs clang)" >&2; exit 2; }

targets=()
if [ $# -gt 0 ]; then
  targets=("$@")
else
  for f in "$root"/tests/fuzz/*_fuzz.cc; do
    [ -e "$f" ] && targets+=("$(basename "$f" .cc)")
  done
fi
[ ${#targets[@]} -gt 0 ] || { echo "run.sh: no fuzz targets" >&2; exit 2; }

# The fuzz preset (BUILD_TESTING off) configures the fuzz targets only.
(cd "$root" && cmake --preset fuzz >/dev/null)
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

seeds=()
[ -d "$root/tests/data" ] && seeds+=("$root/tests/data")

failed=()
for t in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  echo "== $t: ${secs}s" >&2
  if ! "$build/fuzz/$t" "$corpus" "${seeds[@]}" \
        -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        >"$build/fuzz-artifacts/$t.log" 2>&1; then
    echo "!! $t failed; log: $build/fuzz-artifacts/$t.log" >&2
    tail -n 40 "$build/fuzz-artifacts/$t.log" >&2
    failed+=("$t")
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz-artifacts/$t.log" >&2 || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${secs}s without findings" >&2
