"""Stores from Python: SQLite files created like `sifund init`, the open modes, iteration
over events, closing, and objects that never dangle when their store is closed."""
import gc
import json
from datetime import date, timedelta

import pytest

import sifund
from sifund import MemoryStore, SqliteStore
from conftest import ADOPT, ESTABLISH, RECORDED, cli


def test_a_missing_file_is_created_and_initialised_like_sifund_init(tmp_path):
    db = tmp_path / "new.db"
    store = SqliteStore(db)
    assert db.exists() and store.count() == 0 and len(store) == 0
    assert store.path == str(db) and store.mode == SqliteStore.Open.create_if_missing
    store.close()
    # the command line reads it as one of its own
    _, out, _ = cli("statement", db, "--as-of", "2020-01-01", "--format", "json", check=0)
    assert json.loads(out)["cash"] == "0.00"
    # and opening it again does not recreate it
    sifund.Fund(SqliteStore(str(db))).apply([ESTABLISH], recorded_at=RECORDED)
    assert SqliteStore(db).count() == 1


def test_open_modes(tmp_path):
    db = tmp_path / "f.db"
    with pytest.raises(sifund.StoreError) as missing:
        SqliteStore(db, SqliteStore.Open.existing)
    assert missing.value.id == "store.missing" and not db.exists()
    SqliteStore(db, SqliteStore.Open.create_new).close()
    with pytest.raises(sifund.StoreError) as exists:
        SqliteStore(db, SqliteStore.Open.create_new)
    assert exists.value.id == "store.exists"
    ro = SqliteStore(db, SqliteStore.Open.read_only)
    with pytest.raises(sifund.StoreError) as read_only:
        sifund.Fund(ro).apply([ESTABLISH], recorded_at=RECORDED)
    assert read_only.value.id == "store.read_only"
    not_a_store = tmp_path / "x.db"
    not_a_store.write_text("hello")
    with pytest.raises(sifund.StoreError) as fmt:
        SqliteStore(not_a_store)
    assert fmt.value.id == "store.format"


def test_busy_timeout_is_a_timedelta(tmp_path):
    store = SqliteStore(tmp_path / "f.db")
    assert store.busy_timeout == timedelta(seconds=10)
    store.busy_timeout = timedelta(milliseconds=250)
    assert store.busy_timeout == timedelta(milliseconds=250)


@pytest.mark.parametrize("make", [lambda p: MemoryStore(), lambda p: SqliteStore(p / "f.db")])
def test_iterating_a_store_gives_its_events_as_dicts(tmp_path, make, orebro_commands):
    store = make(tmp_path)
    fund = sifund.Fund(store)
    fund.apply(orebro_commands, recorded_at=RECORDED)
    events = list(store)
    assert events == fund.events() and len(events) == len(store) == 200
    assert events[0]["type"] == "fund.established" and events[0]["name"] == "Örebro sociala investeringsfond"
    assert {"seq", "recorded_at", "prev_hash", "hash", "type", "date", "actor"} <= events[5].keys()
    it = iter(store)
    first = next(it)
    fund.apply([{"type": "capital.contributed", "date": "2024-01-02", "actor": "finance", "amount": "1.00"}],
               recorded_at=RECORDED)
    assert first["seq"] == 1 and sum(1 for _ in it) == 199  # a snapshot, taken when iteration began
    assert len(list(store)) == 201


def test_closing_a_store(tmp_path, orebro_commands):
    db = tmp_path / "f.db"
    with SqliteStore(db) as store:
        fund = sifund.Fund(store)
        fund.apply(orebro_commands, recorded_at=RECORDED)
        assert not store.closed
    assert store.closed and repr(store) == f"SqliteStore('{db}') (closed)"
    assert not (tmp_path / "f.db-wal").exists()  # closed: one file
    for use in (store.count, lambda: list(store), lambda: sifund.Fund(store)):
        with pytest.raises(sifund.StoreError) as e:
            use()
        assert e.value.id == "store.closed"
    # The fund keeps what it read: statements still work, appends are refused, and nothing changes.
    st = fund.statement(as_of=date(2023, 12, 31))
    with pytest.raises(sifund.StoreError):
        fund.apply([{"type": "capital.contributed", "date": "2024-01-02", "actor": "finance", "amount": "1.00"}],
                   recorded_at=RECORDED)
    assert fund.statement(as_of=date(2023, 12, 31)) == st and len(fund) == 200
    store.close()  # twice is harmless
    assert SqliteStore(db).count() == 200


def test_a_fund_keeps_its_store_alive(tmp_path):
    fund = sifund.Fund(SqliteStore(tmp_path / "f.db"))  # no other reference to the store
    gc.collect()
    fund.apply([ESTABLISH, ADOPT], recorded_at=RECORDED)
    assert fund.store.count() == 2 and isinstance(fund.store, SqliteStore)
    assert fund.store is fund.store


def test_a_memory_store_is_shared_by_the_funds_on_it():
    store = MemoryStore()
    sifund.Fund(store).apply([ESTABLISH], recorded_at=RECORDED)
    assert len(sifund.Fund(store)) == 1 and repr(store) == "MemoryStore()" and store.describe() == "memory"
    assert isinstance(store, sifund.Store)


def test_postgres_has_its_place_and_says_it_is_not_built_yet(tmp_path):
    assert issubclass(sifund.PostgresStore, sifund.Store)
    with pytest.raises(sifund.StoreError, match="not supported by this build yet"):
        sifund.PostgresStore("postgresql://postgres@/fund")
    with pytest.raises(sifund.StoreError):
        sifund.open_store("postgresql://postgres@/fund")
    store = sifund.open_store(tmp_path / "f.db")
    assert isinstance(store, SqliteStore) and store.count() == 0


def test_a_corrupt_row_is_an_integrity_error_when_iterating(orebro_db):
    import sqlite3
    con = sqlite3.connect(orebro_db)
    con.execute("UPDATE events SET json = '{not json' WHERE seq = 4")
    con.commit()
    con.close()
    events = iter(SqliteStore(orebro_db))
    assert [next(events)["seq"] for _ in range(3)] == [1, 2, 3]
    with pytest.raises(sifund.IntegrityError) as e:
        next(events)
    assert (e.value.id, e.value.seq) == ("integrity.unreadable", 4)
