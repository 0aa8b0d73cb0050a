#pragma once
// The rules as a registry of named, pure checks (DESIGN §2, §4.2). Each check
// has a stable id — the rule's path in the rulebook ("grant.max_amount"), or
// for invariants that are not the rulebook's to set, a path of its own
// ("grant.disbursement_exceeds_approval") — a stage (fund/checks/check.hpp)
// and the command types it applies to. The checks themselves live in
// fund/checks/, one file for each part of the fund's life.
//
// A check that needs something another check guarantees (the grant exists,
// a rulebook is in force) passes quietly when it is missing, so that running
// every check over a bad history reports each fault once.

#include <array>
#include <variant>
#include <vector>

#include "sifund/fund/checks/allocations.hpp"
#include "sifund/fund/checks/applications.hpp"
#include "sifund/fund/checks/check.hpp"
#include "sifund/fund/checks/establishment.hpp"
#include "sifund/fund/checks/grants.hpp"
#include "sifund/fund/checks/permissions.hpp"
#include "sifund/fund/checks/repayments.hpp"
#include "sifund/fund/checks/reversals.hpp"
#include "sifund/fund/checks/roles.hpp"

namespace sifund {

namespace checks {

// The commands that act on a submitted application.
inline constexpr auto on_application = types<cmd::ApplicationWithdrawn, cmd::ApplicationRejected, cmd::GrantDecided>;
// The commands that act on a decided grant.
inline constexpr auto on_grant = types<cmd::GrantDisbursed, cmd::ReportSubmitted, cmd::SavingsVerified,
                                       cmd::RepaymentReceived, cmd::ObligationWrittenOff, cmd::GrantClosed>;
// The commands at which an application's eligibility is judged: when it is
// submitted, and again when it is granted (under the rulebook then in force).
inline constexpr auto judging_eligibility = types<cmd::ApplicationSubmitted, cmd::GrantDecided>;

}  // namespace checks

// Every check, in the order they run for each command type: first whether the
// command can be understood at all (the fund, the rulebook, the ids it names,
// the lifecycle), then who may give it, then the rulebook's limits. The fund
// reports the first refusal and the auditor lists them all in this order
// (tests/fund/check_order_test.cpp pins it).
[[nodiscard]] inline const std::vector<Check>& all_checks() {
    using namespace checks;
    using S = Stage;
    static const std::vector<Check> registry{
        on<fund_not_established>("fund.not_established", S::precondition, every_type),
        on<fund_already_established>("fund.already_established", S::precondition, types<cmd::FundEstablished>),
        on<fund_before_establishment>("fund.before_establishment", S::lifecycle, every_type),
        on<rulebook_none_in_force>("rulebook.none_in_force", S::lifecycle, every_type),
        on<rulebook_duplicate_version>("rulebook.duplicate_version", S::lifecycle),
        on<application_duplicate>("application.duplicate", S::precondition),
        on<application_unknown>("application.unknown", S::precondition, on_application),
        on<application_transition>("application.transition", S::lifecycle, on_application),
        on<application_before_submission>("application.before_submission", S::lifecycle, on_application),
        on<grant_duplicate>("grant.duplicate", S::precondition),
        on<grant_unknown>("grant.unknown", S::precondition, on_grant),
        on<grant_transition>("grant.transition", S::lifecycle, on_grant),
        on<grant_before_decision>("grant.before_decision", S::lifecycle, on_grant),
        on<reversal_unknown>("reversal.unknown", S::precondition),
        on<reversal_of_reversal>("reversal.of_reversal", S::precondition, types<cmd::EventReversed>),
        on<reversal_already_reversed>("reversal.already_reversed", S::precondition, types<cmd::EventReversed>),
        on<reversal_not_reversible>("reversal.not_reversible", S::precondition, types<cmd::EventReversed>),
        on<reversal_before_event>("reversal.before_event", S::lifecycle, types<cmd::EventReversed>),
        on<reversal_has_dependents>("reversal.has_dependents", S::invariant, types<cmd::EventReversed>),
        // who may give the command
        on<roles_permission>("roles.permission", S::authority, every_type),
        on<reversal_decision_body>("reversal.decision_body", S::authority, types<cmd::EventReversed>),
        on<roles_own_application>("roles.own_application", S::authority,
                                  types<cmd::ApplicationSubmitted, cmd::ApplicationWithdrawn, cmd::ReportSubmitted>),
        on<segregation_own_application>("segregation.own_application", S::authority,
                                        types<cmd::GrantDecided, cmd::ApplicationRejected>),
        on<segregation_own_savings>("segregation.own_savings", S::authority, types<cmd::SavingsVerified>),
        on<segregation_own_disbursement>("segregation.own_disbursement", S::authority, types<cmd::GrantDisbursed>),
        on<segregation_own_write_off>("segregation.own_write_off", S::authority, types<cmd::ObligationWrittenOff>),
        on<segregation_own_closing>("segregation.own_closing", S::authority, types<cmd::GrantClosed>),
        on<segregation_own_reversal>("segregation.own_reversal", S::authority, types<cmd::EventReversed>),
        on<delegation>("delegation", S::authority, types<cmd::GrantDecided, cmd::ApplicationRejected>),
        // the rulebook's limits
        on<eligibility_min_applicants>("eligibility.min_applicants", S::eligibility, judging_eligibility),
        on<eligibility_focus_areas>("eligibility.focus_areas", S::eligibility, judging_eligibility),
        on<eligibility_min_evidence>("eligibility.min_evidence", S::eligibility, judging_eligibility),
        on<eligibility_applicant_role>("eligibility.applicant_role", S::eligibility, judging_eligibility),
        on<grant_exceeds_request>("grant.exceeds_request", S::invariant),
        on<grant_tranches>("grant.tranches", S::invariant),
        on<grant_max_amount>("grant.max_amount", S::limit),
        on<grant_max_duration_months>("grant.max_duration_months", S::limit, types<cmd::GrantDecided>),
        on<grant_min_co_financing_share>("grant.min_co_financing_share", S::limit),
        on<grant_max_per_year>("grant.max_per_year", S::limit),
        on<grant_max_share_of_free_capital>("grant.max_share_of_free_capital", S::limit),
        on<commitments_reserve_floor>("commitments.reserve_floor", S::limit),
        on<grant_disbursement_exceeds_approval>("grant.disbursement_exceeds_approval", S::invariant),
        on<reporting_block_disbursement>("reporting.block_disbursement_when_overdue", S::limit,
                                         types<cmd::GrantDisbursed>),
        on<repayment_obligation>("repayment.obligation", S::invariant),
        on<repayment_budget_year>("repayment.budget_year", S::invariant),
        on<repayment_exceeds_owed>("repayment.exceeds_owed", S::invariant),
        on<obligation_exceeds_outstanding>("obligation.exceeds_outstanding", S::invariant),
        on<grant_close_with_outstanding>("grant.close_with_outstanding", S::invariant, types<cmd::GrantClosed>),
        on<grant_closed_before_disbursement>("grant.closed_before_disbursement", S::lifecycle,
                                             types<cmd::GrantClosed>),
        on<reporting_period_end>("reporting.period_end", S::lifecycle),
        on<reversal_reserve_floor>("reversal.reserve_floor", S::limit, types<cmd::EventReversed>),
        on<reversal_obligation_cap>("reversal.obligation_cap", S::invariant, types<cmd::EventReversed>),
        on<allocation_duplicate_year>("allocation.duplicate_year", S::lifecycle),
        on<allocation_basis>("allocation.basis", S::limit),
    };
    return registry;
}

namespace detail {
// The checks that apply to each type of command (by its index in
// CommandBody), in registry order: worked out once, not per command.
inline const std::vector<const Check*>& checks_for(std::size_t type_index) {
    static const auto table = [] {
        std::array<std::vector<const Check*>, std::variant_size_v<CommandBody>> t;
        for (const Check& check : all_checks())
            for (std::size_t i = 0; i < t.size(); ++i)
                if (check.applies_to(i)) t[i].push_back(&check);
        return t;
    }();
    return table.at(type_index);
}
}  // namespace detail

// Runs the checks that apply to the command; stops at the first refusal
// unless `all` is set. The checks of a rule stage do not run when no
// rulebook is in force (rulebook.none_in_force reports that).
[[nodiscard]] inline std::vector<Refusal> run_checks(const CheckContext& c, bool all = false) {
    std::vector<Refusal> out;
    const std::size_t type = c.command.body.index();
    for (const Check* check : detail::checks_for(type)) {
        if (check->is_rule() && !c.rules) continue;
        if (auto r = check->run_for[type](c)) {
            r->rule_id = check->id;
            r->stage = check->stage;
            out.push_back(std::move(*r));
            if (!all) break;
        }
    }
    return out;
}

}  // namespace sifund
