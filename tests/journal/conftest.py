import os
import subprocess
from pathlib import Path

ROOT = Path(os.environ.get("SIFUND_ROOT", Path(__file__).resolve().parents[2]))
ORBRO = ROOT / "examples" / "orebro" / "fund.jsonl"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: the 100 000-event history (ctest label slow)")


def run(*args, check=None, tool=None, **kwargs):
    """Runs sifund (or `tool`); returns (exit code, stdout, stderr)."""
    program = [tool] if tool else [os.environ["SIFUND"]]
    p = subprocess.run([*program, *map(str, args)], capture_output=True, text=True, **kwargs)
    if check is not None:
        assert p.returncode == check, f"{program[0]} exit {p.returncode}, expected {check}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}"
    return p.returncode, p.stdout, p.stderr
