"""What the store is told and what it holds: an apply reads back what it
appended before it commits (a planted trigger that swallows inserts is
caught, and nothing is claimed); `sifund init` interrupted at any moment
leaves no file or a store that works; a read-only copy in a read-only folder
can be read, audited and exported by a user who may not write there."""
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import SETUP, check, contributions, postgres_base_url, sifund, snapshot, with_database, write_jsonl

AS_OF = ("--as-of", "2014-12-31")


def plant_swallowing_trigger(db):
    if str(db).startswith("postgres"):
        p = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", db, "-c",
                            "CREATE FUNCTION sifund.swallow() RETURNS trigger LANGUAGE plpgsql AS "
                            "$$ BEGIN RETURN NULL; END $$; "
                            "CREATE TRIGGER swallow BEFORE INSERT ON sifund.events "
                            "FOR EACH ROW EXECUTE FUNCTION sifund.swallow()"], capture_output=True, text=True)
        assert p.returncode == 0, p.stderr
    else:
        con = sqlite3.connect(db)
        con.execute("CREATE TRIGGER swallow BEFORE INSERT ON events BEGIN SELECT RAISE(IGNORE); END;")
        con.commit()
        con.close()


def test_an_append_that_a_trigger_swallows_is_refused_and_claims_nothing(fund_db, tmp_path):
    plant_swallowing_trigger(fund_db)
    before = snapshot(fund_db)
    p = sifund("apply", fund_db, write_jsonl(tmp_path / "c.jsonl", contributions("swallowed", 3)))
    assert p.returncode == 2, p.stderr
    assert p.stdout == "", "nothing may be claimed as applied"
    assert "[store.readback]" in p.stderr and "0 of the 3 rows" in p.stderr, p.stderr
    assert snapshot(fund_db) == before


def files_in(folder):
    return sorted(p.name for p in Path(folder).iterdir())


def test_init_makes_a_working_store_and_leaves_no_temporary_file(tmp_path):
    db = tmp_path / "fund.db"
    check(sifund("init", db))
    assert files_in(tmp_path) == ["fund.db"]
    assert oct(db.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
    check(sifund("apply", db, write_jsonl(tmp_path / "setup.jsonl", SETUP)))
    check(sifund("statement", db, *AS_OF))


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_init_over_an_existing_file_is_refused_and_leaves_it_as_it_was(tmp_path):
    for content in (b"", b"my spreadsheet", None):
        target = tmp_path / "fund.db"
        if content is None:
            check(sifund("init", target))
            content = target.read_bytes()
        else:
            target.write_bytes(content)
        listing = files_in(tmp_path)
        p = sifund("init", target)
        assert p.returncode == 2 and "[store.exists]" in p.stderr, p.stderr
        assert target.read_bytes() == content
        assert files_in(tmp_path) == listing
        target.unlink()


def test_init_killed_at_any_moment_leaves_no_file_or_a_store_that_works(tmp_path):
    seed = int(os.environ.get("SIFUND_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    print(f"seed {seed} (SIFUND_CRASH_SEED to repeat)")
    started = time.monotonic()
    check(sifund("init", tmp_path / "timed.db"))
    full = time.monotonic() - started
    # A kill before the rename may leave the half-built file beside the path
    # under a hidden name of its own, never the store's name; the next init
    # of the path removes it.
    outcomes = {"absent": 0, "store": 0, "half-built file left beside": 0}
    for round_ in range(30):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        db = folder / "fund.db"
        proc = subprocess.Popen([os.environ["SIFUND"], "init", str(db)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, 1.2 * full))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        # SQLite's own -wal and -shm beside a store that was renamed into place are the store's.
        own = {"fund.db", "fund.db-wal", "fund.db-shm"} if db.exists() else {"fund.db"}
        left = [n for n in files_in(folder) if n not in own]
        assert all(n.startswith(".fund.db.sifund-init-") for n in left), left
        if db.exists():
            outcomes["store"] += 1
            assert not left, f"a finished init left {left}"
        else:
            outcomes["absent"] += 1
            outcomes["half-built file left beside"] += bool(left)
            check(sifund("init", db))  # again, as the user would
            assert files_in(folder) == ["fund.db"], "the next init removes what the killed one left"
        check(sifund("statement", db, *AS_OF))  # opens and reads it
        check(sifund("apply", db, write_jsonl(folder / "setup.jsonl", SETUP)))
    print(f"outcomes over 30 kills: {outcomes}")


def test_every_append_reaches_the_main_file_so_that_a_copy_of_it_is_complete(tmp_path):
    # While another connection holds the store open, closing sifund's does
    # not checkpoint: the append itself must, or a copy of fund.db alone
    # (without its -wal) would lack the events just appended.
    db = tmp_path / "fund.db"
    check(sifund("init", db))
    holder = sqlite3.connect(db)
    holder.execute("SELECT count(*) FROM events").fetchall()
    check(sifund("apply", db, write_jsonl(tmp_path / "setup.jsonl", SETUP)))
    check(sifund("apply", db, write_jsonl(tmp_path / "c.jsonl", contributions("copied", 5))))
    copy = tmp_path / "copy" / "fund.db"
    copy.parent.mkdir()
    shutil.copyfile(db, copy)
    holder.close()
    events = check(sifund("export", copy, "--format", "jsonl")).stdout.splitlines()
    assert len(events) == len(SETUP) + 5


def as_nobody(*args):
    return subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", os.environ["SIFUND"],
                           *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def read_only_copy(tmp_path):
    """An auditor's copy: a 0444 file in a 0555 folder, read by an unprivileged user (as root permissions would not bind)."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is needed to run sifund as an unprivileged user")
    db = tmp_path / "fund.db"
    check(sifund("init", db))
    check(sifund("apply", db, write_jsonl(tmp_path / "setup.jsonl", SETUP)))
    check(sifund("apply", db, write_jsonl(tmp_path / "c.jsonl", contributions("audited", 4))))
    outer = Path(tempfile.mkdtemp(prefix="sifund-readonly-"))  # pytest's tmp_path is 0700: nobody could not enter it
    folder = outer / "copy"
    folder.mkdir()
    shutil.copyfile(db, folder / "fund.db")
    os.chmod(folder / "fund.db", 0o444)
    os.chmod(folder, 0o555)
    os.chmod(outer, 0o755)
    p = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "/bin/sh", "-c",
                        f"touch '{folder}/probe'"], capture_output=True)
    assert p.returncode != 0, "the folder must really be read-only for the user"
    yield folder / "fund.db"
    os.chmod(folder, 0o755)
    shutil.rmtree(outer)


def test_a_read_only_copy_in_a_read_only_folder_can_be_read(read_only_copy):
    db = read_only_copy
    before = snapshot(db)
    listing = files_in(db.parent)
    p = as_nobody("statement", db, *AS_OF, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert '"capital_contributed"' in p.stdout
    p = as_nobody("audit", db, *AS_OF, "--format", "json")
    assert p.returncode in (0, 1), p.stderr
    assert f'"events": {len(SETUP) + 4}' in p.stdout
    p = as_nobody("export", db, "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    assert len(p.stdout.splitlines()) == len(SETUP) + 4
    # and an apply is refused, nothing written
    p = as_nobody("apply", db, "/dev/null")
    assert p.returncode == 2
    assert snapshot(db) == before
    assert files_in(db.parent) == listing
