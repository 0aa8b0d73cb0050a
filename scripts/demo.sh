#!/usr/bin/env bash
# The main job: the Örebro social investment fund, 2013-2023, on the embedded
# SQLite store. Builds sifund, records the fund's history from
# examples/orebro/fund.jsonl, prints where the fund stands, and ends with the
# auditors' re-check of the history and where its HTML report was written.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SIFUND_ROOT"
install_packages
configure_and_build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -- sifund_cli
sifund=./build/src/cli/sifund

out=build/demo
db=$out/orebro.db
mkdir -p "$out"
rm -f "$db"

echo
echo "== sifund init $db"
$sifund init "$db"
echo
echo "== sifund apply $db examples/orebro/fund.jsonl"
# The recording time is fixed so that the demo's hashes are the same on every run.
$sifund apply "$db" examples/orebro/fund.jsonl --recorded-at 2024-01-15T09:00:00Z
echo
echo "== sifund statement $db --as-of 2016-12-31   (the fund in its fourth year)"
$sifund statement "$db" --as-of 2016-12-31
echo
echo "== sifund statement $db --as-of 2023-12-31   (when the fund stopped taking new projects)"
$sifund statement "$db" --as-of 2023-12-31
echo
echo "== a grant above the rulebook's limit is refused, and nothing is stored"
cat > "$out/too-big.jsonl" <<'JSONL'
{"type":"application.submitted","date":"2024-02-01","actor":"vof","application":"A-2024-01","title":"Hemtagning efter sjukhusvistelse","applicants":["vof","sbf"],"focus_area":"aldre","evidence":"promising","requested":"12000000.00","start":"2024-03-01","end":"2026-02-28","co_financing":"1500000.00"}
{"type":"grant.decided","date":"2024-02-20","actor":"ks","grant":"G-2024-01","application":"A-2024-01","amount":"12000000.00","body":"ks","decision":"KS 2024-02-20 §40"}
JSONL
before=$(sha256sum "$db" | cut -d' ' -f1)
set +e
$sifund apply "$db" "$out/too-big.jsonl" --recorded-at 2024-02-21T09:00:00Z
code=$?
set -e
after=$(sha256sum "$db" | cut -d' ' -f1)
echo "exit code $code; store unchanged: $([ "$before" = "$after" ] && echo yes || echo NO)"
[ "$code" = 1 ] && [ "$before" = "$after" ]

echo
echo "== sifund audit $db --as-of 2023-12-31   (the auditors' re-check of the whole history)"
$sifund audit "$db" --as-of 2023-12-31
$sifund audit "$db" --as-of 2023-12-31 --format html --out "$out/audit.html"
echo "The audit report for the auditors (one self-contained HTML file): $SIFUND_ROOT/$out/audit.html"

echo
echo "== sifund forecast $db --until 2030   (will the fund last? 2 000 runs, seed 1)"
$sifund forecast "$db" --until 2030 --assumptions examples/orebro/assumptions.json --runs 2000 --seed 1
$sifund forecast "$db" --until 2030 --assumptions examples/orebro/assumptions.json --runs 2000 --seed 1 \
  --format svg > "$out/forecast.svg"
echo "The fan chart of free capital: $SIFUND_ROOT/$out/forecast.svg"
