"""`sifund flows`: money in and out by budget year, in text, JSON and CSV,
adding up to the statement at the end of the last year."""
import csv
import io
import json
from decimal import Decimal

from conftest import digest, run

FLOWS = ["capital_contributed", "allocations", "repayments", "disbursed", "net_cash", "commitments_made",
         "commitments_released", "obligations_arisen", "obligations_repaid", "written_off"]


def test_the_years_add_up_to_the_statement(orebro):
    _, out, _ = run("flows", orebro, "--from", "2013", "--to", "2024", "--format", "json", check=0)
    flows = json.loads(out)
    assert [y["budget_year"] for y in flows["years"]] == list(range(2013, 2025))
    _, st, _ = run("statement", orebro, "--as-of", "2024-12-31", "--format", "json", check=0)
    statement = json.loads(st)
    assert flows["closing"] == statement
    total = {k: sum(Decimal(y[k]) for y in flows["years"]) for k in FLOWS}
    for key in ["capital_contributed", "allocations", "repayments", "disbursed", "written_off"]:
        assert total[key] == Decimal(statement[key]), key
    assert total["net_cash"] == Decimal(statement["cash"])
    assert total["commitments_made"] - total["disbursed"] - total["commitments_released"] == \
        Decimal(statement["committed_undisbursed"])
    assert total["obligations_arisen"] - total["obligations_repaid"] - total["written_off"] == \
        Decimal(statement["obligations_outstanding"])
    last = flows["years"][-1]
    for key in ["cash", "free_capital", "committed_undisbursed", "obligations_outstanding"]:
        assert last[key] == statement[key], key


def test_csv_and_text_say_the_same(orebro):
    _, out, _ = run("flows", orebro, "--from", "2013", "--to", "2016", "--format", "json", check=0)
    years = json.loads(out)["years"]
    _, text_csv, _ = run("flows", orebro, "--from", "2013", "--to", "2016", "--format", "csv", check=0)
    rows = list(csv.DictReader(io.StringIO(text_csv)))
    assert [{k: (int(v) if k == "budget_year" else v) for k, v in r.items()} for r in rows] == years
    _, text, _ = run("flows", orebro, "--from", "2013", "--to", "2016", check=0)
    for year in range(2013, 2017):
        assert f"\n{year}\n" in text
    assert "Capital contributed" in text and "65 000 000,00" in text


def test_a_year_range_backwards_is_refused_and_the_store_untouched(orebro):
    before = digest(orebro)
    code, out, err = run("flows", orebro, "--from", "2020", "--to", "2019")
    assert code == 2 and out == ""
    assert "--to must not come before --from 2020" in err and "[cli.option]" in err
    code, _, err = run("flows", orebro, "--from", "1899")
    assert code == 2 and "--from must be a whole number" in err
    assert digest(orebro) == before
