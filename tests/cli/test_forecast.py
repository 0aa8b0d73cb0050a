"""sifund forecast, evaluate and focus-areas on the Örebro example, as a board's analyst runs them."""
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from conftest import ROOT, digest, run

ASSUMPTIONS = ROOT / "examples" / "orebro" / "assumptions.json"


def forecast_json(db, *args):
    _, out, _ = run("forecast", db, "--format", "json", *args, check=0)
    return json.loads(out)


def test_forecast_json_has_a_band_per_year_as_decimal_strings(orebro):
    j = forecast_json(orebro, "--until", "2030", "--assumptions", ASSUMPTIONS, "--runs", "500", "--seed", "7")
    assert [y["budget_year"] for y in j["years"]] == list(range(2024, 2031))
    for y in j["years"]:
        for key in ("free_capital", "obligations", "repayments"):
            band = {k: Decimal(v) for k, v in y[key].items()}  # decimal strings, not numbers
            assert set(band) == {"p10", "p50", "p90"}
            assert band["p10"] <= band["p50"] <= band["p90"], (y["budget_year"], key)
            assert all(isinstance(v, str) and v.count(".") == 1 and len(v.split(".")[1]) == 2 for v in y[key].values())
        assert 0 <= y["p_breach"] <= 1
    assert 0 <= j["p_breach_reserve_floor"] <= 1
    assert j["runs"] == 500 and j["seed"] == 7 and j["percentiles"] == "nearest-rank"
    assert j["projection"]["years"][0]["statement"]["as_of"] == "2024-12-31"


def test_same_seed_same_json_whatever_the_threads(orebro):
    def forecast(seed, threads):
        return run("forecast", orebro, "--until", "2035", "--assumptions", ASSUMPTIONS, "--runs", "3001",
                   "--seed", seed, "--threads", threads, "--format", "json", check=0)[1]
    one = forecast(99, 1)
    assert forecast(99, 2) == one
    assert forecast(99, 5) == one
    assert forecast(100, 2) != one


def test_without_assumptions_the_monte_carlo_is_the_projection(orebro):
    j = forecast_json(orebro, "--until", "2027", "--runs", "20")
    for y, p in zip(j["years"], j["projection"]["years"]):
        assert y["free_capital"]["p10"] == y["free_capital"]["p90"] == p["statement"]["free_capital"]
        assert y["repayments"]["p50"] == p["repayments"]


def test_the_opening_position_is_the_statement_at_the_end_of_2023(orebro):
    _, out, _ = run("statement", orebro, "--as-of", "2023-12-31", "--format", "json", check=0)
    st = json.loads(out)
    j = forecast_json(orebro, "--until", "2024", "--runs", "1")
    assert j["projection"]["opening"]["free_capital"] == st["free_capital"]
    first = j["projection"]["years"][0]["statement"]
    assert Decimal(first["cash"]) == Decimal(st["cash"]) + Decimal(j["projection"]["years"][0]["allocation"]) \
        + Decimal(j["projection"]["years"][0]["repayments"]) - Decimal(j["projection"]["years"][0]["disbursed"])


def test_the_fan_chart_is_an_svg_with_the_reserve_floor(orebro, tmp_path):
    _, out, _ = run("forecast", orebro, "--until", "2035", "--assumptions", ASSUMPTIONS, "--runs", "400",
                    "--format", "svg", check=0)
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.find(".//s:polygon", ns) is not None
    assert root.find(".//s:g[@data-series='floor']", ns) is not None
    assert "Reserve floor 8,0 MSEK" in out
    assert len(root.findall(".//s:circle[@data-year]", ns)) == 12


def test_forecast_text_names_the_first_breach_or_says_there_is_none(orebro):
    _, out, _ = run("forecast", orebro, "--until", "2030", "--runs", "50", check=0)
    assert "Monte Carlo: 50 runs, seed 1" in out
    assert "reserve floor" in out


def test_a_bad_assumption_is_named_and_exits_2(orebro, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"success": {"promising": "1.5"}}))
    before = digest(orebro)
    code, _, err = run("forecast", orebro, "--until", "2030", "--assumptions", bad)
    assert code == 2
    assert "success.promising" in err and "bad.json" in err
    bad.write_text('{"tax_revenue": {"growth": "0.03",}}')
    code, _, err = run("forecast", orebro, "--until", "2030", "--assumptions", bad)
    assert code == 2 and "malformed JSON" in err
    assert digest(orebro) == before


@pytest.mark.parametrize("args, says", [
    ((), "--until YEAR is required"),
    (("--until", "20x0"), "--until must be a whole number"),
    (("--until", "2030", "--runs", "0"), "--runs must be a whole number"),
    (("--until", "2030", "--format", "png"), "--format must be one of"),
    (("--until", "2020"), "before the first projected year 2024"),
])
def test_forecast_usage_errors_exit_2(orebro, args, says):
    code, _, err = run("forecast", orebro, *args)
    assert code == 2
    assert says in err


def test_evaluate_a_repaid_grant(orebro):
    _, out, _ = run("evaluate", orebro, "--grant", "G-2013-01", "--rate", "0.035", "--format", "json", check=0)
    e = json.loads(out)
    assert e["discount_rate"] == "0.035"
    # Costs: 2.8 MSEK disbursed 2014-2016 and 0.6 MSEK co-financing over the same budget years;
    # savings 1.30 (2016) and 1.65 MSEK (2017) verified, borne by the municipality (vof).
    assert [(f["budget_year"], f["costs"]) for f in e["flows"]] == [
        (2014, "1200000.00"), (2015, "1240000.00"), (2016, "960000.00"), (2017, "0.00")]
    assert Decimal(e["savings"]) == Decimal("2950000.00")
    assert e["savings_by_bearer"] == {"municipality": "2950000.00", "region": "0.00", "state": "0.00"}
    # 2.95 MSEK back for 3.4 MSEK spent: it never paid back, at a negative rate.
    assert e["payback_year"] is None
    assert Decimal(e["npv"]) < 0
    assert -1 < Decimal(e["irr"]) < 0
    assert abs(Decimal(e["npv"]) - (Decimal(e["pv_savings"]) - Decimal(e["pv_costs"]))) <= Decimal("0.01")


def test_evaluate_a_grant_without_savings_has_no_irr(orebro):
    _, out, _ = run("evaluate", orebro, "--grant", "G-2015-01", "--format", "json", check=0)
    e = json.loads(out)
    assert e["irr"] is None
    assert e["irr_note"].startswith("no solution")
    assert e["payback_year"] is None
    assert Decimal(e["npv"]) < 0
    _, text, _ = run("evaluate", orebro, "--grant", "G-2015-01", check=0)
    assert "no solution" in text


def test_evaluate_an_unknown_grant_exits_2(orebro):
    code, _, err = run("evaluate", orebro, "--grant", "G-1999-01")
    assert code == 2
    assert 'no grant "G-1999-01"' in err


def test_focus_areas_follow_the_vision(orebro):
    _, out, _ = run("focus-areas", orebro, "--assumptions", ASSUMPTIONS, "--format", "json", check=0)
    r = json.loads(out)
    assert [s["strategic_area"] for s in r["strategic_areas"]] == ["Trygg uppväxt", "Ett gott åldrande", "Arbete och boende"]
    _, st, _ = run("statement", orebro, "--as-of", "2023-12-31", "--format", "json", check=0)
    st = json.loads(st)
    assert Decimal(r["total"]["total"]["disbursed"]) == Decimal(st["disbursed"])
    assert Decimal(r["total"]["total"]["repaid"]) == Decimal(st["repayments"])
    aldre = next(f for s in r["strategic_areas"] for f in s["focus_areas"] if f["focus_area"] == "aldre")
    assert Decimal(aldre["total"]["granted"]) == Decimal("2800000.00") + Decimal("2500000.00") + Decimal("2800000.00")
