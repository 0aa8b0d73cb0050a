#pragma once
// The plan a forecast runs on: the fund's history as of the last day of the
// year before the first projected one, and what the assumptions add, laid
// out a budget year at a time. What does not depend on chance is computed
// here once (allocations, disbursements, commitments, repayments of
// obligations that have already arisen); what does (whether a project
// succeeds, how large its savings are) is left to settle(), which both the
// projection and every Monte Carlo run call.
//
// The yearly model, all at budget-year granularity (year ends are what the
// board looks at):
//   * allocation: the one recorded for the year if the council has decided it,
//     else rate(year) × tax revenue(year) rounded as the rulebook says
//     (allocation.rounding, round_to). No true-ups: outcomes are assumed to
//     equal budgets.
//   * tax revenue: the recorded figure of the rulebook's basis kind, else the
//     assumed figure, else the year before grown by tax_revenue.growth
//     (rounded to the öre by the assumptions' rounding).
//   * disbursements: an open grant pays out its tranche plan (tranches dated
//     before the forecast fall in its first year), never more than approved.
//   * savings: an open grant's application expects savings by unit and budget
//     year; those not verified yet, whose verification year (budget year +
//     verification_lag_years) is in the forecast, are still to come. A
//     saving becomes an obligation under the grant's own repayment terms in
//     its verification year (share × saving, rounded by the terms' mode, cut
//     at cap_factor × what was disbursed by the end of that year), repaid in
//     full in the year it falls due (budget year + due_lag_years, or the
//     verification year if later).
//   * obligations that had arisen before the forecast are repaid in the
//     year they fall due (overdue ones in the first year).
//   * new grants: decided on 1 January of their year, committed in full, paid
//     out evenly (allocate) over their duration, under the repayment terms in
//     force at the start of the forecast.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sifund/forecast/assumptions.hpp"
#include "sifund/fund/apply.hpp"
#include "sifund/fund/statement.hpp"
#include "sifund/money/allocate.hpp"
#include "sifund/money/detail/int128.hpp"

namespace sifund::forecast {

inline constexpr std::int64_t unit_scale = Rate::scale;  // 10^18: probabilities and factors are counted in these

// A saving a project still expects.
struct PlannedSaving {
    std::string unit;
    int budget_year = 0;
    int verified_in = 0;   // the year its obligation arises
    int repaid_in = 0;     // the year the obligation is repaid
    Money amount;          // as the application expected it
    Money cap;             // cap_factor × disbursed by the end of verified_in (rounded down)
};

// A grant whose savings are still to come: one open at the start, or a new one.
struct Project {
    std::string grant, application, title, focus_area;
    Evidence evidence = Evidence::idea;
    bool is_new = false;
    Money approved;
    Money obligations_before;  // arisen in the history (they count toward the cap)
    Money repaid_before;
    std::int64_t share_units = unit_scale;  // repayment share_of_savings
    Rounding repayment_rounding = Rounding::half_even;
    std::vector<PlannedSaving> savings;  // by verification year, then budget year
    std::int64_t p_units = unit_scale;   // probability of success
    SavingsSpread spread;
    std::int64_t mean_units = unit_scale;  // the spread's mean factor
};

struct PlanYear {
    int budget_year = 0;
    Money tax_revenue;
    bool tax_recorded = false;
    std::optional<Rate> allocation_rate;  // absent for a recorded allocation given as an amount
    bool allocation_recorded = false;
    Money allocation;
    Money new_grants;        // approved in the year
    Money disbursed;         // paid out in the year
    Money committed;         // approved and not yet paid out, at the year's end
    Money repayments_due;    // repayments of obligations that arose before the forecast
};

struct Plan {
    int base_year = 0, from = 0, until = 0;
    std::string rulebook_version;
    Money reserve_floor;
    Rounding rounding = Rounding::half_even;
    Statement opening;  // as of the last day of base_year
    std::vector<PlanYear> years;
    std::vector<Project> projects;

    [[nodiscard]] std::size_t year_count() const { return years.size(); }
    [[nodiscard]] std::size_t index(int year) const { return static_cast<std::size_t>(year - from); }
    [[nodiscard]] bool in_range(int year) const { return year >= from && year <= until; }
    // Approved over the projects the forecast follows (grants open at its start and new ones).
    [[nodiscard]] Money approved_in_scope() const {
        Money sum;
        for (const Project& p : projects) sum += p.approved;
        return sum;
    }
    [[nodiscard]] Money repaid_before_in_scope() const {
        Money sum;
        for (const Project& p : projects) sum += p.repaid_before;
        return sum;
    }
};

namespace detail {

// value × units / 10^18 rounded by mode: the arithmetic of Rate::of's fast path.
[[nodiscard]] inline Money scale(Money amount, std::int64_t units, Rounding mode) {
    using sifund::detail::int128;
    const int128 q = sifund::detail::divide_rounded<int128>(int128(amount.minor()) * units, int128(unit_scale), mode);
    if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min())
        sifund::detail::throw_money_overflow("forecast scaling");
    return Money::from_minor(static_cast<std::int64_t>(q));
}

[[nodiscard]] inline std::int64_t small_units(const Rate& r, const char* what) {
    if (r.units() > std::numeric_limits<std::int64_t>::max())
        throw InputError("forecast.rate_range", std::string(what) + " " + r.to_string() + " is too large to forecast with");
    return r.units().convert_to<std::int64_t>();
}

// a × b of two unit counts, rounded down.
[[nodiscard]] inline std::int64_t multiply_units(std::int64_t a, std::int64_t b) {
    using sifund::detail::int128;
    return static_cast<std::int64_t>(int128(a) * b / unit_scale);
}

// What an open grant still pays out, by year, from `from` on: its tranche plan
// (tranches dated before `from` fall in `from`), never more than approved.
[[nodiscard]] inline std::map<int, Money> remaining_disbursements(const GrantRecord& g, int from) {
    std::map<int, Money> out;
    std::vector<cmd::Tranche> plan = g.tranches;
    std::stable_sort(plan.begin(), plan.end(), [](const cmd::Tranche& a, const cmd::Tranche& b) { return a.date < b.date; });
    Money planned, paid = g.disbursed;
    for (const cmd::Tranche& t : plan) {
        planned += t.amount;
        const Money target = min(g.approved, planned);
        if (target <= paid) continue;
        out[std::max(from, t.date.year())] += target - paid;
        paid = target;
    }
    return out;
}

[[nodiscard]] inline int last_command_year(std::span<const Event> events) {
    int year = 0;
    for (const Event& e : events) year = std::max(year, e.command.date.year());
    return year;
}

}  // namespace detail

// Builds the plan from a fund's history. Throws InputError "forecast.*" when
// the history cannot carry a forecast (no fund, no rulebook) or the years are
// out of order.
[[nodiscard]] inline Plan make_plan(std::span<const Event> events, const Assumptions& a, int until) {
    if (events.empty()) throw InputError("forecast.no_history", "the store holds no fund to forecast");
    Plan plan;
    plan.from = a.from ? *a.from : detail::last_command_year(events) + 1;
    plan.base_year = plan.from - 1;
    plan.until = until;
    plan.rounding = a.rounding;
    if (until < plan.from)
        throw InputError("forecast.until", "--until " + std::to_string(until) + " is before the first projected year " +
                                                std::to_string(plan.from));
    if (until - plan.from >= 200) throw InputError("forecast.until", "a forecast covers at most 200 years");
    const Date base_end(plan.base_year, 12, 31);
    const FundState s = fold(events, View{base_end, std::nullopt});
    if (!s.fund) throw InputError("forecast.no_fund", "no fund was established by " + base_end.to_string());
    const RulebookRevision* rb = s.rulebook_on(base_end);
    if (!rb) throw InputError("forecast.no_rulebook", "no rulebook is in force on " + base_end.to_string());
    const Rulebook& rules = rb->rules;
    plan.rulebook_version = rb->version;
    plan.reserve_floor = rules.reserve_floor;
    plan.opening = make_statement(s, base_end);

    const std::size_t n = static_cast<std::size_t>(until - plan.from + 1);
    plan.years.resize(n);
    for (std::size_t i = 0; i < n; ++i) plan.years[i].budget_year = plan.from + static_cast<int>(i);

    // Tax revenue and the allocation rate.
    const std::string& basis = rules.allocation.basis;
    std::map<int, Money> known = a.tax_revenue;  // the figures before the forecast: recorded over assumed
    for (const auto& [key, amount] : s.tax_revenue)
        if (key.second == basis) known[key.first] = amount;
    std::optional<Money> previous;
    for (const auto& [year, amount] : known)
        if (year < plan.from) previous = amount;
    // The phase-in starts from the latest rate the council decided before the
    // first year it has not decided yet.
    std::optional<Rate> last_rate;
    for (const auto& [year, rec] : s.allocations)
        if (!rec.reversed && rec.decision.rate && year < plan.from) last_rate = rec.decision.rate;
    std::optional<Rate> start, target;
    int phase_year = 0;  // years into the phase-in
    for (PlanYear& y : plan.years) {
        const auto recorded = s.tax_revenue.find({y.budget_year, basis});
        if (recorded != s.tax_revenue.end()) {
            y.tax_revenue = recorded->second;
            y.tax_recorded = true;
        } else if (const auto assumed = a.tax_revenue.find(y.budget_year); assumed != a.tax_revenue.end()) {
            y.tax_revenue = assumed->second;
        } else if (previous) {
            y.tax_revenue = a.tax_growth.grow(*previous, a.rounding);
        }
        previous = y.tax_revenue;

        const auto alloc = s.allocations.find(y.budget_year);
        if (alloc != s.allocations.end() && !alloc->second.reversed) {
            y.allocation_recorded = true;
            y.allocation = alloc->second.total();
            y.allocation_rate = alloc->second.decision.rate;
            if (y.allocation_rate) last_rate = y.allocation_rate;
            continue;
        }
        if (++phase_year == 1) {
            start = a.rate_start ? *a.rate_start : last_rate.value_or(Rate());
            target = a.rate_target ? *a.rate_target : rules.allocation.target_rate.value_or(*start);
        }
        Rate rate;
        if (const auto given = a.rates.find(y.budget_year); given != a.rates.end()) {
            rate = given->second;
        } else if (a.phase_in_years == 0 || phase_year >= a.phase_in_years) {
            rate = *target;
        } else {
            using U = Rate::units_type;
            const U step = (U(target->units()) - U(start->units())) * phase_year / a.phase_in_years;
            rate = Rate::from_units(U(start->units() + step));
        }
        y.allocation_rate = rate;
        y.allocation = rules.allocation.of(rate, y.tax_revenue);
    }

    // Open grants: what they still pay out, and the savings still to come.
    const int lag = a.verification_lag_years;
    for (const auto& [id, g] : s.grants) {
        if (g.reversed) continue;
        // Obligations that had arisen: what is left of each after repayments and
        // write-offs (oldest due first) is repaid when due.
        std::vector<const Obligation*> arisen;
        for (const Obligation& o : g.obligations) arisen.push_back(&o);
        std::stable_sort(arisen.begin(), arisen.end(), [](const Obligation* x, const Obligation* y) { return x->due < y->due; });
        Money settled = g.repaid + g.written_off;
        for (const Obligation* o : arisen) {
            const Money paid = min(settled, o->amount);
            settled -= paid;
            const Money left = o->amount - paid;
            const int year = std::max(plan.from, o->due.year());
            if (left.is_positive() && year <= until) plan.years[plan.index(year)].repayments_due += left;
        }
        if (g.status == GrantStatus::closed) continue;

        const std::map<int, Money> to_pay = detail::remaining_disbursements(g, plan.from);
        std::vector<Money> paid_by(n);  // disbursed to the grant by the end of each year
        Money paid = g.disbursed;
        for (std::size_t i = 0; i < n; ++i) {
            const auto it = to_pay.find(plan.years[i].budget_year);
            if (it != to_pay.end()) {
                plan.years[i].disbursed += it->second;
                paid += it->second;
            }
            paid_by[i] = paid;
            plan.years[i].committed += g.approved - paid;
        }

        Project p;
        p.grant = id;
        p.application = g.application;
        p.approved = g.approved;
        p.obligations_before = g.obligations_total();
        p.repaid_before = g.repaid;
        p.share_units = detail::small_units(g.terms.share_of_savings, "the repayment share");
        p.repayment_rounding = g.terms.rounding;
        const ApplicationRecord* app = s.application_of(g);
        if (app) {
            p.title = app->application.title;
            p.focus_area = app->application.focus_area;
            p.evidence = app->application.evidence;
            for (const cmd::ExpectedSaving& e : app->application.expected_savings) {
                const int verified_in = e.budget_year + lag;
                if (verified_in < plan.from || verified_in > until) continue;
                const bool verified = std::any_of(g.obligations.begin(), g.obligations.end(), [&](const Obligation& o) {
                    return o.unit == e.unit && o.budget_year == e.budget_year;
                });
                if (verified) continue;
                PlannedSaving ps{e.unit, e.budget_year, verified_in,
                                 std::max(verified_in, e.budget_year + g.terms.due_lag_years), e.amount,
                                 g.terms.cap(paid_by[plan.index(verified_in)])};
                p.savings.push_back(std::move(ps));
            }
        }
        const ProjectAssumption* pa = nullptr;
        if (auto it = a.projects.find(id); it != a.projects.end()) pa = &it->second;
        else if (auto it2 = a.projects.find(g.application); it2 != a.projects.end()) pa = &it2->second;
        p.p_units = detail::small_units(pa && pa->p_success ? *pa->p_success : a.success_of(p.evidence), "p_success");
        p.spread = pa && pa->savings_spread ? *pa->savings_spread : a.savings_spread;
        plan.projects.push_back(std::move(p));
    }

    // New grants.
    if (a.new_grants && a.new_grants->yearly_volume.is_positive()) {
        const NewGrants& ng = *a.new_grants;
        const int first = ng.first_year.value_or(plan.from);
        const int last = std::min(ng.last_year.value_or(until), until);
        const int start_after = ng.savings_start_after_years.value_or(ng.duration_years);
        for (int year = std::max(first, plan.from); year <= last; ++year) {
            Project p;
            p.grant = "new-" + std::to_string(year);
            p.application = p.grant;
            p.title = "new grants decided in " + std::to_string(year);
            p.focus_area = ng.focus_area;
            p.evidence = ng.evidence;
            p.is_new = true;
            p.approved = ng.yearly_volume;
            p.share_units = detail::small_units(rules.repayment.share_of_savings, "the repayment share");
            p.repayment_rounding = rules.repayment.rounding;
            plan.years[plan.index(year)].new_grants += ng.yearly_volume;
            const std::vector<Money> parts = allocate(ng.yearly_volume, static_cast<std::size_t>(ng.duration_years));
            std::vector<Money> paid_by(n);
            Money paid;
            for (std::size_t i = plan.index(year); i < n; ++i) {
                const int k = plan.years[i].budget_year - year;
                if (k < ng.duration_years) {
                    plan.years[i].disbursed += parts[static_cast<std::size_t>(k)];
                    paid += parts[static_cast<std::size_t>(k)];
                }
                paid_by[i] = paid;
                plan.years[i].committed += ng.yearly_volume - paid;
            }
            const Money savings = ng.savings_ratio.of(ng.yearly_volume, a.rounding);
            const std::vector<Money> yearly = allocate(savings, static_cast<std::size_t>(ng.savings_years));
            for (int k = 0; k < ng.savings_years; ++k) {
                const int budget_year = year + start_after + k;
                const int verified_in = budget_year + lag;
                if (verified_in > until) break;
                p.savings.push_back({ng.unit, budget_year, verified_in,
                                     std::max(verified_in, budget_year + rules.repayment.due_lag_years),
                                     yearly[static_cast<std::size_t>(k)],
                                     rules.repayment.cap(paid_by[plan.index(verified_in)])});
            }
            const ProjectAssumption* pa = nullptr;
            if (auto it = a.projects.find("new"); it != a.projects.end()) pa = &it->second;
            p.p_units = detail::small_units(pa && pa->p_success ? *pa->p_success : a.success_of(p.evidence), "p_success");
            p.spread = pa && pa->savings_spread ? *pa->savings_spread : a.savings_spread;
            plan.projects.push_back(std::move(p));
        }
    }

    for (Project& p : plan.projects) {
        std::stable_sort(p.savings.begin(), p.savings.end(), [](const PlannedSaving& x, const PlannedSaving& y) {
            return x.verified_in != y.verified_in ? x.verified_in < y.verified_in : x.budget_year < y.budget_year;
        });
        p.mean_units = detail::small_units(p.spread.mean(), "the mean savings factor");
    }
    return plan;
}

// What one project's savings come to when each expected figure is scaled by
// `weight` (10^-18 units: 0 for a failed project, the drawn factor for a
// successful one, p × mean factor for the expected value). Adds savings,
// obligations arisen and repayments into per-year spans (index = year -
// plan.from); returns what it repays within the forecast.
[[nodiscard]] inline Money settle(const Plan& plan, const Project& p, std::int64_t weight, std::span<Money> savings,
                                  std::span<Money> arisen, std::span<Money> repaid) {
    if (weight == 0) return Money();
    Money total = p.obligations_before, back;
    for (const PlannedSaving& s : p.savings) {
        const Money saving = detail::scale(s.amount, weight, plan.rounding);
        // the share in the forecast's integer units (Rate's exact share_of is too
        // slow for the Monte Carlo loop; both round the same product the same way)
        const Money share = detail::scale(saving, p.share_units, p.repayment_rounding);
        const Money owed = Rulebook::Repayment::within_cap(share, s.cap, total);
        total += owed;
        savings[plan.index(s.verified_in)] += saving;
        arisen[plan.index(s.verified_in)] += owed;
        if (s.repaid_in <= plan.until) {
            repaid[plan.index(s.repaid_in)] += owed;
            back += owed;
        }
    }
    return back;
}

// The weight of the expected value: p × the mean factor.
[[nodiscard]] inline std::int64_t expected_weight(const Project& p) { return detail::multiply_units(p.p_units, p.mean_units); }

}  // namespace sifund::forecast
