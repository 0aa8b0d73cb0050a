"""sifund's exceptions: one hierarchy under sifund.Error, each with its stable id, raised
where sifund raises them, carrying their data and surviving pickling."""
import pickle

import pytest

import sifund
from sifund import Money, Rate
from conftest import ADOPT, ESTABLISH, RECORDED

HIERARCHY = {
    "Error": (Exception,),
    "InputError": (sifund.Error, ValueError),
    "CurrencyError": (sifund.InputError,),
    "RuleViolation": (sifund.Error,),
    "IntegrityError": (sifund.Error,),
    "StoreError": (sifund.Error,),
    "ConcurrencyError": (sifund.StoreError,),
    "OverflowError": (sifund.Error, OverflowError),
}


@pytest.mark.parametrize("name, bases", HIERARCHY.items())
def test_the_hierarchy(name, bases):
    cls = getattr(sifund, name)
    assert all(issubclass(cls, b) for b in bases)
    assert cls.__module__ == "sifund" and cls.__doc__
    assert cls.id is None and cls.line is None  # class-level defaults


def raise_each():
    """Each exception, raised the way sifund raises it."""
    fund = sifund.Fund(sifund.MemoryStore())
    fund.apply([ESTABLISH, ADOPT], recorded_at=RECORDED)
    yield "InputError", lambda: Money("x")
    yield "CurrencyError", lambda: Money("1.00 NOK")
    yield "OverflowError", lambda: Money.max() * 2
    yield "RuleViolation", lambda: fund.apply([{"type": "grant.closed", "date": "2014-01-01", "actor": "ks",
                                                 "grant": "G", "decision": "d"}], recorded_at=RECORDED)
    yield "StoreError", lambda: sifund.SqliteStore("/nonexistent/dir/f.db")
    other = sifund.Fund(fund.store)
    fund.apply([{"type": "capital.contributed", "date": "2014-01-01", "actor": "finance", "amount": "1.00"}],
               recorded_at=RECORDED)  # `other` read the store before this: it is now behind
    yield "ConcurrencyError", lambda: other.apply([{"type": "capital.contributed", "date": "2014-01-01",
                                                     "actor": "finance", "amount": "1.00"}], recorded_at=RECORDED)


@pytest.mark.parametrize("name, action", list(raise_each()))
def test_each_exception_is_raised_with_its_id(name, action):
    with pytest.raises(getattr(sifund, name)) as e:
        action()
    assert type(e.value) is getattr(sifund, name)
    assert isinstance(e.value, sifund.Error) and e.value.id and str(e.value)
    copy = pickle.loads(pickle.dumps(e.value))
    assert type(copy) is type(e.value) and copy.id == e.value.id and str(copy) == str(e.value)


def test_integrity_error_carries_the_seq(tmp_path, orebro_db):
    import sqlite3
    con = sqlite3.connect(orebro_db)
    con.execute("DELETE FROM events WHERE seq = 7")
    con.commit()
    con.close()
    with pytest.raises(sifund.IntegrityError) as e:
        sifund.Fund(sifund.SqliteStore(orebro_db))
    assert (e.value.id, e.value.seq, e.value.line) == ("integrity.sequence", 7, None)


def test_a_rule_violation_carries_its_data_through_pickling():
    fund = sifund.Fund(sifund.MemoryStore())
    with pytest.raises(sifund.RuleViolation) as e:
        fund.apply([ESTABLISH, ADOPT, {"type": "capital.contributed", "date": "2012-01-01", "actor": "finance",
                                       "amount": "1.00"}], recorded_at=RECORDED)
    v = pickle.loads(pickle.dumps(e.value))
    assert (v.rule_id, v.line, v.citation) == (e.value.rule_id, 3, None)
    assert v.reason == e.value.reason and "sifund invariant" in str(v)


def test_python_code_may_raise_them_too():
    with pytest.raises(sifund.Error) as e:
        raise sifund.RuleViolation("custom")
    assert e.value.rule_id is None and str(e.value) == "custom"


def test_rate_errors():
    with pytest.raises(sifund.InputError, match="negative"):
        Rate("-1")
