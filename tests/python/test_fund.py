"""The fund from Python on the Örebro example: the same statement and the same stored
bytes as the command line, all-or-nothing batches, errors that name the command, the
rule and the field, and statements as immutable values."""
import json
import sys
import threading
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import sifund
from sifund import Money, Rate
from conftest import ADOPT, ESTABLISH, OREBRO, RECORDED, cli, digest, generate

STATEMENT_KEYS = {"fund", "currency", "as_of", "known_at", "capital_contributed", "allocations", "repayments",
                  "disbursed", "written_off", "cash", "committed_undisbursed", "free_capital",
                  "obligations_outstanding", "obligations_overdue", "grants"}
MONEY_KEYS = STATEMENT_KEYS - {"fund", "currency", "as_of", "known_at", "grants"}


def cli_statement(db, *args):
    _, out, _ = cli("statement", db, "--format", "json", *args, check=0)
    return out


@pytest.mark.parametrize("as_of", ["2014-06-30", "2016-12-31", "2019-12-31", "2023-12-31"])
def test_the_orebro_statement_equals_the_clis_json(orebro_db, as_of):
    out = cli_statement(orebro_db, "--as-of", as_of)
    with sifund.SqliteStore(orebro_db, sifund.SqliteStore.Open.read_only) as store:
        st = sifund.Fund(store).statement(as_of=date.fromisoformat(as_of))
    assert st.to_json() + "\n" == out                       # byte for byte
    expected = json.loads(out)
    d = st.to_dict()
    assert d.keys() == STATEMENT_KEYS == expected.keys()
    for key in MONEY_KEYS:
        assert isinstance(d[key], Decimal) and d[key] == Decimal(expected[key]), key
        assert getattr(st, key) == Money(expected[key]), key
    assert d["as_of"] == date.fromisoformat(as_of) and d["known_at"] is None
    assert [{k: str(v) for k, v in g.items()} for g in d["grants"]] == expected["grants"]
    assert [g.grant for g in st.grants] == [g["grant"] for g in expected["grants"]]


def test_as_known_at_equals_the_cli(orebro_db):
    out = cli_statement(orebro_db, "--as-of", "2016-12-31", "--known-at", "2024-01-15T08:00:00Z")
    fund = sifund.Fund(sifund.SqliteStore(orebro_db, sifund.SqliteStore.Open.read_only))
    st = fund.statement(as_of=date(2016, 12, 31), known_at=datetime(2024, 1, 15, 8, tzinfo=timezone.utc))
    assert st.to_json() + "\n" == out
    assert st.known_at == datetime(2024, 1, 15, 8, tzinfo=timezone.utc) and st.cash == Money()


def test_python_and_the_cli_store_the_same_events(orebro_db, tmp_path):
    db = tmp_path / "cli.db"
    cli("init", db, check=0)
    cli("apply", db, OREBRO, "--recorded-at", "2024-01-15T09:00:00Z", check=0)
    assert cli("export", db, "--format", "jsonl", check=0)[1] == cli("export", orebro_db, "--format", "jsonl", check=0)[1]


def test_apply_jsonl_equals_apply_of_dicts(orebro_fund):
    fund = sifund.Fund(sifund.MemoryStore())
    applied = fund.apply_jsonl(OREBRO, recorded_at=RECORDED)
    assert (applied.first_seq, applied.last_seq, applied.count, len(applied)) == (1, 200, 200, 200)
    assert fund.events() == orebro_fund.events()
    assert repr(applied) == "Applied(first_seq=1, last_seq=200)"


def test_design_example_in_python(tmp_path):
    # DESIGN §4.5, as written there.
    m = sifund.Money(Decimal("6512345678.90"))
    a = sifund.Rate("0.005").of(m, sifund.Rounding.half_even)
    assert (str(a), a.to_decimal()) == ("32561728.39", Decimal("32561728.39"))
    fund = sifund.Fund(sifund.SqliteStore(tmp_path / "fund.db"))
    fund.apply([ESTABLISH, ADOPT, {"type": "capital.contributed", "date": "2013-01-15", "actor": "finance",
                                    "amount": "65000000.00"}])
    assert fund.statement(as_of=date(2020, 1, 1)).to_dict()["cash"] == Decimal("65000000.00")


def test_fund_properties_and_events(orebro_fund):
    assert (orebro_fund.id, orebro_fund.currency, len(orebro_fund), orebro_fund.last_seq) == ("orebro-sif", "SEK", 200, 200)
    assert orebro_fund.name == "Örebro sociala investeringsfond"
    events = orebro_fund.events()
    assert [e["seq"] for e in events] == list(range(1, 201))
    assert events[0]["prev_hash"] == "0" * 64 and events[1]["prev_hash"] == events[0]["hash"]
    assert events[0]["recorded_at"] == "2024-01-15T09:00:00.000000Z"
    assert sum(e["type"] == "allocation.trued_up" and e["actor"] == "sifund" for e in events) == 9
    assert "Fund('orebro-sif', 200 events, memory)" == repr(orebro_fund)
    empty = sifund.Fund(sifund.MemoryStore())
    assert empty.id is None and empty.name is None and len(empty) == 0


def test_the_rulebook_in_force(orebro_fund):
    assert orebro_fund.rulebook(date(2012, 12, 31)) is None
    first, later = orebro_fund.rulebook(date(2013, 1, 1)), orebro_fund.rulebook(date(2023, 1, 1))
    assert first.to_dict()["grant"]["max_amount"] == "10000000.00"
    assert first != later and first.cite("grant.max_amount") != ""
    assert first.roles_of("finance") == ["finance"]


def test_statements_over_time_and_known_at_a_date(orebro_fund):
    ends = [date(y, 12, 31) for y in range(2013, 2024)]
    sts = orebro_fund.statements(ends)
    assert [s.as_of for s in sts] == ends
    assert sts == [orebro_fund.statement(as_of=d) for d in ends]
    for s in sts:
        assert s.cash == s.capital_contributed + s.allocations + s.repayments - s.disbursed
        assert s.free_capital == s.cash - s.committed_undisbursed
    # a date as known_at means the end of that day, as on the command line
    assert orebro_fund.statement(date(2016, 12, 31), known_at=date(2024, 1, 15)).known_at == \
        datetime(2024, 1, 15, 23, 59, 59, 999999, tzinfo=timezone.utc)
    assert orebro_fund.statement(date(2016, 12, 31), known_at="2024-01-14").cash == Money()


def test_statements_are_immutable_values(orebro_fund):
    st = orebro_fund.statement(as_of=date(2023, 12, 31))
    with pytest.raises(AttributeError):
        st.cash = Money("1.00")
    with pytest.raises(AttributeError):
        st.grants[0].approved = Money("1.00")
    with pytest.raises(TypeError):
        st.grants[0] = None
    assert isinstance(st.grants, tuple) and st == orebro_fund.statement(as_of=date(2023, 12, 31))
    assert hash(st) == hash(orebro_fund.statement(as_of=date(2023, 12, 31)))
    assert st != orebro_fund.statement(as_of=date(2016, 12, 31))
    g = st.grants[0]
    assert g.to_dict()["approved"] == g.approved.to_decimal() and g.title and g.outstanding == g.obligation - g.repaid - g.written_off
    assert str(st).startswith("Örebro sociala investeringsfond\nas of 2023-12-31")
    assert repr(st).startswith("Statement(fund='orebro-sif', as_of=2023-12-31")


def test_a_statement_outlives_its_fund_and_store(tmp_path, orebro_commands):
    store = sifund.SqliteStore(tmp_path / "f.db")
    fund = sifund.Fund(store)
    fund.apply(orebro_commands, recorded_at=RECORDED)
    st, events = fund.statement(as_of=date(2023, 12, 31)), fund.events()
    store.close()
    del fund, store
    import gc
    gc.collect()
    assert st.cash == Money(st.to_dict()["cash"]) and len(events) == 200 and st.grants[0].grant == "G-2013-01"


# ---- refusals and errors ------------------------------------------------------------------

def test_a_rule_violation_names_the_rule_the_citation_and_the_line_and_changes_nothing(orebro_db, orebro_commands):
    before = digest(orebro_db)
    store = sifund.SqliteStore(orebro_db, sifund.SqliteStore.Open.existing)
    fund = sifund.Fund(store)
    ok = {"type": "capital.contributed", "date": "2024-01-02", "actor": "finance", "amount": "1.00"}
    too_big = {"type": "application.submitted", "date": "2024-01-10", "actor": "vof", "application": "A-X",
               "title": "t", "applicants": ["vof", "kof"], "focus_area": "aldre", "evidence": "promising",
               "requested": "12000000.00", "start": "2024-03-01", "end": "2025-12-31"}
    decide = {"type": "grant.decided", "date": "2024-02-20", "actor": "ks", "grant": "G-X", "application": "A-X",
              "amount": "12000000.00", "body": "ks", "decision": "KS 2024-02-20 §1"}
    with pytest.raises(sifund.RuleViolation) as e:
        fund.apply([ok, too_big, decide], recorded_at=RECORDED + timedelta(days=1))
    v = e.value
    assert (v.rule_id, v.id, v.line) == ("grant.max_amount", "grant.max_amount", 3)
    assert v.citation and v.citation in str(v) and v.reason and str(v).startswith("command 3: refused by rule grant.max_amount")
    assert (v.expected, v.actual) != (None, None)
    assert isinstance(v, sifund.Error) and not isinstance(v, sifund.InputError)
    assert len(fund) == 200 and store.count() == 200
    store.close()
    assert digest(orebro_db) == before


@pytest.mark.parametrize("bad, field, id", [
    ({"amount": 1.5}, "amount", "input.wrong_type"),
    ({"amount": "1.005"}, "amount", "money.parse"),
    ({"amount": "1.00", "amout": "1.00"}, "amout", "input.unknown_field"),
    ({"amount": "1.00", "date": "2021-02-29"}, "date", "date.parse"),
    ({"amount": {1, 2}}, "amount", "input.wrong_type"),
    ({"amount": "1.00", "source": 2**70}, "source", "input.invalid_value"),
])
def test_bad_input_names_the_field_and_the_command(bad, field, id):
    fund = sifund.Fund(sifund.MemoryStore())
    fund.apply([ESTABLISH, ADOPT], recorded_at=RECORDED)
    command = {"type": "capital.contributed", "date": "2014-01-02", "actor": "finance", **bad}
    with pytest.raises(sifund.InputError) as e:
        fund.apply([{"type": "capital.contributed", "date": "2014-01-01", "actor": "finance", "amount": "5.00"},
                    command], recorded_at=RECORDED)
    assert (e.value.field, e.value.id, e.value.line) == (field, id, 2)
    assert str(e.value).startswith("command 2: ") and field in str(e.value)
    assert isinstance(e.value, ValueError) and len(fund) == 2 and fund.store.count() == 2


def test_the_errors_are_the_clis(tmp_path):
    # The same bad line through the command line and through Python: the same message.
    bad = {"type": "capital.contributed", "date": "2014-01-02", "actor": "finance", "amount": 100}
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in [ESTABLISH, ADOPT, bad]) + "\n")
    db = tmp_path / "c.db"
    cli("init", db, check=0)
    _, _, err = cli("apply", db, path, check=2)
    with pytest.raises(sifund.InputError) as e:
        sifund.Fund(sifund.MemoryStore()).apply([ESTABLISH, ADOPT, bad])
    # The CLI ends a line's error with its id, "[input.wrong_type]"; Python gives it as .id.
    cli_message, cli_id = err.split(":3: ", 1)[1].strip().rsplit(" [", 1)
    assert cli_id == e.value.id + "]"
    assert str(e.value) == "command 3: " + cli_message
    with pytest.raises(sifund.InputError) as f:
        sifund.Fund(sifund.MemoryStore()).apply_jsonl(path)
    assert f.value.line == 3 and str(f.value) == f"{path}:3: {cli_message}"


def test_apply_jsonl_names_the_files_lines(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps(ESTABLISH) + "\n\n" + json.dumps(ADOPT) + "\n\n{not json\n")
    fund = sifund.Fund(sifund.MemoryStore())
    with pytest.raises(sifund.InputError) as e:
        fund.apply_jsonl(path)
    assert (e.value.id, e.value.line) == ("input.malformed_json", 5) and len(fund) == 0
    path.write_text(json.dumps(ESTABLISH) + "\n\n" + json.dumps({**ADOPT, "actor": "nobody"}) + "\n")
    fund.apply_jsonl(path)  # the first rulebook needs no role
    path.write_text("\n\n" + json.dumps({"type": "grant.closed", "date": "2014-01-01", "actor": "ks",
                                        "grant": "G", "decision": "d"}) + "\n")
    with pytest.raises(sifund.RuleViolation) as r:
        fund.apply_jsonl(path)
    assert (r.value.line, r.value.rule_id) == (3, "grant.unknown")
    with pytest.raises(sifund.InputError) as missing:
        fund.apply_jsonl(tmp_path / "missing.jsonl")
    assert missing.value.id == "input.file"


def test_python_values_in_commands():
    fund = sifund.Fund(sifund.MemoryStore())
    fund.apply(ESTABLISH, recorded_at=RECORDED)  # one dict is a batch of one
    fund.apply((c for c in [ADOPT]), recorded_at=RECORDED)  # any iterable
    fund.apply([{"type": "capital.contributed", "date": date(2013, 1, 15), "actor": "finance",
                 "amount": Money("100.00")},
                {"type": "capital.contributed", "date": date(2013, 1, 16), "actor": "finance",
                 "amount": Decimal("50.5")},
                {"type": "tax_revenue.recorded", "date": date(2013, 6, 1), "actor": "finance",
                 "budget_year": sifund.BudgetYear(2014), "kind": "budget", "amount": Decimal("1E+6")},
                {"type": "allocation.decided", "date": date(2013, 6, 18), "actor": "kf", "budget_year": 2014,
                 "rate": Rate("0.02"), "decision": "KF"}], recorded_at=RECORDED)
    events = fund.events()
    assert [e["amount"] for e in events[2:]] == ["100.00", "50.50", "1000000.00", "20000.00"]
    assert events[2]["date"] == "2013-01-15" and events[5]["rate"] == "0.02"
    with pytest.raises(TypeError):
        fund.apply('{"type": "fund.established"}')


def test_recorded_at_is_an_aware_datetime_and_never_goes_back():
    fund = sifund.Fund(sifund.MemoryStore())
    with pytest.raises(sifund.InputError) as e:
        fund.apply([ESTABLISH], recorded_at=datetime(2024, 1, 1, 9))
    assert e.value.id == "timestamp.naive"
    cet = timezone(timedelta(hours=1))
    fund.apply([ESTABLISH], recorded_at=datetime(2024, 1, 1, 10, 30, tzinfo=cet))
    assert fund.events()[0]["recorded_at"] == "2024-01-01T09:30:00.000000Z"
    with pytest.raises(sifund.InputError) as back:
        fund.apply([ADOPT], recorded_at=datetime(2023, 1, 1, tzinfo=timezone.utc))
    assert back.value.id == "ledger.recorded_at"
    fund.apply([ADOPT])  # now, by default
    assert fund.events()[1]["recorded_at"][:4] >= "2024"


def test_dates_round_trip():
    fund = sifund.Fund(sifund.MemoryStore())
    import random
    rng = random.Random(5)
    for _ in range(500):
        d = date.fromordinal(rng.randint(date(1400, 1, 1).toordinal(), date(9999, 12, 31).toordinal()))
        assert fund.statement(as_of=d).as_of == d
        t = datetime(d.year, d.month, d.day, rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59),
                     rng.randint(0, 999999), tzinfo=timezone.utc)
        assert fund.statement(as_of=d, known_at=t).known_at == t
    assert fund.statement(as_of="2016-12-31").as_of == date(2016, 12, 31)
    with pytest.raises(TypeError):
        fund.statement(as_of=datetime(2016, 12, 31, tzinfo=timezone.utc))
    with pytest.raises(sifund.InputError):
        fund.statement(as_of=date(1399, 12, 31))
    with pytest.raises(sifund.InputError):
        fund.statement(as_of="2021-02-29")


def test_two_funds_on_one_store_conflict_and_nothing_is_lost(tmp_path):
    store = sifund.SqliteStore(tmp_path / "f.db")
    a, b = sifund.Fund(store), sifund.Fund(sifund.SqliteStore(tmp_path / "f.db"))
    a.apply([ESTABLISH], recorded_at=RECORDED)
    with pytest.raises(sifund.ConcurrencyError) as e:
        b.apply([ESTABLISH], recorded_at=RECORDED)
    assert e.value.id == "store.conflict" and isinstance(e.value, sifund.StoreError)
    assert len(b) == 0 and store.count() == 1
    assert len(sifund.Fund(store)) == 1


def test_a_tampered_store_is_an_integrity_error(orebro_db):
    import sqlite3
    con = sqlite3.connect(orebro_db)
    con.execute("UPDATE events SET json = replace(json, '65000000.00', '75000000.00') WHERE seq = 3")
    con.commit()
    con.close()
    with pytest.raises(sifund.IntegrityError) as e:
        sifund.Fund(sifund.SqliteStore(orebro_db))
    assert (e.value.id, e.value.seq) == ("integrity.hash", 3)


# ---- the GIL ---------------------------------------------------------------------------------

def runs_without_the_gil(work):
    """Whether another thread ran while `work` was inside sifund. With the interpreter's own
    switching off (a switch interval of 1000 s), another thread can only run while sifund has
    let go of the GIL: it then counts to a fixed number, and `work`'s thread, which needs the
    GIL back to return, sees the full count as soon as the call returns (else it sees 0)."""
    go, counted, seen = threading.Event(), [0], []

    def count():
        go.wait()
        for _ in range(200_000):
            counted[0] += 1

    def call():
        go.set()
        work()
        seen.append(counted[0])

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        threads = [threading.Thread(target=count), threading.Thread(target=call)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    return seen == [200_000]


@pytest.fixture(scope="module")
def generated():
    return generate(3000)


def test_apply_releases_the_gil(generated):
    fund = sifund.Fund(sifund.MemoryStore())
    assert runs_without_the_gil(lambda: fund.apply(generated, recorded_at=RECORDED))
    assert len(fund) >= 3000


def test_opening_and_auditing_release_the_gil(generated):
    store = sifund.MemoryStore()
    sifund.Fund(store).apply(generated, recorded_at=RECORDED)
    opened, reports = [], []
    assert runs_without_the_gil(lambda: opened.append(sifund.Fund(store)))
    assert runs_without_the_gil(lambda: reports.append(sifund.Auditor(as_of=date(2030, 1, 1)).audit(store)))
    assert len(opened[0]) == store.count() and reports[0].events == store.count()


def test_pure_python_work_holds_the_gil():
    # the check above can tell: Python code that never lets go of the GIL is seen as such
    assert not runs_without_the_gil(lambda: sum(i * i for i in range(2_000_000)))


def test_threads_sharing_a_fund_are_serialised(tmp_path):
    fund = sifund.Fund(sifund.SqliteStore(tmp_path / "f.db"))
    fund.apply([ESTABLISH, ADOPT], recorded_at=RECORDED)
    errors = []

    def contribute(i):
        try:
            for k in range(20):
                fund.apply([{"type": "capital.contributed", "date": "2014-01-01", "actor": "finance",
                             "amount": f"{i}.{k:02d}"}], recorded_at=RECORDED)
                fund.statement(as_of=date(2015, 1, 1))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=contribute, args=(i,)) for i in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(fund) == 82
    expected = sum((Money(f"{i}.{k:02d}") for i in range(1, 5) for k in range(20)), Money())
    assert fund.statement(as_of=date(2015, 1, 1)).capital_contributed == expected
    assert len(sifund.Fund(sifund.SqliteStore(tmp_path / "f.db"))) == 82


def test_flows_by_budget_year_add_up_to_the_statement_and_match_the_cli(orebro_db):
    with sifund.SqliteStore(orebro_db, sifund.SqliteStore.Open.read_only) as store:
        fund = sifund.Fund(store)
        flows = fund.flows(from_year=2013, until=2020)
        closing = fund.statement(as_of=date(2020, 12, 31))
    assert (flows.from_year, flows.until, flows.fund) == (2013, 2020, "orebro-sif")
    assert [y["budget_year"] for y in flows.years] == list(range(2013, 2021))
    assert all(isinstance(v, Decimal) for y in flows.years for k, v in y.items() if k != "budget_year")
    assert flows.closing == closing
    assert sum(y["disbursed"] for y in flows.years) == closing.disbursed.to_decimal()
    assert sum(y["net_cash"] for y in flows.years) == closing.cash.to_decimal()
    _, out, _ = cli("flows", orebro_db, "--from", "2013", "--to", "2020", "--format", "json", check=0)
    assert flows.to_json() + "\n" == out
    _, csv_text, _ = cli("flows", orebro_db, "--from", "2013", "--to", "2020", "--format", "csv", check=0)
    assert flows.to_csv() == csv_text.replace("\n", "\r\n")  # the CLI's CRLF rows, read back in text mode
    with pytest.raises(TypeError):
        fund.flows(2013, 2020)  # keyword-only: which year is which is never a guess
    with pytest.raises(sifund.InputError) as e:
        fund.flows(from_year=2021, until=2020)
    assert e.value.id == "flows.years"
