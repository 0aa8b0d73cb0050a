#!/usr/bin/env bash
# The main job: build sifund and run the demonstration.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SIFUND_ROOT"
install_packages
configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -- sifund_money_demo
./build/examples/sifund_money_demo
