"""sifund: the books of a social investment fund, exact to the öre.

The C++ library (sifund._core) with Python at its edges: money and rates are
``decimal.Decimal`` or ``str`` in and out (a ``float`` is a ``TypeError``),
dates are ``datetime.date``, recording times aware ``datetime.datetime``,
commands and events are dicts in the JSON shapes of DESIGN §4.1, statements
and findings are immutable objects with ``.to_dict()``.

    >>> from decimal import Decimal
    >>> import sifund
    >>> tax = sifund.Money(Decimal("6512345678.90"))
    >>> str(sifund.Rate("0.005").of(tax, sifund.Rounding.half_even))
    '32561728.39'
    >>> fund = sifund.Fund(sifund.MemoryStore())
    >>> fund.apply([{"type": "fund.established", "date": "2013-01-01", "actor": "kf",
    ...              "fund": "f", "name": "F", "owner": "O", "decision": "KF 1"}],
    ...            recorded_at="2013-01-02T09:00:00Z").count
    1
"""
from __future__ import annotations

import json as _json
import os as _os
from typing import Any, Dict, List, Union

from . import _core
from ._core import (
    Applied,
    AuditReport,
    Auditor,
    BudgetYear,
    ConcurrencyError,
    CurrencyError,
    Error,
    Finding,
    Flows,
    Fund,
    GrantLine,
    InputError,
    IntegrityError,
    MemoryStore,
    Money,
    OverflowError,
    Rate,
    Rounding,
    RuleViolation,
    Rulebook,
    Severity,
    SqliteStore,
    Statement,
    Store,
    StoreError,
    allocate,
)

__version__: str = _core.__version__

if hasattr(_core, "PostgresStore"):
    PostgresStore = _core.PostgresStore
else:

    class PostgresStore(Store):  # type: ignore[no-redef]
        """A PostgreSQL event store, for a finance office where several people write at once.

        Not in this build yet: the PostgreSQL store is being built. When _core
        offers it, this placeholder gives way to it (see bindings/python/src/store.cpp).
        """

        def __init__(self, url: str, *args: Any, **kwargs: Any) -> None:  # noqa: D401
            raise StoreError(f"PostgreSQL stores are not supported by this build yet: {url}")


def open_store(db: Union[str, "_os.PathLike[str]"], mode: SqliteStore.Open = SqliteStore.Open.create_if_missing) -> Store:
    """The store a DB argument of the command line names: a ``postgresql://`` URL, or a SQLite file."""
    text = _os.fspath(db)
    if text.startswith(("postgresql://", "postgres://")):
        return PostgresStore(text)
    return SqliteStore(text, mode)


def read_jsonl(path: Union[str, "_os.PathLike[str]"]) -> List[Dict[str, Any]]:
    """The commands of a JSON Lines file as dicts (blank lines skipped), to inspect or edit before
    ``Fund.apply``. ``Fund.apply_jsonl(path)`` applies a file directly, naming its lines in errors."""
    with open(path, encoding="utf-8") as f:
        return [_json.loads(line) for line in f if line.strip()]


__all__ = [
    "Applied",
    "AuditReport",
    "Auditor",
    "BudgetYear",
    "ConcurrencyError",
    "CurrencyError",
    "Error",
    "Finding",
    "Flows",
    "Fund",
    "GrantLine",
    "InputError",
    "IntegrityError",
    "MemoryStore",
    "Money",
    "PostgresStore",
    "Rate",
    "Rounding",
    "RuleViolation",
    "Rulebook",
    "Severity",
    "SqliteStore",
    "Statement",
    "Store",
    "StoreError",
    "allocate",
    "open_store",
    "read_jsonl",
    "__version__",
]

# sifund.OverflowError (a subclass of the built-in one) is not in __all__, so
# that `from sifund import *` does not shadow the built-in OverflowError.

# The compiled classes say they live in `sifund`, where users find them.
for _name in __all__ + ["OverflowError"]:
    _obj = globals()[_name]
    if isinstance(_obj, type) and getattr(_obj, "__module__", None) == "sifund._core":
        try:
            _obj.__module__ = "sifund"
        except (AttributeError, TypeError):
            pass
del _name, _obj
