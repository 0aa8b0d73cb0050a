#pragma once
// Grants: the decision within the rulebook's limits and the request, the
// tranches that add up, and after it the lifecycle, the disbursements within
// the approval, the reports and the closing.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"
#include "sifund/fund/lifecycle.hpp"
#include "sifund/fund/reporting.hpp"

namespace sifund::checks {

inline Result grant_duplicate(const CheckContext& c, const cmd::GrantDecided& d) {
    const auto& id = d.grant;
    if (!c.state.grant(id)) return {};
    return refuse("grant " + id + " is already decided");
}

inline Result grant_exceeds_request(const CheckContext& c, const cmd::GrantDecided& d) {
    const ApplicationRecord* app = c.state.application(d.application);
    if (!app || d.amount <= app->application.requested) return {};
    return refuse("the grant of " + d.amount.to_string() + " is more than " + d.application + " asked for, " +
                      app->application.requested.to_string(),
                  "<= " + app->application.requested.to_string(), d.amount.to_string());
}

inline Result grant_tranches(const CheckContext&, const cmd::GrantDecided& d) {
    if (d.tranches.empty()) return {};
    Money sum;
    for (const auto& t : d.tranches) sum += t.amount;
    if (sum == d.amount) return {};
    return refuse("the tranches add up to " + sum.to_string() + ", not the grant's " + d.amount.to_string(),
                  d.amount.to_string(), sum.to_string());
}

inline Result grant_max_amount(const CheckContext& c, const cmd::GrantDecided& d) {
    const auto& max = c.rules->grant.max_amount;
    if (!max || d.amount <= *max) return {};
    return refuse("the grant of " + d.amount.to_string() + " is more than a grant may be, " + max->to_string(),
                  "<= " + max->to_string(), d.amount.to_string());
}

inline Result grant_max_duration_months(const CheckContext& c) {
    const auto* a = application_in(c);
    const auto& max = c.rules->grant.max_duration_months;
    if (!a || !max) return {};
    const long months = Period(a->start, a->end).duration_months();
    if (months <= *max) return {};
    return refuse(a->application + " runs " + std::to_string(months) + " months (" + a->start.to_string() + " to " +
                      a->end.to_string() + "); a project may run at most " + std::to_string(*max),
                  "<= " + std::to_string(*max), std::to_string(months));
}

inline Result grant_min_co_financing_share(const CheckContext& c, const cmd::GrantDecided& d) {
    const auto* a = application_in(c);
    const auto& share = c.rules->grant.min_co_financing_share;
    if (!a || !share || share->is_zero()) return {};
    // co_financing / (co_financing + grant) >= share, i.e. co_financing >= share × total, exactly.
    const Money total = a->co_financing + d.amount;
    const Money needed = share->of(total, Rounding::ceiling);
    if (a->co_financing >= needed) return {};
    return refuse("co-financing of " + a->co_financing.to_string() + " is less than " + share->to_percent_string() +
                      " of the project's " + total.to_string(),
                  ">= " + needed.to_string(), a->co_financing.to_string());
}

inline Result grant_max_per_year(const CheckContext& c, const cmd::GrantDecided& d) {
    const auto& max = c.rules->grant.max_per_year;
    const auto* a = application_in(c);
    if (!max) return {};
    std::map<int, Money> per_year;
    if (!d.tranches.empty()) {
        for (const auto& t : d.tranches) per_year[t.date.year()] += t.amount;
    } else if (a) {
        per_year = a->budget;
    }
    for (const auto& [year, amount] : per_year)
        if (amount > *max)
            return refuse("the grant pays " + amount.to_string() + " in " + std::to_string(year) +
                              "; a project may have at most " + max->to_string() + " a year",
                          "<= " + max->to_string(), amount.to_string());
    return {};
}

inline Result grant_max_share_of_free_capital(const CheckContext& c, const cmd::GrantDecided& d) {
    const auto& share = c.rules->grant.max_share_of_free_capital;
    if (!share) return {};
    const Money free = c.state.free_capital_on(c.command.date);
    // amount <= share × free exactly: amount is whole öre, so compare with the product rounded down.
    const Money limit = free.is_negative() ? Money() : share->of(free, Rounding::floor);
    if (d.amount <= limit) return {};
    return refuse("the grant of " + d.amount.to_string() + " is more than " + share->to_percent_string() +
                      " of the free capital on " + c.command.date.to_string() + " (" + free.to_string() + ")",
                  "<= " + limit.to_string(), d.amount.to_string());
}

inline Result commitments_reserve_floor(const CheckContext& c, const cmd::GrantDecided& d) {
    const Money free_after = c.state.free_capital_on(c.command.date) - d.amount;
    const Money floor = c.rules->reserve_floor;
    if (free_after >= floor) return {};
    return refuse("after the grant of " + d.amount.to_string() + " free capital would be " + free_after.to_string() +
                      ", below the reserve floor of " + floor.to_string(),
                  ">= " + floor.to_string(), free_after.to_string());
}

inline Result grant_unknown(const CheckContext& c) {
    const std::string id = std::visit(
        [](const auto& b) -> std::string {
            if constexpr (requires { b.grant; })
                return b.grant;
            else
                return {};
        },
        c.command.body);
    const GrantRecord* g = c.state.grant(id);
    if (g && !g->reversed) return {};
    return refuse(g ? "grant " + id + " was reversed" : "no grant " + id + " has been decided");
}

inline Result grant_transition(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g || g->reversed || next_status(grant_transitions, g->status, c.command.type())) return {};
    return refuse("grant " + g->id + " is " + std::string(to_string(g->status)) +
                      "; from there it allows: " + allowed_from(grant_transitions, g->status),
                  allowed_from(grant_transitions, g->status), std::string(c.command.type()));
}

inline Result grant_before_decision(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g || !(c.command.date < g->decided_on)) return {};
    return refuse("grant " + g->id + " was decided on " + g->decided_on.to_string() + ", after this command's date " +
                  c.command.date.to_string());
}

inline Result grant_disbursement_exceeds_approval(const CheckContext& c, const cmd::GrantDisbursed& p) {
    const GrantRecord* g = named_grant(c);
    if (!g || g->disbursed + p.amount <= g->approved) return {};
    return refuse("paying " + p.amount.to_string() + " would bring " + g->id + " to " +
                      (g->disbursed + p.amount).to_string() + ", more than the " + g->approved.to_string() +
                      " approved",
                  "<= " + (g->approved - g->disbursed).to_string(), p.amount.to_string());
}

inline Result reporting_block_disbursement(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    const ApplicationRecord* app = named_application(c);
    if (!g || !app || !c.rules->reporting.block_disbursement_when_overdue) return {};
    const auto overdue = reports_overdue(*g, app->application, c.rules->reporting, c.command.date);
    if (overdue.empty()) return {};
    const DueReport& first = overdue.front();
    return refuse("the " + first.kind + " report of " + g->id + " for " + first.period.to_string() + " was due on " +
                      first.due.to_string() + " and has not come; no tranche is paid while a report is overdue",
                  "report by " + first.due.to_string(), "none on " + c.command.date.to_string());
}

// A report tells of what has happened: its period ends by its own date and,
// for an interim report, by the project's end (the last period is the final
// report's).
inline Result reporting_period_end(const CheckContext& c, const cmd::ReportSubmitted& r) {
    if (c.command.date < r.period_end)
        return refuse("the " + r.kind + " report of " + c.command.date.to_string() + " covers a period ending " +
                          r.period_end.to_string() + ", after the report's own date",
                      "<= " + c.command.date.to_string(), r.period_end.to_string());
    const ApplicationRecord* app = named_application(c);
    if (r.kind == "interim" && app && app->application.end < r.period_end)
        return refuse("an interim report's period ends by the project's end (" + app->application.end.to_string() +
                          "), not " + r.period_end.to_string() + "; what comes after the end is the final report's",
                      "<= " + app->application.end.to_string(), r.period_end.to_string());
    return {};
}

inline Result grant_close_with_outstanding(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g || g->outstanding().is_zero()) return {};
    return refuse(
        g->id + " still owes " + g->outstanding().to_string() + "; repay or write it off before closing the grant",
        "0.00", g->outstanding().to_string());
}

inline Result grant_closed_before_disbursement(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const Disbursement* latest = nullptr;
    for (const auto& d : g->disbursements)
        if (d.amount.is_positive() && !c.state.reversed.count(d.seq) && (!latest || latest->date < d.date)) latest = &d;
    if (!latest || !(c.command.date < latest->date)) return {};
    return refuse(g->id + " was paid a tranche on " + latest->date.to_string() + " (event " +
                      std::to_string(latest->seq) + "); it cannot be closed on an earlier date, " +
                      c.command.date.to_string(),
                  ">= " + latest->date.to_string(), c.command.date.to_string());
}

}  // namespace sifund::checks
