#!/usr/bin/python3
"""Checks examples/orebro/fund.jsonl against DESIGN.md §4.1-§4.3, independently of sifund.

Standard library only; money is decimal.Decimal. It replays the command file line by line,
as the fund would (each command judged on what was recorded before it and on the rulebook in
force on its date), and checks:

  * every line is a JSON object with exactly the fields of its type (§4.1), amounts as
    strings of kronor with two decimals, rates as decimal strings, ISO dates;
  * the rulebook objects (§4.2) and that every rule id used has a citation;
  * roles: who gives each command, per the rulebook in force; applicants neither decide on
    nor verify savings of their own application;
  * eligibility, grant limits (max amount, share of free capital, reserve floor, duration,
    co-financing), delegation by amount;
  * tranches add up to the grant and lie within the project; disbursements follow the plan
    and never exceed the grant; no disbursement while a report is overdue; every report on
    time;
  * repayment obligations (share x saving, capped at cap_factor x disbursed), repayments and
    write-offs never above what arose, each obligation settled by its due date, closed grants
    with nothing outstanding;
  * the fund's own true-ups (round(rate x outcome) - allocated), at least one positive and one
    negative.

It prints the statement of §4.3 at 2023-12-31. Exit code 0 when everything holds, 1 otherwise.

    /usr/bin/python3 examples/orebro/check_example.py [path/to/fund.jsonl] [--as-of YYYY-MM-DD]
"""
import calendar
import decimal
import json
import os
import re
import sys
from datetime import date, timedelta
from decimal import Decimal

decimal.getcontext().prec = 60

HERE = os.path.dirname(os.path.abspath(__file__))
END_OF_HISTORY = date(2023, 12, 31)

errors = []
notes = []
line_no = 0


def error(msg):
    errors.append(f"line {line_no}: {msg}" if line_no else msg)


# ----------------------------------------------------------------------------- field types
MONEY_RE = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]{2}$")
RATE_RE = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9]+)?$")
DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class FieldProblem(Exception):
    pass


def money(v, path, sign="positive"):
    if not isinstance(v, str):
        raise FieldProblem(f"{path} must be a string of kronor such as \"1000.00\", not {type(v).__name__}")
    if not MONEY_RE.match(v):
        raise FieldProblem(f"{path} = {v!r} is not kronor with two decimals")
    d = Decimal(v)
    if sign == "positive" and d <= 0:
        raise FieldProblem(f"{path} must be more than zero, not {v}")
    if sign == "non_negative" and d < 0:
        raise FieldProblem(f"{path} must not be negative, not {v}")
    return d


def rate(v, path):
    if not isinstance(v, str) or not RATE_RE.match(v):
        raise FieldProblem(f"{path} must be a decimal string such as \"0.02\", not {v!r}")
    return Decimal(v)


def step(v, path):
    """A rounding step in kronor: "1", "0.01", "1000" (§4.2 allocation.round_to)."""
    d = rate(v, path)
    if d <= 0:
        raise FieldProblem(f"{path} must be more than zero")
    return d


def iso_date(v, path):
    if not isinstance(v, str) or not DATE_RE.match(v):
        raise FieldProblem(f"{path} must be a date YYYY-MM-DD, not {v!r}")
    try:
        d = date.fromisoformat(v)
    except ValueError:
        raise FieldProblem(f"{path} = {v!r} is not a date")
    if not 1900 <= d.year <= 2199:
        raise FieldProblem(f"{path} = {v} is outside 1900..2199")
    return d


def string(v, path):
    if not isinstance(v, str) or not v:
        raise FieldProblem(f"{path} must be a non-empty string, not {v!r}")
    return v


def integer(v, path, lo, hi):
    if not isinstance(v, int) or isinstance(v, bool):
        raise FieldProblem(f"{path} must be an integer, not {v!r}")
    if not lo <= v <= hi:
        raise FieldProblem(f"{path} = {v} is outside {lo}..{hi}")
    return v


def boolean(v, path):
    if not isinstance(v, bool):
        raise FieldProblem(f"{path} must be true or false, not {v!r}")
    return v


def strings(v, path, allow_empty=False):
    if not isinstance(v, list):
        raise FieldProblem(f"{path} must be an array of strings")
    out = [string(e, f"{path}[{i}]") for i, e in enumerate(v)]
    if not out and not allow_empty:
        raise FieldProblem(f"{path} must not be empty")
    return out


def one_of(v, path, allowed):
    s = string(v, path)
    if s not in allowed:
        raise FieldProblem(f"{path} = {s!r} is not one of {', '.join(allowed)}")
    return s


def obj(v, path, required, optional=()):
    """Checks v is an object with the required keys (non-null) and no keys beyond required+optional."""
    if not isinstance(v, dict):
        raise FieldProblem(f"{path or 'the line'} must be a JSON object")
    for k in required:
        if v.get(k) is None:
            raise FieldProblem(f"missing field {path + '.' if path else ''}{k}")
    for k in v:
        if k not in required and k not in optional:
            raise FieldProblem(f"unknown field {path + '.' if path else ''}{k}")
    return v


EVIDENCE = ["idea", "promising", "established"]
ROUNDINGS = {
    "half_even": decimal.ROUND_HALF_EVEN, "half_up": decimal.ROUND_HALF_UP, "half_down": decimal.ROUND_HALF_DOWN,
    "up": decimal.ROUND_UP, "down": decimal.ROUND_DOWN, "ceiling": decimal.ROUND_CEILING,
    "floor": decimal.ROUND_FLOOR,
}
COMMON = ("type", "date", "actor")


def round_to(x, step, mode):
    return ((x / step).to_integral_value(rounding=ROUNDINGS[mode]) * step).quantize(Decimal("0.01"))


def parse_rules(r):
    """Validates a rulebook's rules object (§4.2); returns a normalised dict and the rule ids used."""
    sections = ("roles", "permissions", "allocation", "eligibility", "grant", "commitments", "delegation",
                "reporting", "repayment", "citations")
    obj(r, "rules", (), sections)
    used = []
    rb = {"roles": {}, "permissions": None}
    if r.get("roles") is not None:
        used.append("roles")
        if not isinstance(r["roles"], dict):
            raise FieldProblem("rules.roles must be an object of actor -> roles")
        for actor, roles in r["roles"].items():
            rb["roles"][actor] = strings(roles, f"rules.roles.{actor}")
    if r.get("permissions") is not None:
        used.append("permissions")
        if not isinstance(r["permissions"], dict):
            raise FieldProblem("rules.permissions must be an object of role -> commands")
        rb["permissions"] = {k: strings(v, f"rules.permissions.{k}", True) for k, v in r["permissions"].items()}

    def section(name, spec):
        out = {}
        v = r.get(name)
        if v is None:
            return {k: None for k in spec}
        obj(v, f"rules.{name}", (), tuple(spec))
        for k, reader in spec.items():
            if k in v:  # a rule stated as null ("no limit") is still a rule and needs its citation
                used.append(f"{name}.{k}")
            x = v.get(k)
            out[k] = reader(x, f"rules.{name}.{k}") if x is not None else None
        return out

    rb["allocation"] = section("allocation", {
        "target_rate": rate, "basis": lambda x, p: one_of(x, p, ["budget", "outcome"]), "true_up": boolean,
        "rounding": lambda x, p: one_of(x, p, list(ROUNDINGS)), "round_to": step})
    rb["eligibility"] = section("eligibility", {
        "min_applicants": lambda x, p: integer(x, p, 1, 1000), "focus_areas": strings,
        "min_evidence": lambda x, p: one_of(x, p, EVIDENCE)})
    rb["grant"] = section("grant", {
        "max_amount": money, "max_share_of_free_capital": rate,
        "max_duration_months": lambda x, p: integer(x, p, 1, 1200), "min_co_financing_share": rate,
        "max_per_year": money})
    rb["commitments"] = section("commitments", {"reserve_floor": lambda x, p: money(x, p, "non_negative")})
    rb["reporting"] = section("reporting", {
        "interim_every_months": lambda x, p: integer(x, p, 1, 120),
        "final_within_months": lambda x, p: integer(x, p, 0, 120),
        "block_disbursement_when_overdue": boolean})
    rb["repayment"] = section("repayment", {
        "share_of_savings": rate, "cap_factor": rate, "due_lag_years": lambda x, p: integer(x, p, 0, 50),
        "rounding": lambda x, p: one_of(x, p, list(ROUNDINGS))})
    rb["delegation"] = []
    if r.get("delegation") is not None:
        used.append("delegation")
        if not isinstance(r["delegation"], list):
            raise FieldProblem("rules.delegation must be an array")
        prev = Decimal(0)
        for i, lvl in enumerate(r["delegation"]):
            obj(lvl, f"rules.delegation[{i}]", ("role",), ("up_to",))
            up = None if lvl.get("up_to") is None else money(lvl["up_to"], f"rules.delegation[{i}].up_to")
            if prev is None or (up is not None and up <= prev):
                raise FieldProblem("rules.delegation: levels must rise, null (no limit) last")
            prev = up
            rb["delegation"].append((up, string(lvl["role"], f"rules.delegation[{i}].role")))
    cit = r.get("citations") or {}
    if not isinstance(cit, dict):
        raise FieldProblem("rules.citations must be an object")
    rb["citations"] = {k: string(v, f"rules.citations.{k}") for k, v in cit.items()}
    return rb, used


def read_command(c):
    """Checks one command's fields (§4.1, as strictly as sifund reads them); returns parsed values."""
    if not isinstance(c, dict):
        raise FieldProblem("a line must be a JSON object")
    t = string(c.get("type"), "type")
    spec = {
        "fund.established": (("fund", "name", "owner", "decision"), ("currency",)),
        "rulebook.adopted": (("version", "decision", "rules"), ()),
        "capital.contributed": (("amount",), ("source", "decision")),
        "tax_revenue.recorded": (("budget_year", "kind", "amount"), ()),
        "allocation.decided": (("budget_year", "decision"), ("rate", "basis", "amount")),
        "application.submitted": (("application", "title", "applicants", "focus_area", "evidence", "requested",
                                   "start", "end"),
                                  ("target_group", "budget", "co_financing", "indicators", "expected_savings",
                                   "evaluation")),
        "application.withdrawn": (("application",), ()),
        "application.rejected": (("application", "body", "decision", "reasons"), ()),
        "grant.decided": (("grant", "application", "amount", "body", "decision"), ("tranches", "conditions")),
        "grant.disbursed": (("grant", "amount"), ()),
        "report.submitted": (("grant", "kind", "period_end"), ("costs", "indicators")),
        "savings.verified": (("grant", "unit", "budget_year", "amount", "method", "verifier"), ()),
        "repayment.received": (("grant", "unit", "budget_year", "amount"), ()),
        "obligation.written_off": (("grant", "amount", "decision", "reason"), ()),
        "grant.closed": (("grant", "decision"), ()),
        "event.reversed": (("seq", "reason"), ()),
    }
    if t == "allocation.trued_up":
        raise FieldProblem("allocation.trued_up is appended by the fund itself; a command file must not carry it")
    if t not in spec:
        raise FieldProblem(f"unknown command type {t!r}")
    req, opt = spec[t]
    obj(c, "", COMMON + req, opt)
    p = {"type": t, "date": iso_date(c["date"], "date"), "actor": string(c["actor"], "actor")}
    year = lambda k: integer(c[k], k, 1900, 2199)
    for k in ("fund", "name", "owner", "decision", "version", "application", "title", "focus_area", "body",
              "grant", "method", "verifier", "unit", "reason", "source", "target_group"):
        if c.get(k) is not None:
            p[k] = string(c[k], k)
    if t == "fund.established":
        p["currency"] = string(c.get("currency", "SEK"), "currency")
        if not re.match(r"^[A-Z]{3}$", p["currency"]):
            raise FieldProblem(f"currency {p['currency']!r} is not an ISO 4217 code")
    elif t == "rulebook.adopted":
        p["rules"], p["used"] = parse_rules(c["rules"])
    elif t == "capital.contributed":
        p["amount"] = money(c["amount"], "amount")
    elif t == "tax_revenue.recorded":
        p["budget_year"] = year("budget_year")
        p["kind"] = one_of(c["kind"], "kind", ["budget", "outcome"])
        p["amount"] = money(c["amount"], "amount")
    elif t == "allocation.decided":
        p["budget_year"] = year("budget_year")
        p["rate"] = rate(c["rate"], "rate") if c.get("rate") is not None else None
        p["basis"] = one_of(c.get("basis", "budget"), "basis", ["budget", "outcome"])
        p["amount"] = money(c["amount"], "amount") if c.get("amount") is not None else None
        if p["rate"] is None and p["amount"] is None:
            raise FieldProblem("an allocation needs a rate or an amount")
    elif t == "application.submitted":
        p["applicants"] = strings(c["applicants"], "applicants")
        p["evidence"] = one_of(c["evidence"], "evidence", EVIDENCE)
        p["requested"] = money(c["requested"], "requested")
        p["budget"] = {}
        if c.get("budget") is not None:
            if not isinstance(c["budget"], dict):
                raise FieldProblem("budget must be an object of budget year -> amount")
            for k, v in c["budget"].items():
                if not re.match(r"^[0-9]{4}$", k):
                    raise FieldProblem(f"budget keys are budget years such as \"2014\", not {k!r}")
                p["budget"][int(k)] = money(v, f"budget.{k}", "non_negative")
        p["start"] = iso_date(c["start"], "start")
        p["end"] = iso_date(c["end"], "end")
        if p["end"] < p["start"]:
            raise FieldProblem("the project ends before it starts")
        p["co_financing"] = money(c.get("co_financing", "0.00"), "co_financing", "non_negative")
        p["indicators"] = []
        for i, ind in enumerate(c.get("indicators") or []):
            obj(ind, f"indicators[{i}]", ("name", "baseline", "target"))
            p["indicators"].append(tuple(string(ind[k], f"indicators[{i}].{k}") for k in ("name", "baseline", "target")))
        p["expected_savings"] = []
        for i, s in enumerate(c.get("expected_savings") or []):
            obj(s, f"expected_savings[{i}]", ("unit", "budget_year", "amount"))
            p["expected_savings"].append((string(s["unit"], "unit"), integer(s["budget_year"], "budget_year", 1900, 2199),
                                          money(s["amount"], f"expected_savings[{i}].amount")))
        if c.get("evaluation") is not None:
            obj(c["evaluation"], "evaluation", (), ("method", "evaluator"))
            for k in ("method", "evaluator"):
                if c["evaluation"].get(k) is not None:
                    string(c["evaluation"][k], f"evaluation.{k}")
    elif t == "application.rejected":
        p["reasons"] = strings(c["reasons"], "reasons")
    elif t == "grant.decided":
        p["amount"] = money(c["amount"], "amount")
        p["tranches"] = []
        for i, tr in enumerate(c.get("tranches") or []):
            obj(tr, f"tranches[{i}]", ("date", "amount"))
            p["tranches"].append((iso_date(tr["date"], f"tranches[{i}].date"), money(tr["amount"], f"tranches[{i}].amount")))
        p["conditions"] = strings(c.get("conditions", []), "conditions", True)
    elif t == "grant.disbursed":
        p["amount"] = money(c["amount"], "amount")
    elif t == "report.submitted":
        p["kind"] = one_of(c["kind"], "kind", ["interim", "final"])
        p["period_end"] = iso_date(c["period_end"], "period_end")
        p["costs"] = money(c["costs"], "costs", "non_negative") if c.get("costs") is not None else None
        if c.get("indicators") is not None:
            if not isinstance(c["indicators"], dict):
                raise FieldProblem("indicators must be an object of name -> value")
            for k, v in c["indicators"].items():
                string(v, f"indicators.{k}")
    elif t in ("savings.verified", "repayment.received"):
        p["budget_year"] = year("budget_year")
        p["amount"] = money(c["amount"], "amount")
    elif t == "obligation.written_off":
        p["amount"] = money(c["amount"], "amount")
    elif t == "event.reversed":
        p["seq"] = integer(c["seq"], "seq", 1, 2**63 - 1)
    return p


# ----------------------------------------------------------------------------- dates
def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def months_between(start, end):
    """Whole months a project [start, end] (end inclusive) spans, rounded up."""
    after = end + timedelta(days=1)
    n = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, n) < after:
        n += 1
    return n


# ----------------------------------------------------------------------------- permissions
DEFAULT_PERMISSIONS = {
    "council": {"fund.established", "allocation.decided"},
    "board": {"rulebook.adopted", "grant.decided", "application.rejected", "obligation.written_off", "grant.closed"},
    "board-delegate": {"grant.decided", "application.rejected"},
    "finance": {"capital.contributed", "tax_revenue.recorded", "grant.disbursed", "savings.verified",
                "repayment.received", "event.reversed"},
    "unit": {"application.submitted", "application.withdrawn", "report.submitted"},
    "evaluator": {"savings.verified"},
    "auditor": set(),
}


# ----------------------------------------------------------------------------- the replay
class Fund:
    def __init__(self):
        self.established = None
        self.rulebooks = []        # (date, version, rules) in recording order
        self.versions = set()
        self.capital = []          # (date, amount)
        self.tax = {}              # (year, kind) -> amount (latest recorded)
        self.allocations = []      # (available_from, budget_year, amount, kind, detail)
        self.alloc_terms = {}      # budget_year -> (rate, basis) of the rate allocation
        self.apps = {}
        self.grants = {}
        self.repayments = []       # (date, grant, amount)
        self.writeoffs = []        # (date, grant, amount)

    def rulebook(self, d, exclude_last=False):
        """The revision in force on d: the latest-dated one with date <= d (later recorded wins a tie)."""
        books = self.rulebooks[:-1] if exclude_last else self.rulebooks
        best = None
        for bd, ver, rb in books:
            if bd <= d and (best is None or bd >= best[0]):
                best = (bd, ver, rb)
        return best

    def roles_of(self, actor, rb):
        return rb["roles"].get(actor, [])

    def may(self, actor, rb, command):
        perms = rb["permissions"] or DEFAULT_PERMISSIONS
        return any(command in perms.get(r, set()) for r in self.roles_of(actor, rb))

    # -- statement as of d (over what has been recorded so far)
    def statement(self, d):
        s = {}
        s["capital_contributed"] = sum((a for dd, a in self.capital if dd <= d), Decimal(0))
        s["allocations"] = sum((a for av, _, a, _, _ in self.allocations if av <= d), Decimal(0))
        s["repayments"] = sum((a for dd, _, a in self.repayments if dd <= d), Decimal(0))
        s["written_off"] = sum((a for dd, _, a in self.writeoffs if dd <= d), Decimal(0))
        disbursed = Decimal(0)
        committed = Decimal(0)
        grants = []
        overdue = Decimal(0)
        outstanding = Decimal(0)
        for g in self.grants.values():
            if g["decided"] > d:
                continue
            paid = sum((a for dd, a in g["disbursements"] if dd <= d), Decimal(0))
            disbursed += paid
            closed = g["closed"] is not None and g["closed"] <= d
            if not closed:
                committed += g["amount"] - paid
            arisen = sum((o["amount"] for o in g["obligations"] if o["date"] <= d), Decimal(0))
            repaid = sum((a for dd, gg, a in self.repayments if gg == g["id"] and dd <= d), Decimal(0))
            woff = sum((a for dd, gg, a in self.writeoffs if gg == g["id"] and dd <= d), Decimal(0))
            outstanding += arisen - repaid - woff
            settled = repaid + woff
            for o in sorted((o for o in g["obligations"] if o["date"] <= d), key=lambda o: (o["due"], o["date"])):
                take = min(settled, o["amount"])
                settled -= take
                if o["due"] < d:
                    overdue += o["amount"] - take
            grants.append({"grant": g["id"], "status": "closed" if closed else "open", "approved": g["amount"],
                           "disbursed": paid, "repaid": repaid, "obligation": arisen, "written_off": woff,
                           "focus_area": g["focus_area"]})
        s["disbursed"] = disbursed
        s["cash"] = s["capital_contributed"] + s["allocations"] + s["repayments"] - disbursed
        s["committed_undisbursed"] = committed
        s["free_capital"] = s["cash"] - committed
        s["obligations_outstanding"] = outstanding
        s["obligations_overdue"] = overdue
        s["grants"] = grants
        return s

    # -- reports
    def report_schedule(self, g):
        """[(kind, period_end, due)] for a grant, by the reporting rules of the revision it was decided under."""
        rep = g["rules"]["reporting"]
        a = self.apps[g["application"]]
        out = []
        every = rep["interim_every_months"]
        if every:
            k = 1
            while True:
                pe = add_months(a["start"], every * k) - timedelta(days=1)
                if pe >= a["end"]:
                    break
                out.append(("interim", pe, add_months(pe, 1)))
                k += 1
        out.append(("final", a["end"], add_months(a["end"], rep["final_within_months"] or 0)))
        return out

    def overdue_reports(self, g, d):
        """Reports of grant g due before d and not submitted by d."""
        late = []
        for kind, pe, due in self.report_schedule(g):
            if due < d and not any(r["kind"] == kind and r["period_end"] == pe and r["date"] <= d
                                   for r in g["reports"]):
                late.append((kind, pe, due))
        return late

    # -- commands
    def apply(self, c):
        t, d, actor = c["type"], c["date"], c["actor"]
        if t == "fund.established":
            if self.established:
                return error("the fund is already established")
            if line_no != 1:
                error("fund.established must be the first line")
            self.established = c
            if c["currency"] != "SEK":
                error("this example keeps its books in SEK")
            return
        if not self.established:
            return error(f"{t} before fund.established")
        if t == "rulebook.adopted":
            if c["version"] in self.versions:
                return error(f"rulebook version {c['version']} adopted twice")
            for rid in c["used"]:
                if rid not in c["rules"]["citations"]:
                    error(f"rulebook {c['version']}: rule {rid} has no citation")
            for rid in c["rules"]["citations"]:
                if rid not in c["used"]:
                    error(f"rulebook {c['version']}: citation for {rid}, which the rulebook does not set")
            if self.rulebooks:
                before = self.rulebook(d)
                if before is None:
                    error("a later rulebook revision dated before the first one")
                elif not self.may(actor, before[2], t):
                    error(f"{actor} may not adopt a rulebook under revision {before[1]}")
            self.versions.add(c["version"])
            self.rulebooks.append((d, c["version"], c["rules"]))
            return
        book = self.rulebook(d)
        if book is None:
            return error(f"{t} on {d} with no rulebook in force")
        rb_date, rb_version, rb = book
        if not self.may(actor, rb, t):
            error(f"{actor} (roles {self.roles_of(actor, rb)}) may not give {t} under rulebook {rb_version}")

        if t == "capital.contributed":
            self.capital.append((d, c["amount"]))
        elif t == "tax_revenue.recorded":
            y = c["budget_year"]
            self.tax[(y, c["kind"])] = c["amount"]
            if c["kind"] == "budget" and d.year != y - 1:
                notes.append(f"line {line_no}: budget tax revenue for {y} recorded in {d.year}")
            if c["kind"] == "outcome":
                if d.year != y + 1 or d.month > 3:
                    error(f"the outcome for {y} should come in February/March {y + 1}, not {d}")
                self.true_up(y, d)
        elif t == "allocation.decided":
            y = c["budget_year"]
            if any(by == y and kind == "allocation" for _, by, _, kind, _ in self.allocations):
                error(f"a second allocation for budget year {y}")
            if c["rate"] is not None:
                tax = self.tax.get((y, c["basis"]))
                if tax is None:
                    return error(f"allocation for {y} at a rate, but no {c['basis']} tax revenue recorded for {y}")
                al = rb["allocation"]
                amount = round_to(c["rate"] * tax, al["round_to"] or Decimal("0.01"), al["rounding"] or "half_even")
                if c["amount"] is not None and c["amount"] != amount:
                    error(f"allocation amount {c['amount']} is not rate x tax revenue = {amount}")
                self.alloc_terms[y] = (c["rate"], c["basis"], al)
            else:
                amount = c["amount"]
            if d >= date(y, 1, 1):
                notes.append(f"line {line_no}: allocation for {y} decided during the year")
            self.allocations.append((max(d, date(y, 1, 1)), y, amount, "allocation", c))
        elif t == "application.submitted":
            self.submit(c, rb, rb_version)
        elif t == "application.withdrawn":
            a = self.apps.get(c["application"])
            if a is None:
                return error(f"unknown application {c['application']}")
            if actor not in a["applicants"]:
                error(f"{actor} withdraws {a['id']} but is not one of its applicants")
            if a["state"] != "submitted":
                error(f"{a['id']} is {a['state']}, it cannot be withdrawn")
            a["state"] = "withdrawn"
        elif t == "application.rejected":
            a = self.apps.get(c["application"])
            if a is None:
                return error(f"unknown application {c['application']}")
            if actor in a["applicants"]:
                error(f"{actor} rejects its own application {a['id']}")
            if a["state"] != "submitted":
                error(f"{a['id']} is {a['state']}, it cannot be rejected")
            self.check_delegation(actor, rb, a["requested"], "reject")
            a["state"] = "rejected"
        elif t == "grant.decided":
            self.decide(c, rb, rb_version)
        elif t == "grant.disbursed":
            self.disburse(c)
        elif t == "report.submitted":
            self.report(c)
        elif t == "savings.verified":
            self.verify(c)
        elif t == "repayment.received":
            self.settle(c, "repayment")
        elif t == "obligation.written_off":
            self.settle(c, "write-off")
        elif t == "grant.closed":
            g = self.grants.get(c["grant"])
            if g is None:
                return error(f"unknown grant {c['grant']}")
            if g["closed"]:
                return error(f"{g['id']} is already closed")
            s = self.grant_balance(g, d)
            if s["outstanding"] != 0:
                error(f"{g['id']} closed with {s['outstanding']} of obligations outstanding")
            if s["disbursed"] != g["amount"]:
                notes.append(f"line {line_no}: {g['id']} closed with {g['amount'] - s['disbursed']} undisbursed (released)")
            if not any(r["kind"] == "final" for r in g["reports"]):
                error(f"{g['id']} closed without a final report")
            g["closed"] = d
        elif t == "event.reversed":
            error("this example has no reversals")

    def true_up(self, y, d):
        terms = self.alloc_terms.get(y)
        if terms is None:
            return
        rate_, basis, _ = terms
        rb = self.rulebook(d)[2]
        al = rb["allocation"]
        if basis != "budget" or not al["true_up"]:
            return
        before = sum((a for _, by, a, _, _ in self.allocations if by == y), Decimal(0))
        target = round_to(rate_ * self.tax[(y, "outcome")], al["round_to"] or Decimal("0.01"), al["rounding"])
        diff = target - before
        if diff != 0:
            self.allocations.append((max(d, date(y, 1, 1)), y, diff, "true-up",
                                     {"date": d, "rate": rate_, "outcome": self.tax[(y, "outcome")],
                                      "allocated_before": before}))

    def submit(self, c, rb, version):
        aid = c["application"]
        if aid in self.apps:
            return error(f"application {aid} submitted twice")
        a = dict(c, id=aid, state="submitted")
        self.apps[aid] = a
        if c["actor"] not in c["applicants"]:
            error(f"{c['actor']} submits {aid} but is not one of its applicants")
        if len(set(c["applicants"])) != len(c["applicants"]):
            error(f"{aid}: an applicant is named twice")
        self.eligible(a, rb, version, "submission")
        total = sum(c["budget"].values(), Decimal(0))
        if total != c["requested"]:
            error(f"{aid}: the budget per year adds up to {total}, not the requested {c['requested']}")
        for y in c["budget"]:
            if not c["start"].year <= y <= c["end"].year:
                error(f"{aid}: budget year {y} outside the project {c['start']}..{c['end']}")
        if c["start"] <= c["date"]:
            error(f"{aid}: the project starts ({c['start']}) before it is applied for")
        for unit, _, _ in c["expected_savings"]:
            if "unit" not in self.roles_of(unit, rb):
                error(f"{aid}: expected savings in {unit}, which is not a unit")
        if not c["indicators"]:
            error(f"{aid}: no indicators")

    def eligible(self, a, rb, version, when):
        el, gl = rb["eligibility"], rb["grant"]
        aid = a["id"]
        for ap in a["applicants"]:
            if "unit" not in self.roles_of(ap, rb):
                error(f"{aid}: applicant {ap} is not a unit under rulebook {version} ({when})")
        if el["min_applicants"] and len(a["applicants"]) < el["min_applicants"]:
            error(f"{aid}: {len(a['applicants'])} applicants, rulebook {version} asks for {el['min_applicants']}")
        if el["focus_areas"] and a["focus_area"] not in el["focus_areas"]:
            error(f"{aid}: focus area {a['focus_area']} is not in rulebook {version} ({when})")
        if el["min_evidence"] and EVIDENCE.index(a["evidence"]) < EVIDENCE.index(el["min_evidence"]):
            error(f"{aid}: evidence {a['evidence']} below {el['min_evidence']} ({when})")
        months = months_between(a["start"], a["end"])
        if gl["max_duration_months"] and months > gl["max_duration_months"]:
            error(f"{aid}: {months} months, more than {gl['max_duration_months']} ({when})")
        share = gl["min_co_financing_share"]
        if share:
            co, req = a["co_financing"], a["requested"]
            if co < share * (req + co) or co < share * req:
                error(f"{aid}: co-financing {co} is under {share} of the project ({when})")
        if gl["max_per_year"]:
            for y, x in a["budget"].items():
                if x > gl["max_per_year"]:
                    error(f"{aid}: {x} in {y} is above max_per_year {gl['max_per_year']}")

    def check_delegation(self, actor, rb, amount, what):
        levels = rb["delegation"]
        if not levels:
            return
        idx = next((i for i, (up, _) in enumerate(levels) if up is None or amount <= up), None)
        if idx is None:
            return error(f"{amount} is above every delegation level")
        allowed = {role for _, role in levels[idx:]}
        if not allowed & set(self.roles_of(actor, rb)):
            error(f"{actor} may not {what} {amount}: delegation gives it to {sorted(allowed)}")
        # the example's own convention: the chair decides what is delegated to it, the board the rest
        expect = "ks-chair" if idx == 0 else "ks"
        if actor != expect:
            error(f"by the example's convention {expect} should {what} {amount}, not {actor}")

    def decide(self, c, rb, version):
        gid, d, amount = c["grant"], c["date"], c["amount"]
        if gid in self.grants:
            return error(f"grant {gid} decided twice")
        a = self.apps.get(c["application"])
        if a is None:
            return error(f"unknown application {c['application']}")
        if a["state"] != "submitted":
            error(f"{a['id']} is {a['state']}, it cannot be granted")
        if c["actor"] in a["applicants"]:
            error(f"{c['actor']} decides on its own application {a['id']}")
        if c["body"] != "ks":
            error(f"{gid}: decision body {c['body']}, expected ks")
        self.check_delegation(c["actor"], rb, amount, "grant")
        self.eligible(a, rb, version, "decision")
        gl = rb["grant"]
        if amount > a["requested"]:
            error(f"{gid}: {amount} is more than the requested {a['requested']}")
        if gl["max_amount"] and amount > gl["max_amount"]:
            error(f"{gid}: {amount} above grant.max_amount {gl['max_amount']}")
        st = self.statement(d)
        free = st["free_capital"]
        if gl["max_share_of_free_capital"] is not None and amount > gl["max_share_of_free_capital"] * free:
            error(f"{gid}: {amount} above {gl['max_share_of_free_capital']} of free capital {free}")
        floor = rb["commitments"]["reserve_floor"] or Decimal(0)
        if free - amount < floor:
            error(f"{gid}: free capital after the decision {free - amount} below the reserve floor {floor}")
        tr = c["tranches"]
        if not tr:
            error(f"{gid}: no disbursement plan")
        if sum((x for _, x in tr), Decimal(0)) != amount:
            error(f"{gid}: tranches add up to {sum((x for _, x in tr), Decimal(0))}, not {amount}")
        for td, _ in tr:
            if not (a["start"] <= td <= a["end"]):
                error(f"{gid}: tranche {td} outside the project {a['start']}..{a['end']}")
            if td < d:
                error(f"{gid}: tranche {td} before the decision")
        if [t for t, _ in tr] != sorted(t for t, _ in tr):
            error(f"{gid}: tranches out of date order")
        a["state"] = "granted"
        self.grants[gid] = {"id": gid, "application": a["id"], "decided": d, "amount": amount, "tranches": tr,
                            "rules": rb, "version": version, "applicants": a["applicants"],
                            "focus_area": a["focus_area"], "title": a["title"], "disbursements": [],
                            "reports": [], "obligations": [], "closed": None, "free_before": free,
                            "actor": c["actor"]}

    def disburse(self, c):
        g = self.grants.get(c["grant"])
        if g is None:
            return error(f"unknown grant {c['grant']}")
        d = c["date"]
        if g["closed"]:
            error(f"{g['id']} disbursed after it was closed")
        if d < g["decided"]:
            error(f"{g['id']} disbursed before it was decided")
        paid = sum((x for _, x in g["disbursements"]), Decimal(0)) + c["amount"]
        if paid > g["amount"]:
            error(f"{g['id']}: disbursed {paid} passes the grant {g['amount']}")
        planned = sum((x for td, x in g["tranches"] if td <= d), Decimal(0))
        if paid > planned:
            error(f"{g['id']}: {paid} disbursed by {d}, the plan allows {planned} by then")
        rep = self.rulebook(d)[2]["reporting"]
        late = self.overdue_reports(g, d)
        if late and rep["block_disbursement_when_overdue"]:
            error(f"{g['id']}: disbursement on {d} blocked, overdue reports {late}")
        g["disbursements"].append((d, c["amount"]))

    def report(self, c):
        g = self.grants.get(c["grant"])
        if g is None:
            return error(f"unknown grant {c['grant']}")
        if c["actor"] not in g["applicants"]:
            error(f"{c['actor']} reports on {g['id']} but is not one of its applicants")
        sched = {(k, pe): due for k, pe, due in self.report_schedule(g)}
        key = (c["kind"], c["period_end"])
        if key not in sched:
            return error(f"{g['id']}: no {c['kind']} report is due for a period ending {c['period_end']}")
        if any((r["kind"], r["period_end"]) == key for r in g["reports"]):
            error(f"{g['id']}: {c['kind']} report for {c['period_end']} submitted twice")
        if c["date"] <= c["period_end"]:
            error(f"{g['id']}: report for a period ending {c['period_end']} submitted on {c['date']}")
        if c["date"] > sched[key]:
            error(f"{g['id']}: {c['kind']} report for {c['period_end']} late ({c['date']}, due {sched[key]})")
        g["reports"].append(c)

    def grant_balance(self, g, d):
        arisen = sum((o["amount"] for o in g["obligations"] if o["date"] <= d), Decimal(0))
        repaid = sum((a for dd, gg, a in self.repayments if gg == g["id"] and dd <= d), Decimal(0))
        woff = sum((a for dd, gg, a in self.writeoffs if gg == g["id"] and dd <= d), Decimal(0))
        disbursed = sum((a for dd, a in g["disbursements"] if dd <= d), Decimal(0))
        return {"arisen": arisen, "repaid": repaid, "written_off": woff, "outstanding": arisen - repaid - woff,
                "disbursed": disbursed}

    def verify(self, c):
        g = self.grants.get(c["grant"])
        if g is None:
            return error(f"unknown grant {c['grant']}")
        if c["actor"] in g["applicants"]:
            error(f"{c['actor']} verifies savings of its own grant {g['id']}")
        if g["closed"]:
            error(f"{g['id']}: savings verified after it was closed")
        rb = self.rulebook(c["date"])[2]
        if "unit" not in self.roles_of(c["unit"], rb):
            error(f"{g['id']}: savings in {c['unit']}, which is not a unit")
        if c["unit"] not in g["applicants"]:
            notes.append(f"line {line_no}: savings of {g['id']} in {c['unit']}, not one of its applicants")
        if c["budget_year"] >= c["date"].year:
            error(f"{g['id']}: savings for {c['budget_year']} verified on {c['date']}, before the year ended")
        terms = g["rules"]["repayment"]  # the revision in force when the grant was decided
        share = terms["share_of_savings"] if terms["share_of_savings"] is not None else Decimal(1)
        cap_factor = terms["cap_factor"] if terms["cap_factor"] is not None else Decimal(1)
        lag = terms["due_lag_years"] if terms["due_lag_years"] is not None else 1
        mode = terms["rounding"] or "half_even"
        raw = round_to(share * c["amount"], Decimal("0.01"), mode)
        bal = self.grant_balance(g, c["date"])
        room = max(Decimal(0), (cap_factor * bal["disbursed"]).quantize(Decimal("0.01")) - bal["arisen"])
        ob = min(raw, room)
        g["obligations"].append({"date": c["date"], "unit": c["unit"], "budget_year": c["budget_year"],
                                 "saving": c["amount"], "amount": ob, "raw": raw,
                                 "due": date(c["budget_year"] + lag, 12, 31), "settled_on": None})
        if ob == 0:
            notes.append(f"line {line_no}: {g['id']}: the saving creates no obligation (cap reached)")

    def settle(self, c, what):
        g = self.grants.get(c["grant"])
        if g is None:
            return error(f"unknown grant {c['grant']}")
        d = c["date"]
        if g["closed"]:
            error(f"{g['id']}: {what} after it was closed")
        bal = self.grant_balance(g, d)
        if c["amount"] > bal["outstanding"]:
            error(f"{g['id']}: {what} of {c['amount']} but only {bal['outstanding']} of obligations outstanding")
        if what == "repayment":
            if c["budget_year"] != d.year:
                error(f"{g['id']}: repayment budget_year {c['budget_year']} is not the year of its date {d}")
            if not any(o["unit"] == c["unit"] for o in g["obligations"]):
                error(f"{g['id']}: repayment from {c['unit']}, whose savings were never verified")
            self.repayments.append((d, g["id"], c["amount"]))
        else:
            self.writeoffs.append((d, g["id"], c["amount"]))
        # oldest-due first: mark what this settles
        settled = bal["repaid"] + bal["written_off"] + c["amount"]
        for o in sorted(g["obligations"], key=lambda o: (o["due"], o["date"])):
            take = min(settled, o["amount"])
            settled -= take
            if take == o["amount"] and o["settled_on"] is None:
                o["settled_on"] = d


def no_fractions(s):
    raise FieldProblem(f"JSON number {s}: amounts and rates are strings")


def main():
    global line_no
    args = sys.argv[1:]
    as_of = END_OF_HISTORY
    if "--as-of" in args:
        i = args.index("--as-of")
        as_of = date.fromisoformat(args[i + 1])
        del args[i:i + 2]
    as_json = "--json" in args  # print only the statement, as sifund statement --format json would
    if as_json:
        args.remove("--json")
    path = args[0] if args else os.path.join(HERE, "fund.jsonl")
    fund = Fund()
    last_date = None
    with open(path, encoding="utf-8") as f:
        raw_lines = f.read().split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    counts = {}
    for i, text in enumerate(raw_lines, 1):
        line_no = i
        if not text.strip():
            error("empty line")
            continue
        try:
            obj_ = json.loads(text, parse_float=no_fractions)
        except FieldProblem as e:
            error(str(e))
            continue
        except json.JSONDecodeError as e:
            error(f"not valid JSON: {e}")
            continue
        try:
            c = read_command(obj_)
        except FieldProblem as e:
            error(f"{obj_.get('type', '?') if isinstance(obj_, dict) else '?'}: {e}")
            continue
        counts[c["type"]] = counts.get(c["type"], 0) + 1
        if last_date and c["date"] < last_date:
            error(f"dated {c['date']}, before the line above ({last_date}): lines go in recording order")
        last_date = c["date"]
        if c["date"] > END_OF_HISTORY:
            error(f"dated {c['date']}, after the end of the history {END_OF_HISTORY}")
        if c["type"] in ("application.submitted", "grant.decided") and c["date"].year >= 2023:
            error("no new applications or grants from 2023")
        fund.apply(c)
    line_no = 0

    # ---- what only hindsight shows, at the end of the history
    for g in fund.grants.values():
        for kind, pe, due in fund.report_schedule(g):
            if due <= END_OF_HISTORY and not any(r["kind"] == kind and r["period_end"] == pe for r in g["reports"]):
                error(f"{g['id']}: {kind} report for {pe} (due {due}) never submitted")
        for o in g["obligations"]:
            if o["due"] <= END_OF_HISTORY and (o["settled_on"] is None or o["settled_on"] > o["due"]):
                error(f"{g['id']}: obligation of {o['amount']} due {o['due']} not settled by then")
        if g["closed"] is None and sum((x for _, x in g["disbursements"]), Decimal(0)) != sum(
                (x for td, x in g["tranches"] if td <= END_OF_HISTORY), Decimal(0)):
            error(f"{g['id']}: tranches due by {END_OF_HISTORY} not all disbursed")
    true_ups = [x for x in fund.allocations if x[3] == "true-up"]
    if not any(x[2] > 0 for x in true_ups):
        error("no positive true-up")
    if sum(1 for x in true_ups if x[2] < 0) != 1:
        error(f"expected exactly one negative true-up, found {sum(1 for x in true_ups if x[2] < 0)}")
    for need in ("application.rejected", "application.withdrawn", "obligation.written_off", "grant.closed",
                 "repayment.received", "savings.verified"):
        if not counts.get(need):
            error(f"the example shows no {need}")

    # ---- summary
    st = fund.statement(as_of)
    if as_json:
        print(json.dumps({key: (str(v) if isinstance(v, Decimal) else v) for key, v in st.items() if key != "grants"}))
        return 1 if errors else 0
    k = lambda x: f"{x:,.2f}".replace(",", " ")
    print(f"{path}: {len(raw_lines)} lines, {len(fund.apps)} applications, {len(fund.grants)} grants")
    print("\nallocations (budget year: allocated on the budget, true-up on the outcome)")
    for y in sorted({by for _, by, _, _, _ in fund.allocations}):
        al = [x for x in fund.allocations if x[1] == y]
        base = sum((x[2] for x in al if x[3] == "allocation"), Decimal(0))
        tu = sum((x[2] for x in al if x[3] == "true-up"), Decimal(0))
        rate_ = fund.alloc_terms.get(y, (None,))[0]
        print(f"  {y}  rate {rate_}  {k(base):>16}  true-up {k(tu):>12}  total {k(base + tu):>16}")
    print(f"\nstatement as of {as_of}")
    for key in ("capital_contributed", "allocations", "repayments", "disbursed", "written_off", "cash",
                "committed_undisbursed", "free_capital", "obligations_outstanding", "obligations_overdue"):
        print(f"  {key:<24}{k(st[key]):>18}")
    print("\n  grant      status  focus area              approved     disbursed        repaid    obligation   written off")
    for g in st["grants"]:
        print(f"  {g['grant']:<10} {g['status']:<7} {g['focus_area']:<23}{k(g['approved']):>12}{k(g['disbursed']):>14}"
              f"{k(g['repaid']):>14}{k(g['obligation']):>14}{k(g['written_off']):>14}")
    print("\n  decisions: grant, date, by, rulebook, free capital before, limit (share x free), free after")
    for g in fund.grants.values():
        rb = g["rules"]
        share = rb["grant"]["max_share_of_free_capital"] or Decimal(1)
        print(f"  {g['id']:<10} {g['decided']}  {g['actor']:<9} {g['version']}  {k(g['free_before']):>16}"
              f"{k((share * g['free_before']).quantize(Decimal('0.01'))):>16}{k(g['free_before'] - g['amount']):>16}")
    if notes:
        print("\nnotes")
        for n in notes:
            print("  " + n)
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
