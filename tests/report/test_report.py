"""`sifund audit --format html`: one self-contained page an auditor can mail,
checked as Chromium renders it: the summary, the findings (one row a finding
of `--format json`, errors first), a row a grant, and two SVG charts."""
import json
import re
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from conftest import AS_OF, TAMPERED_TITLE, chromium, parse_html, run, save_for_people, swedish

SEVERITY_RANK = {"error": 0, "warning": 1, "note": 2}


def findings_rows(dom):
    table = dom.by_id("findings")
    return table.find("tbody").find_all("tr", cls="finding")


def cell(row, cls):
    return row.find("td", cls=cls).text().strip()


def quarter_ends(first, as_of):
    """The quarter ends the auditor's series holds: from the first quarter of the first event's year to the
    quarter of the audit date (that one taken on the audit date itself)."""
    out, y, q = [], first.year, 1
    while True:
        month = 3 * q
        end = date(y + (month == 12), 1 if month == 12 else month + 1, 1).toordinal() - 1
        end = date.fromordinal(end)
        if as_of < date(end.year, end.month - 2, 1):
            break
        out.append(min(end, as_of))
        if as_of <= end:
            break
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def event_dates(db):
    _, out, _ = run("export", db, "--format", "jsonl", check=0)
    return [date.fromisoformat(json.loads(line)["date"]) for line in out.splitlines()]


# --- the summary -------------------------------------------------------------------------------------------


def test_the_summary_names_the_fund_the_date_and_the_verdict(clean):
    dom = clean.dom
    assert dom.find("html").attrs.get("lang") == "sv"
    assert dom.find("meta", charset=True).attrs["charset"].lower() == "utf-8"
    assert dom.by_id("fund-name").text() == "Örebro sociala investeringsfond"
    assert dom.by_id("as-of").text() == AS_OF
    assert dom.by_id("events").text() == str(clean.json["events"])
    summary = clean.json["summary"]
    verdict = dom.by_id("verdict")
    for severity, key in (("error", "errors"), ("warning", "warnings"), ("note", "notes")):
        assert dom.by_id(f"count-{severity}").text() == str(summary[key])
        assert verdict.attrs[f"data-{key}"] == str(summary[key])
    # Örebro imported in one go is back-dated, and nothing else: a warning, no error.
    assert summary["errors"] == 0 and summary["warnings"] >= 1
    assert "verdict-warning" in verdict.classes
    assert verdict.find("p", cls="headline").text().startswith("Inga fel")


def test_the_statement_figures_are_in_swedish_format(clean):
    st = clean.json["statement"]
    summary = clean.dom.by_id("summary")
    rows = {r.attrs["data-key"]: r.find("td").text() for r in summary.find_all("tr", data_key=True)}
    for key in ("capital_contributed", "allocations", "repayments", "cash", "free_capital", "obligations_outstanding",
                "obligations_overdue", "written_off"):
        assert rows[key] == swedish(st[key]), key
    # Money out is shown as what it takes away.
    for key in ("disbursed", "committed_undisbursed"):
        assert rows[key] == swedish(st[key] if st[key].startswith("-") or st[key] == "0.00" else "-" + st[key]), key
    assert rows["cash"] == "75 308 731,00 kr"


def test_a_tampered_history_gets_an_error_verdict(tampered):
    assert tampered.exit_code == 1
    verdict = tampered.dom.by_id("verdict")
    assert "verdict-error" in verdict.classes
    errors = tampered.json["summary"]["errors"]
    assert verdict.find("p", cls="headline").text() == f"Granskningen fann {errors} fel"


# --- the findings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["clean", "tampered"])
def test_the_findings_table_has_a_row_for_every_finding_errors_first(which, request):
    audit = request.getfixturevalue(which)
    rows = findings_rows(audit.dom)
    expected = sorted(audit.json["findings"], key=lambda f: SEVERITY_RANK[f["severity"]])
    assert len(rows) == len(audit.json["findings"]) > 0
    ranks = [SEVERITY_RANK[r.attrs["data-severity"]] for r in rows]
    assert ranks == sorted(ranks), "errors first, then warnings, then notes"
    for row, f in zip(rows, expected):
        assert row.attrs["data-severity"] == f["severity"]
        assert f"sev-{f['severity']}" in row.classes
        assert row.attrs["data-id"] == f["id"]
        assert cell(row, "id") == f["id"]
        assert cell(row, "seq") == (str(f["seq"]) if f["seq"] is not None else "–")
        assert cell(row, "subject") == (f["subject"] or "–")
        assert cell(row, "expected") == (f["expected"] or "–")
        assert cell(row, "actual") == (f["actual"] or "–")
        assert cell(row, "message") == f["message"]
        if f["citation"]:
            assert f["citation"] in cell(row, "rule")
    headers = [th.text().strip() for th in audit.dom.by_id("findings").find("thead").find_all("th")]
    assert headers == ["Nivå", "Id", "Händelse", "Avser", "Regel / paragraf", "Förväntat", "Faktiskt", "Beskrivning"]


def test_the_tampered_history_shows_findings_of_several_severities(tampered):
    rows = findings_rows(tampered.dom)
    severities = [r.attrs["data-severity"] for r in rows]
    assert {"error", "warning"} <= set(severities)
    ids = [r.attrs["data-id"] for r in rows]
    assert ids.count("integrity.hash") == 2                # the two edited lines
    assert "grant.disbursement_exceeds_approval" in ids    # what the raised tranche leads to
    assert "ledger.backdated" in ids
    # A finding about a grant links to that grant's row.
    linked = [r for r in rows if r.attrs["data-id"] == "grant.disbursement_exceeds_approval"][0]
    assert linked.find("td", cls="subject").find("a").attrs["href"] == "#grant-G-2013-01"
    grant = tampered.dom.by_id("grant-G-2013-01")
    assert grant.attrs["data-grant"] == "G-2013-01"
    # ... and that row counts them.
    errors = sum(f["subject"] == "G-2013-01" and f["severity"] == "error" for f in tampered.json["findings"])
    assert errors >= 2 and "has-errors" in grant.classes
    assert grant.find("span", cls="grant-findings").text().strip() == f"{errors} fel"


def test_text_from_the_history_is_escaped(tampered):
    dom = tampered.dom
    row = dom.find("tr", cls="grant", data_grant="G-2013-01")
    assert row.find("span", cls="title").text() == TAMPERED_TITLE
    # The markup stayed text: no element came of it, no script ran.
    assert not dom.find_all("script")
    assert not row.find_all("b")
    assert dom.find("title").text().startswith("Revisionsrapport")


# --- the grants --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["clean", "tampered"])
def test_every_grant_of_the_statement_has_a_row(which, request):
    audit = request.getfixturevalue(which)
    grants = audit.json["statement"]["grants"]
    assert len(grants) == 10
    rows = audit.dom.by_id("grants").find("tbody").find_all("tr", cls="grant")
    assert [r.attrs["data-grant"] for r in rows] == [g["grant"] for g in grants]
    for row, g in zip(rows, grants):
        assert row.find("span", cls="grant-id").text() == g["grant"]
        assert row.attrs["data-approved"] == g["approved"]
        assert row.find("td", cls="approved").text() == swedish(g["approved"], unit=False)
        assert f"status-{g['status']}" in row.classes
        assert row.find("span", cls="focus").text() == g["focus_area"]
        assert row.find("span", cls="status").text() in ("Beviljad", "Pågående", "Avslutad")
        amounts = [td.text() for td in row.find_all("td", cls="num")]
        # approved, disbursed, obligation, repaid, written off, outstanding (and what of it is overdue)
        assert amounts[:5] == [swedish(g[k], unit=False) for k in
                               ("approved", "disbursed", "obligation", "repaid", "written_off")]
        outstanding = _cents(g["obligation"]) - _cents(g["repaid"]) - _cents(g["written_off"])
        # The cell may go on with what of it is overdue.
        assert row.find("td", cls="outstanding").text().startswith(
            swedish(_money(outstanding), unit=False))
    total = audit.dom.by_id("grants").find("tfoot").find_all("td", cls="num")[0].text()
    assert total == swedish(_money(sum(_cents(g["approved"]) for g in grants)), unit=False)


def _cents(amount):
    whole, _, ore = amount.lstrip("-").partition(".")
    v = int(whole) * 100 + int(ore or 0)
    return -v if amount.startswith("-") else v


def _money(cents):
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


# --- the charts --------------------------------------------------------------------------------------------


def test_the_position_chart_has_a_point_a_quarter_for_each_line(clean, orebro_db):
    svg = clean.dom.by_id("chart-position")
    assert svg.tag == "svg"
    dates = event_dates(orebro_db)
    quarters = quarter_ends(min(dates), date.fromisoformat(AS_OF))
    assert len(quarters) == 44  # 2013 Q1 .. 2023 Q4
    series = {g.attrs["data-series"]: g for g in svg.find_all("g", cls="series")}
    assert list(series) == ["cash", "committed", "free_capital"]
    for key, g in series.items():
        points = g.find("polyline").attrs["points"].split()
        assert len(points) == len(quarters), key
        xs = [float(p.split(",")[0]) for p in points]
        assert xs == sorted(xs) and len(set(xs)) == len(xs), "one point a quarter, left to right"
        circles = g.find_all("circle")
        assert len(circles) == len(quarters)
        assert [c.text().split(" ")[0] for c in circles] == [q.isoformat() for q in quarters]
    # The last points are the statement on the audit date.
    st = clean.json["statement"]
    for key, amount in (("cash", st["cash"]), ("free_capital", st["free_capital"]),
                        ("committed", st["committed_undisbursed"])):
        assert series[key].find_all("circle")[-1].text().endswith(": " + swedish(amount)), key
    # Axes a person can read: MSEK, a label a year, a legend of three.
    assert "MSEK" in [t.text() for t in svg.find_all("text", cls="unit")]
    years = [t.text() for t in svg.find_all("text", cls="year")]
    assert years == [str(y) for y in range(2013, 2024)]
    assert [g.text() for g in svg.find("g", cls="legend").find_all("g", cls="legend-item")] == \
        ["Likvida medel", "Beviljat, ej utbetalt", "Fritt kapital"]
    assert len(svg.find("g", cls="axis-y").find_all("text", cls="tick")) >= 3


def test_the_obligations_chart_has_three_bars_a_year(clean, orebro_db):
    svg = clean.dom.by_id("chart-obligations")
    years = sorted({d.year for d in event_dates(orebro_db) if d.year <= 2023})
    assert years == list(range(2013, 2024))
    series = svg.find_all("g", cls="series")
    assert [g.attrs["data-series"] for g in series] == ["obligations_arisen", "repaid", "written_off"]
    bars = svg.find_all("rect", cls="bar")
    assert len(bars) == 3 * len(years)
    for g in series:
        assert [int(r.attrs["data-year"]) for r in g.find_all("rect", cls="bar")] == years
    assert [t.text() for t in svg.find_all("text", cls="year")] == [str(y) for y in years]
    # The bars add up to the statement: all repaid and written off, by year.
    st = clean.json["statement"]
    table = clean.dom.by_id("years")
    assert [r.attrs["data-year"] for r in table.find("tbody").find_all("tr")] == [str(y) for y in years]
    totals = [td.text() for td in table.find("tfoot").find_all("td")]
    assert totals[1:] == [swedish(st["repayments"], unit=False), swedish(st["written_off"], unit=False)]
    heights = {g.attrs["data-series"]: [float(r.attrs["height"]) for r in g.find_all("rect")] for g in series}
    assert sum(heights["repaid"]) > 0 and sum(heights["written_off"]) > 0
    assert heights["written_off"][years.index(2019)] > 0  # G-2014-01's write-off
    assert len(svg.find("g", cls="legend").find_all("g", cls="legend-item")) == 3


def test_an_empty_store_still_gives_a_page(empty):
    dom = empty.dom
    assert findings_rows(dom) == [] or len(findings_rows(dom)) == len(empty.json["findings"])
    assert dom.by_id("grants").find("tbody").find_all("tr", cls="empty")
    for chart in ("chart-position", "chart-obligations"):
        svg = dom.by_id(chart)
        assert not svg.find_all("rect", cls="bar") and not svg.find_all("polyline")
        assert svg.find("text", cls="empty").text() == "Inga händelser att visa"


# --- one file, the same every time -------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["clean", "tampered", "empty"])
def test_the_page_is_self_contained(which, request):
    html = request.getfixturevalue(which).html.read_text(encoding="utf-8")
    dom = parse_html(html)
    assert html.startswith("<!doctype html>")
    assert not dom.find_all("script") and not dom.find_all("link") and not dom.find_all("img") \
        and not dom.find_all("iframe") and not dom.find_all("object")
    for e in dom.elements():
        for name, value in e.attrs.items():
            assert name not in ("src", "srcset", "xlink:href", "action", "data"), (e, name)
            if name == "href":
                assert value.startswith("#"), f"a link out of the page: {value}"
            if name.startswith("on"):
                pytest.fail(f"an event handler: {e}")
    styles = "".join(s.text() for s in dom.find_all("style"))
    assert styles and "@import" not in styles and "url(" not in styles and "@font-face" not in styles
    # Nothing names another file or the network, other than the SVG namespace.
    assert not re.search(r"(?:https?|ftp|file)://(?!www\.w3\.org/2000/svg\")", html)


def test_the_same_report_renders_the_same_bytes(clean, orebro_db, workdir):
    again = workdir / "again.html"
    run("audit", orebro_db, "--as-of", AS_OF, "--format", "html", "--out", again, check=0)
    assert again.read_bytes() == clean.html.read_bytes()


# --- a picture for a person --------------------------------------------------------------------------------


def png_size(path):
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return data, width, height


def distinct_colours(data):
    """How many different pixel values the PNG holds (RGB or RGBA, 8 bits), from its decoded rows' bytes."""
    chunks, i = b"", 8
    while i < len(data):
        n, = struct.unpack(">I", data[i:i + 4])
        if data[i + 4:i + 8] == b"IDAT":
            chunks += data[i + 8:i + 8 + n]
        i += 12 + n
    raw = zlib.decompress(chunks)
    return len(set(raw[k:k + 3] for k in range(1, min(len(raw), 400_000), 97)))


@pytest.mark.parametrize("which", ["tampered", "clean"])
def test_a_screenshot_of_the_page(which, request, workdir):
    audit = request.getfixturevalue(which)
    png = workdir / f"{which}.png"
    chromium(f"--screenshot={png}", "--window-size=1280,2400", audit.html.resolve().as_uri())
    data, width, height = png_size(png)
    assert (width, height) == (1280, 2400)
    assert len(data) > 60_000, "a page of text, tables and charts, not a blank one"
    assert distinct_colours(data) > 20
    saved = save_for_people(png, None if which == "tampered" else which)
    if saved:
        print(f"screenshot: {saved}")
