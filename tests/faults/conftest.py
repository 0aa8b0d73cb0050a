"""Hard faults, many writers and hostile input, through the `sifund` command
line as a finance office runs it: on a SQLite file and on a PostgreSQL
database alike.

PostgreSQL is the server scripts/test.sh starts; its URL comes in
SIFUND_TEST_POSTGRES_URL. Without it the PostgreSQL cases FAIL; set it to
`skip` to pass over them explicitly when running by hand without a server.
"""
import hashlib
import json
import os
import re
import subprocess
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("SIFUND_ROOT", Path(__file__).resolve().parents[2]))
ORBRO = ROOT / "examples" / "orebro" / "fund.jsonl"
BACKENDS = ["sqlite", "postgres"]


def sifund(*args, timeout=120):
    """Runs sifund; returns the CompletedProcess (text)."""
    return subprocess.run([os.environ["SIFUND"], *map(str, args)], capture_output=True, text=True, timeout=timeout)


def check(p, code=0):
    assert p.returncode == code, f"exit {p.returncode}, expected {code}\n{p.stdout}\n{p.stderr}"
    return p


def postgres_base_url():
    url = os.environ.get("SIFUND_TEST_POSTGRES_URL", "")
    if not url:
        pytest.fail("SIFUND_TEST_POSTGRES_URL is not set: run through scripts/test.sh, or start a server with "
                    "`scripts/postgres.sh start DIR` and export the URL it prints (`skip` passes over PostgreSQL)")
    if url == "skip":
        pytest.skip("SIFUND_TEST_POSTGRES_URL=skip: the PostgreSQL case was passed over on purpose")
    return url


def with_database(url, name):
    """The URL with its database replaced."""
    m = re.match(r"^(postgres(?:ql)?://[^/?]*)(/[^?]*)?(\?.*)?$", url)
    assert m, url
    return f"{m.group(1)}/{name}{m.group(3) or ''}"


def new_db(backend, tmp_path):
    """Where a new store would live: a file path, or the URL of a database that does not exist yet."""
    if backend == "sqlite":
        return str(tmp_path / "fund.db")
    return with_database(postgres_base_url(), "sifund_faults_" + uuid.uuid4().hex[:16])


SETUP = ORBRO.read_text(encoding="utf-8").splitlines()[:2]  # the fund and its first rulebook


def write_jsonl(path, objects):
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objects),
                    encoding="utf-8")
    return path


def contributions(tag, n, start=0):
    """n capital contributions, each a different amount: always accepted by the Örebro rulebook."""
    return [{"type": "capital.contributed", "date": "2014-01-15", "actor": "finance",
             "amount": f"{1000 + start + i}.{(start + i) % 100:02d}", "source": f"{tag} #{i}", "decision": "KF"}
            for i in range(n)]


def total(objects):
    return sum(Decimal(o["amount"]) for o in objects)


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def fund_db(backend, tmp_path):
    """A store holding the Örebro fund's establishment and rulebook."""
    db = new_db(backend, tmp_path)
    check(sifund("init", db))
    check(sifund("apply", db, write_jsonl(tmp_path / "setup.jsonl", SETUP)))
    return db


def exported(db):
    """The verified history (sifund checks the chain before it writes), and our own check of it."""
    events = [json.loads(line) for line in check(sifund("export", db, "--format", "jsonl")).stdout.splitlines()]
    prev = "0" * 64
    for i, e in enumerate(events, start=1):
        assert e["seq"] == i
        assert e["prev_hash"] == prev, f"the chain forks or breaks at seq {i}"
        body = {k: v for k, v in e.items() if k != "hash"}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == e["hash"], e["seq"]
        prev = e["hash"]
    return events


def audit(db):
    """The auditor's report as JSON; it must find the chain and sequence intact."""
    p = sifund("audit", db, "--format", "json", "--as-of", "2024-12-31")
    assert p.returncode in (0, 1), p.stderr
    report = json.loads(p.stdout)
    broken = [f for f in report["findings"] if f["id"].startswith("integrity.")]
    assert not broken, broken
    return report


def settled(db, timeout=60):
    """Waits until no other session of the server works on this database.

    A client killed after it sent COMMIT leaves the server to finish the
    transaction on its own: the apply may still land a moment after the
    process is gone. What "whole or absent" means is decided once the server
    is done with it. A SQLite file has no server: nothing to wait for."""
    if not str(db).startswith("postgres"):
        return
    deadline = time.monotonic() + timeout
    while True:
        p = subprocess.run(["psql", "-X", "-A", "-t", "-d", db, "-c",
                            "SELECT count(*) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()"],
                           capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
        if int(p.stdout.strip()) == 0:
            return
        assert time.monotonic() < deadline, f"the server still works on {db} after {timeout} s"
        time.sleep(0.05)


def snapshot(db):
    """What the store holds, to show that nothing changed: the file's bytes, or the database's rows."""
    if not str(db).startswith("postgres"):
        return hashlib.sha256(Path(db).read_bytes()).hexdigest()
    p = subprocess.run(["psql", "-X", "-A", "-t", "-d", db, "-c",
                        "SELECT seq, type, date, recorded_at, prev_hash, hash, md5(json) FROM sifund.events ORDER BY seq;"
                        "SELECT * FROM sifund.meta ORDER BY key"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout
