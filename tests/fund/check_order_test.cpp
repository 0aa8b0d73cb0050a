// The order in which the checks run for each command type (issue 12). The
// fund reports the first refusal and the auditor lists them all in order, so
// reshaping the registry must not reorder, add or drop a check for any type.
// The lists below were generated from the registry as it stood before the
// reshape; change them only with a change of behaviour that is meant.

#include "scenario.hpp"

using namespace sifund;

namespace {

std::vector<std::string> run_order(std::size_t type_index) {
    std::vector<std::string> ids;
    for (const Check* c : detail::checks_for(type_index)) ids.emplace_back(c->id);
    return ids;
}

}  // namespace

TEST_CASE("The checks run in the same order for every command type") {
    const std::map<std::string, std::vector<std::string>> golden{
        {"fund.established",
         {"fund.not_established", "fund.already_established", "fund.before_establishment", "rulebook.none_in_force", "roles.permission"}},
        {"rulebook.adopted",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "rulebook.duplicate_version", "roles.permission"}},
        {"capital.contributed",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "roles.permission"}},
        {"tax_revenue.recorded",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "roles.permission"}},
        {"allocation.decided",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "roles.permission", "allocation.duplicate_year", "allocation.basis"}},
        {"allocation.trued_up",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "roles.permission"}},
        {"application.submitted",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "application.duplicate", "roles.permission", "roles.own_application", "eligibility.min_applicants", "eligibility.focus_areas", "eligibility.min_evidence", "eligibility.applicant_role"}},
        {"application.withdrawn",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "application.unknown", "application.transition", "application.before_submission", "roles.permission", "roles.own_application"}},
        {"application.rejected",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "application.unknown", "application.transition", "application.before_submission", "roles.permission", "segregation.own_application", "delegation"}},
        {"grant.decided",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "application.unknown", "application.transition", "application.before_submission", "grant.duplicate", "roles.permission", "segregation.own_application", "delegation", "eligibility.min_applicants", "eligibility.focus_areas", "eligibility.min_evidence", "eligibility.applicant_role", "grant.exceeds_request", "grant.tranches", "grant.max_amount", "grant.max_duration_months", "grant.min_co_financing_share", "grant.max_per_year", "grant.max_share_of_free_capital", "commitments.reserve_floor"}},
        {"grant.disbursed",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "grant.unknown", "grant.transition", "grant.before_decision", "roles.permission", "segregation.own_disbursement", "grant.disbursement_exceeds_approval", "reporting.block_disbursement_when_overdue"}},
        {"report.submitted",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "grant.unknown", "grant.transition", "grant.before_decision", "roles.permission", "roles.own_application", "reporting.period_end"}},
        {"savings.verified",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "grant.unknown", "grant.transition", "grant.before_decision", "roles.permission", "segregation.own_savings", "repayment.obligation"}},
        {"repayment.received",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "grant.unknown", "grant.transition", "grant.before_decision", "roles.permission", "repayment.budget_year", "repayment.exceeds_owed"}},
        {"obligation.written_off",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "grant.unknown", "grant.transition", "grant.before_decision", "roles.permission", "segregation.own_write_off", "obligation.exceeds_outstanding"}},
        {"grant.closed",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "grant.unknown", "grant.transition", "grant.before_decision", "roles.permission", "segregation.own_closing", "grant.close_with_outstanding", "grant.closed_before_disbursement"}},
        {"event.reversed",
         {"fund.not_established", "fund.before_establishment", "rulebook.none_in_force", "reversal.unknown", "reversal.of_reversal", "reversal.already_reversed", "reversal.not_reversible", "reversal.before_event", "reversal.has_dependents", "roles.permission", "reversal.decision_body", "segregation.own_reversal", "reversal.reserve_floor", "reversal.obligation_cap"}}
    };
    const auto& types = command_types();
    REQUIRE(golden.size() == types.size());
    for (std::size_t i = 0; i < types.size(); ++i) {
        INFO("command type " << types[i]);
        const auto it = golden.find(std::string(types[i]));
        REQUIRE(it != golden.end());
        CHECK(run_order(i) == it->second);
    }
}

TEST_CASE("Every registered check runs for some command type, and the registry holds each id once") {
    std::set<std::string> ran;
    for (std::size_t i = 0; i < command_types().size(); ++i)
        for (const auto& id : run_order(i)) ran.insert(id);
    std::vector<std::string> registered;
    for (const Check& c : all_checks()) registered.emplace_back(c.id);
    CHECK(std::set<std::string>(registered.begin(), registered.end()).size() == registered.size());
    CHECK(ran == std::set<std::string>(registered.begin(), registered.end()));
}

TEST_CASE("The checks cited from the rulebook are today's") {
    // These are skipped when no rulebook is in force (except roles.permission)
    // and a refusal by one reads "the rulebook cites no paragraph" when it has
    // no citation; every other check is an invariant of sifund's own.
    const std::set<std::string> cited{
        "roles.permission",
        "reversal.decision_body",
        "roles.own_application",
        "segregation.own_application",
        "segregation.own_savings",
        "segregation.own_disbursement",
        "segregation.own_write_off",
        "segregation.own_closing",
        "segregation.own_reversal",
        "delegation",
        "eligibility.min_applicants",
        "eligibility.focus_areas",
        "eligibility.min_evidence",
        "eligibility.applicant_role",
        "grant.max_amount",
        "grant.max_duration_months",
        "grant.min_co_financing_share",
        "grant.max_per_year",
        "grant.max_share_of_free_capital",
        "commitments.reserve_floor",
        "reporting.block_disbursement_when_overdue",
        "reversal.reserve_floor",
        "allocation.basis"
    };
    std::set<std::string> is_rule;
    for (const Check& c : all_checks())
        if (c.is_rule()) is_rule.emplace(c.id);
    CHECK(is_rule == cited);
}

TEST_CASE("The checks after which an event cannot be folded are the preconditions") {
    // The auditor does not apply an event refused by one of these (what it
    // names does not exist, or exists already); every other refusal is
    // reported and the event folded, so that later faults are found too.
    const std::set<std::string> cannot_fold{"fund.not_established",      "fund.already_established",
                                            "application.unknown",       "application.duplicate",
                                            "grant.unknown",             "grant.duplicate",
                                            "reversal.unknown",          "reversal.of_reversal",
                                            "reversal.already_reversed", "reversal.not_reversible"};
    std::set<std::string> preconditions;
    for (const Check& c : all_checks())
        if (c.stage == Stage::precondition) preconditions.emplace(c.id);
    CHECK(preconditions == cannot_fold);
}

TEST_CASE("A refusal carries the id and the stage of the check that refused") {
    // A tranche of a grant never decided, by an actor without the role to pay.
    testing::Scenario s;
    const Command c{Date::parse("2014-01-15"), "vof", cmd::GrantDisbursed{"G-none", Money::parse("100.00")}};
    const FundState& state = s.fund.state();
    const RulebookRevision* rb = state.rulebook_on(c.date);
    REQUIRE(rb != nullptr);
    const CheckContext ctx{state, s.fund.events(), c, &rb->rules, {}, {}};
    const auto refusals = run_checks(ctx, true);
    REQUIRE(refusals.size() == 2);
    CHECK(refusals[0].rule_id == "grant.unknown");
    CHECK(refusals[0].stage == Stage::precondition);
    CHECK_FALSE(refusals[0].is_rule());
    CHECK(refusals[1].rule_id == "roles.permission");
    CHECK(refusals[1].stage == Stage::authority);
    CHECK(refusals[1].is_rule());
}

TEST_CASE("Every command type named in a table of the fund is a real command type") {
    // The tables hold strings: a misspelt type would silently never match.
    // (The checks name their types as C++ types, which cannot be misspelt.)
    const auto& types = command_types();
    const auto real = [&](std::string_view t) { return std::find(types.begin(), types.end(), t) != types.end(); };
    for (const Check& c : all_checks()) {
        INFO("check " << c.id);
        CHECK_FALSE(c.types().empty());
    }
    for (const auto& [role, allowed] : checks::default_permissions())
        for (const auto& t : allowed) {
            INFO("role " << role << " may give " << t);
            CHECK(real(t));
        }
    for (const auto& tr : application_transitions) {
        INFO("application transition on " << tr.command);
        CHECK(real(tr.command));
    }
    for (const auto& tr : grant_transitions) {
        INFO("grant transition on " << tr.command);
        CHECK(real(tr.command));
    }
}
