#!/usr/bin/python3
"""sifund's project evaluation against Python's decimal.

Generates cash flows from a seed (costs first then savings, savings only,
costs only, mixed signs; small and large amounts; rates from 0 to 100 %),
sends them through one run of the C++ oracle (evaluation_oracle.cpp) and
recomputes every answer here from the definitions in
include/sifund/forecast/evaluation.hpp, knowing nothing of the C++ code:

  * a flow of year y is discounted by (1 + r)^(y - base); present values are
    summed exactly (50 significant digits) and rounded to the öre once, by
    the named mode; npv = round(PV savings - PV costs);
  * benefit-cost ratio = PV savings / PV costs to 6 decimals by the mode;
  * payback: the first year from which the cumulative net stays >= 0;
  * IRR: none ("no solution") when the net flows never change sign; with one
    sign change the unique root, found here by bisection on [-0.99, 1000];
    with several, the reported rate must make the NPV vanish.

    evaluation_vs_decimal.py --oracle PATH [--seed N] [--cases N]
"""

import argparse
import decimal
import json
import random
import subprocess
import sys
from decimal import Decimal

decimal.getcontext().prec = 60
MODES = {
    "half_even": decimal.ROUND_HALF_EVEN, "half_up": decimal.ROUND_HALF_UP, "half_down": decimal.ROUND_HALF_DOWN,
    "up": decimal.ROUND_UP, "down": decimal.ROUND_DOWN, "ceiling": decimal.ROUND_CEILING, "floor": decimal.ROUND_FLOOR,
}
BEARERS = ("municipality", "region", "state")


def snapped(v, places):
    """v where it lies within 10^-30 (relative) of a multiple of half a unit
    in the last place, moved onto it: an exact result computed through an
    inexact division is then rounded as the exact result would be."""
    scaled = v.scaleb(places)
    eps = Decimal("1e-30") * (1 + abs(scaled))
    nearest_half = (scaled * 2).to_integral_value(rounding=decimal.ROUND_HALF_EVEN) / 2
    return (nearest_half if abs(scaled - nearest_half) < eps else scaled).scaleb(-places)


def rounded(v, places, mode):
    r = snapped(v, places).quantize(Decimal(1).scaleb(-places), rounding=MODES[mode])
    return r.copy_abs() if r == 0 else r  # no negative zero


def money(v, mode):
    return str(rounded(v, 2, mode))


def npv(net, r):
    return sum((v / (1 + r) ** t for t, v in net), Decimal(0))


def payback(years, values):
    cumulative, start = Decimal(0), None
    for y, v in zip(years, values):
        cumulative += v
        if cumulative < 0:
            start = None
        elif start is None:
            start = y
    return start


def sign_changes(values):
    last, changes = 0, 0
    for v in values:
        s = (v > 0) - (v < 0)
        if s == 0:
            continue
        if last and s != last:
            changes += 1
        last = s
    return changes


def bisect_irr(net):
    lo, hi = Decimal("-0.99"), Decimal("1000")
    flo = npv(net, lo)
    if flo == 0:
        return lo
    if (flo > 0) == (npv(net, hi) > 0):
        return None
    for _ in range(200):
        mid = (lo + hi) / 2
        f = npv(net, mid)
        if f == 0:
            return mid
        if (f > 0) == (flo > 0):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def make_case(rng):
    base = rng.randint(2010, 2030)
    kind = rng.choice(["invest", "invest", "invest", "costs", "savings", "mixed", "tiny"])
    n = rng.randint(1, 8)
    years = sorted(rng.sample(range(base, base + 15), n))
    flows = []
    for i, y in enumerate(years):
        big = 10 ** rng.randint(2, 11)
        costs = savings = [0, 0, 0]
        c = 0
        if kind == "invest":
            if i < max(1, n // 2):
                c = rng.randint(1, big)
            else:
                savings = [rng.randint(0, big) if rng.random() < 0.7 else 0 for _ in BEARERS]
        elif kind == "costs":
            c = rng.randint(1, big)
        elif kind == "savings":
            savings = [rng.randint(0, big) for _ in BEARERS]
        elif kind == "tiny":
            c = rng.randint(0, 3)
            savings = [rng.randint(0, 3), 0, 0]
        else:
            c = rng.randint(0, big) if rng.random() < 0.5 else 0
            savings = [rng.randint(0, big) if rng.random() < 0.5 else 0 for _ in BEARERS]
        flows.append((y, c, *savings))
    rate = rng.choice(["0", "0.03", "0.035", "0.04", "0.1", "0.25", "1", "0.0123", str(rng.randint(0, 200) / 1000)])
    mode = rng.choice(list(MODES))
    return rate, mode, base, flows


def expected(rate, mode, base, flows):
    r = Decimal(rate)
    pv_costs = pv_sav = Decimal(0)
    pv_by = {b: Decimal(0) for b in BEARERS}
    net, pv_net, years = [], [], []
    total_costs = 0
    for y, c, *s in flows:
        t = y - base
        factor = (1 + r) ** t
        pc = Decimal(c) / 100 / factor
        pv_costs += pc
        total_costs += c
        ps = Decimal(0)
        for b, v in zip(BEARERS, s):
            x = Decimal(v) / 100 / factor
            pv_by[b] += x
            ps += x
        pv_sav += ps
        net.append((t, Decimal(sum(s) - c) / 100))
        pv_net.append(ps - pc)
        years.append(y)
    out = {
        "pv_costs": money(pv_costs, mode), "pv_savings": money(pv_sav, mode), "npv": money(pv_sav - pv_costs, mode),
        "pv_savings_by_bearer": {b: money(pv_by[b], mode) for b in BEARERS},
        "benefit_cost_ratio": None if pv_costs == 0 else str(rounded(pv_sav / pv_costs, 6, mode)),
        "payback_year": None if total_costs == 0 else payback(years, [v for _, v in net]),
        "discounted_payback_year": None if total_costs == 0 else payback(years, pv_net),
    }
    return out, net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=300)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    cases = [make_case(rng) for _ in range(args.cases)]
    # Hand-picked: the flows of examples in the docs, and no sign change at all.
    cases += [("0.1", "half_even", 2014, [(2014, 100000, 0, 0, 0), (2015, 0, 110000, 0, 0)]),
              ("0.03", "half_even", 2015, [(2015, 100000, 0, 0, 0), (2016, 200000, 0, 0, 0)]),
              ("0.03", "half_up", 2015, [(2016, 0, 1000, 0, 0)])]
    text = "".join(f"{r} {m} {b} {len(f)} " + " ".join(" ".join(map(str, x)) for x in f) + "\n" for r, m, b, f in cases)
    p = subprocess.run([args.oracle], input=text, capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(answers) == len(cases), (len(answers), len(cases))
    failures, irr_checked, no_solution = 0, 0, 0
    for (rate, mode, base, flows), got in zip(cases, answers):
        want, net = expected(rate, mode, base, flows)
        problems = [f"{k}: sifund {got.get(k)!r}, decimal {v!r}" for k, v in want.items() if got.get(k) != v]
        changes = sign_changes([v for _, v in net])
        if changes == 0:
            no_solution += 1
            if got["irr"] is not None or "no solution" not in got["irr_note"]:
                problems.append(f"irr: sifund {got['irr']!r} ({got['irr_note']}), expected no solution")
        elif changes == 1:
            root = bisect_irr(net)
            if root is None:  # the root lies outside [-0.99, 1000]: neither side reports a rate
                if got["irr"] is not None or "no solution" not in got["irr_note"]:
                    problems.append(f"irr: sifund {got['irr']!r}, but no rate in [-0.99, 1000] solves it")
            elif got["irr"] is None or abs(Decimal(got["irr"]) - root) > Decimal("1e-8"):
                problems.append(f"irr: sifund {got['irr']!r}, decimal {root:.10f}")
            irr_checked += 1
        elif got["irr"] is not None:
            # Rounded to 8 decimals, the rate is within 10^-8 of a root: the NPV
            # changes sign (or vanishes) between its neighbours.
            r, step = Decimal(got["irr"]), Decimal("1e-8")
            lo, hi = npv(net, r - step), npv(net, r + step)
            if r - step > -1 and lo * hi > 0:
                problems.append(f"irr {got['irr']} is no root: NPV {lo:.6e} and {hi:.6e} around it")
        if problems:
            failures += 1
            if failures <= 20:
                print(f"case rate={rate} mode={mode} base={base} flows={flows}:\n  " + "\n  ".join(problems))
    print(f"{len(cases) - failures} passed, {failures} failed "
          f"({irr_checked} IRRs checked, {no_solution} without a sign change)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
