import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("SIFUND_ROOT", Path(__file__).resolve().parents[2]))
ORBRO = ROOT / "examples" / "orebro" / "fund.jsonl"


def run(*args, check=None):
    """Runs sifund; returns (exit code, stdout, stderr)."""
    p = subprocess.run([os.environ["SIFUND"], *map(str, args)], capture_output=True, text=True)
    if check is not None:
        assert p.returncode == check, f"exit {p.returncode}, expected {check}\n{p.stdout}\n{p.stderr}"
    return p.returncode, p.stdout, p.stderr


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "fund.db"
    run("init", db, check=0)
    return db


@pytest.fixture
def orebro(store):
    run("apply", store, ORBRO, "--recorded-at", "2024-01-15T09:00:00Z", check=0)
    return store


def write_jsonl(path, *objects):
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objects),
                    encoding="utf-8")
    return path
