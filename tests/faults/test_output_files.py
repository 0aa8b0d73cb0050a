"""A report never takes the place of what it reports on. `sifund audit --out`
refuses the store it reads, any SQLite file, anything that is not a plain
file, and an existing file unless --overwrite; it writes beside the target
and renames, so that a failed write leaves the target as it was and no
temporary file behind."""
import os
import resource
import signal
import subprocess

import pytest

from conftest import SETUP, check, sifund, snapshot, write_jsonl

AS_OF = ("--as-of", "2014-12-31")


@pytest.fixture
def sqlite_db(tmp_path):
    db = tmp_path / "fund.db"
    check(sifund("init", db))
    check(sifund("apply", db, write_jsonl(tmp_path / "setup.jsonl", SETUP)))
    return db


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def refused(p, error_id, *says):
    assert p.returncode == 2, f"exit {p.returncode}\n{p.stdout}\n{p.stderr}"
    assert p.stdout == ""
    assert f"[{error_id}]" in p.stderr, p.stderr
    assert "--out" in p.stderr, p.stderr
    for s in says:
        assert s in p.stderr, p.stderr


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_the_report_never_replaces_the_store_it_reads(sqlite_db, overwrite):
    before = snapshot(sqlite_db)
    listing = files_in(sqlite_db.parent)
    refused(sifund("audit", sqlite_db, *AS_OF, "--out", sqlite_db, *overwrite), "output.is_store", str(sqlite_db))
    assert snapshot(sqlite_db) == before
    assert files_in(sqlite_db.parent) == listing
    # nor through a symbolic link to it
    link = sqlite_db.parent / "link.db"
    link.symlink_to(sqlite_db)
    refused(sifund("audit", sqlite_db, *AS_OF, "--out", link, *overwrite), "output.is_store")
    assert snapshot(sqlite_db) == before


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_the_report_never_replaces_another_store(sqlite_db, tmp_path, overwrite):
    other = tmp_path / "other.db"
    check(sifund("init", other))
    before = snapshot(other)
    refused(sifund("audit", sqlite_db, *AS_OF, "--out", other, *overwrite), "output.is_store", "SQLite file")
    assert snapshot(other) == before


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_the_report_never_replaces_the_history_it_audits(sqlite_db, tmp_path, overwrite):
    history = tmp_path / "history.jsonl"
    history.write_text(check(sifund("export", sqlite_db, "--format", "jsonl")).stdout, encoding="utf-8")
    before = history.read_bytes()
    refused(sifund("audit", history, *AS_OF, "--out", history, *overwrite), "output.is_store", "what this command reads")
    assert history.read_bytes() == before


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_the_report_goes_only_to_a_plain_file(sqlite_db, tmp_path, kind):
    target = {"directory": tmp_path / "folder", "fifo": tmp_path / "fifo", "device": "/dev/null"}[kind]
    if kind == "directory":
        target.mkdir()
    elif kind == "fifo":
        os.mkfifo(target)
    listing = files_in(tmp_path)
    for overwrite in ([], ["--overwrite"]):
        refused(sifund("audit", sqlite_db, *AS_OF, "--out", target, *overwrite), "output.not_a_file", str(target))
    assert files_in(tmp_path) == listing


def test_an_existing_file_is_replaced_only_with_overwrite(sqlite_db, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("last year's report\n", encoding="utf-8")
    listing = files_in(tmp_path)
    refused(sifund("audit", sqlite_db, *AS_OF, "--out", report), "output.exists", str(report), "--overwrite")
    assert report.read_text(encoding="utf-8") == "last year's report\n"
    p = check(sifund("audit", sqlite_db, *AS_OF, "--out", report, "--overwrite"))
    assert "audit written to" in p.stdout
    assert report.read_text(encoding="utf-8").startswith("warning") or "audit of" in report.read_text(encoding="utf-8")
    assert files_in(tmp_path) == listing


def test_a_new_report_is_written_whole_with_an_ordinary_mode(sqlite_db, tmp_path):
    report = tmp_path / "new" / "report.json"
    report.parent.mkdir()
    check(sifund("audit", sqlite_db, *AS_OF, "--format", "json", "--out", report))
    assert files_in(report.parent) == ["report.json"]
    assert report.read_text(encoding="utf-8").rstrip().endswith("}")
    assert report.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_failed_write_leaves_the_old_report_and_no_temporary_file(sqlite_db, tmp_path):
    # A file size limit makes the write fail half-way (EFBIG; SIGXFSZ is
    # ignored, as the limit would otherwise kill the process).
    # The history is audited from a file (SQLite would need room for its -shm).
    history = tmp_path / "history.jsonl"
    history.write_text(check(sifund("export", sqlite_db, "--format", "jsonl")).stdout, encoding="utf-8")
    report = tmp_path / "report.html"
    report.write_text("the old report\n", encoding="utf-8")
    listing = files_in(tmp_path)

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    p = subprocess.run([os.environ["SIFUND"], "audit", str(history), *AS_OF, "--format", "html", "--out", str(report),
                        "--overwrite"], capture_output=True, text=True, timeout=60, preexec_fn=small_files)
    refused(p, "output.write_failed", str(report), "as it was")
    assert report.read_text(encoding="utf-8") == "the old report\n"
    assert files_in(tmp_path) == listing


def test_overwrite_without_out_is_a_usage_error(sqlite_db):
    p = sifund("audit", sqlite_db, *AS_OF, "--overwrite")
    assert p.returncode == 2 and "--overwrite is only for --out" in p.stderr, p.stderr
