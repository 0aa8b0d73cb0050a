#pragma once
// A grant's costs and savings by budget year, from the fund's history, for
// evaluation.hpp:
//   * costs: what was disbursed to it (by the year of each disbursement) and,
//     while it is open, what its tranche plan still pays out; plus the
//     applicants' co-financing, spread over the application's budget years in
//     proportion to its budget (allocate);
//   * savings: every verified saving, by the budget year it concerns and the
//     unit's bearer; while the grant is open, also the savings its
//     application still expects (as the forecast does: those not verified
//     whose verification year is still to come), weighted by the project's
//     probability of success times its mean savings factor.
// The history is read as of the last day of the year before `from` (as the
// forecast reads it: the year after the last event when not given).

#include <span>

#include "sifund/forecast/evaluation.hpp"
#include "sifund/forecast/plan.hpp"

namespace sifund::forecast {

[[nodiscard]] inline CashFlows grant_flows(std::span<const Event> events, const std::string& grant, const Assumptions& a) {
    if (events.empty()) throw InputError("forecast.no_history", "the store holds no fund to evaluate");
    const int from = a.from ? *a.from : detail::last_command_year(events) + 1;
    const FundState s = fold(events, View{Date(from - 1, 12, 31), std::nullopt});
    const GrantRecord* g = s.grant(grant);
    if (!g || g->reversed)
        throw FieldError("evaluate.unknown_grant", "grant", "no grant " + sifund::detail::quoted(grant) + " in the books as of " +
                                                                std::to_string(from - 1) + "-12-31");
    std::map<int, Flow> by_year;
    auto at = [&](int year) -> Flow& {
        Flow& f = by_year[year];
        f.budget_year = year;
        return f;
    };
    for (const Disbursement& d : g->disbursements) at(d.date.year()).costs += d.amount;
    const bool open = g->status != GrantStatus::closed;
    if (open)
        for (const auto& [year, amount] : detail::remaining_disbursements(*g, from)) at(year).costs += amount;

    const ApplicationRecord* app = s.application_of(*g);
    if (app && app->application.co_financing.is_positive()) {
        const auto& budget = app->application.budget;
        if (budget.empty()) {
            at(app->application.start.year()).costs += app->application.co_financing;
        } else {
            std::vector<Money> weights;
            for (const auto& [year, amount] : budget) weights.push_back(amount);
            const bool any = std::any_of(weights.begin(), weights.end(), [](Money m) { return m.is_positive(); });
            const std::vector<Money> parts = any ? allocate(app->application.co_financing, std::span<const Money>(weights))
                                                 : allocate(app->application.co_financing, weights.size());
            std::size_t i = 0;
            for (const auto& [year, amount] : budget) at(year).costs += parts[i++];
        }
    }

    for (const Obligation& o : g->obligations) at(o.budget_year).savings[a.bearer_of(o.unit)] += o.saving;
    if (open && app) {
        const ProjectAssumption* pa = nullptr;
        if (auto it = a.projects.find(grant); it != a.projects.end()) pa = &it->second;
        else if (auto it2 = a.projects.find(g->application); it2 != a.projects.end()) pa = &it2->second;
        const Rate p = pa && pa->p_success ? *pa->p_success : a.success_of(app->application.evidence);
        const SavingsSpread spread = pa && pa->savings_spread ? *pa->savings_spread : a.savings_spread;
        const std::int64_t weight = detail::multiply_units(detail::small_units(p, "p_success"),
                                                           detail::small_units(spread.mean(), "the mean savings factor"));
        for (const cmd::ExpectedSaving& e : app->application.expected_savings) {
            if (e.budget_year + a.verification_lag_years < from) continue;
            const bool verified = std::any_of(g->obligations.begin(), g->obligations.end(), [&](const Obligation& o) {
                return o.unit == e.unit && o.budget_year == e.budget_year;
            });
            if (verified) continue;
            at(e.budget_year).savings[a.bearer_of(e.unit)] += detail::scale(e.amount, weight, a.rounding);
        }
    }

    CashFlows cf;
    cf.project = grant;
    cf.base_year = g->decided_on.year();
    for (auto& [year, f] : by_year) cf.flows.push_back(std::move(f));
    return cf;
}

}  // namespace sifund::forecast
