"""Shared fixtures of the Python binding tests (run by ctest with /usr/bin/python3 and
PYTHONPATH set to the build tree's python/ directory, where the package is assembled)."""
import hashlib
import json
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

import sifund

ROOT = Path(os.environ.get("SIFUND_ROOT", Path(__file__).resolve().parents[2]))
OREBRO = ROOT / "examples" / "orebro" / "fund.jsonl"
RECORDED = datetime(2024, 1, 15, 9, 0, tzinfo=timezone.utc)


def cli(*args, check=None):
    """Runs the `sifund` command line; returns (exit code, stdout, stderr)."""
    p = subprocess.run([os.environ["SIFUND"], *map(str, args)], capture_output=True, text=True)
    if check is not None:
        assert p.returncode == check, f"exit {p.returncode}, expected {check}\n{p.stdout}\n{p.stderr}"
    return p.returncode, p.stdout, p.stderr


def generate(n, seed=1):
    """n generated commands (tests/support's history generator) as dicts."""
    p = subprocess.run([os.environ["SIFUND_GENERATE"], str(n), str(seed)], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in p.stdout.splitlines() if line]


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def orebro_commands():
    return sifund.read_jsonl(OREBRO)


@pytest.fixture
def orebro_db(tmp_path, orebro_commands):
    """The Örebro example applied from Python into a new SQLite file; the store is closed."""
    db = tmp_path / "orebro.db"
    with sifund.SqliteStore(db) as store:
        sifund.Fund(store).apply(orebro_commands, recorded_at=RECORDED)
    return db


@pytest.fixture
def orebro_fund(orebro_commands):
    fund = sifund.Fund(sifund.MemoryStore())
    fund.apply(orebro_commands, recorded_at=RECORDED)
    return fund


ESTABLISH = {"type": "fund.established", "date": "2013-01-01", "actor": "kf", "fund": "f", "name": "F",
             "owner": "O", "decision": "KF 1"}
ADOPT = {"type": "rulebook.adopted", "date": "2013-01-01", "actor": "ks", "version": "1", "decision": "KS 1",
         "rules": {"roles": {"kf": ["council"], "ks": ["board"], "finance": ["finance"]},
                   "grant": {"max_amount": "1000000.00"},
                   "citations": {"grant.max_amount": "§4.2"}}}
