"""tests/data/bad: malformed and hostile command files. Each gives the error
expected.tsv names (exit code, error id, line, message) and none changes the
store, on SQLite and on PostgreSQL."""
import pytest

from conftest import ROOT, SETUP, check, new_db, sifund, snapshot, write_jsonl

BAD = ROOT / "tests" / "data" / "bad"


def expectations():
    rows = []
    for line in (BAD / "expected.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, code, error_id, at, message = line.split("\t")
        rows.append((name, int(code), error_id, int(at), message))
    return rows


def test_the_corpus_is_complete():
    listed = {row[0] for row in expectations()}
    present = {p.name for p in BAD.glob("*.jsonl")}
    assert listed == present
    assert len(present) >= 50


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def setup_store(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    db = new_db(request.param, tmp)
    check(sifund("init", db))
    check(sifund("apply", db, write_jsonl(tmp / "setup.jsonl", SETUP), "--recorded-at", "2024-01-01T00:00:00Z"))
    return db, tmp


def refuse(db, path, code, error_id, at, message):
    before = snapshot(db)
    p = sifund("apply", db, path)
    assert p.returncode == code, p.stderr
    assert p.stdout == ""
    assert f"{path.name}:{at}: " in p.stderr, p.stderr
    assert f"[{error_id}]" in p.stderr, p.stderr
    assert message in p.stderr, p.stderr
    assert len(p.stderr) < 2000, "a message quotes hostile input at length"
    assert snapshot(db) == before


@pytest.mark.parametrize("name,code,error_id,at,message", expectations(), ids=[r[0] for r in expectations()])
def test_bad_input_is_refused_and_changes_nothing(setup_store, name, code, error_id, at, message):
    db, _ = setup_store
    refuse(db, BAD / name, code, error_id, at, message)


def test_ten_megabyte_inputs_are_refused_and_change_nothing(setup_store):
    db, tmp = setup_store
    huge = "x" * (10 * 1024 * 1024)
    in_a_field = tmp / "ten-megabyte-field.jsonl"
    in_a_field.write_text(SETUP[0][:0] + '{"type":"capital.contributed","date":"2014-01-15","actor":"finance",'
                          f'"amount":"1.00","source":"{huge}","decision":"KF"}}\n', encoding="utf-8")
    refuse(db, in_a_field, 2, "input.line_too_long", 1, "10485")
    no_newline = tmp / "ten-megabyte-line.jsonl"
    no_newline.write_text('{"type":"capital.contributed","date":"2014-01-15","actor":"finance","amount":"1.00"}\n' + huge,
                          encoding="utf-8")
    refuse(db, no_newline, 2, "input.line_too_long", 2, "at most 1048576 bytes")


def test_the_store_still_takes_good_input_afterwards(setup_store):
    db, tmp = setup_store
    good = write_jsonl(tmp / "good.jsonl", ['{"type":"capital.contributed","date":"2014-01-15","actor":"finance",'
                                            '"amount":"65000000.00","source":"AFA refund","decision":"KF"}'])
    check(sifund("apply", db, good))
