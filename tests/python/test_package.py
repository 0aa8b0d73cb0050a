"""The package: its names, its type stubs against the compiled module, and an install
with `cmake --install` that Python imports from <prefix>/lib/python3/dist-packages."""
import ast
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import sifund
from sifund import _core

PACKAGE = Path(sifund.__file__).parent


def stub_classes(path):
    """{class name: set of member names} and the module-level functions of a .pyi file."""
    tree = ast.parse(path.read_text())
    classes, bases, functions = {}, {}, set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.ClassDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            classes[node.name] = members
            bases[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]
        elif isinstance(node, ast.FunctionDef):
            functions.add(node.name)

    def inherited(name):  # a class's members with those its stubbed bases declare
        return classes[name].union(*(inherited(b) for b in bases[name] if b in classes))

    return {name: inherited(name) for name in classes}, functions


def public(obj):
    return {n for n in dir(obj) if not n.startswith("_")}


def test_every_name_is_exported_and_says_it_lives_in_sifund():
    for name in sifund.__all__:
        assert hasattr(sifund, name), name
        obj = getattr(sifund, name)
        if inspect.isclass(obj):
            assert obj.__module__ == "sifund", name
            assert obj.__doc__, name
    assert sifund.__version__ == "0.1.0"
    assert "OverflowError" not in sifund.__all__  # `from sifund import *` keeps the built-in
    assert sifund.OverflowError.__module__ == "sifund" and issubclass(sifund.OverflowError, OverflowError)
    assert {"Money", "Rate", "Rounding", "BudgetYear", "Rulebook", "Fund", "MemoryStore", "SqliteStore",
            "PostgresStore", "Statement", "Auditor", "Finding", "Error", "RuleViolation", "InputError",
            "IntegrityError"} <= set(sifund.__all__)


def test_the_stubs_describe_the_compiled_module():
    classes, functions = stub_classes(PACKAGE / "_core.pyi")
    compiled = {n for n in dir(_core) if not n.startswith("__")}
    stubbed = set(classes) | functions | {"__version__"}
    assert {n for n in compiled if not n.startswith("__")} == stubbed - {"__version__"}
    for name, members in classes.items():
        cls = getattr(_core, name)
        if issubclass(cls, BaseException):
            continue
        runtime = public(cls)
        # every public member of the class is in its stub, and every stubbed member exists
        assert runtime - members - {"name", "value"} == set(), name
        assert {m for m in members if not m.startswith("_")} - runtime == set(), name
        for dunder in (m for m in members if m.startswith("__") and m != "__members__"):
            assert hasattr(cls, dunder), f"{name}.{dunder}"


def test_the_package_stubs_cover_the_pure_python_layer():
    text = (PACKAGE / "__init__.pyi").read_text()
    for name in sifund.__all__:
        assert name in text, name
    assert (PACKAGE / "py.typed").exists()


def test_cmake_install_puts_an_importable_package_under_dist_packages(tmp_path):
    build = os.environ.get("SIFUND_BUILD_DIR")
    if not build:
        pytest.skip("SIFUND_BUILD_DIR is not set (ctest sets it)")
    subprocess.run(["cmake", "--install", build, "--prefix", str(tmp_path)], check=True, capture_output=True)
    site = tmp_path / "lib" / "python3" / "dist-packages"
    assert {p.name for p in (site / "sifund").iterdir()} >= {"__init__.py", "__init__.pyi", "_core.pyi", "py.typed"}
    code = "import sifund, decimal; print(sifund.__file__); print(sifund.Money(decimal.Decimal('1.5')))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONPATH": str(site)}, cwd=tmp_path)
    assert p.stdout.splitlines() == [str(site / "sifund" / "__init__.py"), "1.50"]


def test_the_readme_tour_runs(tmp_path):
    """The README's Python tour, run as written (in a directory with the Örebro example)."""
    from conftest import ROOT
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = text.split("## A tour of the Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "examples" / "orebro").mkdir(parents=True)
    (tmp_path / "examples" / "orebro" / "fund.jsonl").symlink_to(ROOT / "examples" / "orebro" / "fund.jsonl")
    checks = tour + "\n".join([
        "",
        "assert (str(share), share.to_decimal()) == ('32561728.39', Decimal('32561728.39'))",
        "assert st.free_capital.to_swedish() == '57 750 943,00 kr'",
        "assert st.to_dict()['grants'][0]['approved'] == Decimal('2800000.00')",
        "assert refused == ('grant.unknown', None, 1)",
        "assert report.has_errors is False and [f.id for f in report.findings] == "
        "['ledger.backdated', 'ledger.recorded_after_audit', 'grant.split_decision']",
    ])
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(checks, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
