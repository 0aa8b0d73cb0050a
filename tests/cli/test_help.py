"""The command line explains itself: `--version`, `--help` for every verb
with an example that runs, a man page and a bash completion made from the
same table of verbs, and usage errors that name what is wrong and where to
read more."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, run

VERBS = ["init", "apply", "statement", "flows", "audit", "export", "forecast", "evaluate", "focus-areas", "commands", "man",
         "completion"]


def test_version():
    _, out, err = run("--version", check=0)
    assert re.fullmatch(r"sifund \d+\.\d+\.\d+\n", out), out
    assert err == ""


def test_the_tool_alone_lists_its_verbs_on_stderr_and_exits_2():
    code, out, err = run()
    assert code == 2 and out == ""
    for verb in VERBS:
        assert re.search(rf"^\s+{re.escape(verb)}\s", err, re.M), (verb, err)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["help"]])
def test_help_lists_every_verb(args):
    _, out, _ = run(*args, check=0)
    for verb in VERBS:
        assert re.search(rf"^\s+{re.escape(verb)}\s", out, re.M), (verb, out)
    assert "exit codes: 0 done, 1 refused by a rule" in out


def examples_of(help_text):
    """The example lines under a verb's help."""
    at = help_text.index("\nexample")
    return [line.strip() for line in help_text[at:].splitlines()[1:] if line.startswith("  sifund ")]


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help_with_an_example(verb):
    _, out, err = run(verb, "--help", check=0)
    assert err == ""
    assert f"sifund {verb}" in out
    assert examples_of(out), out
    _, again, _ = run("help", verb, check=0)
    assert again == out


def test_the_examples_of_the_help_run_one_after_another(tmp_path):
    # A folder as a newcomer has it: the examples beside, no store yet. The
    # examples run in the order `sifund --help` lists the verbs: init makes
    # fund.db, apply fills it, the others read it.
    os.symlink(ROOT / "examples", tmp_path / "examples")
    sifund = os.environ["SIFUND"]
    for verb in VERBS:
        _, out, _ = run(verb, "--help", check=0)
        for line in examples_of(out):
            args = line.split()[1:]
            p = subprocess.run([sifund, *args], capture_output=True, text=True, cwd=tmp_path)
            # audit exits 1 when it finds an error; the Örebro example has none.
            assert p.returncode == 0, f"{line}: exit {p.returncode}\n{p.stderr}"
            assert p.stdout, line
    assert (tmp_path / "fund.db").exists() and (tmp_path / "audit.html").exists()


def test_the_man_page_renders_and_names_every_verb_and_option(tmp_path):
    _, page, _ = run("man", check=0)
    path = tmp_path / "sifund.1"
    path.write_text(page, encoding="utf-8")
    man = shutil.which("man")
    assert man, "man (Debian's man-db) is not installed"
    p = subprocess.run([man, "-l", str(path)], capture_output=True, text=True,
                       env={**os.environ, "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100", "LANG": "C.UTF-8"})
    assert p.returncode == 0, p.stderr
    text = p.stdout
    assert "SIFUND(1)" in text and "EXIT STATUS" in text
    for verb in VERBS:
        assert f"sifund {verb}" in text, verb
    for option in ["--as-of", "--known-at", "--recorded-at", "--backdating-days", "--overwrite", "--until",
                   "--assumptions", "--grant", "--version"]:
        assert option in text, option
    assert "warning" not in p.stderr.lower(), p.stderr


def test_the_built_man_page_and_completion_are_what_the_tool_prints():
    built = os.path.join(os.path.dirname(os.environ["SIFUND"]))
    _, page, _ = run("man", check=0)
    _, completion, _ = run("completion", "bash", check=0)
    with open(os.path.join(built, "sifund.1"), encoding="utf-8") as f:
        assert f.read() == page
    with open(os.path.join(built, "sifund.bash-completion"), encoding="utf-8") as f:
        assert f.read() == completion


def complete(words, tmp_path):
    """What the bash completion offers for the command line `words` (the last is being typed)."""
    _, script, _ = run("completion", "bash", check=0)
    (tmp_path / "completion.bash").write_text(script, encoding="utf-8")
    line = " ".join(f"'{w}'" for w in words)
    program = (f"source {tmp_path / 'completion.bash'}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
               f"_sifund; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    p = subprocess.run(["bash", "-c", program], capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    return sorted(x for x in p.stdout.splitlines() if x)


def test_bash_completes_verbs_options_and_their_values(tmp_path):
    assert complete(["sifund", "st"], tmp_path) == ["statement"]
    assert complete(["sifund", "f"], tmp_path) == ["flows", "focus-areas", "forecast"]
    assert complete(["sifund", "statement", "fund.db", "--"], tmp_path) == ["--as-of", "--format", "--help",
                                                                             "--known-at"]
    assert complete(["sifund", "audit", "fund.db", "--format", ""], tmp_path) == ["html", "json", "text"]
    assert complete(["sifund", "export", "fund.db", "--format", "b"], tmp_path) == ["beancount"]
    assert complete(["sifund", "completion", ""], tmp_path) == ["bash"]
    (tmp_path / "fund.db").write_text("")
    assert "fund.db" in complete(["sifund", "statement", "fu"], tmp_path)


@pytest.mark.parametrize("args, says", [
    (["statement"], "DB is required"),
    (["statement", "fund.db", "--as-of"], "--as-of"),
    (["statement", "fund.db", "--colour", "red"], "--colour"),
    (["statement", "fund.db", "--as-of", "2024-01-01", "--as-of", "2024-02-01"], "--as-of"),
    (["apply", "fund.db"], "FILE.jsonl is required"),
    (["forecast", "fund.db"], "--until YEAR is required"),
    (["evaluate", "fund.db"], "--grant ID is required"),
    (["commands", "extra"], "commands takes no arguments"),
    (["completion", "zsh"], "SHELL must be bash"),
    (["frobnicate"], "frobnicate"),
])
def test_usage_errors_name_what_is_wrong_and_where_to_read_more(args, says):
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert says in err and "[cli.usage]" in err, err
    assert "--help` tells what it takes" in err, err
