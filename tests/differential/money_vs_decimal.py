#!/usr/bin/python3
"""sifund's money against Python's decimal.

Generates random cases from a seed (edge-heavy: limits of int64, exact ties at
half an öre or half a step, negative amounts, zero), sends them all through one
run of the C++ oracle (money_oracle.cpp), computes what each answer must be
with decimal (and plain Python ints for allocation), and reports every
disagreement. Exits non-zero on any.

The expected answers come from the specification in the headers' comments, not
from sifund's code:
  * Money is an int64 of öre; parse takes "1234567.89", "-0.50", "1234567" and
    Swedish "1 234 567,89" with or without "kr" (or "SEK"); more than two
    decimals or junk is money.parse, a value outside int64 money.out_of_range,
    another currency currency.mismatch.
  * Rate is units / 10^18, at most 18 decimals (16 with a percent sign).
  * rate.of(amount, mode, step) is the exact product rounded to a multiple of
    step by `mode`, which means what decimal's ROUND_<MODE> means; a result
    outside int64 is money.overflow.
  * +, -, * by an integer, negation and Money::kronor are exact or
    money.overflow, never a wrap; a += or -= that throws leaves its left
    operand as it was (checked by the oracle).
  * allocate is the largest remainder method, ties to the earlier part, sign of
    the total applied last.

    money_vs_decimal.py --oracle PATH [--seed N] [--cases N]
"""

import argparse
import decimal
import math
import random
import re
import subprocess
import sys
import time
from decimal import Decimal

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
SEPARATORS = (" ", "\u00a0", "\u202f")  # space, no-break space, narrow no-break space
MINUS_SIGNS = ("-", "\u2212")  # hyphen-minus, U+2212 MINUS SIGN
KNOWN_CURRENCIES = ("SEK", "NOK", "DKK", "EUR", "USD", "GBP", "CHF")

MODES = {
    "half_even": decimal.ROUND_HALF_EVEN,
    "half_up": decimal.ROUND_HALF_UP,
    "half_down": decimal.ROUND_HALF_DOWN,
    "up": decimal.ROUND_UP,
    "down": decimal.ROUND_DOWN,
    "ceiling": decimal.ROUND_CEILING,
    "floor": decimal.ROUND_FLOOR,
}

# Every operation below is exact: a context wide enough for a 60-digit rate
# times an int64 amount, with Inexact trapped so that nothing is silently
# rounded by the oracle itself.
decimal.setcontext(
    decimal.Context(
        prec=400,
        Emax=999999,
        Emin=-999999,
        traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )
)


# --------------------------------------------------------------------------
# Expected answers
# --------------------------------------------------------------------------

class Err(Exception):
    def __init__(self, error_id):
        super().__init__(error_id)
        self.id = error_id


def in_range(ore):
    return I64_MIN <= ore <= I64_MAX


def checked(ore, error_id="money.overflow"):
    if not in_range(ore):
        raise Err(error_id)
    return ore


SEP_CLASS = "[ \u00a0\u202f]"
AMOUNT_RE = re.compile(
    r"(?P<sign>[-\u2212])?"
    r"(?P<whole>[0-9]+|[0-9]{1,3}(?:" + SEP_CLASS + r"[0-9]{3})+)"
    r"(?:(?P<mark>[.,])(?P<frac>[0-9]*))?"
)
UNIT_RE = re.compile(r"(?P<number>.*?)(?P<unit>[A-Za-z]+)", re.S)


def expect_parse(text):
    """Money.parse(text) in öre, from the grammar in money.hpp's comment."""
    number = text
    m = UNIT_RE.fullmatch(text)
    if m:
        unit = m.group("unit")
        if unit not in ("kr", "SEK"):
            raise Err("currency.mismatch" if unit in KNOWN_CURRENCIES else "money.parse")
        number = m.group("number")
        if number and number[-1] in SEPARATORS:  # one separator before the unit
            number = number[:-1]
    m = AMOUNT_RE.fullmatch(number)
    if not m:
        raise Err("money.parse")
    whole = m.group("whole")
    grouped = not whole.isdigit()
    frac = m.group("frac")
    if m.group("mark") is not None:
        if m.group("mark") == "." and grouped:
            raise Err("money.parse")  # 1 234.50 is neither form
        if not 1 <= len(frac) <= 2:
            raise Err("money.parse")
    value = Decimal(re.sub("[^0-9]", "", whole) + "." + (frac or "0"))
    if m.group("sign"):
        value = -value
    ore = value.scaleb(2)
    assert ore == ore.to_integral_value()
    return checked(int(ore), "money.out_of_range")


def expect_format(ore):
    return format(Decimal(ore).scaleb(-2), "f")


def expect_swedish(ore):
    return format(Decimal(ore).scaleb(-2), ",.2f").replace(",", " ").replace(".", ",") + " kr"


def exact_quotient(n, d):
    """n / d as a Decimal that rounds like the true quotient under every mode.

    n / d itself when it is a finite decimal (d = 2^a 5^b); otherwise a proxy
    with the same integer part, sign and position against the half (.25 below,
    .5 at, .75 above), which every ROUND_* mode treats exactly as the true value.
    """
    try:
        return Decimal(n) / Decimal(d)
    except decimal.Inexact:
        q = abs(n) // d
        r2 = 2 * (abs(n) % d)
        frac = Decimal("0.25") if r2 < d else (Decimal("0.5") if r2 == d else Decimal("0.75"))
        v = q + frac
        return -v if n < 0 else v


def round_quotient(n, d, mode):
    """n / d (integers, d > 0) rounded to an integer by decimal's mode."""
    return int(exact_quotient(n, d).to_integral_value(rounding=MODES[mode]))


def expect_round_to(ore, step, mode):
    if step <= 0:
        raise Err("money.round_step")
    return checked(round_quotient(ore, step, mode) * step)


RATE_RE = re.compile(r"(?P<whole>[0-9]+)(?:[.,](?P<frac>[0-9]+))?")


def expect_rate(text):
    """Rate.parse(text)'s value as an exact Decimal, from rate.hpp's comment."""
    s = text
    percent = s.endswith("%")
    if percent:
        s = s[:-1]
        if s and s[-1] in SEPARATORS:
            s = s[:-1]
    m = RATE_RE.fullmatch(s)
    if not m:
        raise Err("rate.parse")
    frac = m.group("frac") or ""
    if len(m.group("whole")) > 60 or len(frac) > (16 if percent else 18):
        raise Err("rate.parse")
    value = Decimal(m.group("whole") + "." + (frac or "0"))
    return value.scaleb(-2) if percent else value


def rate_string(value):
    """The shortest exact decimal: "0.02", "1.25", "0", "100"."""
    return format(value.normalize(), "f")


def expect_rate_of(rate_text, ore, mode, step):
    """rate × amount, exact, rounded to a multiple of step öre."""
    if step <= 0:
        raise Err("money.round_step")
    units = expect_rate(rate_text).scaleb(18)  # the rate's exact units / 10^18
    assert units == units.to_integral_value()
    return checked(round_quotient(int(units) * ore, 10**18 * step, mode) * step)


def expect_allocate(total, weights):
    """Largest remainder, ties to the earlier index, sign applied last."""
    if not weights:
        raise Err("allocate.no_parts")
    if any(w < 0 for w in weights):
        raise Err("allocate.negative_weight")
    total_weight = sum(weights)
    if total_weight == 0:
        raise Err("allocate.zero_weights")
    whole = abs(total)
    parts = [whole * w // total_weight for w in weights]
    remainders = [whole * w % total_weight for w in weights]
    left = whole - sum(parts)
    assert 0 <= left < len(weights)
    for i in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        parts[i] += 1
    assert sum(parts) == whole
    return [-p if total < 0 else p for p in parts]


# --------------------------------------------------------------------------
# Random cases
# --------------------------------------------------------------------------

def hexed(text):
    return text.encode("utf-8").hex()


class Gen:
    def __init__(self, rng):
        self.r = rng

    # ---- numbers ---------------------------------------------------------

    def amount(self):
        """An öre amount, edge-heavy: zero, small, round, huge, at the limits."""
        r = self.r
        k = r.random()
        if k < 0.05:
            return 0
        if k < 0.12:
            return r.choice([I64_MAX, I64_MIN, I64_MAX - r.randint(0, 1000), I64_MIN + r.randint(0, 1000)])
        if k < 0.30:
            v = r.randint(1, 1000)
        elif k < 0.45:
            v = r.randint(1, 10**6)
        elif k < 0.60:
            v = r.randint(1, 10**11)
        elif k < 0.70:
            v = r.randint(1, I64_MAX)
        elif k < 0.80:
            v = 10 ** r.randint(0, 18) + r.randint(-1, 1)
        else:
            v = r.choice([5, 50, 100, 150, 250, 1000, 100000]) * r.randint(1, 10**7) + r.choice([-1, 0, 0, 1])
        v = max(v, 0)
        return -v if r.random() < 0.5 else v

    def step(self):
        r = self.r
        k = r.random()
        if k < 0.45:
            return 1
        if k < 0.65:
            return 100  # whole kronor
        if k < 0.80:
            return 100000  # thousands of kronor
        if k < 0.95:
            return r.choice([5, 10, 50, 1000, 10000, 10**7, 10**12, 2**62, I64_MAX, 3, 7, 12, 99, 101])
        return r.choice([0, -1, -100, I64_MIN])  # refused: money.round_step

    def mode(self):
        return self.r.choice(list(MODES))

    def decimal_text(self, whole_digits, frac_digits, comma=False):
        r = self.r
        whole = str(r.randint(0, 10**whole_digits - 1)) if whole_digits else "0"
        if frac_digits == 0:
            return whole
        frac = "".join(r.choice("0123456789") for _ in range(frac_digits))
        return whole + ("," if comma else ".") + frac

    def rate_text(self):
        """A valid rate: small (fast path), large (cpp_int path), huge, ties."""
        r = self.r
        k = r.random()
        if k < 0.10:
            return r.choice(["0", "0.02", "0.5", "1", "1.25", "0.0075", "0.333333333333333333",
                             "0.000000000000000001", "2%", "2 %", "0,02", "100%", "9.223372036854775807",
                             "9.223372036854775808", "9.22337203685477581", "9.3", "10", "0.5 %",
                             "1\u00a0%", "12.5\u202f%"])
        if k < 0.45:  # small: units fit an int64
            while True:
                t = self.decimal_text(1, r.randint(0, 18), comma=r.random() < 0.1)
                if expect_rate(t) < Decimal("9.223372036854775807"):
                    return t
        if k < 0.55:  # percent forms
            t = self.decimal_text(r.randint(1, 4), r.randint(0, 16), comma=r.random() < 0.2)
            return t + r.choice(["%", " %", "\u00a0%", "\u202f%"])
        if k < 0.80:  # large: the cpp_int path
            t = self.decimal_text(r.randint(2, 10), r.randint(0, 18))
            whole = t.split(".")[0]
            return t if len(whole.lstrip("0")) >= 2 else "1" + t
        if k < 0.90:  # huge
            return self.decimal_text(r.randint(19, 60), r.randint(0, 18))
        # a rate of the form c / m with m | 10^18: ties come from it below
        return self.tie_rate()[0]

    def tie_rate(self, even=False):
        """(text, c, m): the rate c / m, c odd, m = 2^x 5^y (even if asked),
        exact in 18 decimals."""
        r = self.r
        m = 2 ** r.randint(1 if even else 0, 18) * 5 ** r.randint(0, 18)
        c = r.choice([1, 1, 3, 7, 21, 2 * r.randint(0, 10**6) + 1, 2 * r.randint(0, 10**12) + 1,
                      2 * r.randint(0, 10**20) + 1])
        while math.gcd(c, m) != 1:
            c += 2
        return rate_string(Decimal(c) / Decimal(m)), c, m

    # ---- cases -----------------------------------------------------------
    # Each returns (line for the oracle, expected answer as text, label).

    def run(self, fn, *args):
        try:
            return fn(*args)
        except Err as e:
            return "ERR " + e.id

    def case_parse(self):
        r = self.r
        k = r.random()
        if k < 0.55:
            text, label = self.valid_amount_text(self.amount())
        elif k < 0.65:
            text, label = self.out_of_range_text()
        elif k < 0.72:
            text, label = self.too_many_decimals_text()
        elif k < 0.80:
            text, label = r.choice(FIXED_BAD_AMOUNTS), "parse.fixed"
        else:
            text, label = self.junk_amount_text(), "parse.junk"
        expected = self.run(lambda: str(expect_parse(text)))
        return "parse\t" + hexed(text), expected, label

    def valid_amount_text(self, ore):
        r = self.r
        sign = ""
        if ore < 0 or (ore == 0 and r.random() < 0.1):
            sign = r.choice(MINUS_SIGNS) if r.random() < 0.3 else "-"
        mag = abs(ore)
        whole, cents = divmod(mag, 100)
        if cents == 0 and r.random() < 0.4:
            frac = ""
        elif cents % 10 == 0 and r.random() < 0.4:
            frac = str(cents // 10)
        else:
            frac = "%02d" % cents
        if r.random() < 0.5:  # plain: 1234567.89 (or with a comma, or a unit)
            digits = str(whole)
            if r.random() < 0.05:
                digits = "0" * r.randint(1, 3) + digits
            text = sign + digits + (("." if r.random() < 0.85 else ",") + frac if frac else "")
            if r.random() < 0.1:
                text += r.choice([" kr", " SEK", "kr", "\u00a0kr"])
            return text, "parse.plain"
        digits = str(whole)
        groups = []
        while len(digits) > 3:
            groups.insert(0, digits[-3:])
            digits = digits[:-3]
        groups.insert(0, digits)
        uniform = r.choice(SEPARATORS)
        text = sign + groups[0]
        for g in groups[1:]:
            text += (uniform if r.random() < 0.8 else r.choice(SEPARATORS)) + g
        if frac:
            text += "," + frac
        if r.random() < 0.6:
            text += r.choice(["", " ", "\u00a0", "\u202f"]) + r.choice(["kr", "kr", "SEK"])
        return text, "parse.swedish"

    def out_of_range_text(self):
        r = self.r
        k = r.random()
        if k < 0.7:
            mag = r.choice([2**63, 2**63 + 1, 2**63 + r.randint(0, 10**6), 2**64, 2**64 + 1,
                            2**63 - 1, r.randint(2**63, 10**22)])
            ore = mag if r.random() < 0.5 else -mag
            # Render it as the valid forms would, without the range check.
            text, _ = self.valid_amount_text(ore)
        else:
            text = r.choice(["", "-"]) + str(r.randint(10**19, 10**40)) + r.choice(["", ".5", ",25", " kr"])
        return text, "parse.range"

    def too_many_decimals_text(self):
        r = self.r
        text = r.choice(["", "-"]) + str(r.randint(0, 10**r.randint(1, 12)))
        text += r.choice([".", ","]) + "".join(r.choice("0123456789") for _ in range(r.randint(3, 6)))
        if r.random() < 0.2:
            text += " kr"
        return text, "parse.decimals"

    def junk_amount_text(self):
        """Short strings over the amount alphabet; at most 15 digits, so every
        refusal is money.parse and never out of range."""
        r = self.r
        alphabet = ["0", "1", "2", "5", "9", "0", "1", "2", "5", "9", " ", " ", ",", ".", "-", "kr",
                    "k", "r", "x", "\u00a0", "\u2212", "\u202f", "123", " 000", "%", "+", "e"]
        while True:
            text = "".join(r.choice(alphabet) for _ in range(r.randint(0, 9)))
            if sum(c.isdigit() for c in text) <= 15:
                return text

    def case_format(self):
        ore = self.amount()
        if self.r.random() < 0.6:
            return "fmt\t%d" % ore, expect_format(ore), "format.to_string"
        return "swe\t%d" % ore, expect_swedish(ore), "format.to_swedish"

    def case_add_sub(self):
        r = self.r
        add = r.random() < 0.5
        if r.random() < 0.4:  # the exact result straddles a limit
            target = r.choice([I64_MAX, I64_MIN]) + r.randint(-3, 3)
            while True:
                a = self.amount()
                b = target - a if add else a - target
                if in_range(b):
                    break
            label = "addsub.limit"
        else:
            a, b = self.amount(), self.amount()
            label = "addsub.random"
        exact = a + b if add else a - b
        expected = self.run(lambda: str(checked(exact)))
        return ("add" if add else "sub") + "\t%d\t%d" % (a, b), expected, label

    def case_scale(self):
        """a * n, -a and Money::kronor(n): exact, or money.overflow."""
        r = self.r
        k = r.random()
        if k < 0.5:
            a = self.amount()
            n = r.choice([0, 1, -1, 2, -2, 12, 100, r.randint(-10**6, 10**6), r.randint(I64_MIN, I64_MAX)])
            if r.random() < 0.3 and a != 0:  # just inside or just outside the range
                n = r.choice([I64_MAX, I64_MIN]) // a + r.randint(-1, 1)
                n = max(I64_MIN, min(I64_MAX, n))
            return "mul\t%d\t%d" % (a, n), self.run(lambda: str(checked(a * n))), "scale.mul"
        if k < 0.7:
            a = r.choice([I64_MIN, I64_MIN + 1, I64_MAX, self.amount()])
            return "neg\t%d" % a, self.run(lambda: str(checked(-a))), "scale.neg"
        n = r.choice([0, 1, -1, I64_MAX // 100, I64_MAX // 100 + 1, I64_MIN // 100, I64_MIN // 100 - 1,
                      -(2**63 // 100) - 1, r.randint(-10**12, 10**12), r.randint(I64_MIN, I64_MAX)])
        n = max(I64_MIN, min(I64_MAX, n))
        return "kronor\t%d" % n, self.run(lambda: str(checked(n * 100))), "scale.kronor"

    def case_round(self):
        ore, step, mode = self.amount(), self.step(), self.mode()
        if self.r.random() < 0.3 and step > 0:  # exactly half a step off a multiple
            if step % 2 == 0:
                base = self.amount() // step
                if in_range(base * step + step // 2):
                    ore = base * step + step // 2
        expected = self.run(lambda: str(expect_round_to(ore, step, mode)))
        return "round\t%d\t%d\t%s" % (ore, step, mode), expected, "round_to"

    def case_rate(self):
        r = self.r
        mode, step = self.mode(), self.step()
        k = r.random()
        if k < 0.35 and step > 0:
            # An exact tie: (c / m) × (m × step × odd / 2) = c × odd × step / 2,
            # and c × odd is odd. Sometimes one öre off it.
            text, c, m = self.tie_rate(even=step % 2 != 0)
            odd = r.choice([1, 3, 2 * r.randint(0, 10**4) + 1, 2 * r.randint(0, 10**9) + 1])
            ore = m * step * odd // 2 + r.choice([0, 0, 0, 0, 1, -1])
            if not in_range(ore):
                ore = r.choice([0, 1, -1])
            ore = -ore if r.random() < 0.5 else ore
            label = "rate.tie"
        else:
            text, ore = self.rate_text(), self.amount()
            label = "rate.random"
        value = expect_rate(text)
        label += ".small" if value.scaleb(18) <= I64_MAX else ".large"
        expected = self.run(lambda: str(expect_rate_of(text, ore, mode, step)))
        return "rate\t%s\t%d\t%s\t%d" % (hexed(text), ore, mode, step), expected, label

    def case_rate_parse(self):
        r = self.r
        if r.random() < 0.5:
            text = self.rate_text()
        elif r.random() < 0.5:
            text = r.choice(FIXED_BAD_RATES)
        else:
            alphabet = ["0", "1", "5", "9", ".", ",", "%", " ", "\u00a0", "-", "e", "00000000000"]
            text = "".join(r.choice(alphabet) for _ in range(r.randint(0, 8)))
        if r.random() < 0.25:  # "2 %": the value × 100, shortest exact, and " %"
            expected = self.run(lambda: rate_string(expect_rate(text).scaleb(2)) + " %")
            return "rpct\t" + hexed(text), expected, "rate.percent_string"
        expected = self.run(lambda: rate_string(expect_rate(text)))
        return "rparse\t" + hexed(text), expected, "rate.parse"

    def case_allocate(self):
        r = self.r
        total = self.amount()
        k = r.random()
        if k < 0.3:
            n = r.choice([0, 1, 2, 3, 3, 4, 6, 7, 10, 12, 31, 60])
            expected = self.run(lambda: " ".join(map(str, expect_allocate(total, [1] * n))))
            return "alln\t%d\t%d" % (total, n), expected, "allocate.n"
        n = r.choice([0, 1, 2, 3, 4, 5, 8, 13])
        kind = r.choice(["allw", "allm", "allr"])
        kw = r.random()
        if kw < 0.3:  # equal and repeated weights: ties between remainders
            w0 = r.choice([1, 2, 3, 7, 100, 10**15])
            weights = [w0 * r.choice([1, 1, 2, 0]) for _ in range(n)]
        elif kw < 0.6:
            weights = [r.randint(0, 1000) for _ in range(n)]
        elif kw < 0.8:
            weights = [r.choice([0, r.randint(1, I64_MAX), I64_MAX]) for _ in range(n)]
        elif kw < 0.9:
            weights = [0] * n  # allocate.zero_weights
        else:
            weights = [r.randint(-5, 5) for _ in range(n)]  # allocate.negative_weight, mostly
        if kind == "allr":
            # A rate's units are its value × 10^18; keep the text within 60 digits.
            texts = [rate_string(Decimal(w).scaleb(-18)) for w in weights if w >= 0]
            if len(texts) != len(weights):  # rates cannot be negative: no negative case here
                weights = [abs(w) for w in weights]
                texts = [rate_string(Decimal(w).scaleb(-18)) for w in weights]
            field = ",".join(hexed(t) for t in texts)
        else:
            field = ",".join(map(str, weights))
        expected = self.run(lambda: " ".join(map(str, expect_allocate(total, weights))))
        return "%s\t%d\t%s" % (kind, total, field), expected, "allocate." + kind[3:]


FIXED_BAD_AMOUNTS = [
    "", "-", "\u2212", "kr", " kr", "1,234.50", "1.234,50", "1 234.50", "12 34", "1234 567", "1 23",
    "+5", " 5", "5 ", "5.", ".5", "-.5", "1e5", "1_000", "\u0663", "12 kronor", "0x10", "NaN", "inf",
    "12 EUR", "12 USD", "1 234,50 NOK", "12 eur", "--5", "5-", "- 5", "12  kr", "12 kr kr", "1,2,3",
    "1..5", "12,", "12.5.", "\u00a012", "1\u00a0234\u00a0567,891", "12\tkr", "12\nkr", "12 %", "\u2212\u2212",
    "1 234 5678", "1 2345", "1\u00a0\u00a0234", "12.3a", "\u20ac12", "12 \u20ac", "0.001", "-0,000",
]

FIXED_BAD_RATES = [
    "", "-0.02", "\u22120.02", ".5", "5.", "1e5", "+1", "0.0000000000000000001", "2.00000000000000001%",
    "2  %", "%", " %", "2% ", "0.02 ", " 0.02", "1 000", "1,000.5", "x", "NaN", "1" * 61, "1" * 60,
    "0." + "0" * 18, "0." + "0" * 19, "2.0000000000000001%", "1.5.5",
]


CATEGORIES = [  # (share of the cases, generator)
    (0.24, Gen.case_parse),
    (0.08, Gen.case_format),
    (0.12, Gen.case_add_sub),
    (0.03, Gen.case_scale),
    (0.07, Gen.case_round),
    (0.30, Gen.case_rate),
    (0.06, Gen.case_rate_parse),
    (0.10, Gen.case_allocate),
]


def decode_line(line):
    """The oracle's line with hex fields shown as text, for the report."""
    fields = line.split("\t")
    if fields[0] in ("parse", "rparse", "rpct", "rate"):
        fields[1] = repr(bytes.fromhex(fields[1]).decode("utf-8"))
    if fields[0] == "allr":
        fields[2] = ",".join(bytes.fromhex(x).decode("utf-8") for x in fields[2].split(",") if x)
    return " ".join(fields)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--oracle", required=True, help="path of the money_oracle executable")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--cases", type=int, default=120000)
    ap.add_argument("--show", type=int, default=20, help="disagreements to print")
    args = ap.parse_args()
    if args.cases < 100000:
        print("note: fewer than 100 000 cases", file=sys.stderr)

    print("differential: seed %d (rerun with --seed %d)" % (args.seed, args.seed), flush=True)
    started = time.perf_counter()
    gen = Gen(random.Random(args.seed))
    weights = [w for w, _ in CATEGORIES]
    generators = [g for _, g in CATEGORIES]
    picks = gen.r.choices(range(len(CATEGORIES)), weights=weights, k=args.cases)
    cases = [generators[i](gen) for i in picks]
    generated = time.perf_counter()

    request = "".join(line + "\n" for line, _, _ in cases).encode("utf-8")
    proc = subprocess.run([args.oracle], input=request, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    answered = time.perf_counter()
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode("utf-8", "replace")[-4000:])
        print("differential: the oracle exited with status %d" % proc.returncode)
        return 1
    answers = proc.stdout.decode("utf-8").split("\n")
    if answers and answers[-1] == "":
        answers.pop()
    if len(answers) != len(cases):
        print("differential: %d cases but %d answers" % (len(cases), len(answers)))
        return 1

    per_label = {}
    disagreements = []
    for (line, expected, label), actual in zip(cases, answers):
        total, bad = per_label.get(label, (0, 0))
        if actual != expected:
            disagreements.append((line, expected, actual, label))
            bad += 1
        per_label[label] = (total + 1, bad)

    for label in sorted(per_label):
        total, bad = per_label[label]
        print("  %-24s %7d cases %6d disagreements" % (label, total, bad))
    for line, expected, actual, label in disagreements[: args.show]:
        print("DISAGREE [%s] %s\n    expected: %s\n    actual:   %s" % (label, decode_line(line), expected, actual))
    if len(disagreements) > args.show:
        print("... and %d more" % (len(disagreements) - args.show))
    print("  (generate and check %.2f s, oracle %.2f s)" % (
        time.perf_counter() - answered + generated - started, answered - generated))
    print("differential: %d cases, %d disagreements (seed %d)" % (len(cases), len(disagreements), args.seed))
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
