"""examples/python/orebro.py runs as documented: with matplotlib it draws a PNG, without
it prints a table instead, and a SQLite file it is given is filled once and then read."""
import os
import subprocess
import sys

import pytest

import sifund
from conftest import ROOT

SCRIPT = ROOT / "examples" / "python" / "orebro.py"
PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(sifund.__file__)))


def run(tmp_path, *args, extra_path=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (extra_path, PACKAGE_PARENT) if p)
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=tmp_path, env=env)


def test_the_example_prints_the_statement_and_the_audit(tmp_path):
    p = run(tmp_path, "--png", "fc.png")
    assert p.returncode == 0, p.stderr
    assert "applied fund.jsonl: events 1-200 in memory" in p.stdout
    assert "Örebro sociala investeringsfond\nas of 2023-12-31 (SEK)" in p.stdout
    assert "Free capital                           75 308 731,00" in p.stdout
    # Back-dated (recorded in 2024), recorded after the audit date, and G-2014-01 with G-2015-01
    # passing the grant limit together.
    assert "200 events: 0 error(s), 3 warning(s), 0 note(s)" in p.stdout
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "matplotlib is not installed" in p.stdout
    else:
        assert (tmp_path / "fc.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "free capital over time: fc.png" in p.stdout


def test_without_matplotlib_it_prints_a_table(tmp_path):
    blocker = tmp_path / "blocker" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('not installed here')\n")
    p = run(tmp_path, extra_path=blocker.parent)
    assert p.returncode == 0, p.stderr
    assert "matplotlib is not installed" in p.stdout
    assert "  2023-12-31      75 308 731,00 kr\n" in p.stdout
    assert not list(tmp_path.glob("*.png"))


def test_a_sqlite_file_is_filled_once(tmp_path):
    first = run(tmp_path, "--db", "orebro.db", "--as-of", "2016-12-31", "--png", "a.png")
    again = run(tmp_path, "--db", "orebro.db", "--as-of", "2016-12-31", "--png", "b.png")
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert "events 1-200 in orebro.db" in first.stdout and "orebro.db already holds 200 events" in again.stdout
    assert first.stdout.split("\n", 1)[1] == again.stdout.split("\n", 1)[1].replace("b.png", "a.png")
