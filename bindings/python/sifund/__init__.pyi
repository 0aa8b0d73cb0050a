# Type stubs of the sifund package: the compiled classes (see _core.pyi) and
# the few functions of the pure-Python layer.
import os
from typing import Any, Dict, List, Union

from ._core import (
    Applied as Applied,
    AuditReport as AuditReport,
    Auditor as Auditor,
    BudgetYear as BudgetYear,
    ConcurrencyError as ConcurrencyError,
    CurrencyError as CurrencyError,
    Error as Error,
    Finding as Finding,
    Flows as Flows,
    Fund as Fund,
    GrantLine as GrantLine,
    InputError as InputError,
    IntegrityError as IntegrityError,
    MemoryStore as MemoryStore,
    Money as Money,
    OverflowError as OverflowError,
    Rate as Rate,
    Rounding as Rounding,
    RuleViolation as RuleViolation,
    Rulebook as Rulebook,
    Severity as Severity,
    SqliteStore as SqliteStore,
    Statement as Statement,
    Store as Store,
    StoreError as StoreError,
    allocate as allocate,
)

__version__: str
__all__: List[str]

class PostgresStore(Store):
    """Not in this build yet: raises StoreError."""
    def __init__(self, url: str, *args: Any, **kwargs: Any) -> None: ...

def open_store(db: Union[str, os.PathLike[str]], mode: SqliteStore.Open = ...) -> Store: ...
def read_jsonl(path: Union[str, os.PathLike[str]]) -> List[Dict[str, Any]]: ...
