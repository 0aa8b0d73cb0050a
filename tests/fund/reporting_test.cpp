// Reports and the disbursement block (DESIGN §4.2): an interim report is due
// one month after each period of interim_every_months counted from the
// project's start, the final report within final_within_months of its end;
// while a report is overdue no tranche is paid, judged on the tranche's date.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
// G-1 runs 2014-01-01..2016-12-31: interim reports for 2014-01-01..2014-06-30
// (due 2014-07-30), ..2014-12-31 (due 2015-01-31), ..2015-06-30, ..2015-12-31,
// ..2016-06-30 (due 2016-07-30); the final report is due 2017-03-31.
std::string paying_g1() { return established() + application_a1 + grant_g1 + first_tranche_g1; }

std::string tranche(const char* date, const char* amount = "100000.00") {
    return R"({"type":"grant.disbursed","date":")" + std::string(date) +
           R"(","actor":"finance","grant":"G-1","amount":")" + amount + R"("})";
}
}  // namespace

TEST_CASE("A tranche on the day an interim report falls due is paid; the day after it waits for the report") {
    Scenario s(paying_g1());
    s.apply(tranche("2014-07-30"));

    const auto v = s.refused(tranche("2014-07-31"));
    CHECK(v.rule_id() == "reporting.block_disbursement_when_overdue");
    CHECK(v.expected() == "report by 2014-07-30");
    CHECK_THAT(std::string(v.what()),
               mentions("interim report of G-1 for 2014-01-01..2014-06-30 was due on 2014-07-30"));

    s.apply(
        R"({"type":"report.submitted","date":"2014-07-31","actor":"vof","grant":"G-1","kind":"interim","period_end":"2014-06-30","costs":"480000.00","indicators":{"fall injuries per 1000":"36"}})");
    s.apply(tranche("2014-07-31"));
    CHECK(s.on("2014-07-31").disbursed == sek("1200000.00"));
}

TEST_CASE("A report for the first period does not cover the second") {
    Scenario s(paying_g1() +
               R"({"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-1","kind":"interim","period_end":"2014-06-30"})");
    s.apply(tranche("2015-01-31"));
    const auto v = s.refused(tranche("2015-02-01"));
    CHECK(v.rule_id() == "reporting.block_disbursement_when_overdue");
    CHECK_THAT(std::string(v.what()), mentions("2014-07-01..2014-12-31") && mentions("2015-01-31"));
}

TEST_CASE("The final report is due final_within_months after the project's end") {
    // One interim report reaching 2016-06-30 covers every interim period.
    Scenario s(paying_g1() +
               R"({"type":"report.submitted","date":"2016-07-15","actor":"kof","grant":"G-1","kind":"interim","period_end":"2016-06-30"})");
    s.apply(tranche("2017-03-31"));
    const auto v = s.refused(tranche("2017-04-01"));
    CHECK(v.rule_id() == "reporting.block_disbursement_when_overdue");
    CHECK_THAT(std::string(v.what()), mentions("final report of G-1") && mentions("2017-03-31"));
    s.apply(
        R"({"type":"report.submitted","date":"2017-04-01","actor":"vof","grant":"G-1","kind":"final","period_end":"2016-12-31"})");
    s.apply(tranche("2017-04-01"));
}

TEST_CASE("Reporting periods are counted from the project's start, not the calendar") {
    // 2014-03-15..2015-09-14: interim 2014-03-15..2014-09-14 due 2014-10-14,
    // 2014-09-15..2015-03-14 due 2015-04-14; the last period is the final report's.
    Scenario s(
        established() +
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Arton månader","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-03-15","end":"2015-09-14"})"
        "\n"
        R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-2","application":"A-2","amount":"1000000.00","body":"ks","decision":"KS 1"})");
    auto pay = [](const char* date) {
        return R"({"type":"grant.disbursed","date":")" + std::string(date) +
               R"(","actor":"finance","grant":"G-2","amount":"100000.00"})";
    };
    s.apply(pay("2014-10-14"));
    const auto v = s.refused(pay("2014-10-15"));
    CHECK(v.rule_id() == "reporting.block_disbursement_when_overdue");
    CHECK_THAT(std::string(v.what()), mentions("2014-03-15..2014-09-14") && mentions("2014-10-14"));
    s.apply(
        R"({"type":"report.submitted","date":"2014-10-15","actor":"vof","grant":"G-2","kind":"interim","period_end":"2014-09-14"})");
    s.apply(pay("2015-04-14"));
    CHECK(s.refused(pay("2015-04-15")).rule_id() == "reporting.block_disbursement_when_overdue");
    s.apply(
        R"({"type":"report.submitted","date":"2015-04-15","actor":"vof","grant":"G-2","kind":"interim","period_end":"2015-03-14"})");
    // No third interim report: the period ending with the project is the final report's, due 2015-12-14.
    s.apply(pay("2015-12-14"));
    const auto final_overdue = s.refused(pay("2015-12-15"));
    CHECK_THAT(std::string(final_overdue.what()), mentions("final report") && mentions("2015-12-14"));
}

TEST_CASE("The block is judged on the tranche's date: a report submitted later does not cover a back-dated tranche") {
    Scenario s(paying_g1() +
               R"({"type":"report.submitted","date":"2014-08-05","actor":"vof","grant":"G-1","kind":"interim","period_end":"2014-06-30"})");
    const auto v = s.refused(tranche("2014-08-01"));
    CHECK(v.rule_id() == "reporting.block_disbursement_when_overdue");
    s.apply(tranche("2014-08-05"));
}

TEST_CASE("With block_disbursement_when_overdue false an overdue report blocks nothing") {
    Scenario s(established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})") + application_a1 +
               grant_g1 + first_tranche_g1);
    s.apply(tranche("2014-07-31") + "\n" + tranche("2017-04-01"));
    CHECK(s.on("2017-04-01").disbursed == sek("1200000.00"));
}
