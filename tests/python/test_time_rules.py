"""BudgetYear and Rulebook from Python."""
import pickle
from datetime import date

import pytest

import sifund
from sifund import BudgetYear, Money, Rulebook


def test_budget_years():
    y = BudgetYear(2014)
    assert (y.year, y.start_month, y.first_day, y.last_day) == (2014, 1, date(2014, 1, 1), date(2014, 12, 31))
    assert str(y) == "2014" and repr(y) == "BudgetYear(2014)" and date(2014, 6, 1) in y and y.contains(date(2014, 12, 31))
    assert y.next() == y + 1 == 1 + y == BudgetYear(2015) and y.previous() == y - 1
    split = BudgetYear(2014, start_month=7)
    assert str(split) == "2014/15" and repr(split) == "BudgetYear(2014, start_month=7)"
    assert split.last_day == date(2015, 6, 30) and BudgetYear.containing(date(2015, 3, 1), start_month=7) == split
    assert BudgetYear.containing(date(2015, 3, 1)) == BudgetYear(2015)
    assert sorted([BudgetYear(2016), BudgetYear(2014)]) == [BudgetYear(2014), BudgetYear(2016)]
    assert len({BudgetYear(2014), BudgetYear(2014), split}) == 2
    assert pickle.loads(pickle.dumps(split)) == split
    with pytest.raises(sifund.InputError) as mixed:
        BudgetYear(2014) < split
    assert mixed.value.id == "budget_year.mixed"
    with pytest.raises(sifund.InputError):
        BudgetYear(2014, start_month=13)
    with pytest.raises(AttributeError):
        y.year = 2015


RULES = {"roles": {"ks": ["board"], "finance": ["finance"]},
         "grant": {"max_amount": "10000000.00", "max_share_of_free_capital": "0.25"},
         "delegation": [{"up_to": "3000000.00", "role": "board-delegate"}, {"up_to": None, "role": "board"}],
         "citations": {"grant.max_amount": "§4.2"}}


def test_a_rulebook_from_a_dict_and_back():
    rb = Rulebook(RULES)
    d = rb.to_dict()
    assert d["grant"]["max_amount"] == "10000000.00" and d["grant"]["max_per_year"] is None
    assert d["repayment"]["share_of_savings"] == "1"  # defaults are filled in
    assert Rulebook(d) == rb == Rulebook.from_dict(RULES) and Rulebook() != rb
    assert rb.cite("grant.max_amount") == "§4.2" and rb.cite("grant.max_duration_months") == ""
    assert rb.roles_of("ks") == ["board"] and rb.roles_of("nobody") == []
    assert rb.citations == {"grant.max_amount": "§4.2"}
    assert repr(rb).startswith("Rulebook({")
    # Python values are welcome where the JSON shape has strings
    assert Rulebook({"grant": {"max_amount": Money("10000000.00")}}).to_dict()["grant"] == \
        Rulebook({"grant": {"max_amount": "10000000.00"}}).to_dict()["grant"]


@pytest.mark.parametrize("rules, field", [
    ({"grant": {"max_amout": "1.00"}}, "rules.grant.max_amout"),
    ({"grant": {"max_amount": 1.0}}, "rules.grant.max_amount"),
    ({"allocation": {"rounding": "nearest"}}, "rules.allocation.rounding"),
    ({"delegation": [{"up_to": "2.00", "role": "a"}, {"up_to": "1.00", "role": "b"}]}, "rules.delegation"),
])
def test_a_bad_rulebook_names_the_rule(rules, field):
    with pytest.raises(sifund.InputError) as e:
        Rulebook(rules)
    assert e.value.field == field and field in str(e.value)
