// The checks added for what hostile use found (issue 11), found again by the
// auditor: a forged history whose last event breaks the rule gives a finding
// with the rule's id, seq, subject and citation, the fund refuses that very
// command with the same id and figures, and the clean history beside it has
// no error (expect_rule_finding, shared with rules_findings_test.cpp).

#include "commands.hpp"
#include "rule_case.hpp"

using namespace sifund;
using namespace sifund::testing;
using namespace sifund::testing::lines_for;

namespace {
const std::string vof_in_finance = R"({"roles":{"vof":["unit","finance"]}})";
const std::string vof_on_the_board = R"({"roles":{"vof":["unit","board"]}})";
}  // namespace

TEST_CASE("segregation.own_disbursement: an applicant in finance pays its own grant") {
    expect_rule_finding("segregation.own_disbursement",
                        {audited(vof_in_finance) + application_a1 + grant_g1, with(first_tranche_g1, R"({"actor":"vof"})"),
                         first_tranche_g1, "G-1"});
}

TEST_CASE("segregation.own_write_off: an applicant on the board writes off what its grant owes") {
    const std::string owing = audited(vof_on_the_board) + application_a1 + grant_g1 + first_tranche_g1 +
                              savings("G-1", "2015-03-01", 2014, "300000.00");
    expect_rule_finding("segregation.own_write_off",
                        {owing, with(write_off("G-1", "2016-12-31", "300000.00"), R"({"actor":"vof"})"),
                         write_off("G-1", "2016-12-31", "300000.00"), "G-1"});
}

TEST_CASE("segregation.own_closing: an applicant on the board closes its own grant") {
    expect_rule_finding("segregation.own_closing",
                        {audited(vof_on_the_board) + application_a1 + grant_g1,
                         with(close("G-1", "2013-12-01"), R"({"actor":"vof"})"), close("G-1", "2013-12-01"), "G-1"});
}

TEST_CASE("segregation.own_reversal: an applicant in finance reverses a tranche of its own grant") {
    expect_rule_finding("segregation.own_reversal",
                        {audited(vof_in_finance) + application_a1 + grant_g1 + first_tranche_g1,
                         reverse(6, "2014-01-20", "vof"), reverse(6, "2014-01-20"), ""});
}

TEST_CASE("reversal.decision_body: finance alone undoes the chair's grant decision") {
    expect_rule_finding("reversal.decision_body", {audited() + application_a1 + grant_g1, reverse(5, "2013-12-01"),
                                                   reverse(5, "2013-12-01", "ks-chair"), ""});
}

TEST_CASE("eligibility.applicant_role: an applicant the rulebook does not know") {
    expect_rule_finding("eligibility.applicant_role",
                        {audited(), application("A-1", R"({"applicants":["vof","VOF"]})"), application_a1, "A-1"});
}

TEST_CASE("reversal.reserve_floor: the lump sum taken back while a grant stands") {
    expect_rule_finding("reversal.reserve_floor",
                        {audited() + application_a1 + grant_g1 + capital("2013-02-01"), reverse(3, "2014-01-01"),
                         reverse(6, "2014-01-01"), ""});
}

TEST_CASE("grant.closed_before_disbursement: a closing dated before the tranche it follows") {
    expect_rule_finding("grant.closed_before_disbursement",
                        {audited() + application_a1 + grant_g1 + first_tranche_g1, close("G-1", "2014-01-10"),
                         close("G-1", "2014-01-15"), "G-1"});
}

TEST_CASE("reporting.period_end: a report covering a period that has not ended") {
    expect_rule_finding("reporting.period_end", {audited() + application_a1 + grant_g1,
                                                 report("G-1", "2014-07-10", "2014-12-31"),
                                                 report("G-1", "2014-07-10", "2014-06-30"), "G-1"});
}

TEST_CASE("reversal.obligation_cap: a tranche taken back while an obligation rests on it") {
    expect_rule_finding("reversal.obligation_cap",
                        {audited() + application_a1 + grant_g1 + first_tranche_g1 +
                             savings("G-1", "2015-03-01", 2014, "300000.00"),
                         reverse(6, "2015-04-01"), reverse(7, "2015-04-01"), ""});
}

TEST_CASE("An id with a control character in a foreign history is an unreadable event, named by its field") {
    // A JSON Lines history from another system: event 4 names a grant "G-\n1".
    std::string jsonl = forge(audited()).jsonl();
    jsonl += R"({"actor":"finance","amount":"1.00","date":"2014-01-15","grant":"G-\n1","hash":"00","prev_hash":"00","recorded_at":"2014-01-15T12:00:00.000000Z","seq":4,"type":"grant.disbursed"})"
             "\n";
    const AuditReport r = audit_text(jsonl, "2014-12-31");
    const Finding& f = the_finding(r, "integrity.unreadable");
    CHECK(f.seq == 4);
    CHECK_THAT(f.message, mentions("field \"grant\"") && mentions("U+000A"));
    CHECK(f.message.find('\n') == std::string::npos);
}
