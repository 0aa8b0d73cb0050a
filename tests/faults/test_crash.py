"""SIGKILL at random moments during large applies, many times: after each
kill the store opens, the audit finds the chain intact, and the apply is
there entirely or not at all."""
import os
import random
import signal
import subprocess
import time
from decimal import Decimal

from conftest import audit, check, contributions, exported, settled, sifund, total, write_jsonl

ROUNDS = 24
BATCH = 4000


def test_sigkill_during_apply_leaves_each_apply_whole_or_absent(fund_db, tmp_path):
    db = fund_db
    seed = int(os.environ.get("SIFUND_CRASH_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    print(f"seed {seed} (SIFUND_CRASH_SEED to repeat)")

    expected_capital = Decimal(0)
    events = audit(db)["events"]
    full = None  # how long an apply that is not killed takes, lately
    outcomes = {"absent": 0, "whole": 0, "finished": 0}
    for round_ in range(ROUNDS + 1):
        batch = contributions(f"round {round_}", BATCH, start=round_ * BATCH)
        path = write_jsonl(tmp_path / f"round-{round_}.jsonl", batch)
        started = time.monotonic()
        proc = subprocess.Popen([os.environ["SIFUND"], "apply", db, path],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if full is None:  # the first round measures an apply, unkilled
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            full = time.monotonic() - started
        else:
            # Anywhere from before the store is opened to after the commit;
            # every other round late, when the batch is being written.
            time.sleep(rng.uniform(0, 1.15 * full) if round_ % 2 else rng.uniform(0.6 * full, 1.1 * full))
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=120)
            assert proc.returncode in (0, -signal.SIGKILL), err
            if proc.returncode == 0:
                full = time.monotonic() - started

        settled(db)  # a commit sent before the kill may still be landing on the server
        report = audit(db)  # opens the store and verifies chain and sequence
        after = report["events"]
        assert after in (events, events + BATCH), f"round {round_}: {events} events before, {after} after a kill"
        if after == events + BATCH:
            expected_capital += total(batch)
            outcomes["finished" if proc.returncode == 0 else "whole"] += 1
        else:
            outcomes["absent"] += 1
        events = after
    print(f"outcomes over {ROUNDS} kills: {outcomes}")

    history = exported(db)
    assert len(history) == events
    capital = sum(Decimal(e["amount"]) for e in history if e["type"] == "capital.contributed")
    assert capital == expected_capital
    # The store still takes appends after all that.
    check(sifund("apply", db, write_jsonl(tmp_path / "last.jsonl", contributions("last", 3))))
