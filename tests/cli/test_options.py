"""Every option's bad value is refused naming the option and the value (exit
2, [cli.option]); a recording time ahead of the clock is refused before it
can lock the fund; dates past the calendar sifund keeps are refused."""
import datetime
import json

import pytest

from conftest import ORBRO, digest, run, write_jsonl

SETUP = ORBRO.read_text(encoding="utf-8").splitlines()[:2]


@pytest.fixture
def fund(store, tmp_path):
    run("apply", store, write_jsonl(tmp_path / "setup.jsonl", *SETUP), "--recorded-at", "2024-01-01T00:00:00Z", check=0)
    return store


def contribution(n=1):
    return {"type": "capital.contributed", "date": "2014-01-15", "actor": "finance", "amount": f"{n}.00",
            "source": "test", "decision": "KF"}


BAD_VALUES = [
    # (verb, the arguments after DB, option, value)
    ("audit", ["--backdating-days", "abc"], "--backdating-days", "abc"),
    ("audit", ["--backdating-days", "-1"], "--backdating-days", "-1"),
    ("audit", ["--backdating-days", "99999999999999999999"], "--backdating-days", "99999999999999999999"),
    ("audit", ["--as-of", "2300-01-01"], "--as-of", "2300-01-01"),
    ("audit", ["--as-of", "1899-12-31"], "--as-of", "1899-12-31"),
    ("audit", ["--as-of", "31/12/2024"], "--as-of", "31/12/2024"),
    ("audit", ["--format", "pdf"], "--format", "pdf"),
    ("statement", ["--as-of", "2200-01-01"], "--as-of", "2200-01-01"),
    ("statement", ["--as-of", "2024-02-30"], "--as-of", "2024-02-30"),
    ("statement", ["--known-at", "yesterday"], "--known-at", "yesterday"),
    ("statement", ["--known-at", "2300-01-01T00:00:00Z"], "--known-at", "2300-01-01T00:00:00Z"),
    ("statement", ["--format", "xml"], "--format", "xml"),
    ("export", ["--format", "xlsx"], "--format", "xlsx"),
    ("forecast", ["--until", "20x0"], "--until", "20x0"),
    ("forecast", ["--until", "2300"], "--until", "2300"),
    ("forecast", ["--until", "2030", "--runs", "0"], "--runs", "0"),
    ("forecast", ["--until", "2030", "--runs", "many"], "--runs", "many"),
    ("forecast", ["--until", "2030", "--seed", "-5"], "--seed", "-5"),
    ("forecast", ["--until", "2030", "--threads", "1000"], "--threads", "1000"),
    ("evaluate", ["--grant", "G-1", "--rate", "three"], "--rate", "three"),
]


@pytest.mark.parametrize("verb,args,option,value", BAD_VALUES, ids=[f"{b[0]}{b[2]}={b[3]}" for b in BAD_VALUES])
def test_a_bad_option_value_is_refused_naming_the_option_and_the_value(fund, verb, args, option, value):
    before = digest(fund)
    code, out, err = run(verb, fund, *args)
    assert code == 2, err
    assert out == ""
    assert "[cli.option]" in err, err
    assert f'{option} must be' in err and f'"{value}"' in err, err
    assert "stol" not in err and "stoi" not in err
    assert digest(fund) == before


@pytest.mark.parametrize("value", ["soon", "2024-13-01T00:00:00Z", "2200-01-01T00:00:00Z"])
def test_a_bad_recording_time_is_refused_naming_the_option(fund, tmp_path, value):
    before = digest(fund)
    code, out, err = run("apply", fund, write_jsonl(tmp_path / "c.jsonl", contribution()), "--recorded-at", value)
    assert code == 2 and out == ""
    assert "[cli.option]" in err and "--recorded-at must be" in err and f'"{value}"' in err, err
    assert digest(fund) == before


def utc(delta):
    t = datetime.datetime.now(datetime.timezone.utc) + delta
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_recording_time_ahead_of_the_clock_is_refused(fund, tmp_path):
    # Accepted, it would lock the fund: every later apply at the real time
    # would be "before the last event's" and refused.
    before = digest(fund)
    future = utc(datetime.timedelta(days=30))
    code, out, err = run("apply", fund, write_jsonl(tmp_path / "c.jsonl", contribution()), "--recorded-at", future)
    assert code == 2 and out == ""
    assert "[ledger.recorded_in_future]" in err, err
    assert "--recorded-at" in err and future[:19] in err and "clock" in err, err
    assert digest(fund) == before
    # The fund still takes an apply at the real time.
    run("apply", fund, write_jsonl(tmp_path / "d.jsonl", contribution(2)), check=0)


def test_a_recording_time_a_little_ahead_is_within_the_tolerance(fund, tmp_path):
    # Two machines' clocks differ by seconds: a minute ahead is accepted.
    run("apply", fund, write_jsonl(tmp_path / "c.jsonl", contribution()), "--recorded-at",
        utc(datetime.timedelta(minutes=1)), check=0)


def test_a_recording_time_before_the_last_event_is_refused(fund, tmp_path):
    before = digest(fund)
    code, out, err = run("apply", fund, write_jsonl(tmp_path / "c.jsonl", contribution()), "--recorded-at",
                         "2023-12-31T23:59:59Z")
    assert code == 2 and out == ""
    assert "[ledger.recorded_at]" in err and "2023-12-31T23:59:59" in err, err
    assert digest(fund) == before


def test_the_as_of_limits_are_the_calendar_sifund_keeps(fund):
    run("audit", fund, "--as-of", "2199-12-31", check=0)
    _, out, _ = run("statement", fund, "--as-of", "1900-01-01", "--format", "json", check=0)
    assert json.loads(out)["as_of"] == "1900-01-01"
