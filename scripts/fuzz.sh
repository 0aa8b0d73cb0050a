#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (Debian's) and runs
# each for a bounded time from its committed seeds. A crash fails the run and
# leaves the input in BUILD/artifacts/: fix the bug, then commit the input as
# tests/fuzz/regressions/TARGET/NAME so that the replay test keeps it.
#
#   scripts/fuzz.sh [SECONDS_EACH] [BUILD_DIR]     (defaults: 25, build-fuzz)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SIFUND_ROOT"
seconds=${1:-25}
build=${2:-build-fuzz}

configure_and_build "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSIFUND_FUZZ=ON \
  -DSIFUND_BUILD_TESTS=OFF -DSIFUND_BUILD_BENCHMARKS=OFF -DSIFUND_BUILD_EXAMPLES=OFF \
  -- sifund_fuzz_command_json sifund_fuzz_money_rate sifund_fuzz_rulebook sifund_fuzz_command_file

mkdir -p "$build/artifacts"
status=0
for target in command_json money_rate rulebook command_file; do
  work="$build/corpus/$target"  # grows run to run; the seeds stay as committed
  mkdir -p "$work"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
        -artifact_prefix="$build/artifacts/$target-")
  [ -f "tests/fuzz/$target.dict" ] && args+=(-dict="tests/fuzz/$target.dict")
  echo "== fuzzing $target for ${seconds}s"
  if ! "$build/tests/fuzz/sifund_fuzz_$target" "${args[@]}" "$work" "tests/fuzz/corpus/$target" \
      >"$build/fuzz-$target.log" 2>&1; then
    status=1
    tail -40 "$build/fuzz-$target.log"
    echo "fuzz: $target crashed; the input is in $build/artifacts/ (commit it under tests/fuzz/regressions/$target/ with the fix)" >&2
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz-$target.log" | tr '\n' ' '; echo
  fi
done
exit $status
