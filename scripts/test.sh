#!/usr/bin/env bash
# Builds everything and runs every test: first an optimised build, then the
# fuzz targets for a bounded time, then the tests again under AddressSanitizer
# and UndefinedBehaviorSanitizer. A PostgreSQL server runs meanwhile for the
# tests that need one (scripts/postgres.sh).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SIFUND_ROOT"
install_packages

# A throwaway PostgreSQL server for the store and fault tests, stopped and
# removed however the run ends.
PG_DIR=$(mktemp -d /tmp/sifund-test-pg.XXXXXX)
stop_postgres() { "$SIFUND_ROOT/scripts/postgres.sh" stop "$PG_DIR" || true; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
echo "== starting PostgreSQL 15"
SIFUND_TEST_POSTGRES_URL=$("$SIFUND_ROOT/scripts/postgres.sh" start "$PG_DIR")
export SIFUND_TEST_POSTGRES_URL

echo "== build (RelWithDebInfo)"
# Optimised as a release is, without debug info (a third of the compile
# time); the benchmarks have their own scripts (benchmarks/README.md).
configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" \
  -DSIFUND_BUILD_BENCHMARKS=OFF
echo "== tests"
ctest --test-dir build --output-on-failure -j"$(nproc)"

echo "== fuzzing (libFuzzer, clang): each target for a bounded time"
"$SIFUND_ROOT/scripts/fuzz.sh" 10 build-fuzz

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
# Only the C++ tests of the core (money, time, JSON, stores, fund, auditor,
# the fuzz replays): the tests that drive the CLI, Python, Chromium or a
# compiler are labelled no_sanitize, and the journal, property and forecast
# tests (not built here: ctest lists the Catch2 ones as _NOT_BUILT) ran in
# the build above. Without debug info: the sanitizers name the functions.
configure_and_build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g0 -DSIFUND_SANITIZE=ON \
  -DSIFUND_BUILD_BENCHMARKS=OFF -DSIFUND_BUILD_EXAMPLES=OFF -- sifund_tests sifund_store_tests sifund_fund_tests \
  sifund_audit_tests sifund_money_oracle \
  sifund_fuzz_replay_command_json sifund_fuzz_replay_money_rate sifund_fuzz_replay_rulebook sifund_fuzz_replay_command_file
echo "== tests under sanitizers"
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -LE no_sanitize -E "_NOT_BUILT|^forecast\."
