"""Input that cannot be read is never taken as empty or finished: a directory,
an endless device, a pipe whose writer dies. Each is refused (exit 2, its id,
the file named) and the store is byte-for-byte what it was; pipes that end
normally still work."""
import os
import resource
import signal
import subprocess
import time

import pytest

from conftest import SETUP, check, contributions, sifund, snapshot, write_jsonl


def refused(p, error_id, *says):
    assert p.returncode == 2, f"exit {p.returncode}\n{p.stdout}\n{p.stderr}"
    assert p.stdout == "", "nothing is claimed on stdout"
    assert f"[{error_id}]" in p.stderr, p.stderr
    for s in says:
        assert s in p.stderr, p.stderr


def test_a_directory_as_the_command_file_is_refused(fund_db, tmp_path):
    folder = tmp_path / "commands"
    folder.mkdir()
    before = snapshot(fund_db)
    refused(sifund("apply", fund_db, folder), "cli.file", str(folder), "directory")
    assert snapshot(fund_db) == before


def test_a_directory_as_the_audited_history_is_refused(tmp_path):
    folder = tmp_path / "history"
    folder.mkdir()
    refused(sifund("audit", folder, "--as-of", "2024-12-31"), "cli.file", str(folder), "directory")


def limited_memory(megabytes):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))
    return limit


@pytest.mark.parametrize("verb", ["apply", "audit"])
def test_dev_zero_is_refused_quickly_in_bounded_memory(fund_db, verb):
    # An endless line: refused at the 1 MiB line limit, not read to the end
    # of memory. 200 MB of address space is far more than sifund needs and
    # far less than an unbounded read would take before it fails.
    before = snapshot(fund_db)
    args = ["apply", fund_db, "/dev/zero"] if verb == "apply" else ["audit", "/dev/zero", "--as-of", "2024-12-31"]
    started = time.monotonic()
    p = subprocess.run([os.environ["SIFUND"], *map(str, args)], capture_output=True, text=True, timeout=60,
                       preexec_fn=limited_memory(200))
    assert time.monotonic() - started < 10
    refused(p, "input.line_too_long", "/dev/zero", ":1:", "1048576 bytes")
    assert snapshot(fund_db) == before


def test_a_command_file_through_a_pipe_still_works(fund_db, tmp_path):
    commands = write_jsonl(tmp_path / "c.jsonl", contributions("piped", 3))
    with open(commands, "rb") as stdin:
        p = subprocess.run([os.environ["SIFUND"], "apply", fund_db, "/dev/stdin"], stdin=stdin,
                           capture_output=True, text=True, timeout=60)
    check(p)
    assert "applied 3 command(s)" in p.stdout
    # and from a FIFO, written by another process
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["/bin/sh", "-c", f"cat '{commands}' > '{fifo}'"])
    check(sifund("apply", fund_db, fifo))
    assert writer.wait(timeout=30) == 0


def test_a_last_line_without_a_newline_is_a_line(fund_db, tmp_path):
    path = tmp_path / "no-final-newline.jsonl"
    write_jsonl(path, contributions("last line", 2))
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    p = check(sifund("apply", fund_db, path))
    assert "applied 2 command(s)" in p.stdout


def test_a_fifo_whose_writer_dies_in_the_middle_of_a_line_applies_nothing(fund_db, tmp_path):
    # The reader sees the end of the input where the writer died: the lines
    # before it are whole, the last is half an object, refused as malformed
    # JSON, and so the whole file is refused.
    lines = write_jsonl(tmp_path / "c.jsonl", contributions("dying writer", 3)).read_bytes().splitlines(keepends=True)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    before = snapshot(fund_db)
    reader = subprocess.Popen([os.environ["SIFUND"], "apply", fund_db, str(fifo)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    writer = subprocess.Popen(["/usr/bin/python3", "-c", "import os, sys, time\n"
                               f"f = open({str(fifo)!r}, 'wb', buffering=0)\n"
                               f"f.write({b''.join(lines[:2]) + lines[2][:40]!r})\n"
                               "time.sleep(60)\n"])
    time.sleep(1.0)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 2, err
    assert out == ""
    assert f"{fifo}:3: " in err and "[input.malformed_json]" in err, err
    assert snapshot(fund_db) == before


def test_a_history_on_a_pipe_is_audited_whole(fund_db, tmp_path):
    history = tmp_path / "history.jsonl"
    history.write_text(check(sifund("export", fund_db, "--format", "jsonl")).stdout, encoding="utf-8")
    with open(history, "rb") as stdin:
        p = subprocess.run([os.environ["SIFUND"], "audit", "/dev/stdin", "--as-of", "2014-12-31"], stdin=stdin,
                           capture_output=True, text=True, timeout=60)
    assert p.returncode in (0, 1), p.stderr
    assert f"audit of {len(SETUP)} events" in p.stdout
    # and through a real pipe, whose first bytes must not be taken to look for a SQLite header
    cat = subprocess.Popen(["cat", str(history)], stdout=subprocess.PIPE)
    p = subprocess.run([os.environ["SIFUND"], "audit", "/dev/stdin", "--as-of", "2014-12-31"], stdin=cat.stdout,
                       capture_output=True, text=True, timeout=60)
    cat.stdout.close()
    cat.wait(timeout=30)
    assert p.returncode in (0, 1), p.stderr
    assert f"audit of {len(SETUP)} events" in p.stdout, p.stdout


@pytest.mark.parametrize("verb", ["apply", "audit"])
def test_a_read_that_fails_is_an_error_not_the_end_of_the_file(fund_db, verb):
    # Reading /proc/self/mem from its start fails with EIO: a read error,
    # which std::getline used to take for the end of an empty file.
    before = snapshot(fund_db)
    args = ["apply", fund_db, "/proc/self/mem"] if verb == "apply" else ["audit", "/proc/self/mem", "--as-of", "2024-12-31"]
    refused(sifund(*args), "input.read_failed", "/proc/self/mem", "reading failed")
    assert snapshot(fund_db) == before


@pytest.mark.parametrize("assumptions,error_id", [("folder", "cli.file"), ("/dev/zero", "input.file_too_large")])
def test_an_assumptions_file_that_cannot_be_read_is_refused_in_bounded_memory(fund_db, tmp_path, assumptions,
                                                                             error_id):
    if assumptions == "folder":
        assumptions = tmp_path / "folder"
        assumptions.mkdir()
    p = subprocess.run([os.environ["SIFUND"], "forecast", str(fund_db), "--until", "2016", "--assumptions",
                        str(assumptions)], capture_output=True, text=True, timeout=60, preexec_fn=limited_memory(200))
    refused(p, error_id, str(assumptions))
