"""Money and Rate arithmetic through the bindings against Python's decimal, on random
cases from a fixed seed: the library and the decimal module must agree on every one,
including which results do not fit (sifund.OverflowError, never a wrap)."""
import decimal
import random
from decimal import Decimal

import pytest

import sifund
from sifund import Money, Rate, Rounding

CASES = 20_000
SEED = 20241125
LIMIT = 2**63
EXACT = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation])
MODES = list(Rounding.__members__.values())


def random_ore(rng):
    """Amounts of every size: öre, kronor, millions, and near the edges of int64."""
    kind = rng.random()
    if kind < 0.3:
        return rng.randint(-10_000, 10_000)
    if kind < 0.8:
        return rng.randint(-10**15, 10**15)
    if kind < 0.95:
        return rng.randint(-LIMIT, LIMIT - 1)
    return rng.choice([LIMIT - 1, -LIMIT, LIMIT - 2, -LIMIT + 1, 0, 1, -1])


def random_rate_units(rng):
    kind = rng.random()
    if kind < 0.5:
        return rng.randint(0, 10**17)        # below 0.1: shares of tax revenue
    if kind < 0.9:
        return rng.randint(0, 10 * 10**18)   # up to 10: both paths of Rate.of
    return rng.randint(0, 10**40)


def kronor(ore):
    return Decimal(ore).scaleb(-2, EXACT)


def expect(ore_value, compute):
    """Either the result equals ore_value, or ore_value does not fit and compute raises OverflowError."""
    if -LIMIT <= ore_value < LIMIT:
        assert compute().minor == ore_value
    else:
        with pytest.raises(sifund.OverflowError):
            compute()


@pytest.fixture
def rng():
    return random.Random(SEED)


def test_decimal_round_trips(rng):
    for _ in range(CASES):
        ore = random_ore(rng)
        d = kronor(ore)
        m = Money(d)
        assert m.minor == ore
        assert m.to_decimal() == d and m.to_decimal().as_tuple().exponent == -2
        assert Money(str(m)) == m and Money(d.normalize(EXACT)) == m
        units = random_rate_units(rng)
        r = Decimal(units).scaleb(-18, EXACT)
        rate = Rate(r)
        assert rate.units == units and rate.to_decimal() == r and Rate(str(rate)) == rate


def test_addition_subtraction_negation_and_counts(rng):
    for _ in range(CASES):
        a, b = random_ore(rng), random_ore(rng)
        ma, mb = Money.from_minor(a), Money.from_minor(b)
        expect(a + b, lambda: ma + mb)
        expect(a - b, lambda: ma - mb)
        expect(-a, lambda: -ma)
        n = rng.choice([rng.randint(-12, 12), rng.randint(-10**6, 10**6), rng.randint(-LIMIT, LIMIT - 1)])
        expect(a * n, lambda: ma * n)
        assert (ma < mb) == (a < b) and (ma == mb) == (a == b) and (ma >= mb) == (a >= b)
        if -LIMIT <= a + b < LIMIT:
            assert kronor((ma + mb).minor) == EXACT.add(kronor(a), kronor(b))


def test_round_to_agrees_with_quantize(rng):
    for _ in range(CASES):
        a = random_ore(rng)
        step = rng.choice([1, 100, 100_000, rng.randint(1, 10**9)])
        mode = rng.choice(MODES)
        steps = EXACT.divide(Decimal(a), Decimal(step)).quantize(Decimal(1), rounding=mode.decimal, context=EXACT)
        expect(int(steps) * step, lambda: Money.from_minor(a).round_to(Money.from_minor(step), mode))


def test_rate_of_agrees_with_decimal(rng):
    for _ in range(CASES):
        units, a = random_rate_units(rng), random_ore(rng)
        step = rng.choice([1, 1, 100, 100_000, rng.randint(1, 10**6)])
        mode = rng.choice(MODES)
        exact = EXACT.multiply(Decimal(units).scaleb(-18, EXACT), kronor(a))          # kronor
        steps = EXACT.divide(exact, kronor(step)).quantize(Decimal(1), rounding=mode.decimal, context=EXACT)
        rate, amount, s = Rate.from_units(units), Money.from_minor(a), Money.from_minor(step)
        expect(int(steps) * step, lambda: rate.of(amount, mode, s))


def test_rate_sums_and_differences(rng):
    for _ in range(CASES // 4):
        x, y = random_rate_units(rng), random_rate_units(rng)
        rx, ry = Rate.from_units(x), Rate.from_units(y)
        assert (rx + ry).to_decimal() == EXACT.add(rx.to_decimal(), ry.to_decimal())
        assert (rx < ry) == (x < y)
        if x >= y:
            assert (rx - ry).units == x - y
        else:
            with pytest.raises(sifund.InputError):
                rx - ry


def test_allocate_is_hamilton_to_the_ore(rng):
    for _ in range(CASES // 10):
        total = rng.randint(-10**12, 10**12)
        weights = [rng.randint(0, 10**6) for _ in range(rng.randint(1, 8))]
        if sum(weights) == 0:
            weights[0] = 1
        parts = [p.minor for p in sifund.allocate(Money.from_minor(total), weights)]
        assert sum(parts) == total
        whole, s = abs(total), sum(weights)
        floors = [whole * w // s for w in weights]
        # each part is its exact share rounded down or up by one öre, never more
        sign = -1 if total < 0 else 1
        assert all(abs(p) - f in (0, 1) for p, f in zip(parts, floors)) and all(p * sign >= 0 for p in parts)
