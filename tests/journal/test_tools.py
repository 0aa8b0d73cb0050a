"""The double-entry export read by the auditors' own tools: Debian's ledger,
hledger and beancount (bean-check, bean-query) must accept the books, and
their balances of the chart's accounts must be `sifund statement`'s figures
to the öre: on the Örebro example and on a generated history of 100 000
events (marked slow)."""
import csv
import io
import json
import os
import re
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from conftest import ORBRO, run

# Statement figure -> (account whose subtree balance it is, sign): fund/books.hpp.
FIGURES = {
    "cash": ("Assets:Fund:Cash", 1),
    "capital_contributed": ("Equity:Capital:Contributed", -1),
    "allocations": ("Income:Allocations", -1),
    "repayments": ("Income:Repayments", -1),
    "disbursed": ("Assets:Grants", 1),
    "written_off": ("Expenses:WriteOffs", 1),
    "obligations_outstanding": ("Assets:Obligations", 1),
    "committed_undisbursed": ("Assets:Memo:Commitments", 1),
}
PER_GRANT = {"disbursed": ("Assets:Grants", 1), "repaid": ("Income:Repayments", -1),
             "written_off": ("Expenses:WriteOffs", 1)}
ENV = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}


def component(grant):
    """A grant id as an account component, as fund/books.hpp names it."""
    valid = re.fullmatch(r"[A-Z0-9][A-Za-z0-9-]*", grant) and not grant.startswith("0x")
    return grant if valid else "0x" + grant.encode("utf-8").hex().upper()


def subtrees(balances):
    """Every account and every parent of one, with the sum of its subtree."""
    totals = defaultdict(Decimal)
    for account, amount in balances.items():
        parts = account.split(":")
        for n in range(1, len(parts) + 1):
            totals[":".join(parts[:n])] += amount
    return totals


def sek(text):
    """'-1234.50 SEK' (or a bare '0') as a Decimal; any other currency fails."""
    parts = text.strip().split()
    assert len(parts) in (1, 2) and (len(parts) == 1 or parts[1] == "SEK"), f"not an amount in SEK: {text!r}"
    assert len(parts) == 2 or Decimal(parts[0]) == 0, f"an amount without its currency: {text!r}"
    return Decimal(parts[0])


def compare(balances, st, tool):
    """The tool's balances against the statement: every figure, every grant, and the books sum to zero."""
    totals = subtrees(balances)
    for key, (account, sign) in FIGURES.items():
        assert sign * totals[account] == Decimal(st[key]), f"{tool}: {key} ({account})"
    assert -totals["Liabilities:Memo:Commitments"] == Decimal(st["committed_undisbursed"]), tool
    assert sum(balances.values(), Decimal(0)) == 0, f"{tool}: the books do not sum to zero"
    for g in st["grants"]:
        for key, (account, sign) in PER_GRANT.items():
            assert sign * totals[f"{account}:{component(g['grant'])}"] == Decimal(g[key]), f"{tool}: {g['grant']} {key}"
        committed = Decimal(g["approved"]) - Decimal(g["disbursed"]) if g["status"] != "closed" else 0
        assert -totals[f"Liabilities:Memo:Commitments:{component(g['grant'])}"] == committed, f"{tool}: {g['grant']}"


def ledger_balances(path, *args):
    _, out, err = run("-f", path, "balance", "--flat", "--no-total", *args, "--balance-format",
                      "%(account)\t%(scrub(display_total))\n", tool="ledger", check=0)
    assert err == "", err
    balances = {}
    for line in out.splitlines():
        account, amount = line.split("\t")
        balances[account] = sek(amount)
    return balances


def hledger_balances(path, *args):
    _, out, err = run("-f", path, "balance", "--flat", *args, "-O", "csv", tool="hledger", check=0)
    assert err == "", err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["account", "balance"], rows[:2]
    return {account: sek(amount) for account, amount in rows[1:] if account != "total"}


def beancount_balances(path):
    # sum(number), not sum(position): bean-query 2.3.5 cannot render a position
    # of a billion or more (decimal.InvalidOperation), and still exits 0.
    _, out, err = run("-f", "csv", path, "SELECT account, currency, sum(number) AS balance GROUP BY account, currency",
                      tool="bean-query", check=0, env=ENV)
    assert "Traceback" not in out + err, out[-2000:] + err[-2000:]
    rows = list(csv.reader(io.StringIO(out)))
    assert [c.strip() for c in rows[0]] == ["account", "currency", "balance"], rows[:2]
    balances = {}
    for account, currency, amount in rows[1:]:
        assert currency.strip() == "SEK", (account, currency)
        balances[account.strip()] = Decimal(amount.strip())
    return balances


class Books:
    """A store, its statement after the last event, and its three exports."""

    def __init__(self, tmp, db):
        self.db = db
        self.files = {}
        for fmt, suffix in (("ledger", "ledger"), ("beancount", "beancount"), ("csv", "csv")):
            path = tmp / f"books.{suffix}"
            _, out, _ = run("export", db, "--format", fmt, check=0)
            path.write_text(out, encoding="utf-8")
            self.files[fmt] = path
        _, events, _ = run("export", db, "--format", "jsonl", check=0)
        dates = [json.loads(line)["date"] for line in events.splitlines()]
        with open(self.files["csv"], newline="", encoding="utf-8") as f:
            self.rows = list(csv.DictReader(f))
        dates += [r["date"] for r in self.rows]
        self.after = (date.fromisoformat(max(dates)) + timedelta(days=1)).isoformat()
        self.statement = self.statement_on(self.after)

    def statement_on(self, as_of):
        _, out, _ = run("statement", self.db, "--as-of", as_of, "--format", "json", check=0)
        return json.loads(out)


# Örebro in 2024: a grant whose id is no account name ("g_2024.01"), still
# open at the end (so something is committed), and text that needs quoting.
ORBRO_2024 = [
    {"type": "application.submitted", "date": "2024-01-10", "actor": "vof", "application": "A-2024-01",
     "title": "Trygg hemma", "applicants": ["vof", "kof"], "focus_area": "aldre", "target_group": "80+ living at home",
     "evidence": "promising", "requested": "2000000.00", "budget": {"2024": "1000000.00", "2025": "1000000.00"},
     "start": "2024-03-01", "end": "2025-12-31", "co_financing": "300000.00",
     "indicators": [{"name": "falls per 1000", "baseline": "40", "target": "32"}],
     "expected_savings": [{"unit": "vof", "budget_year": 2026, "amount": "1500000.00"}],
     "evaluation": {"method": "difference-in-differences", "evaluator": "Örebro universitet"}},
    {"type": "grant.decided", "date": "2024-02-20", "actor": "ks-chair", "grant": "g_2024.01", "application": "A-2024-01",
     "amount": "2000000.00", "tranches": [{"date": "2024-03-01", "amount": "1000000.00"},
                                          {"date": "2025-01-15", "amount": "1000000.00"}],
     "body": "ks", "decision": "KSO 2024-02-20 nr 3; \"Trygg hemma\", delegation"},
    {"type": "grant.disbursed", "date": "2024-03-01", "actor": "finance", "grant": "g_2024.01", "amount": "1000000.00"},
    {"type": "capital.contributed", "date": "2024-04-01", "actor": "finance", "amount": "1000000.00",
     "source": "surplus \"2023\", as decided", "decision": "KF 2024-03-26 §50"},
]


def write_jsonl(path, objects):
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), encoding="utf-8")
    return path


@pytest.fixture(scope="module", params=["orebro", "orebro-2024", pytest.param("generated", marks=pytest.mark.slow)])
def books(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    db = tmp / "fund.db"
    run("init", db, check=0)
    if request.param == "generated":
        history = tmp / "h.jsonl"
        _, out, _ = run(100000, tool=os.environ["SIFUND_GENERATE"], check=0)
        history.write_text(out, encoding="utf-8")
    else:
        history = ORBRO
    run("apply", db, history, "--recorded-at", "2024-01-15T09:00:00Z", check=0)
    if request.param == "orebro-2024":
        run("apply", db, write_jsonl(tmp / "2024.jsonl", ORBRO_2024), "--recorded-at", "2024-05-01T09:00:00Z", check=0)
    return Books(tmp, db)


def test_the_csv_has_one_row_a_posting_and_every_transaction_balances(books):
    header = books.files["csv"].read_text(encoding="utf-8").splitlines()[0]
    assert header == "seq,date,type,subject,account,amount,currency"
    by_seq = defaultdict(Decimal)
    balances = defaultdict(Decimal)
    for r in books.rows:
        assert r["currency"] == "SEK"
        assert Decimal(r["amount"]) != 0 and Decimal(r["amount"]).as_tuple().exponent == -2, r
        by_seq[r["seq"]] += Decimal(r["amount"])
        balances[r["account"]] += Decimal(r["amount"])
    assert by_seq and all(total == 0 for total in by_seq.values())
    compare(balances, books.statement, "csv")


def test_ledger_balances_are_the_statement(books):
    compare(ledger_balances(books.files["ledger"]), books.statement, "ledger")


def test_hledger_balances_are_the_statement(books):
    compare(hledger_balances(books.files["ledger"]), books.statement, "hledger")


def test_bean_check_accepts_the_books(books):
    _, out, err = run("-C", books.files["beancount"], tool="bean-check", check=0, env=ENV)
    assert out.strip() == "" and err.strip() == "", out + err


def test_beancount_balances_are_the_statement(books):
    compare(beancount_balances(books.files["beancount"]), books.statement, "bean-query")


def test_ledger_and_hledger_agree_with_the_statement_at_every_year_end(books):
    if books.statement["fund"] != "orebro-sif":
        pytest.skip("year ends on the Örebro example only")
    for year in range(2013, int(books.after[:4]) + 1):
        st = books.statement_on(f"{year}-12-31")
        end = f"{year + 1}-01-01"  # an --end date is exclusive
        compare(ledger_balances(books.files["ledger"], "--end", end), st, f"ledger {year}")
        compare(hledger_balances(books.files["ledger"], "--end", end), st, f"hledger {year}")


def test_an_odd_grant_id_is_an_account_name_in_every_tool(books):
    if "g_2024.01" not in {g["grant"] for g in books.statement["grants"]}:
        pytest.skip("the 2024 batch only")
    assert Decimal(books.statement["committed_undisbursed"]) == Decimal("1000000.00")
    text = books.files["ledger"].read_text(encoding="utf-8")
    assert re.search(r"\n    Assets:Grants:0x675F323032342E3031 +1000000\.00 SEK\n", text)
    assert "g_2024.01" in text  # the id itself is in the payee


@pytest.mark.xfail(reason="a stored event.reversed loses the seq it reverses: the event's own seq overwrites the "
                          "command's field of the same name (ledger/event.hpp), and the store can no longer be read",
                   raises=AssertionError, strict=False)
def test_reversals_reach_the_tools(tmp_path):
    db = tmp_path / "fund.db"
    run("init", db, check=0)
    run("apply", db, ORBRO, "--recorded-at", "2024-01-15T09:00:00Z", check=0)
    batch = ORBRO_2024 + [
        {"type": "grant.disbursed", "date": "2024-03-10", "actor": "finance", "grant": "g_2024.01", "amount": "500000.00"},
        {"type": "event.reversed", "date": "2024-03-15", "actor": "finance", "seq": 205, "reason": "paid ahead of plan"},
    ]
    run("apply", db, write_jsonl(tmp_path / "b.jsonl", batch), "--recorded-at", "2024-05-01T09:00:00Z", check=0)
    books = Books(tmp_path, db)
    assert [r["seq"] for r in books.rows if r["type"] == "event.reversed"] == ["206"] * 4
    compare(ledger_balances(books.files["ledger"]), books.statement, "ledger")
    compare(hledger_balances(books.files["ledger"]), books.statement, "hledger")
    run("-C", books.files["beancount"], tool="bean-check", check=0, env=ENV)
    compare(beancount_balances(books.files["beancount"]), books.statement, "bean-query")
