"""The house rules of include/ and src/ (check_layout.py), on the tree and on a tree that breaks them."""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHECK = HERE / "check_layout.py"


def run(root):
    return subprocess.run([sys.executable, str(CHECK), str(root)], capture_output=True, text=True)


def test_the_tree_keeps_its_layers_and_sizes():
    r = run(ROOT)
    assert r.returncode == 0, r.stdout


def test_an_upward_include_and_a_long_file_without_reason_are_named(tmp_path):
    ledger = tmp_path / "include" / "sifund" / "ledger"
    ledger.mkdir(parents=True)
    (ledger / "event.hpp").write_text('#pragma once\n// An event.\n#include "sifund/audit/finding.hpp"\n')
    (ledger / "long.hpp").write_text("#pragma once\n// Long for no reason.\n" + "int x;\n" * 401)
    (ledger / "long_ok.hpp").write_text("#pragma once\n// A table.\n// Long: the table of every command.\n" + "int y;\n" * 401)
    r = run(tmp_path)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert any("ledger/event.hpp:3: ledger/ includes audit/finding.hpp" in l for l in lines), lines
    assert any("ledger/long.hpp: 403 lines" in l for l in lines), lines
    assert not any("long_ok.hpp" in l for l in lines), lines
    assert len(lines) == 2, lines
