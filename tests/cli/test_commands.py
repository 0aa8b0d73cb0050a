"""`sifund commands` prints the command reference that docs/commands.md
ships (a test of the library holds that file to the descriptors); it takes
no arguments."""
from conftest import ROOT, run


def test_commands_prints_the_shipped_reference():
    _, out, err = run("commands", check=0)
    assert err == ""
    assert out == (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert "\n## grant.disbursed\n" in out and "\n## event.reversed\n" in out


def test_commands_refuses_an_argument():
    code, out, err = run("commands", "extra")
    assert code == 2 and out == ""
    assert "commands takes no arguments" in err and "[cli.usage]" in err
