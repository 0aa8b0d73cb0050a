"""Helpers for the report tests: the sifund CLI, headless Chromium, and a
small DOM built with html.parser from what Chromium serialises."""
import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("SIFUND_ROOT", Path(__file__).resolve().parents[2]))
ORBRO = ROOT / "examples" / "orebro" / "fund.jsonl"
CHROMIUM = os.environ.get("SIFUND_CHROMIUM", "/usr/bin/chromium")
AS_OF = "2023-12-31"


def run(*args, check=None):
    """Runs sifund; returns (exit code, stdout, stderr)."""
    p = subprocess.run([os.environ["SIFUND"], *map(str, args)], capture_output=True, text=True)
    if check is not None:
        assert p.returncode == check, f"exit {p.returncode}, expected {check}\n{p.stdout}\n{p.stderr}"
    return p.returncode, p.stdout, p.stderr


def chromium(*args, timeout=120):
    """Runs headless Chromium with a fresh profile; returns its stdout."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/debian-packages.txt)")
    with tempfile.TemporaryDirectory(prefix="sifund-chromium-") as profile:
        p = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}", *map(str, args)],
            capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"chromium exited {p.returncode}\n{p.stderr[-3000:]}"
    return p.stdout


def swedish(amount, unit=True):
    """Money::to_swedish of a "1234567.89" string: "1 234 567,89 kr"."""
    negative = amount.startswith("-")
    whole, _, ore = amount.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ("-" if negative else "") + " ".join(groups) + "," + (ore or "00")
    return text + " kr" if unit else text


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    @property
    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def elements(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.elements()

    def find_all(self, tag=None, cls=None, **attrs):
        """Descendants by tag, class and attribute values (attr_name=value, or True for presence)."""
        found = []
        for e in self.elements():
            if tag and e.tag != tag:
                continue
            if cls and cls not in e.classes:
                continue
            if all((k.replace("_", "-") in e.attrs) if v is True else e.attrs.get(k.replace("_", "-")) == v
                   for k, v in attrs.items()):
                found.append(e)
        return found

    def find(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> class={cls} {attrs} under <{self.tag}>"
        return found[0]

    def by_id(self, id_):
        return self.find(id=id_)

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class DomBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(text):
    b = DomBuilder()
    b.feed(text)
    b.close()
    return b.root


def dump_dom(html_path):
    """The DOM Chromium builds from the file, parsed."""
    return parse_html(chromium("--dump-dom", Path(html_path).resolve().as_uri()))


class Audit:
    """One audit of a store or JSONL history as of AS_OF: its HTML file, its JSON, and the DOM Chromium built."""

    def __init__(self, source, workdir, name):
        self.source = source
        self.html = workdir / f"{name}.html"
        code, out, err = run("audit", source, "--as-of", AS_OF, "--format", "html", "--out", self.html)
        assert code in (0, 1), err
        self.exit_code = code
        _, out, err = run("audit", source, "--as-of", AS_OF, "--format", "json", check=code)
        self.json = json.loads(out)
        self.dom = dump_dom(self.html)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("report")


@pytest.fixture(scope="session")
def orebro_db(workdir):
    db = workdir / "orebro.db"
    run("init", db, check=0)
    run("apply", db, ORBRO, "--recorded-at", "2024-01-15T09:00:00Z", check=0)
    return db


TAMPERED_TITLE = '<b>Fallprevention</b> & "äldre" <script>document.title="x"</script>'


@pytest.fixture(scope="session")
def tampered_jsonl(workdir, orebro_db):
    """The Örebro history exported, then edited as a forger would: the first
    tranche of G-2013-01 raised by 0.9 MSEK (the hash no longer matches, and
    the later tranches now pay out more than was approved), and the title of
    its application given markup (which the page must show as text)."""
    _, out, _ = run("export", orebro_db, "--format", "jsonl", check=0)
    lines = []
    for line in out.splitlines():
        e = json.loads(line)
        if e["type"] == "grant.disbursed" and e["grant"] == "G-2013-01" and e["amount"] == "1000000.00" \
                and e["date"] == "2014-01-15":
            e["amount"] = "1900000.00"
        if e["type"] == "application.submitted" and e["application"] == "A-2013-01":
            e["title"] = TAMPERED_TITLE
        lines.append(json.dumps(e, ensure_ascii=False, separators=(",", ":")))
    path = workdir / "tampered.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def clean(workdir, orebro_db):
    return Audit(orebro_db, workdir, "orebro")


@pytest.fixture(scope="session")
def tampered(workdir, tampered_jsonl):
    return Audit(tampered_jsonl, workdir, "tampered")


@pytest.fixture(scope="session")
def empty(workdir):
    db = workdir / "empty.db"
    run("init", db, check=0)
    return Audit(db, workdir, "empty")


def save_for_people(png, name):
    """Copies a screenshot into the build tree (SIFUND_REPORT_SCREENSHOT names the main one)."""
    target = os.environ.get("SIFUND_REPORT_SCREENSHOT")
    if not target:
        return None
    target = Path(target)
    if name:
        target = target.with_name(f"{target.stem}-{name}{target.suffix}")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, target)
    return target
