#!/usr/bin/env bash
# The cost of the Python bindings: applying N generated commands into a new
# SQLite store from Python, against `sifund apply` on the same file, in one
# run, interleaved, RUNS times each (median). Three ways:
#   cli         sifund init + sifund apply DB FILE
#   py-dicts    a Python script: read the file into dicts (json.loads a line),
#               then Fund(SqliteStore(DB)).apply(dicts): the path of commands built in Python
#   py-jsonl    a Python script: Fund(SqliteStore(DB)).apply_jsonl(FILE)
# Each Python figure is the whole process: interpreter start, import, reading,
# applying. The three stores must hold the same bytes of history (the exports
# are compared), so the figures are of the same work.
# Usage: benchmarks/python_apply.sh [N] (default 100000); RUNS=3; BUILD=dir
# (default build-release) with sifund_cli, sifund_generate and sifund_python built.
set -euo pipefail
n=${1:-100000}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build-release}
sifund=$build/src/cli/sifund
generate=$build/tests/support/sifund_generate
python=/usr/bin/python3
export PYTHONPATH=$build/python
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
at=2024-01-01T00:00:00Z  # one recording time for every run; a time ahead of the clock is refused

for tool in "$sifund" "$generate"; do
  [ -x "$tool" ] || { echo "build $tool first (cmake --build $build --target sifund_cli sifund_generate sifund_python)"; exit 2; }
done
$python -c "import sifund" 2>/dev/null || { echo "build the Python module first (cmake --build $build --target sifund_python)"; exit 2; }

"$generate" "$n" > "$work/history.jsonl"
commands=$(wc -l < "$work/history.jsonl")

cat > "$work/dicts.py" <<PY
import json, sys, sifund
with open(sys.argv[2], encoding="utf-8") as f:
    commands = [json.loads(line) for line in f if line.strip()]
sifund.Fund(sifund.SqliteStore(sys.argv[1])).apply(commands, recorded_at="$at")
PY
cat > "$work/jsonl.py" <<PY
import sys, sifund
sifund.Fund(sifund.SqliteStore(sys.argv[1])).apply_jsonl(sys.argv[2], recorded_at="$at")
PY

# run LABEL COMMAND...: appends the wall seconds of one run to $work/LABEL and
# its CPU seconds (user + system) to $work/LABEL.cpu: on a shared machine the
# CPU time moves less than the wall time.
run() {
  local label=$1; shift
  rm -f "$work/$label.db"
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > /dev/null
  awk '{print $1}' "$work/time" >> "$work/$label"
  awk '{print $2 + $3}' "$work/time" >> "$work/$label.cpu"
}
for ((i = 0; i < runs; i++)); do
  run cli sh -c "'$sifund' init '$work/cli.db' && '$sifund' apply '$work/cli.db' '$work/history.jsonl' --recorded-at $at"
  run py-dicts $python "$work/dicts.py" "$work/py-dicts.db" "$work/history.jsonl"
  run py-jsonl $python "$work/jsonl.py" "$work/py-jsonl.db" "$work/history.jsonl"
done

reference=$("$sifund" export "$work/cli.db" --format jsonl | sha256sum)
for label in py-dicts py-jsonl; do
  [ "$("$sifund" export "$work/$label.db" --format jsonl | sha256sum)" = "$reference" ] \
    || { echo "$label stored another history than the CLI"; exit 1; }
done

median() { sort -n "$work/$1" | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cli=$(median cli)
cli_cpu=$(median cli.cpu)
echo "$commands commands, $runs runs each (medians; the same history stored by all three)"
printf '%-10s %9s %7s %9s %7s   %s\n' way "wall s" "× cli" "CPU s" "× cli" "wall s of each run"
for label in cli py-dicts py-jsonl; do
  m=$(median $label)
  c=$(median $label.cpu)
  printf '%-10s %9.2f %7s %9.2f %7s   %s\n' "$label" "$m" "$(ratio "$m" "$cli")" "$c" "$(ratio "$c" "$cli_cpu")" \
    "$(tr '\n' ' ' < "$work/$label")"
done
