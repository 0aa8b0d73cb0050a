"""Guards on what comes in, as the command line has them. A recording time
ahead of the clock would lock the fund (time never goes backwards in a
ledger, so every later apply at the real time would be refused): apply() and
apply_jsonl() refuse it, as `sifund apply --recorded-at` does, with the same
id, and leave the store as it was. A file that cannot be read is an error,
never an empty one."""
import json
from datetime import datetime, timedelta, timezone

import pytest

import sifund
from conftest import ADOPT, ESTABLISH, RECORDED

CONTRIBUTION = {"type": "capital.contributed", "date": "2014-01-01", "actor": "finance", "amount": "1.00"}


@pytest.fixture
def fund():
    f = sifund.Fund(sifund.MemoryStore())
    f.apply([ESTABLISH, ADOPT], recorded_at=RECORDED)
    return f


def test_apply_refuses_a_recording_time_ahead_of_the_clock(fund):
    ahead = datetime.now(timezone.utc) + timedelta(days=1)
    with pytest.raises(sifund.InputError) as e:
        fund.apply([CONTRIBUTION], recorded_at=ahead)
    assert e.value.id == "ledger.recorded_in_future"
    assert "recorded_at" in str(e.value) and "clock" in str(e.value)
    assert len(fund.events()) == 2
    fund.apply([CONTRIBUTION])  # the fund still takes an apply at the real time


def test_apply_jsonl_refuses_it_too(fund, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(CONTRIBUTION) + "\n", encoding="utf-8")
    with pytest.raises(sifund.InputError) as e:
        fund.apply_jsonl(path, recorded_at=datetime.now(timezone.utc) + timedelta(hours=1))
    assert e.value.id == "ledger.recorded_in_future"
    assert len(fund.events()) == 2


def test_a_minute_ahead_is_within_the_tolerance(fund):
    fund.apply([CONTRIBUTION], recorded_at=datetime.now(timezone.utc) + timedelta(minutes=1))
    assert len(fund.events()) == 3


def test_a_directory_as_the_command_file_is_refused(fund, tmp_path):
    with pytest.raises(sifund.InputError) as e:
        fund.apply_jsonl(tmp_path)
    assert e.value.id == "input.file" and "directory" in str(e.value)
    assert len(fund.events()) == 2


def test_a_history_that_cannot_be_read_is_an_error_not_a_clean_audit(tmp_path):
    # A directory reads as a failed stream: never as an empty history with nothing to find.
    with pytest.raises(sifund.InputError) as e:
        sifund.Auditor().audit_jsonl(tmp_path)
    assert e.value.id == "input.read_failed"
