// Reversals (DESIGN §2, §4.2): nothing is edited or deleted; finance undoes a
// money event, and the body that took a decision undoes the decision, by an
// event.reversed that names it, from the reversal's own date on. A reversal cannot be reversed, nor an event
// reversed twice, before it happened, or while others rest on it.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
std::string reversal(std::int64_t seq, const char* date, const char* reason = "booked in error",
                     const char* actor = "finance") {
    return R"({"type":"event.reversed","date":")" + std::string(date) + R"(","actor":")" + actor + R"(","seq":)" +
           std::to_string(seq) + R"(,"reason":")" + reason + "\"}\n";
}
// Seq 4 A-1, 5 G-1, 6 the first tranche.
std::string paid_g1() {
    return established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})") + application_a1 + grant_g1 +
           first_tranche_g1;
}
const char* const saving_2014 =
    R"({"type":"savings.verified","date":"2015-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2014,"amount":"300000.00","method":"difference-in-differences","verifier":"Örebro universitet"})"
    "\n";
}  // namespace

TEST_CASE("A reversed capital contribution counts until the reversal's date, not from it") {
    Scenario s;
    REQUIRE(s.event(3).command.type() == "capital.contributed");
    s.apply(reversal(3, "2013-06-01", "the AFA refund was booked twice"));
    const Event& r = s.fund.events().back();
    CHECK(r.command.type() == "event.reversed");
    CHECK(r.command.as<cmd::EventReversed>()->seq == 3);
    CHECK(s.on("2013-05-31").capital_contributed == sek("65000000.00"));
    CHECK(s.on("2013-05-31").cash == sek("65000000.00"));
    CHECK(s.on("2013-06-01").capital_contributed == Money());
    CHECK(s.on("2013-06-01").cash == Money());
    CHECK(s.store.count() == 4);  // nothing was deleted
}

TEST_CASE("A reversed allocation: before its money came it never counts; after, it leaves on the reversal's date") {
    const std::string allocated =
        established() +
        R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"amount":"100000000.00","decision":"KF 2013-06-18 §120"})";
    SECTION("reversed in 2013") {
        Scenario s(allocated);
        s.apply(reversal(4, "2013-09-01", "decided twice", "kf"));
        CHECK(s.on("2013-12-31").allocations == Money());
        CHECK(s.on("2014-01-01").allocations == Money());
        CHECK(s.on("2014-01-01").cash == sek("65000000.00"));
        // The year is free for a new decision.
        s.apply(
            R"({"type":"allocation.decided","date":"2013-09-02","actor":"kf","budget_year":2014,"amount":"90000000.00","decision":"KF 2013-09-02 §150"})");
        CHECK(s.on("2014-01-01").allocations == sek("90000000.00"));
    }
    SECTION("reversed in 2014") {
        Scenario s(allocated);
        s.apply(reversal(4, "2014-06-01", "decided twice", "kf"));
        CHECK(s.on("2014-05-31").allocations == sek("100000000.00"));
        CHECK(s.on("2014-06-01").allocations == Money());
    }
}

TEST_CASE("A reversed grant decision releases its commitment and frees the application") {
    Scenario s(established() + application_a1 + grant_g1);
    REQUIRE(s.event(5).command.type() == "grant.decided");
    s.apply(reversal(5, "2013-12-01", "decided on the wrong application", "ks-chair"));
    CHECK(s.on("2013-11-30").committed_undisbursed == sek("2800000.00"));
    CHECK(s.on("2013-11-30").grants.size() == 1);
    CHECK(s.on("2013-12-01").committed_undisbursed == Money());
    CHECK(s.on("2013-12-01").free_capital == sek("65000000.00"));
    CHECK(s.on("2013-12-01").grants.empty());
    CHECK(s.fund.state().application("A-1")->status == ApplicationStatus::submitted);
    // No money goes to a reversed grant; the application may be decided anew.
    const auto v = s.refused(first_tranche_g1);
    CHECK(v.rule_id() == "grant.unknown");
    CHECK_THAT(std::string(v.what()), mentions("G-1 was reversed"));
    s.apply(
        R"({"type":"grant.decided","date":"2013-12-02","actor":"ks-chair","grant":"G-1b","application":"A-1","amount":"2500000.00","body":"ks","decision":"KS 2013-12-02 §220"})");
    CHECK(s.on("2013-12-02").committed_undisbursed == sek("2500000.00"));
}

TEST_CASE("A reversed disbursement comes back to cash and to the commitment") {
    Scenario s(paid_g1());
    REQUIRE(s.event(6).command.type() == "grant.disbursed");
    s.apply(reversal(6, "2014-01-20", "paid to the wrong grant"));
    const Statement before = s.on("2014-01-19");
    CHECK(before.disbursed == sek("1000000.00"));
    CHECK(before.cash == sek("64000000.00"));
    CHECK(before.committed_undisbursed == sek("1800000.00"));
    const Statement after = s.on("2014-01-20");
    CHECK(after.disbursed == Money());
    CHECK(after.cash == sek("65000000.00"));
    CHECK(after.committed_undisbursed == sek("2800000.00"));
    CHECK(after.free_capital == sek("62200000.00"));
    CHECK(s.grant_on("G-1", "2014-01-20").disbursed == Money());
    // The whole approval may be paid again.
    s.apply(R"({"type":"grant.disbursed","date":"2014-01-21","actor":"finance","grant":"G-1","amount":"2800000.00"})");
}

TEST_CASE("A reversed savings verification takes its obligation away from the reversal's date") {
    Scenario s(paid_g1() + saving_2014);  // seq 7
    s.apply(reversal(7, "2015-05-01", "the evaluation was withdrawn"));
    CHECK(s.grant_on("G-1", "2015-04-30").obligation == sek("300000.00"));
    CHECK(s.on("2015-04-30").obligations_outstanding == sek("300000.00"));
    CHECK(s.grant_on("G-1", "2015-05-01").obligation == Money());
    CHECK(s.on("2016-01-01").obligations_outstanding == Money());
    CHECK(s.on("2016-01-01").obligations_overdue == Money());
}

TEST_CASE("A reversed repayment is owed again from the reversal's date") {
    Scenario s(paid_g1() + saving_2014 +
               R"({"type":"repayment.received","date":"2015-06-30","actor":"finance","grant":"G-1","unit":"vof","budget_year":2015,"amount":"300000.00"})");
    REQUIRE(s.event(8).command.type() == "repayment.received");
    s.apply(reversal(8, "2015-07-15", "booked against the wrong unit"));
    CHECK(s.on("2015-07-14").repayments == sek("300000.00"));
    CHECK(s.on("2015-07-14").obligations_outstanding == Money());
    CHECK(s.on("2015-07-15").repayments == Money());
    CHECK(s.on("2015-07-15").cash == sek("64000000.00"));
    CHECK(s.on("2015-07-15").obligations_outstanding == sek("300000.00"));
    CHECK(s.on("2016-01-01").obligations_overdue == sek("300000.00"));
}

TEST_CASE("A reversed write-off is owed again from the reversal's date") {
    Scenario s(paid_g1() + saving_2014 +
               R"({"type":"obligation.written_off","date":"2016-12-31","actor":"ks","grant":"G-1","amount":"300000.00","decision":"KS 2016-12-13 §300","reason":"no frame"})");
    s.apply(reversal(8, "2017-02-01", "the decision was appealed", "ks"));
    CHECK(s.on("2017-01-31").written_off == sek("300000.00"));
    CHECK(s.on("2017-01-31").obligations_outstanding == Money());
    CHECK(s.on("2017-02-01").written_off == Money());
    CHECK(s.on("2017-02-01").obligations_outstanding == sek("300000.00"));
}

TEST_CASE("A reversed closing reopens the grant and its commitment") {
    Scenario s(paid_g1() +
               R"({"type":"grant.closed","date":"2015-06-30","actor":"ks","grant":"G-1","decision":"KS 2015-06-16 §100"})");
    REQUIRE(s.event(7).command.type() == "grant.closed");
    s.apply(reversal(7, "2015-07-15", "closed the wrong grant", "ks"));
    CHECK(s.grant_on("G-1", "2015-07-14").status == "closed");
    CHECK(s.on("2015-07-14").committed_undisbursed == Money());
    CHECK(s.grant_on("G-1", "2015-07-15").status == "active");
    CHECK(s.on("2015-07-15").committed_undisbursed == sek("1800000.00"));
    s.apply(R"({"type":"grant.disbursed","date":"2015-08-01","actor":"finance","grant":"G-1","amount":"1800000.00"})");
}

TEST_CASE("A reversed rejection puts the application back for decision") {
    Scenario s(established() + application_a1 +
               R"({"type":"application.rejected","date":"2013-11-05","actor":"ks-chair","application":"A-1","body":"ks","decision":"KS 2013-11-05 §202","reasons":["not preventive"]})");
    REQUIRE(s.event(5).command.type() == "application.rejected");
    CHECK(s.refused(grant_g1).rule_id() == "application.transition");
    s.apply(reversal(5, "2013-11-20", "the reasons were wrong", "ks-chair"));
    CHECK(s.fund.state().application("A-1")->status == ApplicationStatus::submitted);
    s.apply(
        R"({"type":"grant.decided","date":"2013-11-21","actor":"ks-chair","grant":"G-1","application":"A-1","amount":"2800000.00","body":"ks","decision":"KS 2013-11-21 §210"})");
}

TEST_CASE("reversal.unknown: an event that is not in the ledger") {
    Scenario s;
    const auto v = s.refused(reversal(99, "2013-06-01"));
    CHECK(v.rule_id() == "reversal.unknown");
    CHECK_THAT(std::string(v.what()), mentions("no event 99") && mentions("holds 3"));
}

TEST_CASE("reversal.of_reversal and reversal.already_reversed") {
    Scenario s;
    s.apply(reversal(3, "2013-06-01"));  // seq 4
    const auto twice = s.refused(reversal(3, "2013-07-01"));
    CHECK(twice.rule_id() == "reversal.already_reversed");
    CHECK_THAT(std::string(twice.what()), mentions("event 3 is already reversed"));
    const auto of_reversal = s.refused(reversal(4, "2013-07-01", "undo the undo"));
    CHECK(of_reversal.rule_id() == "reversal.of_reversal");
    CHECK_THAT(std::string(of_reversal.what()), mentions("event 4 is itself a reversal"));
    // The way back is a new contribution.
    s.apply(R"({"type":"capital.contributed","date":"2013-07-01","actor":"finance","amount":"65000000.00"})");
    CHECK(s.on("2013-07-01").cash == sek("65000000.00"));
}

TEST_CASE("reversal.not_reversible: what is neither money nor a decision") {
    Scenario s(established() + application_a1 + grant_g1 + first_tranche_g1 +
               R"({"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-1","kind":"interim","period_end":"2014-06-30"})"
               "\n"
               R"({"type":"tax_revenue.recorded","date":"2014-07-10","actor":"finance","budget_year":2015,"kind":"budget","amount":"6700000000.00"})"
               "\n"
               R"({"type":"application.submitted","date":"2014-07-10","actor":"vof","application":"A-2","title":"Dras tillbaka","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2015-01-01","end":"2015-12-31"})"
               "\n"
               R"({"type":"application.withdrawn","date":"2014-07-11","actor":"vof","application":"A-2"})");
    const std::vector<std::pair<std::int64_t, std::string>> targets{
        {1, "fund.established"}, {2, "rulebook.adopted"},     {4, "application.submitted"},
        {7, "report.submitted"}, {8, "tax_revenue.recorded"}, {10, "application.withdrawn"}};
    for (const auto& [seq, type] : targets) {
        INFO(type);
        REQUIRE(s.event(seq).command.type() == type);
        const auto v = s.refused(reversal(seq, "2014-08-01"));
        CHECK(v.rule_id() == "reversal.not_reversible");
        CHECK_THAT(std::string(v.what()), mentions("(" + type + ")"));
    }
}

TEST_CASE("reversal.not_reversible: the fund's own true-up") {
    Scenario s(
        established() +
        R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"})"
        "\n"
        R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","basis":"budget","decision":"KF 1"})"
        "\n"
        R"({"type":"tax_revenue.recorded","date":"2015-04-15","actor":"finance","budget_year":2014,"kind":"outcome","amount":"6600000000.00"})");
    REQUIRE(s.event(7).command.type() == "allocation.trued_up");
    CHECK(s.refused(reversal(7, "2015-05-01")).rule_id() == "reversal.not_reversible");
    // Nor the allocation it trued up.
    const auto v = s.refused(reversal(5, "2015-05-01"));
    CHECK(v.rule_id() == "reversal.has_dependents");
    CHECK_THAT(std::string(v.what()), mentions("trued up"));
}

TEST_CASE("reversal.before_event: a reversal is not dated before what it reverses") {
    Scenario s;
    const auto v = s.refused(reversal(3, "2013-01-14"));
    CHECK(v.rule_id() == "reversal.before_event");
    CHECK_THAT(std::string(v.what()), mentions("2013-01-14") && mentions("2013-01-15"));
    s.apply(reversal(3, "2013-01-15"));  // the same day undoes it entirely
    CHECK(s.on("2013-01-15").cash == Money());
}

TEST_CASE("reversal.has_dependents: a grant with disbursements") {
    Scenario s(paid_g1());
    const auto v = s.refused(reversal(5, "2014-02-01"));
    CHECK(v.rule_id() == "reversal.has_dependents");
    CHECK_THAT(std::string(v.what()), mentions("grant G-1 has disbursements") && mentions("reverse those first"));
}

// BUG: once its only disbursement is reversed, a grant decision still cannot
// be reversed, although the refusal says "reverse those first". undo() in
// include/sifund/fund/apply.hpp records a reversed disbursement as a negative
// Disbursement in GrantRecord::disbursements, and reversal_has_dependents in
// include/sifund/fund/checks.hpp tests `!g->disbursements.empty()`, which then
// stays true for ever (it should ask whether any unreversed disbursement is left).
// (Fails at commit ef541d9; passes with a working-tree change to checks.hpp
TEST_CASE("A grant whose disbursements were reversed first can itself be reversed") {
    Scenario s(paid_g1());
    s.apply(reversal(6, "2014-02-01"));
    s.apply(reversal(5, "2014-02-01", "decided in error", "ks"));
    CHECK(s.on("2014-02-01").committed_undisbursed == Money());
    CHECK(s.on("2014-02-01").cash == sek("65000000.00"));
    CHECK(s.on("2014-02-01").grants.empty());
}

TEST_CASE("reversal.has_dependents: a savings verification that repayments rest on") {
    Scenario s(paid_g1() + saving_2014 +
               R"({"type":"repayment.received","date":"2015-06-30","actor":"finance","grant":"G-1","unit":"vof","budget_year":2015,"amount":"200000.00"})");
    const auto v = s.refused(reversal(7, "2015-07-01"));
    CHECK(v.rule_id() == "reversal.has_dependents");
    CHECK_THAT(std::string(v.what()), mentions("repayments and write-offs of G-1 rest on"));
    s.apply(reversal(8, "2015-07-01"));  // the repayment first
    s.apply(reversal(7, "2015-07-01"));
    CHECK(s.on("2015-07-01").obligations_outstanding == Money());
}

TEST_CASE("reversal.has_dependents: a disbursement of a closed grant") {
    Scenario s(paid_g1() +
               R"({"type":"grant.closed","date":"2015-06-30","actor":"ks","grant":"G-1","decision":"KS 2015-06-16 §100"})");
    const auto v = s.refused(reversal(6, "2015-07-01"));
    CHECK(v.rule_id() == "reversal.has_dependents");
    CHECK_THAT(std::string(v.what()), mentions("G-1 is closed"));
}
