"""Several processes append to one store at once: afterwards the events are
exactly those accepted, in one unbroken chain."""
import threading
from decimal import Decimal

from conftest import audit, contributions, exported, sifund, total, write_jsonl

WRITERS = 4
APPLIES = 6
SIZE = 5


def test_concurrent_applies_lose_nothing_and_never_fork(fund_db, tmp_path):
    db = fund_db
    accepted, problems, retried = [], [], []
    lock = threading.Lock()

    def writer(w):
        for k in range(APPLIES):
            batch = contributions(f"writer {w} apply {k}", SIZE, start=(w * APPLIES + k) * SIZE)
            p = sifund("apply", db, write_jsonl(tmp_path / f"w{w}-{k}.jsonl", batch))
            with lock:
                if "another writer appended first" in p.stderr:
                    retried.append((w, k))
                if p.returncode == 0:
                    accepted.append(batch)
                elif p.returncode == 2 and "store.conflict" in p.stderr:
                    pass  # gave up after its retries: not accepted, and so not stored
                else:
                    problems.append(f"writer {w} apply {k}: exit {p.returncode}: {p.stderr}")

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not problems, problems
    print(f"{len(accepted)} applies accepted, {len(retried)} retried after losing a race")

    history = exported(db)  # verifies the chain
    assert len(history) == 2 + SIZE * len(accepted)
    assert audit(db)["events"] == len(history)
    stored = sorted(e["source"] for e in history if e["type"] == "capital.contributed")
    assert stored == sorted(o["source"] for batch in accepted for o in batch)  # each exactly once
    capital = sum(Decimal(e["amount"]) for e in history if e["type"] == "capital.contributed")
    assert capital == sum(total(batch) for batch in accepted)
