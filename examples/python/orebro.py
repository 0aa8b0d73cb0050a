#!/usr/bin/python3
"""The Örebro fund from Python: load the example, print where it stands, audit it, and
plot its free capital over time.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/orebro.py
    PYTHONPATH=build/python /usr/bin/python3 examples/python/orebro.py --db orebro.db --png free_capital.png

The commands of examples/orebro/fund.jsonl go into a store (in memory, or the SQLite file
--db names, created when missing and filled only when empty), the statement as of --as-of is
printed, the auditor re-checks the whole history, and the free capital at each quarter's end
is drawn to a PNG with matplotlib (Debian's python3-matplotlib) when it is installed, or
printed as a table when it is not. Exit 0, or 1 when the audit finds an error.
"""
import argparse
import sys
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import sifund

HERE = Path(__file__).resolve().parent
COMMANDS = HERE.parent / "orebro" / "fund.jsonl"


def quarter_ends(first: date, last: date):
    """31 March, 30 June, 30 September, 31 December from `first`'s year up to `last`."""
    ends = [date(y, m, d) for y in range(first.year, last.year + 1) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]
    return [e for e in ends if first <= e <= last]


def load(db):
    store = sifund.SqliteStore(db) if db else sifund.MemoryStore()
    fund = sifund.Fund(store)
    if len(fund) == 0:
        # One recording time for the whole file, as a finance office entering its history today would.
        applied = fund.apply(sifund.read_jsonl(COMMANDS), recorded_at=datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc))
        print(f"applied {COMMANDS.name}: events {applied.first_seq}-{applied.last_seq} in {store.describe()}")
    else:
        print(f"{store.describe()} already holds {len(fund)} events; reading them")
    return fund


def plot(points, path):
    """Free capital by quarter, in MSEK, as a PNG. False when matplotlib is not installed."""
    try:
        import matplotlib
        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    days = [d for d, _ in points]
    # Floats only for drawing: the figures themselves stay exact Money.
    msek = [float(m.to_decimal() / Decimal(1_000_000)) for _, m in points]
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.plot(days, msek, marker=".", color="#1f5f8b")
    ax.fill_between(days, msek, alpha=0.15, color="#1f5f8b")
    ax.set_title("Örebro sociala investeringsfond: free capital at each quarter's end")
    ax.set_ylabel("MSEK")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a SQLite file to keep the fund in (default: in memory)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2023, 12, 31))
    parser.add_argument("--png", default="orebro_free_capital.png", help="where to draw free capital over time")
    args = parser.parse_args(argv)

    fund = load(args.db)

    statement = fund.statement(as_of=args.as_of)
    print()
    print(statement)

    report = sifund.Auditor(as_of=args.as_of).audit(fund.store)
    print("Audit")
    for finding in report.findings:
        print(f"  {finding.severity}  {finding.id}: {finding.message}")
    print(f"  {report.events} events: {report.count(sifund.Severity.error)} error(s), "
          f"{report.count(sifund.Severity.warning)} warning(s), {report.count(sifund.Severity.note)} note(s)")

    first = min(date.fromisoformat(e["date"]) for e in fund.events())
    ends = quarter_ends(first, args.as_of)
    points = [(s.as_of, s.free_capital) for s in fund.statements(ends)]
    print()
    if plot(points, args.png):
        print(f"free capital over time: {args.png}")
    else:
        print("matplotlib is not installed (Debian: apt-get install python3-matplotlib); free capital at year end:")
        for day, free in points:
            if day.month == 12:
                print(f"  {day}  {free.to_swedish():>20}")
    return 1 if report.has_errors else 0


if __name__ == "__main__":
    sys.exit(main())
