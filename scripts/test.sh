#!/usr/bin/env bash
# Builds everything and runs every test: first an optimised build, then the
# same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SIFUND_ROOT"
install_packages

echo "== build (RelWithDebInfo)"
configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
echo "== tests"
ctest --test-dir build --output-on-failure -j"$(nproc)"

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
configure_and_build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DSIFUND_SANITIZE=ON -DSIFUND_BUILD_BENCHMARKS=OFF
echo "== tests under sanitizers"
ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)" -LE no_sanitize
