#!/usr/bin/env bash
# Side by side, in one run: sifund against the auditors' own tools on the same
# books. Generates a history of N commands, records it in a SQLite store,
# exports the books (ledger and beancount formats), then times and measures
# the peak memory of
#   sifund statement (open, verify the chain, fold, state)   sifund audit
#   ledger bal    hledger bal    bean-check
# Usage: benchmarks/compare.sh [N] (default 100000); needs a built tree in
# build-release (or BUILD=dir) and Debian's ledger, hledger and beancount.
set -euo pipefail
n=${1:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build-release}
sifund=$build/src/cli/sifund
generate=$build/tests/support/sifund_generate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BEANCOUNT_DISABLE_LOAD_CACHE=1

for tool in "$sifund" "$generate"; do
  [ -x "$tool" ] || { echo "build $tool first (cmake --build $build --target sifund_cli sifund_generate)"; exit 2; }
done
for tool in ledger hledger bean-check; do
  command -v $tool >/dev/null || { echo "$tool is not installed (apt-get install ledger hledger beancount)"; exit 2; }
done

"$generate" "$n" > "$work/history.jsonl"
"$sifund" init "$work/fund.db" >/dev/null
# Recorded now: a recording time ahead of the clock is refused (ledger.recorded_in_future).
"$sifund" apply "$work/fund.db" "$work/history.jsonl" >/dev/null
events=$("$sifund" export "$work/fund.db" --format jsonl | wc -l)
"$sifund" export "$work/fund.db" --format ledger > "$work/books.ledger"
"$sifund" export "$work/fund.db" --format beancount > "$work/books.beancount"
transactions=$(grep -c '^[0-9]' "$work/books.ledger" || true)

# measure LABEL COMMAND...: wall seconds and peak resident memory (MB)
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || {
    # an audit with findings exits 1; anything else is a failure
    [ "$label" = "sifund audit" ] || { echo "$label failed:"; cat "$work/err"; exit 2; }
  }
  read -r seconds kb < "$work/time"
  printf '%s\t%s\t%s\n' "$label" "$seconds" "$((kb / 1024))"
}

{
  measure "sifund statement" "$sifund" statement "$work/fund.db" --as-of 2199-12-31 --format json
  measure "sifund audit" "$sifund" audit "$work/fund.db" --as-of 2199-12-31 --format json
  measure "ledger bal --flat" ledger -f "$work/books.ledger" bal --flat
  measure "hledger bal --flat" hledger -f "$work/books.ledger" bal --flat
  measure "bean-check" bean-check "$work/books.beancount"
} > "$work/results"

base=$(awk -F'\t' '$1 == "sifund statement" { print $2 }' "$work/results")
echo "history: $n commands, $events events, $transactions transactions in the exported books"
printf '%-18s %10s %10s %14s\n' tool seconds "peak MB" "× sifund stmt"
awk -F'\t' -v base="$base" '{ printf "%-18s %10.2f %10d %14.1f\n", $1, $2, $3, (base > 0 ? $2 / base : 0) }' "$work/results"
