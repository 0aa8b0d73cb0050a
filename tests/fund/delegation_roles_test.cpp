// Who may give which command (DESIGN §4.2): the roles of the rulebook in
// force, the default permission table or the rulebook's own, units acting
// only for their own applications and grants, no one deciding on their own
// application or verifying their own savings, and delegation by amount.

#include <algorithm>

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {

std::string as(std::string line, const std::string& actor) {
    const std::string placeholder = "{actor}";
    line.replace(line.find(placeholder), placeholder.size(), actor);
    return line;
}

// A fund in mid-life where each command below, by the right actor, is in order:
// G-1 is active and owes 500 000 kr from savings verified in 2015; A-2 and A-3
// wait for a decision; G-2 (on A-4) is approved and starts in June 2015.
std::string mid_life() {
    return established() + application_a1 + grant_g1 + first_tranche_g1 +
           R"({"type":"application.submitted","date":"2014-09-01","actor":"vof","application":"A-2","title":"Att dra tillbaka","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2015-01-01","end":"2015-12-31"})"
           "\n"
           R"({"type":"application.submitted","date":"2014-09-01","actor":"vof","application":"A-3","title":"Att besluta om","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2015-01-01","end":"2015-12-31"})"
           "\n"
           R"({"type":"application.submitted","date":"2014-09-01","actor":"kof","application":"A-4","title":"Hemtjänst","applicants":["kof","vof"],"focus_area":"geografi","evidence":"promising","requested":"1000000.00","start":"2015-06-01","end":"2016-05-31"})"
           "\n"
           R"({"type":"grant.decided","date":"2014-11-05","actor":"ks-chair","grant":"G-2","application":"A-4","amount":"1000000.00","body":"ks","decision":"KS 2014-11-05 §150"})"
           "\n"
           R"({"type":"savings.verified","date":"2015-03-01","actor":"finance","grant":"G-1","unit":"vof","budget_year":2014,"amount":"500000.00","method":"difference-in-differences","verifier":"Örebro universitet"})"
           "\n";
}

struct Row {
    std::string type;
    std::string line;                // with {actor} where the actor goes
    std::vector<std::string> may;    // actors whose roles allow it
    std::string may_not;             // an actor with a role that does not
};

std::vector<Row> rows() {
    std::string rulebook = revision("2015.1", "2015-06-01", "{}", "{actor}");
    rulebook.pop_back();  // the newline
    return {
        {"rulebook.adopted", rulebook, {"ks"}, "ks-chair"},
        {"capital.contributed",
         R"({"type":"capital.contributed","date":"2015-06-01","actor":"{actor}","amount":"1000000.00"})",
         {"finance"},
         "kf"},
        {"tax_revenue.recorded",
         R"({"type":"tax_revenue.recorded","date":"2015-06-01","actor":"{actor}","budget_year":2016,"kind":"budget","amount":"6700000000.00"})",
         {"finance"},
         "kf"},
        {"allocation.decided",
         R"({"type":"allocation.decided","date":"2015-06-18","actor":"{actor}","budget_year":2016,"amount":"130000000.00","decision":"KF 2015-06-18 §99"})",
         {"kf"},
         "finance"},
        {"application.submitted",
         R"({"type":"application.submitted","date":"2015-06-01","actor":"{actor}","application":"A-5","title":"Ny","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2016-01-01","end":"2016-12-31"})",
         {"vof", "kof"},
         "finance"},
        {"application.withdrawn",
         R"({"type":"application.withdrawn","date":"2015-06-01","actor":"{actor}","application":"A-2"})",
         {"vof", "kof"},
         "ks"},
        {"application.rejected",
         R"({"type":"application.rejected","date":"2015-06-01","actor":"{actor}","application":"A-3","body":"ks","decision":"KS 2015-06-01 §90","reasons":["not preventive"]})",
         {"ks-chair", "ks"},
         "finance"},
        {"grant.decided",
         R"({"type":"grant.decided","date":"2015-06-01","actor":"{actor}","grant":"G-3","application":"A-3","amount":"1000000.00","body":"ks","decision":"KS 2015-06-01 §91"})",
         {"ks-chair", "ks"},
         "finance"},
        {"grant.disbursed",
         R"({"type":"grant.disbursed","date":"2015-06-01","actor":"{actor}","grant":"G-2","amount":"500000.00"})",
         {"finance"},
         "ks"},
        {"report.submitted",
         R"({"type":"report.submitted","date":"2015-06-01","actor":"{actor}","grant":"G-1","kind":"interim","period_end":"2014-12-31"})",
         {"vof", "kof"},
         "finance"},
        {"savings.verified",
         R"({"type":"savings.verified","date":"2015-06-01","actor":"{actor}","grant":"G-1","unit":"vof","budget_year":2015,"amount":"100000.00","method":"register study","verifier":"Örebro universitet"})",
         {"finance", "uni"},
         "ks"},
        {"repayment.received",
         R"({"type":"repayment.received","date":"2015-06-01","actor":"{actor}","grant":"G-1","unit":"vof","budget_year":2015,"amount":"100000.00"})",
         {"finance"},
         "vof"},
        {"obligation.written_off",
         R"({"type":"obligation.written_off","date":"2015-06-01","actor":"{actor}","grant":"G-1","amount":"100000.00","decision":"KS 2015-06-01 §92","reason":"the frame could not carry it"})",
         {"ks"},
         "ks-chair"},
        {"grant.closed",
         R"({"type":"grant.closed","date":"2015-06-01","actor":"{actor}","grant":"G-2","decision":"KS 2015-06-01 §93"})",
         {"ks"},
         "finance"},
        {"event.reversed",
         R"({"type":"event.reversed","date":"2015-06-01","actor":"{actor}","seq":11,"reason":"the evaluation was withdrawn"})",
         {"finance"},
         "ks"},
    };
}

}  // namespace

TEST_CASE("The default permission table: each role may give its commands and no others") {
    // Every command a person gives is in the table (fund.established needs no
    // role; allocation.trued_up is the fund's own).
    std::set<std::string> types;
    for (const Row& r : rows()) types.insert(r.type);
    std::set<std::string> expected;
    for (std::string_view t : command_types())
        if (t != "fund.established" && t != "allocation.trued_up") expected.emplace(t);
    REQUIRE(types == expected);

    for (const Row& r : rows()) {
        INFO(r.type);
        for (const std::string& actor : r.may) {
            INFO("by " << actor);
            Scenario s(mid_life());
            CHECK_NOTHROW(s.apply(as(r.line, actor)));
        }
        for (const std::string& actor : {r.may_not, std::string("auditor"), std::string("stranger")}) {
            INFO("by " << actor);
            Scenario s(mid_life());
            const auto v = s.refused(as(r.line, actor));
            CHECK(v.rule_id() == "roles.permission");
            CHECK(v.citation() == "§2");
            CHECK_THAT(std::string(v.what()), mentions(actor) && mentions(r.type));
        }
    }
}

TEST_CASE("An actor the rulebook gives no role may do nothing") {
    Scenario s;
    const auto v = s.refused(
        R"({"type":"capital.contributed","date":"2013-02-01","actor":"kommunrevisionen","amount":"1000.00"})");
    CHECK(v.rule_id() == "roles.permission");
    CHECK(v.actual() == "none");
    CHECK_THAT(std::string(v.what()), mentions("kommunrevisionen (roles: none)"));
}

TEST_CASE("A rulebook's permissions override the default table for the roles it names") {
    // Here the council records tax revenue, and finance only takes in capital.
    Scenario s(established_with(
        R"({"permissions":{"council":["fund.established","allocation.decided","tax_revenue.recorded"],"finance":["capital.contributed"]}})"));
    const auto v = s.refused(
        R"({"type":"tax_revenue.recorded","date":"2013-06-01","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"})");
    CHECK(v.rule_id() == "roles.permission");
    s.apply(
        R"({"type":"tax_revenue.recorded","date":"2013-06-01","actor":"kf","budget_year":2014,"kind":"budget","amount":"6512000000.00"})");
    s.apply(R"({"type":"capital.contributed","date":"2013-06-01","actor":"finance","amount":"1000.00"})");
    // Roles the override does not name keep the default table.
    s.apply(application_a1);
    s.apply(grant_g1);
    const auto pay = s.refused(first_tranche_g1);  // finance may no longer pay out
    CHECK(pay.rule_id() == "roles.permission");
}

TEST_CASE("A unit applies, withdraws and reports only as one of the applicants") {
    Scenario s(established_with(R"({"roles":{"sof":["unit"]}})") + application_a1 + grant_g1);
    SECTION("applying for others") {
        const auto v = s.refused(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"För andra","applicants":["kof","sof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
        CHECK(v.rule_id() == "roles.own_application");
        CHECK_THAT(std::string(v.what()), mentions("vof is not one of the applicants (kof, sof)"));
    }
    SECTION("withdrawing another's application") {
        s.apply(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Egen","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
        const auto v = s.refused(
            R"({"type":"application.withdrawn","date":"2013-10-01","actor":"sof","application":"A-2"})");
        CHECK(v.rule_id() == "roles.own_application");
        s.apply(R"({"type":"application.withdrawn","date":"2013-10-01","actor":"kof","application":"A-2"})");
    }
    SECTION("reporting for another's grant") {
        const auto v = s.refused(
            R"({"type":"report.submitted","date":"2014-07-10","actor":"sof","grant":"G-1","kind":"interim","period_end":"2014-06-30"})");
        CHECK(v.rule_id() == "roles.own_application");
        CHECK_THAT(std::string(v.what()), mentions("A-1"));
        s.apply(
            R"({"type":"report.submitted","date":"2014-07-10","actor":"kof","grant":"G-1","kind":"interim","period_end":"2014-06-30"})");
    }
}

TEST_CASE("An applicant may not decide on its own application") {
    // vof is both a unit and on the board.
    Scenario s(established_with(R"({"roles":{"vof":["unit","board"]}})") + application_a1);
    const auto v = s.refused(
        R"({"type":"grant.decided","date":"2013-11-05","actor":"vof","grant":"G-1","application":"A-1","amount":"2800000.00","body":"ks","decision":"KS 1"})");
    CHECK(v.rule_id() == "segregation.own_application");
    CHECK_THAT(std::string(v.what()), mentions("vof is an applicant of A-1"));
    const auto reject = s.refused(
        R"({"type":"application.rejected","date":"2013-11-05","actor":"vof","application":"A-1","body":"ks","decision":"KS 1","reasons":["jävig"]})");
    CHECK(reject.rule_id() == "segregation.own_application");
    s.apply(
        R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-1","application":"A-1","amount":"2800000.00","body":"ks","decision":"KS 1"})");
}

TEST_CASE("An applicant may not verify its own savings") {
    // kof is both a unit and an evaluator; vof a unit and finance.
    Scenario s(established_with(R"({"roles":{"kof":["unit","evaluator"],"vof":["unit","finance"]}})") +
               application_a1 + grant_g1 + first_tranche_g1);
    for (const char* actor : {"kof", "vof"}) {
        INFO(actor);
        const auto v = s.refused(
            R"({"type":"savings.verified","date":"2015-03-01","actor":")" + std::string(actor) +
            R"(","grant":"G-1","unit":"vof","budget_year":2014,"amount":"500000.00","method":"self-assessment","verifier":"the unit"})");
        CHECK(v.rule_id() == "segregation.own_savings");
        CHECK_THAT(std::string(v.what()), mentions(std::string(actor) + " is an applicant of A-1"));
    }
    s.apply(
        R"({"type":"savings.verified","date":"2015-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2014,"amount":"500000.00","method":"difference-in-differences","verifier":"Örebro universitet"})");
}

TEST_CASE("Delegation: the chair decides grants up to 3 MSEK, the board any amount") {
    Scenario s(
        established() +
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Strax över","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"3000000.01","start":"2014-01-01","end":"2016-12-31"})");
    const auto v = s.refused(
        R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-2","application":"A-2","amount":"3000000.01","body":"ks","decision":"KS 1"})");
    CHECK(v.rule_id() == "delegation");
    CHECK(v.citation() == "§6");
    CHECK(v.expected() == "board");
    CHECK(v.actual() == "board-delegate");
    CHECK_THAT(std::string(v.what()), mentions("3000000.01") && mentions("board"));

    SECTION("the chair may decide exactly 3 000 000.00") {
        s.apply(
            R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-2","application":"A-2","amount":"3000000.00","body":"ks","decision":"KS 1"})");
        CHECK(s.on("2013-11-05").committed_undisbursed == sek("3000000.00"));
    }
    SECTION("the board may decide 3 000 000.01") {
        s.apply(
            R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-2","application":"A-2","amount":"3000000.01","body":"ks","decision":"KS 1"})");
        CHECK(s.on("2013-11-05").committed_undisbursed == sek("3000000.01"));
    }
    SECTION("the board may decide 3 000 000.00 too: a higher role may decide what a lower may") {
        s.apply(
            R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-2","application":"A-2","amount":"3000000.00","body":"ks","decision":"KS 1"})");
    }
}

TEST_CASE("Delegation: a rejection is judged by the amount the application asked for") {
    Scenario s(
        established() +
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Strax över","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"3000000.01","start":"2014-01-01","end":"2016-12-31"})"
        "\n"
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-3","title":"Precis","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"3000000.00","start":"2014-01-01","end":"2016-12-31"})");
    const auto v = s.refused(
        R"({"type":"application.rejected","date":"2013-11-05","actor":"ks-chair","application":"A-2","body":"ks","decision":"KS 1","reasons":["not preventive"]})");
    CHECK(v.rule_id() == "delegation");
    CHECK_THAT(std::string(v.what()), mentions("3000000.01"));
    s.apply(
        R"({"type":"application.rejected","date":"2013-11-05","actor":"ks-chair","application":"A-3","body":"ks","decision":"KS 2","reasons":["not preventive"]})"
        "\n"
        R"({"type":"application.rejected","date":"2013-11-05","actor":"ks","application":"A-2","body":"ks","decision":"KS 3","reasons":["not preventive"]})");
    CHECK(s.fund.state().application("A-2")->status == ApplicationStatus::rejected);
    CHECK(s.fund.state().application("A-3")->status == ApplicationStatus::rejected);
}
