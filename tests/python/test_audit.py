"""The auditor from Python: the same report as `sifund audit --format json`, findings as
immutable data, JSON Lines histories, tamper evidence, and the series for charts."""
import json
from datetime import date

import pytest

import sifund
from sifund import Auditor, Finding, Money, Severity
from conftest import cli


@pytest.fixture
def report(orebro_db):
    with sifund.SqliteStore(orebro_db, sifund.SqliteStore.Open.read_only) as store:
        return Auditor(as_of=date(2023, 12, 31)).audit(store)


def test_the_audit_equals_the_clis(orebro_db, report):
    code, out, _ = cli("audit", orebro_db, "--as-of", "2023-12-31", "--format", "json")
    assert code == (1 if report.has_errors else 0)
    assert report.to_json() + "\n" == out
    assert report.to_text() == cli("audit", orebro_db, "--as-of", "2023-12-31")[1] == str(report)
    d = report.to_dict()
    assert d["as_of"] == date(2023, 12, 31) and d["events"] == report.events == 200
    assert d["findings"] == json.loads(out)["findings"] == [f.to_dict() for f in report.findings]
    assert d["statement"] == report.statement.to_dict()


def test_findings_are_immutable_data(report):
    assert report.findings, "the Örebro history is recorded long after it took effect: ledger.backdated"
    f = report.findings[0]
    assert isinstance(f, Finding) and f.id == "ledger.backdated" and f.severity == Severity.warning
    assert str(f.severity) == "warning" and f.seq == 1 and f.message
    with pytest.raises(AttributeError):
        f.id = "x"
    assert f == report.findings[0] and len({f, report.findings[0]}) == 1
    assert f.to_dict()["severity"] == "warning" and set(f.to_dict()) == {
        "id", "severity", "seq", "subject", "rule_id", "citation", "expected", "actual", "message"}
    assert report.count(Severity.warning) == len([x for x in report.findings if x.severity == Severity.warning])
    assert repr(report).startswith("AuditReport(as_of=2023-12-31, events=200")


def test_the_series_shows_free_capital_over_time(report):
    quarters = report.series["quarters"]
    assert quarters[0]["date"] == date(2013, 3, 31) and quarters[-1]["date"] == date(2023, 12, 31)
    for q in quarters:
        assert q["free_capital"] == q["cash"] - q["committed"]
    assert quarters[-1]["free_capital"] == report.statement.free_capital
    assert all(isinstance(y["repaid"], Money) for y in report.series["years"])


def test_a_jsonl_history_and_a_tampered_one(orebro_db, tmp_path, report):
    _, exported, _ = cli("export", orebro_db, "--format", "jsonl", check=0)
    path = tmp_path / "history.jsonl"
    path.write_text(exported)
    auditor = Auditor(as_of=date(2023, 12, 31))
    assert auditor.audit_jsonl(path).to_json() == report.to_json()
    lines = exported.splitlines()
    lines[4] = lines[4].replace('"actor":"', '"actor":"x', 1)
    path.write_text("\n".join(lines) + "\n")
    tampered = auditor.audit_jsonl(str(path))
    assert tampered.has_errors
    assert any(f.id == "integrity.hash" and f.seq == 5 for f in tampered.findings)
    with pytest.raises(sifund.InputError):
        auditor.audit_jsonl(tmp_path / "missing.jsonl")


def test_the_html_report(report):
    page = report.to_html()
    assert page.lower().startswith("<!doctype html>") and "orebro-sif" in page and "<svg" in page


def test_the_auditor_defaults_to_today():
    r = Auditor().audit(sifund.MemoryStore())
    # An empty history is not a clean audit.
    assert r.as_of >= date(2024, 1, 1) and r.events == 0 and r.has_errors
    assert [f.id for f in r.findings] == ["audit.empty_history"]
