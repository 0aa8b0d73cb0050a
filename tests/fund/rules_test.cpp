// The fund, its rulebooks and which revision judges a decision (DESIGN §4.2):
// a rulebook is in force from its date, a later revision is authorised by the
// one in force before it, and each decision is judged by the revision in
// force on its own date.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

TEST_CASE("Every check in the registry has scenarios among the fund tests") {
    // Adding a check to all_checks() means adding its refusal and its boundary
    // to these tests, and its id here.
    const std::set<std::string> covered{
        "fund.not_established",          "fund.already_established",
        "fund.before_establishment",     "rulebook.none_in_force",
        "rulebook.duplicate_version",    "application.duplicate",
        "application.unknown",           "application.transition",
        "application.before_submission", "grant.duplicate",
        "grant.unknown",                 "grant.transition",
        "grant.before_decision",         "reversal.unknown",
        "reversal.of_reversal",          "reversal.already_reversed",
        "reversal.not_reversible",       "reversal.before_event",
        "reversal.has_dependents",       "roles.permission",
        "roles.own_application",         "segregation.own_application",
        "segregation.own_savings",       "delegation",
        "eligibility.min_applicants",    "eligibility.focus_areas",
        "eligibility.min_evidence",      "grant.exceeds_request",
        "grant.tranches",                "grant.max_amount",
        "grant.max_duration_months",     "grant.min_co_financing_share",
        "grant.max_per_year",            "grant.max_share_of_free_capital",
        "commitments.reserve_floor",     "grant.disbursement_exceeds_approval",
        "reporting.block_disbursement_when_overdue",
        "repayment.obligation",          "repayment.budget_year",         "repayment.exceeds_owed",
        "obligation.exceeds_outstanding", "grant.close_with_outstanding",
        "allocation.duplicate_year",     "allocation.basis",
        // what hostile use found (tests/fund/hostile_use_test.cpp)
        "reversal.decision_body",        "segregation.own_disbursement",
        "segregation.own_write_off",     "segregation.own_closing",
        "segregation.own_reversal",      "eligibility.applicant_role",
        "grant.closed_before_disbursement", "reporting.period_end",
        "reversal.reserve_floor",        "reversal.obligation_cap",
    };
    std::set<std::string> registered;
    for (const Check& c : all_checks()) registered.emplace(c.id);
    CHECK(registered == covered);
}

TEST_CASE("Nothing can happen in a store before the fund is established") {
    Scenario s("");
    const auto v = s.refused(
        R"({"type":"capital.contributed","date":"2013-01-15","actor":"finance","amount":"65000000.00"})");
    CHECK(v.rule_id() == "fund.not_established");
    CHECK(v.citation().empty());  // an invariant of sifund's own, not a rulebook paragraph
    CHECK_THAT(std::string(v.what()), mentions("fund.established"));
    CHECK(s.store.count() == 0);

    // The council establishes it; no rulebook is needed for that, nor a role.
    s.apply(fund_established_2013);
    CHECK(s.store.count() == 1);
}

TEST_CASE("A store holds one fund: a second fund.established is refused") {
    Scenario s;
    const auto v = s.refused(
        R"({"type":"fund.established","date":"2014-01-01","actor":"kf","fund":"other-sif","name":"Annan fond","owner":"Annan kommun","currency":"SEK","decision":"KF 1"})");
    CHECK(v.rule_id() == "fund.already_established");
    CHECK_THAT(std::string(v.what()), mentions("orebro-sif"));
}

TEST_CASE("Nothing is dated before the fund was established") {
    Scenario s;
    const auto v = s.refused(
        R"({"type":"capital.contributed","date":"2012-12-31","actor":"finance","amount":"1000.00"})");
    CHECK(v.rule_id() == "fund.before_establishment");
    CHECK_THAT(std::string(v.what()), mentions("2012-12-31") && mentions("2013-01-01"));
    // On the day itself it is in time.
    s.apply(R"({"type":"capital.contributed","date":"2013-01-01","actor":"finance","amount":"1000.00"})");
    CHECK(s.on("2013-01-01").capital_contributed == sek("1000.00"));
}

TEST_CASE("A command dated before the first rulebook is refused; from its date on it is judged by it") {
    Scenario s(std::string(fund_established_2013) + revision("2013.1", "2013-03-01"));
    const auto v = s.refused(
        R"({"type":"capital.contributed","date":"2013-02-28","actor":"finance","amount":"65000000.00"})");
    CHECK(v.rule_id() == "rulebook.none_in_force");
    CHECK_THAT(std::string(v.what()), mentions("2013-02-28") && mentions("2013-03-01"));
    // A revision is in force from its date inclusive.
    s.apply(R"({"type":"capital.contributed","date":"2013-03-01","actor":"finance","amount":"65000000.00"})");
    CHECK(s.on("2013-03-01").cash == sek("65000000.00"));
}

TEST_CASE("A fund without any rulebook refuses everything but its first rulebook") {
    Scenario s(fund_established_2013);
    const auto v = s.refused(
        R"({"type":"capital.contributed","date":"2013-01-15","actor":"finance","amount":"65000000.00"})");
    CHECK(v.rule_id() == "rulebook.none_in_force");
    CHECK_THAT(std::string(v.what()), mentions("adopt one first"));
    // The first revision needs no role: nothing is in force to give one.
    s.apply(revision("2013.1", "2013-01-01", "{}", "kommunstyrelsen"));
    s.apply(R"({"type":"capital.contributed","date":"2013-01-15","actor":"finance","amount":"65000000.00"})");
    CHECK(s.on("2013-12-31").cash == sek("65000000.00"));
}

TEST_CASE("A later revision is authorised by a board under the revision in force before it") {
    Scenario s;
    // Revision 2014.1 would make finance a board; it cannot authorise itself.
    const auto v = s.refused(revision("2014.1", "2014-01-01", R"({"roles":{"finance":["finance","board"]}})", "finance"));
    CHECK(v.rule_id() == "roles.permission");
    CHECK(v.citation() == "§2");
    CHECK_THAT(std::string(v.what()), mentions("finance") && mentions("rulebook.adopted"));

    // The board under 2013.1 adopts it: from 2014 the council is the board, and ks a unit.
    s.apply(revision("2014.1", "2014-01-01", R"({"roles":{"ks":["unit"],"kf":["board"]}})", "ks"));
    // So revision 2015.1 is for kf to adopt, not ks.
    const auto by_ks = s.refused(revision("2015.1", "2015-01-01", "{}", "ks"));
    CHECK(by_ks.rule_id() == "roles.permission");
    s.apply(revision("2015.1", "2015-01-01", "{}", "kf"));
    // A revision back-dated into 2013 is still authorised by the 2013 one.
    const auto by_kf_2013 = s.refused(revision("2013.2", "2013-06-01", "{}", "kf"));
    CHECK(by_kf_2013.rule_id() == "roles.permission");
    s.apply(revision("2013.2", "2013-06-01", "{}", "ks"));
    CHECK(s.fund.state().rulebooks.size() == 4);
}

TEST_CASE("A rulebook version is adopted once") {
    Scenario s;
    const auto v = s.refused(revision("2013.1", "2014-01-01", R"({"grant":{"max_amount":"15000000.00"}})"));
    CHECK(v.rule_id() == "rulebook.duplicate_version");
    CHECK_THAT(std::string(v.what()), mentions("2013.1"));
    s.apply(revision("2014.1", "2014-01-01", R"({"grant":{"max_amount":"15000000.00"}})"));
}

TEST_CASE("A decision is judged by the revision in force on its date, not by a later one") {
    // 2014.1 raises max_amount to 15 MSEK from 2014, and cites it anew. It is
    // recorded before the decisions, but takes effect only on 1 January 2014.
    Scenario s(established() +
               revision("2014.1", "2014-01-01",
                        R"json({"grant":{"max_amount":"15000000.00"},"citations":{"grant.max_amount":"§4.2 (2014)"}})json") +
               R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-12","title":"Stor satsning","applicants":["vof","kof"],"focus_area":"demografi","evidence":"established","requested":"12000000.00","start":"2014-01-01","end":"2016-12-31"})");
    const auto v = s.refused(
        R"({"type":"grant.decided","date":"2013-12-31","actor":"ks","grant":"G-12","application":"A-12","amount":"12000000.00","body":"ks","decision":"KS 2013-12-17 §300"})");
    CHECK(v.rule_id() == "grant.max_amount");
    CHECK(v.citation() == "§4.2");  // the paragraph of the 2013 revision
    CHECK_THAT(std::string(v.what()), mentions("12000000.00") && mentions("10000000.00"));

    s.apply(
        R"({"type":"grant.decided","date":"2014-01-01","actor":"ks","grant":"G-12","application":"A-12","amount":"12000000.00","body":"ks","decision":"KS 2013-12-17 §300"})");
    CHECK(s.on("2014-01-01").committed_undisbursed == sek("12000000.00"));
}

TEST_CASE("A revision that tightens eligibility applies to decisions after it, on applications made before it") {
    Scenario s(established() + application_a1 +  // A-1 is "promising", enough in 2013
               revision("2013.2", "2013-10-01", R"({"eligibility":{"min_evidence":"established"}})"));
    const auto v = s.refused(grant_g1);  // decided 2013-11-05, under 2013.2
    CHECK(v.rule_id() == "eligibility.min_evidence");
    CHECK_THAT(std::string(v.what()), mentions("promising") && mentions("established"));

    // Decided before 2013.2 took effect (and recorded late), the same grant passes.
    s.apply(
        R"({"type":"grant.decided","date":"2013-09-30","actor":"ks-chair","grant":"G-1","application":"A-1","amount":"2800000.00","body":"ks","decision":"KS 2013-09-30 §180"})");
    CHECK(s.on("2013-09-30").committed_undisbursed == sek("2800000.00"));
}
