// Ids (DESIGN §4.2): fund, application, grant and rulebook version are unique;
// decision references may repeat. A command naming an application or grant
// needs one that exists, and is not dated before it.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

TEST_CASE("application.duplicate: an application id is used once") {
    Scenario s(established() + application_a1);
    const auto v = s.refused(application_a1);
    CHECK(v.rule_id() == "application.duplicate");
    CHECK_THAT(std::string(v.what()), mentions("application A-1 is already submitted"));
}

TEST_CASE("application.duplicate: also within one batch, which then stores nothing") {
    Scenario s;
    const auto v = s.refused(std::string(application_a1) + application_a1);
    CHECK(v.rule_id() == "application.duplicate");
    CHECK(v.index() == std::optional<std::size_t>(1));
    CHECK(s.fund.state().application("A-1") == nullptr);
}

TEST_CASE("grant.duplicate: a grant id is used once") {
    Scenario s(established() + application_a1 + grant_g1 +
               R"({"type":"application.submitted","date":"2013-09-02","actor":"kof","application":"A-2","title":"Nästa","applicants":["kof","vof"],"focus_area":"demokrati","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    const auto v = s.refused(
        R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-1","application":"A-2","amount":"1000000.00","body":"ks","decision":"KS 2013-11-05 §201"})");
    CHECK(v.rule_id() == "grant.duplicate");
    CHECK_THAT(std::string(v.what()), mentions("grant G-1 is already decided"));
    // The same decision reference may cover two grants.
    s.apply(
        R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-2","application":"A-2","amount":"1000000.00","body":"ks","decision":"KS 2013-11-05 §201"})");
    CHECK(s.on("2013-11-05").grants.size() == 2);
}

TEST_CASE("application.unknown: withdrawing, rejecting or granting an application never submitted") {
    Scenario s;
    for (const char* line :
         {R"({"type":"application.withdrawn","date":"2013-10-01","actor":"vof","application":"A-404"})",
          R"({"type":"application.rejected","date":"2013-11-05","actor":"ks","application":"A-404","body":"ks","decision":"KS 1","reasons":["none"]})",
          R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-404","application":"A-404","amount":"1000.00","body":"ks","decision":"KS 1"})"}) {
        INFO(line);
        const auto v = s.refused(line);
        CHECK(v.rule_id() == "application.unknown");
        CHECK_THAT(std::string(v.what()), mentions("no application A-404 has been submitted"));
    }
}

TEST_CASE("grant.unknown: every command on a grant needs a grant that was decided") {
    Scenario s;
    for (const char* line : {
             R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-404","amount":"1000.00"})",
             R"({"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-404","kind":"interim","period_end":"2014-06-30"})",
             R"({"type":"savings.verified","date":"2015-03-01","actor":"uni","grant":"G-404","unit":"vof","budget_year":2014,"amount":"1000.00","method":"m","verifier":"v"})",
             R"({"type":"repayment.received","date":"2015-06-30","actor":"finance","grant":"G-404","unit":"vof","budget_year":2015,"amount":"1000.00"})",
             R"({"type":"obligation.written_off","date":"2015-06-30","actor":"ks","grant":"G-404","amount":"1000.00","decision":"KS 1","reason":"r"})",
             R"({"type":"grant.closed","date":"2015-06-30","actor":"ks","grant":"G-404","decision":"KS 1"})",
         }) {
        INFO(line);
        const auto v = s.refused(line);
        CHECK(v.rule_id() == "grant.unknown");
        CHECK_THAT(std::string(v.what()), mentions("no grant G-404 has been decided"));
    }
}

TEST_CASE("grant.before_decision: nothing is paid or reported before the grant was decided") {
    Scenario s(established() + application_a1 + grant_g1);  // decided 2013-11-05
    const auto v = s.refused(
        R"({"type":"grant.disbursed","date":"2013-11-04","actor":"finance","grant":"G-1","amount":"1000.00"})");
    CHECK(v.rule_id() == "grant.before_decision");
    CHECK_THAT(std::string(v.what()), mentions("2013-11-05") && mentions("2013-11-04"));
    const auto report = s.refused(
        R"({"type":"report.submitted","date":"2013-11-04","actor":"vof","grant":"G-1","kind":"interim","period_end":"2013-10-31"})");
    CHECK(report.rule_id() == "grant.before_decision");
    s.apply(R"({"type":"grant.disbursed","date":"2013-11-05","actor":"finance","grant":"G-1","amount":"1000.00"})");
}

TEST_CASE("application.before_submission: no decision on an application before it was made") {
    Scenario s(established() + application_a1);  // submitted 2013-09-02
    const auto v = s.refused(
        R"({"type":"grant.decided","date":"2013-09-01","actor":"ks-chair","grant":"G-1","application":"A-1","amount":"2800000.00","body":"ks","decision":"KS 1"})");
    CHECK(v.rule_id() == "application.before_submission");
    CHECK_THAT(std::string(v.what()), mentions("2013-09-02") && mentions("2013-09-01"));
    const auto withdrawn = s.refused(
        R"({"type":"application.withdrawn","date":"2013-09-01","actor":"vof","application":"A-1"})");
    CHECK(withdrawn.rule_id() == "application.before_submission");
    s.apply(
        R"({"type":"grant.decided","date":"2013-09-02","actor":"ks-chair","grant":"G-1","application":"A-1","amount":"2800000.00","body":"ks","decision":"KS 1"})");
}
