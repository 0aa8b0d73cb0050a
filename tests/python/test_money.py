"""Money and Rate from Python: Decimal and str in and out, floats refused, the
operators, hashing, ordering, repr, and the errors of bad amounts."""
import copy
import pickle
from decimal import Decimal

import pytest

import sifund
from sifund import Money, Rate, Rounding


# ---- Money in ---------------------------------------------------------------

@pytest.mark.parametrize("value, ore", [
    (Decimal("1234.50"), 123450), ("1234.50", 123450), ("-0.05", -5), ("1 234 567,89 kr", 123456789),
    (Decimal("1E+3"), 100000), (Decimal("1.500"), 150), (Decimal("-0.00"), 0), ("92233720368547758.07", 2**63 - 1),
])
def test_money_is_built_from_a_decimal_or_a_str(value, ore):
    assert Money(value).minor == ore


def test_money_of_no_value_is_zero_and_money_of_money_is_a_copy():
    assert Money().minor == 0 and not Money()
    m = Money("12.34")
    assert Money(m) == m


@pytest.mark.parametrize("value", [1.5, 0.1, float("nan"), 1e300])
def test_a_float_is_a_type_error(value):
    with pytest.raises(TypeError, match="float"):
        Money(value)
    with pytest.raises(TypeError, match="float"):
        Rate(value)


@pytest.mark.parametrize("value", [5, True, None, b"1.00", [1]])
def test_an_int_or_other_type_is_a_type_error(value):
    with pytest.raises(TypeError):
        Money(value)


def test_an_int_says_what_to_write_instead():
    with pytest.raises(TypeError, match=r"Money\.kronor\(5\)"):
        Money(5)


@pytest.mark.parametrize("value, id", [
    ("1.234", "money.parse"), (Decimal("1.234"), "money.parse"), ("", "money.parse"), ("abc", "money.parse"),
    (Decimal("NaN"), "money.parse"), (Decimal("Infinity"), "money.parse"), (Decimal("1E-100"), "money.parse"),
    ("92233720368547758.08", "money.out_of_range"), (Decimal("1E+30"), "money.out_of_range"),
    (Decimal("1E+999999"), "money.parse"),
])
def test_bad_amounts_are_input_errors_with_the_id(value, id):
    with pytest.raises(sifund.InputError) as e:
        Money(value)
    assert e.value.id == id
    assert isinstance(e.value, ValueError)


def test_another_currency_is_a_currency_error():
    with pytest.raises(sifund.CurrencyError) as e:
        Money("5.00 EUR")
    assert e.value.id == "currency.mismatch"
    assert Money.parse("5,00 EUR", currency="EUR") == Money("5.00")


def test_named_constructors():
    assert Money.kronor(65_000_000) == Money("65000000.00")
    assert Money.from_minor(-5) == Money("-0.05")
    assert Money.max().minor == 2**63 - 1 and Money.min().minor == -(2**63)
    with pytest.raises(sifund.OverflowError):
        Money.kronor(2**62)


# ---- Money out ----------------------------------------------------------------

def test_money_out_as_str_decimal_repr_and_swedish():
    m = Money(Decimal("6512345678.9"))
    assert str(m) == "6512345678.90"
    assert m.to_decimal() == Decimal("6512345678.90") and str(m.to_decimal()) == "6512345678.90"
    assert repr(m) == "Money('6512345678.90')"
    assert eval(repr(m), {"Money": Money}) == m
    assert m.to_swedish() == "6 512 345 678,90 kr"
    assert m.to_swedish("EUR", with_unit=False) == "6 512 345 678,90"
    assert f"{m}" == "6512345678.90" and f"{m:,.2f}" == "6,512,345,678.90" and f"{m:>16}" == "   6512345678.90"
    assert str(Money("-0.05")) == "-0.05"


# ---- operators ------------------------------------------------------------------

def test_arithmetic():
    a, b = Money("100.25"), Money("0.75")
    assert a + b == Money("101.00") and a - b == Money("99.50") and b - a == Money("-99.50")
    assert a * 3 == Money("300.75") and 3 * a == a * 3 and a * -1 == -a
    assert -a == Money("-100.25") and +a == a and abs(-a) == a and (-a).abs() == a
    assert sum([a, b, a]) == Money("201.25") and sum([], Money()) == Money()
    x = a
    x += b
    assert x == Money("101.00") and a == Money("100.25")  # immutable values


@pytest.mark.parametrize("other", [Decimal("1.00"), 1.0, 1, Rate("0.5"), "1.00", None])
def test_money_meets_only_money_in_sums(other):
    with pytest.raises(TypeError):
        Money("1.00") + other
    with pytest.raises(TypeError):
        Money("1.00") - other
    if other != 1:
        with pytest.raises(TypeError):
            other + Money("1.00")


@pytest.mark.parametrize("other", [Rate("0.5"), Decimal("0.5"), 0.5, True, Money("1.00"), "2"])
def test_products_that_would_hide_a_rounding_are_type_errors(other):
    with pytest.raises(TypeError):
        Money("1.00") * other
    with pytest.raises(TypeError):
        other * Money("1.00")


def test_a_product_of_a_rate_says_how_to_round():
    with pytest.raises(TypeError, match=r"\.of\("):
        Money("1.00") * Rate("0.5")
    with pytest.raises(TypeError, match=r"\.of\("):
        Rate("0.5") * Money("1.00")


def test_overflow_is_an_error_never_a_wrap():
    with pytest.raises(sifund.OverflowError) as e:
        Money.max() + Money("0.01")
    assert e.value.id == "money.overflow"
    assert isinstance(e.value, OverflowError) and isinstance(e.value, sifund.Error)
    with pytest.raises(sifund.OverflowError):
        -Money.min()
    with pytest.raises(sifund.OverflowError):
        Money("1.00") * 2**64
    with pytest.raises(sifund.OverflowError):
        Money.min() - Money("0.01")


def test_ordering_equality_and_hashing():
    values = [Money(x) for x in ("3.00", "-1.00", "2.50", "0.00", "2.50")]
    assert sorted(values) == [Money("-1.00"), Money("0.00"), Money("2.50"), Money("2.50"), Money("3.00")]
    assert max(values) == Money("3.00") and min(values) == Money("-1.00")
    assert Money("1.00") < Money("1.01") <= Money("1.01") and Money("2.00") > Money("1.99") >= Money("1.99")
    assert len(set(values)) == 4
    assert {Money("2.50"): "x"}[Money(Decimal("2.5"))] == "x"
    assert hash(Money("2.50")) == hash(Money(Decimal("2.500")))
    # With a Decimal or an int, exactly by value, and hashed alike; a float or a
    # str is refused, never a silent False.
    assert Money("1.00") == Decimal("1.00") == Money("1") and Decimal("1") == Money("1.00")
    assert Money("12.00") == 12 and 12 == Money("12.00") and Money("12.01") != 12
    assert Money("1.00") != Decimal("1.001") and Money("1.00") < Decimal("1.001")
    assert Money("1.00") < Decimal("2") and Decimal("2") > Money("1.00") and Money("-0.01") < 0
    assert hash(Money("2.50")) == hash(Decimal("2.50")) and hash(Money("12.00")) == hash(12)
    assert {Decimal("2.5"): "x"}[Money("2.50")] == "x"
    for other in ("1.00", 1.0):
        with pytest.raises(TypeError, match="Money compares with Money, decimal.Decimal and int"):
            Money("1.00") == other
        with pytest.raises(TypeError):
            Money("1.00") < other
    assert Money("1.00") != None and Money("1.00") != [1]  # noqa: E711 (not comparable: unequal)
    assert bool(Money("0.01")) and not bool(Money("0.00"))


def test_money_is_immutable_and_pickles():
    m = Money("12.34")
    with pytest.raises(AttributeError):
        m.minor = 5
    assert pickle.loads(pickle.dumps(m)) == m
    assert copy.copy(m) == m and copy.deepcopy(m) == m


def test_round_to_names_its_mode():
    m = Money("1234567.50")
    assert m.round_to(Money.kronor(1), Rounding.half_even) == Money("1234568.00")
    assert m.round_to(Money.kronor(1000), Rounding.floor) == Money("1234000.00")
    assert m.round_to(Money.kronor(1), "down") == Money("1234567.00")
    with pytest.raises(sifund.InputError):
        m.round_to(Money(), Rounding.up)
    with pytest.raises(sifund.InputError):
        m.round_to(Money.kronor(1), "nearest")


def test_predicates():
    assert Money("-1.00").is_negative() and Money("1.00").is_positive() and Money().is_zero()


# ---- Rate --------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (Decimal("0.02"), "0.02"), ("0.02", "0.02"), ("2 %", "0.02"), ("0,0075", "0.0075"), (3, "3"),
    (Decimal("0.020000000000000000000000"), "0.02"), (Decimal("1E-18"), "0.000000000000000001"),
    (Decimal("25E-2"), "0.25"), (Rate("1.25"), "1.25"),
])
def test_rate_is_built_from_decimal_str_or_int(value, text):
    assert str(Rate(value)) == text


@pytest.mark.parametrize("value, id", [
    ("-0.02", "rate.parse"), (Decimal("-0.02"), "rate.parse"), (-1, "rate.parse"),
    ("0.0000000000000000001", "rate.parse"), (Decimal("1E-19"), "rate.parse"), ("x", "rate.parse"),
    (Decimal("sNaN"), "rate.parse"),
])
def test_bad_rates_are_input_errors(value, id):
    with pytest.raises(sifund.InputError) as e:
        Rate(value)
    assert e.value.id == id


def test_rate_out_and_of():
    r = Rate("0.005")
    assert repr(r) == "Rate('0.005')" and r.to_decimal() == Decimal("0.005")
    assert r.to_percent_string() == "0.5 %" and f"{r:.1%}" == "0.5%"
    tax = Money(Decimal("6512345678.90"))
    a = r.of(tax, Rounding.half_even)
    assert (str(a), a.to_decimal()) == ("32561728.39", Decimal("32561728.39"))
    assert Rate("0.02").of(tax, Rounding.half_even, Money.kronor(1)) == Money("130246914.00")
    assert Rate("0.02").of(tax, Rounding.up, step=Money.kronor(1000)) == Money("130247000.00")
    assert Rate.one().of(tax, Rounding.floor) == tax
    assert Rate.from_units(10**16) == Rate("0.01") and Rate("0.01").units == 10**16


def test_rate_arithmetic_ordering_hashing():
    assert Rate("0.01") + Rate("0.02") == Rate("0.03")
    assert Rate("0.03") - Rate("0.01") == Rate("0.02")
    with pytest.raises(sifund.InputError):
        Rate("0.01") - Rate("0.02")
    assert sorted([Rate("2"), Rate("0.5"), Rate("1")]) == [Rate("0.5"), Rate("1"), Rate("2")]
    assert len({Rate("0.50"), Rate("0.5"), Rate(Decimal("0.500"))}) == 1
    assert Rate() == Rate("0") and not Rate() and Rate("0.1")
    assert pickle.loads(pickle.dumps(Rate("0.0075"))) == Rate("0.0075")
    with pytest.raises(TypeError):
        Rate("0.1") + Decimal("0.1")
    assert Rate("0.1") < 1 and Rate("0.50") == Decimal("0.5") and hash(Rate("0.50")) == hash(Decimal("0.5"))
    with pytest.raises(TypeError, match="Rate compares with"):
        Rate("0.1") == 0.1


# ---- Rounding and allocate ------------------------------------------------------------

def test_rounding_modes_name_their_decimal_twins():
    import decimal
    for mode in Rounding.__members__.values():
        assert getattr(decimal, mode.decimal) == mode.decimal
    assert str(Rounding.half_even) == "half_even" and Rounding.half_even.decimal == decimal.ROUND_HALF_EVEN


def test_allocate_adds_up_to_the_whole():
    parts = sifund.allocate(Money("2800000.00"), 3)
    assert parts == [Money("933333.34"), Money("933333.33"), Money("933333.33")]
    assert sum(parts) == Money("2800000.00")
    assert sifund.allocate(Money("100.00"), [1, 3]) == [Money("25.00"), Money("75.00")]
    assert sifund.allocate(Money("-1.00"), [Money("1.00"), Money("2.00")]) == [Money("-0.33"), Money("-0.67")]
    assert sum(sifund.allocate(Money("10.00"), [Rate("0.3"), Rate("0.3"), Rate("0.3")])) == Money("10.00")
    with pytest.raises(sifund.InputError):
        sifund.allocate(Money("1.00"), 0)
    with pytest.raises(TypeError):
        sifund.allocate(Money("1.00"), [1, Money("1.00")])
    with pytest.raises(TypeError):
        sifund.allocate(Money("1.00"), [0.5, 0.5])
