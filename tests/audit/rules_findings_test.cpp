// The fund's rules, found again by the auditor (DESIGN §2): every check of
// all_checks() is re-run over a stored history, and each refusal the fund
// would have made is a finding of severity error with the rule's id, the
// event's seq, the grant or application it concerns and the citation of the
// rulebook in force on the event's date. One test per rule id: a forged
// history whose last event breaks the rule (the fund refuses that very
// command with the same id, citation and figures), and a clean one beside it.

#include "commands.hpp"
#include "rule_case.hpp"

using namespace sifund;
using namespace sifund::testing;
using namespace sifund::testing::lines_for;

namespace {

// Events 1-3 (audited()), A-1 (4), G-1 (5), its first tranche (6) and a
// verified saving of 900 000 for 2016 (7): 900 000 owed from 2017-03-01,
// due 2017-12-31.
std::string owing(const std::string& patch = "{}") {
    return audited(patch) + application_a1 + grant_g1 + first_tranche_g1 + savings("G-1", "2017-03-01", 2016, "900000.00");
}

// A-9 asks for 20 MSEK with established evidence: only the rulebook limits a grant on it.
const std::string big_application = application("A-9", R"({"requested":"20000000.00","evidence":"established"})");

}  // namespace

// --- the fund and its rulebooks ---------------------------------------------------------------

TEST_CASE("fund.not_established: a history that does not begin with fund.established") {
    expect_rule_finding("fund.not_established",
                        {"", capital("2013-01-15"), fund_established_2013, "", /*cited=*/false});
}

TEST_CASE("fund.already_established: a second fund.established in one history") {
    expect_rule_finding("fund.already_established",
                        {audited(), with(fund_established_2013, R"({"date":"2013-02-01"})"), capital("2013-02-01"), ""});
}

TEST_CASE("fund.before_establishment: an event dated before the fund was established") {
    expect_rule_finding("fund.before_establishment",
                        {audited(), capital("2012-12-31"), capital("2013-01-01"), "", /*cited=*/false});
}

TEST_CASE("rulebook.none_in_force: money moved before the first rulebook took effect") {
    const std::string before = fund_established_2013 + revision("2013.1", "2013-03-01", citing_every_rule());
    expect_rule_finding("rulebook.none_in_force",
                        {before, capital("2013-02-28"), capital("2013-03-01"), "", /*cited=*/false});
}

TEST_CASE("rulebook.duplicate_version: a revision adopted twice under one version") {
    expect_rule_finding("rulebook.duplicate_version",
                        {audited(), revision("2013.1", "2014-01-01"), revision("2014.1", "2014-01-01"), ""});
}

// --- applications ---------------------------------------------------------------------------------

TEST_CASE("application.duplicate: an application id submitted twice") {
    expect_rule_finding("application.duplicate", {audited() + application_a1, application("A-1", R"({"date":"2013-09-03"})"),
                                                  application("A-2", R"({"date":"2013-09-03"})"), "A-1"});
}

TEST_CASE("application.unknown: a withdrawal of an application never submitted") {
    expect_rule_finding("application.unknown", {audited() + application_a1, withdraw("A-404", "2013-09-10"),
                                                withdraw("A-1", "2013-09-10"), "A-404"});
}

TEST_CASE("application.transition: an application withdrawn twice") {
    expect_rule_finding("application.transition", {audited() + application_a1 + withdraw("A-1", "2013-09-10"),
                                                   withdraw("A-1", "2013-09-11"), "", "A-1"});
}

TEST_CASE("application.before_submission: a withdrawal dated before the application") {
    expect_rule_finding("application.before_submission", {audited() + application_a1, withdraw("A-1", "2013-09-01"),
                                                          withdraw("A-1", "2013-09-02"), "A-1"});
}

// --- grants: ids and lifecycle -----------------------------------------------------------------------

TEST_CASE("grant.duplicate: a grant id decided twice") {
    expect_rule_finding("grant.duplicate", {audited() + application_a1 + application("A-2") + grant_g1,
                                            grant("G-1", "A-2", "1000000.00"), grant("G-2", "A-2", "1000000.00"), "G-1"});
}

TEST_CASE("grant.unknown: money paid to a grant never decided") {
    expect_rule_finding("grant.unknown", {audited() + application_a1 + grant_g1, disburse("G-404", "2014-01-15"),
                                          first_tranche_g1, "G-404"});
}

TEST_CASE("grant.transition: a tranche paid on a closed grant") {
    expect_rule_finding("grant.transition", {audited() + application_a1 + grant_g1,
                                             close("G-1", "2013-12-01") + disburse("G-1", "2014-01-15"),
                                             disburse("G-1", "2014-01-15") + close("G-1", "2014-02-01"), "G-1"});
}

TEST_CASE("grant.before_decision: a tranche dated before the grant was decided") {
    expect_rule_finding("grant.before_decision", {audited() + application_a1 + grant_g1, disburse("G-1", "2013-11-04"),
                                                  disburse("G-1", "2013-11-05"), "G-1"});
}

// --- reversals ---------------------------------------------------------------------------------------
// (A stored reversal names its target "reverses": its own "seq" is the event's.)

TEST_CASE("reversal.unknown: a reversal of an event the ledger does not hold") {
    expect_rule_finding("reversal.unknown", {audited(), reverse(99, "2013-02-01"), reverse(3, "2013-02-01"), ""});
}

TEST_CASE("reversal.of_reversal: a reversal reversed") {
    expect_rule_finding("reversal.of_reversal",
                        {audited() + reverse(3, "2013-02-01"), reverse(4, "2013-02-02"), "", ""});
}

TEST_CASE("reversal.already_reversed: one event reversed twice") {
    expect_rule_finding("reversal.already_reversed",
                        {audited() + reverse(3, "2013-02-01"), reverse(3, "2013-02-02"), "", ""});
}

TEST_CASE("reversal.not_reversible: the fund's establishment reversed") {
    expect_rule_finding("reversal.not_reversible", {audited(), reverse(1, "2013-02-01"), reverse(3, "2013-02-01"), ""});
}

TEST_CASE("reversal.before_event: a reversal dated before the event it reverses") {
    expect_rule_finding("reversal.before_event", {audited(), reverse(3, "2013-01-14"), reverse(3, "2013-01-15"), ""});
}

TEST_CASE("reversal.has_dependents: a grant decision reversed after a tranche was paid") {
    expect_rule_finding("reversal.has_dependents", {audited() + application_a1 + grant_g1 + first_tranche_g1,
                                                    reverse(5, "2014-02-01"), reverse(6, "2014-02-01"), ""});
}

// --- who may give the command ------------------------------------------------------------------------

TEST_CASE("roles.permission: capital contributed by a unit") {
    expect_rule_finding("roles.permission",
                        {audited(), capital("2013-02-01", "1000000.00", "vof"), capital("2013-02-01"), ""});
}

TEST_CASE("roles.own_application: an application withdrawn by a unit that is not one of its applicants") {
    expect_rule_finding("roles.own_application",
                        {audited(R"({"roles":{"sof":["unit"]}})") + application_a1, withdraw("A-1", "2013-09-10", "sof"),
                         withdraw("A-1", "2013-09-10", "kof"), "A-1"});
}

TEST_CASE("segregation.own_application: a grant decided by one of its applicants") {
    expect_rule_finding("segregation.own_application",
                        {audited(R"({"roles":{"vof":["unit","board"]}})") + application_a1,
                         with(grant_g1, R"({"actor":"vof"})"), grant_g1, "G-1"});
}

TEST_CASE("segregation.own_savings: savings verified by one of the applicants") {
    expect_rule_finding("segregation.own_savings",
                        {audited(R"({"roles":{"vof":["unit","finance"]}})") + application_a1 + grant_g1 + first_tranche_g1,
                         savings("G-1", "2017-03-01", 2016, "900000.00", "vof"),
                         savings("G-1", "2017-03-01", 2016, "900000.00", "uni"), "G-1"});
}

TEST_CASE("delegation: the chair decides one öre more than the delegation allows") {
    expect_rule_finding("delegation",
                        {audited() + application("A-1", R"({"requested":"5000000.00"})"),
                         grant("G-1", "A-1", "3000000.01", "ks-chair"), grant("G-1", "A-1", "3000000.00", "ks-chair"),
                         "G-1"});
}

// --- eligibility ---------------------------------------------------------------------------------

TEST_CASE("eligibility.min_applicants: an application by one unit alone") {
    expect_rule_finding("eligibility.min_applicants",
                        {audited(), application("A-1", R"({"applicants":["vof","vof"]})"), application_a1, "A-1"});
}

TEST_CASE("eligibility.focus_areas: an application outside the fund's focus areas") {
    expect_rule_finding("eligibility.focus_areas",
                        {audited(), application("A-1", R"({"focus_area":"ekonomi"})"), application_a1, "A-1"});
}

TEST_CASE("eligibility.min_evidence: an application resting on an idea alone") {
    expect_rule_finding("eligibility.min_evidence",
                        {audited(), application("A-1", R"({"evidence":"idea"})"), application_a1, "A-1"});
}

// --- the grant decision's limits -------------------------------------------------------------------

TEST_CASE("grant.exceeds_request: a grant of more than was asked for") {
    expect_rule_finding("grant.exceeds_request", {audited() + application_a1, grant("G-1", "A-1", "3000000.01"),
                                                  grant("G-1", "A-1", "3000000.00"), "G-1"});
}

TEST_CASE("grant.tranches: tranches that do not add up to the grant") {
    expect_rule_finding("grant.tranches",
                        {audited() + application_a1, with(grant_g1, R"({"amount":"2900000.00"})"), grant_g1, "G-1"});
}

TEST_CASE("grant.max_amount: one öre over the largest grant the rulebook allows") {
    expect_rule_finding("grant.max_amount", {audited() + big_application, grant("G-9", "A-9", "10000000.01"),
                                             grant("G-9", "A-9", "10000000.00"), "G-9"});
}

TEST_CASE("grant.max_duration_months: a project of 37 begun months") {
    expect_rule_finding("grant.max_duration_months",
                        {audited() + application_a1 + application("A-2", R"({"end":"2017-01-01"})"),
                         grant("G-2", "A-2", "2800000.00"), grant("G-1", "A-1", "2800000.00"), "G-2"});
}

TEST_CASE("grant.min_co_financing_share: co-financing below the share the rulebook asks") {
    // A-1 brings 600 000 of its own: 20 % of 3.4 MSEK is 680 000; of 3.0 MSEK exactly 600 000.
    expect_rule_finding("grant.min_co_financing_share",
                        {audited(R"({"grant":{"min_co_financing_share":"0.20"}})") + application_a1, grant_g1,
                         grant("G-1", "A-1", "2400000.00", "ks-chair"), "G-1"});
}

TEST_CASE("grant.max_per_year: a tranche plan that pays one öre too much in a year") {
    expect_rule_finding(
        "grant.max_per_year",
        {audited(R"({"grant":{"max_per_year":"1000000.00"}})") + application_a1,
         with(grant_g1,
              R"({"tranches":[{"date":"2014-01-15","amount":"1000000.01"},{"date":"2015-01-15","amount":"999999.99"},{"date":"2016-01-15","amount":"800000.00"}]})"),
         grant_g1, "G-1"});
}

TEST_CASE("grant.max_share_of_free_capital: one öre over a quarter of the free capital") {
    // 8 000 000.02 free and no reserve floor: a quarter is 2 000 000.005.
    expect_rule_finding("grant.max_share_of_free_capital",
                        {audited(R"({"commitments":{"reserve_floor":"0.00"}})", "8000000.02") + big_application,
                         grant("G-9", "A-9", "2000000.01"), grant("G-9", "A-9", "2000000.00"), "G-9"});
}

TEST_CASE("commitments.reserve_floor: a grant that takes free capital one öre under the floor") {
    expect_rule_finding("commitments.reserve_floor",
                        {audited(R"({"commitments":{"reserve_floor":"60000000.00"}})") + big_application,
                         grant("G-9", "A-9", "5000000.01"), grant("G-9", "A-9", "5000000.00"), "G-9"});
}

// --- after the decision --------------------------------------------------------------------------

TEST_CASE("grant.disbursement_exceeds_approval: one öre more paid than approved") {
    expect_rule_finding("grant.disbursement_exceeds_approval",
                        {audited() + application_a1 + grant_g1, disburse("G-1", "2014-01-15", "2800000.01"),
                         disburse("G-1", "2014-01-15", "2800000.00"), "G-1"});
}

TEST_CASE("reporting.block_disbursement_when_overdue: a tranche paid while the first interim report is overdue") {
    // The report for 2014-01-01..2014-06-30 is due 2014-07-30.
    expect_rule_finding("reporting.block_disbursement_when_overdue",
                        {audited() + application_a1 + grant_g1 + first_tranche_g1, disburse("G-1", "2015-01-15"),
                         report("G-1", "2014-07-10", "2014-06-30") + disburse("G-1", "2015-01-15"), "G-1"});
}

TEST_CASE("repayment.obligation: a saving stored with another obligation than the terms give") {
    const std::string before = audited() + application_a1 + grant_g1 + first_tranche_g1;
    SECTION("the amount") {
        expect_rule_finding("repayment.obligation",
                            {before, savings("G-1", "2017-03-01", 2016, "900000.00", "uni", R"({"obligation":"800000.00"})"),
                             savings("G-1", "2017-03-01", 2016, "900000.00", "uni",
                                     R"({"obligation":"900000.00","due":"2017-12-31"})"),
                             "G-1"});
    }
    SECTION("the due date") {
        expect_rule_finding("repayment.obligation",
                            {before, savings("G-1", "2017-03-01", 2016, "900000.00", "uni", R"({"due":"2018-12-31"})"),
                             savings("G-1", "2017-03-01", 2016, "900000.00", "uni", R"({"due":"2017-12-31"})"), "G-1"});
    }
}

TEST_CASE("repayment.budget_year: a repayment taken from another year's frame than its date's") {
    expect_rule_finding("repayment.budget_year", {owing(), repayment("G-1", "2017-06-30", 2016, "500000.00"),
                                                  repayment("G-1", "2017-06-30", 2017, "500000.00"), "G-1"});
}

TEST_CASE("repayment.exceeds_owed: one öre more repaid than owed") {
    expect_rule_finding("repayment.exceeds_owed", {owing(), repayment("G-1", "2017-06-30", 2017, "900000.01"),
                                                   repayment("G-1", "2017-06-30", 2017, "900000.00"), "G-1"});
}

TEST_CASE("obligation.exceeds_outstanding: one öre more written off than owed") {
    expect_rule_finding("obligation.exceeds_outstanding", {owing(), write_off("G-1", "2018-06-30", "900000.01"),
                                                           write_off("G-1", "2018-06-30", "900000.00"), "G-1"});
}

TEST_CASE("grant.close_with_outstanding: a grant closed while it still owes") {
    expect_rule_finding("grant.close_with_outstanding",
                        {owing(), close("G-1", "2018-06-30"),
                         write_off("G-1", "2018-06-30", "900000.00") + close("G-1", "2018-06-30"), "G-1"});
}

// --- allocations ---------------------------------------------------------------------------------

TEST_CASE("allocation.duplicate_year: two allocations for one budget year") {
    const std::string before = audited() + tax_revenue(2014, "budget", "2013-06-18", "6512000000.00") +
                               allocation(2014, "2013-06-18", "130240000.00", "0.02");
    expect_rule_finding("allocation.duplicate_year", {before, allocation(2014, "2013-06-19", "100000000.00"),
                                                      allocation(2015, "2013-06-19", "100000000.00"), ""});
}

TEST_CASE("allocation.basis: an allocation that is not the rate times the budgeted tax revenue") {
    const std::string before = audited() + tax_revenue(2014, "budget", "2013-06-18", "6512000000.00");
    SECTION("one krona off") {
        expect_rule_finding("allocation.basis", {before, allocation(2014, "2013-06-18", "130240001.00", "0.02"),
                                                 allocation(2014, "2013-06-18", "130240000.00", "0.02"), ""});
    }
    SECTION("no tax revenue recorded for the year") {
        expect_rule_finding("allocation.basis", {before, allocation(2015, "2013-06-18", "130240000.00", "0.02"),
                                                 allocation(2014, "2013-06-18", "130240000.00", "0.02"), ""});
    }
}

// --- across the rules --------------------------------------------------------------------------------

TEST_CASE("Every check of the fund has a test here") {
    // The ids tested above; a new check needs a test (and a line in docs/findings.md).
    const std::set<std::string, std::less<>> tested{
        "fund.not_established", "fund.already_established", "fund.before_establishment", "rulebook.none_in_force",
        "rulebook.duplicate_version", "application.duplicate", "application.unknown", "application.transition",
        "application.before_submission", "grant.duplicate", "grant.unknown", "grant.transition",
        "grant.before_decision", "reversal.unknown", "reversal.of_reversal", "reversal.already_reversed",
        "reversal.not_reversible", "reversal.before_event", "reversal.has_dependents", "roles.permission",
        "roles.own_application", "segregation.own_application", "segregation.own_savings", "delegation",
        "eligibility.min_applicants", "eligibility.focus_areas", "eligibility.min_evidence", "grant.exceeds_request",
        "grant.tranches", "grant.max_amount", "grant.max_duration_months", "grant.min_co_financing_share",
        "grant.max_per_year", "grant.max_share_of_free_capital", "commitments.reserve_floor",
        "grant.disbursement_exceeds_approval", "reporting.block_disbursement_when_overdue", "repayment.obligation",
        "repayment.budget_year", "repayment.exceeds_owed", "obligation.exceeds_outstanding",
        "grant.close_with_outstanding", "allocation.duplicate_year", "allocation.basis",
        // hostile_rule_findings_test.cpp
        "segregation.own_disbursement", "segregation.own_write_off", "segregation.own_closing",
        "segregation.own_reversal", "reversal.decision_body", "eligibility.applicant_role", "reversal.reserve_floor",
        "grant.closed_before_disbursement", "reporting.period_end", "reversal.obligation_cap"};
    std::set<std::string, std::less<>> checks;
    for (const Check& c : all_checks()) checks.insert(std::string(c.id));
    CHECK(checks == tested);
}

TEST_CASE("A rule finding cites the revision in force on the event's date, or nothing when it cites no paragraph") {
    // 2013.1 cites §4.2 for grant.max_amount and nothing for grant.tranches;
    // 2014.1, from 2014-01-01, cites §7 for grant.max_amount.
    const std::string history =
        established() + revision("2014.1", "2014-01-01", R"({"citations":{"grant.max_amount":"§7"}})") +
        application("A-8", R"({"requested":"20000000.00"})") + application("A-9", R"({"requested":"20000000.00"})") +
        application("A-10") + grant("G-8", "A-8", "10000000.01", "ks", "2013-12-31") +  // 8
        grant("G-9", "A-9", "10000000.01", "ks", "2014-01-01") +                        // 9
        with(grant_g1, R"({"grant":"G-10","application":"A-10","amount":"2900000.00"})");  // 10
    const AuditReport r = audit(forge(history), "2014-01-01");
    INFO(r.to_text());
    std::vector<std::pair<std::int64_t, std::string>> cited;
    for (const Finding* f : findings_of(r, "grant.max_amount")) cited.emplace_back(*f->seq, f->citation);
    CHECK(cited == std::vector<std::pair<std::int64_t, std::string>>{{8, "§4.2"}, {9, "§7"}});
    const Finding& tranches = the_finding(r, "grant.tranches");
    CHECK(tranches.seq == 10);
    CHECK(r.count(Severity::error) == 3);
    CHECK(tranches.citation.empty());
}

TEST_CASE("One event that breaks several rules has a finding for each") {
    // A unit decides a grant, on an application it made, for more than it asked and than a grant may be.
    const AuditReport r = audit(forge(audited(R"({"roles":{"vof":["unit","board"]}})") + application_a1 +
                                      grant("G-1", "A-1", "10000000.01", "vof")),
                                "2013-11-05");
    for (const char* id : {"segregation.own_application", "grant.exceeds_request", "grant.max_amount"}) {
        const Finding& f = the_finding(r, id);
        CHECK(f.seq == 5);
        CHECK(f.subject == "G-1");
    }
    CHECK(r.count(Severity::error) == 3);
}
