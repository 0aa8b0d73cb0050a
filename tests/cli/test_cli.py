"""sifund's command line on the Örebro example: what a finance office and an
auditor see, and what happens to bad input."""
import hashlib
import json
import os
import subprocess
from decimal import Decimal

import pytest

from conftest import ORBRO, ROOT, digest, run, write_jsonl

STATEMENT_KEYS = {"capital_contributed", "allocations", "repayments", "disbursed", "written_off", "cash",
                  "committed_undisbursed", "free_capital", "obligations_outstanding", "obligations_overdue", "grants"}
GRANT_KEYS = {"grant", "status", "approved", "disbursed", "repaid", "obligation", "written_off", "focus_area"}


def statement(db, *args):
    _, out, _ = run("statement", db, "--format", "json", *args, check=0)
    return json.loads(out)


def test_init_refuses_an_existing_store(store):
    code, _, err = run("init", store)
    assert code == 2
    assert "store.exists" in err


def test_apply_to_a_missing_store_is_refused(tmp_path):
    code, _, err = run("apply", tmp_path / "nope.db", ORBRO)
    assert code == 2
    assert "sifund init" in err
    assert not (tmp_path / "nope.db").exists()


def test_the_orebro_statement_agrees_with_the_independent_checker(orebro):
    # examples/orebro/check_example.py recomputes the fund from the file with
    # Python's decimal, knowing nothing of sifund.
    p = subprocess.run(["/usr/bin/python3", str(ROOT / "examples/orebro/check_example.py"), "--json"],
                       capture_output=True, text=True, cwd=ROOT / "examples/orebro")
    assert p.returncode == 0, p.stderr
    expected = json.loads(p.stdout)
    st = statement(orebro, "--as-of", "2023-12-31")
    assert STATEMENT_KEYS <= st.keys()
    for key in ("capital_contributed", "allocations", "repayments", "disbursed", "written_off", "cash",
                "committed_undisbursed", "free_capital", "obligations_outstanding"):
        assert Decimal(st[key]) == Decimal(expected[key]), key
    assert all(GRANT_KEYS <= g.keys() for g in st["grants"])


def test_statement_balances_on_every_year_end(orebro):
    for year in range(2013, 2025):
        st = statement(orebro, "--as-of", f"{year}-12-31")
        money = {k: Decimal(v) for k, v in st.items() if k in STATEMENT_KEYS - {"grants"}}
        assert money["cash"] == money["capital_contributed"] + money["allocations"] + money["repayments"] - money["disbursed"]
        assert money["free_capital"] == money["cash"] - money["committed_undisbursed"]
        assert sum(Decimal(g["approved"]) - Decimal(g["disbursed"]) for g in st["grants"] if g["status"] != "closed") \
            == money["committed_undisbursed"]


def test_as_of_before_the_fund_shows_nothing(orebro):
    st = statement(orebro, "--as-of", "2012-12-31")
    assert Decimal(st["cash"]) == 0
    assert st["grants"] == []


def test_known_at_excludes_what_was_recorded_later(orebro, tmp_path):
    later = write_jsonl(tmp_path / "later.jsonl", {"type": "capital.contributed", "date": "2024-03-01", "actor": "finance",
                                                   "amount": "1000000.00", "source": "surplus"})
    run("apply", orebro, later, "--recorded-at", "2024-03-02T10:00:00Z", check=0)
    now = statement(orebro, "--as-of", "2024-12-31")
    then = statement(orebro, "--as-of", "2024-12-31", "--known-at", "2024-03-01")
    assert Decimal(now["capital_contributed"]) - Decimal(then["capital_contributed"]) == Decimal("1000000.00")
    assert then["known_at"].startswith("2024-03-01T23:59:59")


def test_statement_is_the_same_after_reopening(orebro):
    first = run("statement", orebro, "--as-of", "2020-06-30", check=0)[1]
    second = run("statement", orebro, "--as-of", "2020-06-30", check=0)[1]
    assert first == second
    assert "Free capital" in first


def test_a_refused_command_names_line_rule_and_citation_and_changes_nothing(orebro, tmp_path):
    bad = write_jsonl(
        tmp_path / "bad.jsonl",
        {"type": "capital.contributed", "date": "2024-02-01", "actor": "finance", "amount": "100.00"},
        {"type": "grant.disbursed", "date": "2024-02-01", "actor": "finance", "grant": "G-2021-01", "amount": "0.01"},
    )
    before = digest(orebro)
    code, out, err = run("apply", orebro, bad)
    assert code == 1, err
    assert "bad.jsonl:2:" in err
    assert "grant.disbursement_exceeds_approval" in err
    assert "G-2021-01" in err
    assert digest(orebro) == before
    assert not os.path.exists(str(orebro) + "-wal")


def test_a_rule_refusal_cites_the_rulebook_paragraph(orebro, tmp_path):
    bad = write_jsonl(tmp_path / "big.jsonl",
                      {"type": "application.submitted", "date": "2024-02-01", "actor": "vof", "application": "A-X",
                       "title": "X", "applicants": ["vof", "sbf"], "focus_area": "aldre", "evidence": "promising",
                       "requested": "9000000.00", "start": "2024-03-01", "end": "2025-12-31",
                       "co_financing": "1000000.00"},
                      {"type": "grant.decided", "date": "2024-02-20", "actor": "ks", "grant": "G-X",
                       "application": "A-X", "amount": "8000000.01", "body": "ks", "decision": "KS 1"})
    before = digest(orebro)
    code, _, err = run("apply", orebro, bad)
    assert code == 1
    assert "big.jsonl:2:" in err and "grant.max_amount" in err and "8000000.00" in err
    rules = [json.loads(l) for l in ORBRO.read_text(encoding="utf-8").splitlines() if '"rulebook.adopted"' in l]
    assert rules[-1]["rules"]["citations"]["grant.max_amount"] in err
    assert digest(orebro) == before


MALFORMED = [
    ("{not json", "malformed JSON"),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":100}', '"amount" must be a string'),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":"12.345"}', "more than two decimals"),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":"-5.00"}', "more than zero"),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":"0.00"}', "more than zero"),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":"99999999999999999999.00"}', "out of range"),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":"100.00 EUR"}', "not in SEK"),
    ('{"type":"capital.contributed","date":"2021-02-29","actor":"finance","amount":"100.00"}', "no day 29"),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance"}', 'missing field "amount"'),
    ('{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amout":"1.00","amount":"1.00"}', 'unknown field "amout"'),
    ('{"type":"capital.donated","date":"2024-02-01","actor":"finance","amount":"1.00"}', "unknown command type"),
    ('{"type":"tax_revenue.recorded","date":"2024-02-01","actor":"finance","budget_year":"2024","kind":"budget","amount":"1.00"}', '"budget_year" must be an integer'),
    ('{"type":"tax_revenue.recorded","date":"2024-02-01","actor":"finance","budget_year":2024,"kind":"guess","amount":"1.00"}', "not one of budget, outcome"),
    ('[1,2,3]', "must be a JSON object"),
]


@pytest.mark.parametrize("line,message", MALFORMED)
def test_malformed_input_is_exit_2_naming_the_line_and_changes_nothing(orebro, tmp_path, line, message):
    good = '{"type":"capital.contributed","date":"2024-02-01","actor":"finance","amount":"1.00"}'
    bad = write_jsonl(tmp_path / "bad.jsonl", good, "", line)
    before = digest(orebro)
    code, _, err = run("apply", orebro, bad)
    assert code == 2, err
    assert "bad.jsonl:3:" in err, err
    assert message in err, err
    assert digest(orebro) == before


def test_unknown_currency_when_establishing(store, tmp_path):
    f = write_jsonl(tmp_path / "f.jsonl", {"type": "fund.established", "date": "2013-01-01", "actor": "kf", "fund": "x",
                                           "name": "X", "owner": "X kommun", "currency": "XYZ", "decision": "KF 1"})
    before = digest(store)
    code, _, err = run("apply", store, f)
    assert code == 2 and "f.jsonl:1:" in err and "unknown currency" in err
    assert digest(store) == before


def test_usage_errors_are_exit_2(store):
    assert run()[0] == 2
    assert run("frobnicate")[0] == 2
    assert run("statement", store, "--format", "xml")[0] == 2
    assert run("statement", store, "--as-of", "2020-13-01")[0] == 2
    assert run("statement")[0] == 2


def test_export_jsonl_carries_a_verifiable_hash_chain(orebro):
    _, out, _ = run("export", orebro, "--format", "jsonl", check=0)
    events = [json.loads(l) for l in out.splitlines()]
    assert len(events) == 200  # 191 commands and the fund's 9 true-ups
    prev = "0" * 64
    for i, e in enumerate(events, start=1):
        assert e["seq"] == i
        assert e["prev_hash"] == prev
        body = {k: v for k, v in e.items() if k != "hash"}
        # The canonical form: keys sorted, no whitespace, UTF-8 as is.
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == e["hash"], e["seq"]
        prev = e["hash"]
    assert {e["actor"] for e in events if e["type"] == "allocation.trued_up"} == {"sifund"}


def test_a_tampered_store_is_refused_naming_the_event(orebro):
    import sqlite3
    con = sqlite3.connect(orebro)
    seq, = con.execute("SELECT min(seq) FROM events WHERE json LIKE '%\"amount\":\"2800000.00\"%'").fetchone()
    assert seq is not None
    con.execute("UPDATE events SET json = replace(json, '2800000.00', '2900000.00') WHERE seq = ?", (seq,))
    con.commit()
    con.close()
    code, _, err = run("statement", orebro, "--as-of", "2023-12-31")
    assert code == 2
    assert f"event {seq} " in err and "integrity.hash" in err


def test_a_reversal_is_stored_and_read_back(orebro, tmp_path):
    # event.reversed names its target by "seq" in a command file; stored, the
    # event has a seq of its own and keeps the target as "reverses".
    late = write_jsonl(tmp_path / "late.jsonl",
                       {"type": "capital.contributed", "date": "2024-03-01", "actor": "finance",
                        "amount": "500000.00", "source": "paid to the wrong fund"},
                       {"type": "event.reversed", "date": "2024-03-05", "actor": "finance", "seq": 201,
                        "reason": "paid to the wrong fund"})
    run("apply", orebro, late, "--recorded-at", "2024-03-06T10:00:00Z", check=0)
    before = statement(orebro, "--as-of", "2024-03-04")
    after = statement(orebro, "--as-of", "2024-03-31")
    assert Decimal(before["capital_contributed"]) - Decimal(after["capital_contributed"]) == Decimal("500000.00")
    _, out, _ = run("export", orebro, "--format", "jsonl", check=0)
    last = json.loads(out.splitlines()[-1])
    assert last["type"] == "event.reversed" and last["seq"] == 202 and last["reverses"] == 201
    code, _, err = run("audit", orebro, "--as-of", "2024-03-31")
    assert code == 0, err
