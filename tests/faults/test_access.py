"""Who may touch what, through the command line: the auditor role reads and
audits but never appends; a store opened by a reader refuses writes; roles
come only from the rulebook in force."""
import json
import subprocess
import uuid

import pytest

from conftest import ORBRO, check, contributions, sifund, snapshot, write_jsonl


def test_the_auditor_reads_and_audits_but_never_appends(fund_db, tmp_path):
    # In the Örebro rulebook "revisorer" holds the auditor role.
    check(sifund("apply", fund_db, write_jsonl(tmp_path / "finance.jsonl", contributions("finance", 1))))  # seq 3
    before = snapshot(fund_db)
    for command in ({**contributions("auditor", 1)[0], "actor": "revisorer"},
                    {"type": "event.reversed", "date": "2014-01-20", "actor": "revisorer", "seq": 3, "reason": "x"}):
        p = sifund("apply", fund_db, write_jsonl(tmp_path / "auditor.jsonl", [command]))
        assert p.returncode == 1, p.stderr
        assert "[roles.permission]" in p.stderr and "auditor" in p.stderr
    assert snapshot(fund_db) == before
    check(sifund("audit", fund_db, "--as-of", "2014-12-31"))
    check(sifund("statement", fund_db, "--as-of", "2014-12-31"))
    check(sifund("export", fund_db, "--format", "jsonl"))
    assert snapshot(fund_db) == before


def test_roles_come_from_the_rulebook_in_force_on_the_date(fund_db, tmp_path):
    rulebook = json.loads(ORBRO.read_text(encoding="utf-8").splitlines()[1])
    rulebook.update(version="2015.1", date="2015-01-01", decision="KS 2014-12-10 §1")
    rulebook["rules"]["roles"]["kassa"] = ["finance"]
    check(sifund("apply", fund_db, write_jsonl(tmp_path / "rb.jsonl", [rulebook])))
    early = {**contributions("kassa", 1)[0], "actor": "kassa", "date": "2014-12-31"}
    p = sifund("apply", fund_db, write_jsonl(tmp_path / "early.jsonl", [early]))
    assert p.returncode == 1 and "kassa (roles: none)" in p.stderr, p.stderr
    claimed = {**early, "role": "finance"}
    p = sifund("apply", fund_db, write_jsonl(tmp_path / "claimed.jsonl", [claimed]))
    assert p.returncode == 2 and "[input.unknown_field]" in p.stderr and '"role"' in p.stderr, p.stderr
    check(sifund("apply", fund_db, write_jsonl(tmp_path / "later.jsonl", [{**early, "date": "2015-01-02"}])))


def psql(url, sql):
    p = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


@pytest.mark.parametrize("backend", ["postgres"])
def test_an_auditors_database_login_reads_and_cannot_write(fund_db, tmp_path):
    # The office gives its auditors a login that may only SELECT: sifund's
    # readers work with it, and an apply is refused as a write to a read-only store.
    role = "auditor_" + uuid.uuid4().hex[:12]
    psql(fund_db, f"CREATE ROLE {role} LOGIN; GRANT USAGE ON SCHEMA sifund TO {role}; "
                  f"GRANT SELECT ON ALL TABLES IN SCHEMA sifund TO {role}")
    as_auditor = fund_db.replace("postgresql://postgres@", f"postgresql://{role}@", 1)
    before = snapshot(fund_db)
    check(sifund("audit", as_auditor, "--as-of", "2014-12-31"))
    check(sifund("statement", as_auditor, "--as-of", "2014-12-31"))
    check(sifund("export", as_auditor, "--format", "jsonl"))
    p = sifund("apply", as_auditor, write_jsonl(tmp_path / "c.jsonl", contributions("auditor login", 2)))
    assert p.returncode == 2, p.stderr
    assert "[store.read_only]" in p.stderr, p.stderr
    assert snapshot(fund_db) == before
