#pragma once
// Reports and repayments judged in hindsight: a final report before the
// project ends (reporting.final_before_end), a tranche paid while a report
// was overdue where the rulebook did not block it (reporting.paid_while_overdue),
// and on the audit date the reports (reporting.overdue) and repayments
// (repayment.overdue) that are overdue.

#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/fund/reporting.hpp"

namespace sifund::detail {

// reporting.final_before_end: a final report dated before the project ends.
inline std::optional<Finding> final_before_end(const Event& e, const cmd::ReportSubmitted& r, const FundState& s) {
    if (r.kind != "final") return std::nullopt;
    const GrantRecord* g = s.grant(r.grant);
    const ApplicationRecord* app = g ? s.application_of(*g) : nullptr;
    if (!app || !(e.command.date < app->application.end)) return std::nullopt;
    return hindsight("reporting.final_before_end", Severity::warning, e.seq, r.grant,
                     "the final report of " + r.grant + " is dated " + e.command.date.to_string() +
                         ", before the project " + app->application.application + " ends on " +
                         app->application.end.to_string() + ": a final report cannot cover what has not happened",
                     ">= " + app->application.end.to_string(), e.command.date.to_string());
}

}  // namespace sifund::detail

namespace sifund::hindsight {

class FinalBeforeEnd final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"reporting.final_before_end"}; }
    void before_fold(const Seen& seen, Findings& out) override {
        if (const auto* r = seen.event.command.as<cmd::ReportSubmitted>())
            if (auto f = detail::final_before_end(seen.event, *r, seen.state)) out.push_back(std::move(*f));
    }
};

class PaidWhileOverdue final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"reporting.paid_while_overdue"}; }
    void before_fold(const Seen& seen, Findings& out) override {
        const auto* p = seen.event.command.as<cmd::GrantDisbursed>();
        if (!p || !seen.rules || seen.rules->reporting.block_disbursement_when_overdue) return;
        const GrantRecord* g = seen.state.grant(p->grant);
        const ApplicationRecord* app = g ? seen.state.application_of(*g) : nullptr;
        if (!g || !app) return;
        const Date& on = seen.event.command.date;
        const auto overdue = reports_overdue(*g, app->application, seen.rules->reporting, on);
        if (overdue.empty()) return;
        out.push_back(detail::hindsight("reporting.paid_while_overdue", Severity::warning, seen.event.seq, p->grant,
                                        "a tranche of " + p->amount.to_string() + " was paid on " + on.to_string() +
                                            " while the " + overdue.front().kind + " report due " +
                                            overdue.front().due.to_string() + " had not come"));
    }
};

// Judged on the state as of the audit date: what came later does not count.
class OverdueOnAuditDate final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override {
        return {"reporting.overdue", "repayment.overdue"};
    }
    void on_audit_date(const FundState& view, const Date& on, Findings& out) override {
        const RulebookRevision* rb = view.rulebook_on(on);
        for (const auto& [id, g] : view.grants) {
            if (g.reversed || g.decided_on > on) continue;
            const ApplicationRecord* app = view.application_of(g);
            if (app && rb && g.status != GrantStatus::closed)
                for (const DueReport& due : reports_overdue(g, app->application, rb->rules.reporting, on))
                    out.push_back(detail::hindsight(
                        "reporting.overdue", Severity::warning, std::nullopt, id,
                        "the " + due.kind + " report of " + id + " for " + due.period.to_string() + " was due on " +
                            due.due.to_string() + " and has not come",
                        "report by " + due.due.to_string(), "none by " + on.to_string()));
            const Money overdue = g.overdue_on(on);
            if (overdue.is_positive())
                out.push_back(detail::hindsight("repayment.overdue", Severity::warning, std::nullopt, id,
                                                id + " owes " + overdue.to_string() + " that fell due before " +
                                                    on.to_string() + " and was neither repaid nor written off",
                                                "0.00", overdue.to_string()));
        }
    }
};

}  // namespace sifund::hindsight
