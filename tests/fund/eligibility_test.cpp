// Who may apply and what qualifies (DESIGN §4.2 eligibility): a number of
// distinct applicants, one of the fund's focus areas, and evidence at least
// at the rulebook's level (idea < promising < established).

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

TEST_CASE("An application needs min_applicants distinct applicants") {
    Scenario s;
    SECTION("one unit named twice is one applicant") {
        const auto v = s.refused(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Ensam","applicants":["vof","vof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
        CHECK(v.rule_id() == "eligibility.min_applicants");
        CHECK(v.citation() == "§3.1");
        CHECK(v.expected() == ">= 2");
        CHECK(v.actual() == "1");
        CHECK_THAT(std::string(v.what()), mentions("1 applicant") && mentions("at least 2"));
    }
    SECTION("two units are enough") {
        s.apply(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Tillsammans","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
        CHECK(s.fund.state().application("A-2") != nullptr);
    }
}

TEST_CASE("With min_applicants 3, three names of which two are the same are not enough") {
    Scenario s(established_with(R"({"roles":{"sof":["unit"]},"eligibility":{"min_applicants":3}})"));
    const auto v = s.refused(
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-3","title":"Tre","applicants":["vof","kof","vof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    CHECK(v.rule_id() == "eligibility.min_applicants");
    CHECK(v.actual() == "2");
    s.apply(
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-3","title":"Tre","applicants":["vof","kof","sof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
}

TEST_CASE("A project names one of the fund's focus areas") {
    Scenario s;
    const auto v = s.refused(
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Vägar","applicants":["vof","kof"],"focus_area":"infrastruktur","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    CHECK(v.rule_id() == "eligibility.focus_areas");
    CHECK(v.actual() == "infrastruktur");
    CHECK_THAT(std::string(v.what()), mentions("infrastruktur") && mentions("geografi, demografi, demokrati"));
    s.apply(
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Medborgardialog","applicants":["vof","kof"],"focus_area":"demokrati","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
}

TEST_CASE("A rulebook without focus areas takes any") {
    Scenario s(established_with(R"({"eligibility":{"focus_areas":[]}})"));
    s.apply(
        R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Vägar","applicants":["vof","kof"],"focus_area":"infrastruktur","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    CHECK(s.fund.state().application("A-2") != nullptr);
}

TEST_CASE("Evidence levels rise from idea through promising to established") {
    SECTION("under min_evidence promising: an idea is refused, promising and established pass") {
        Scenario s;
        const auto v = s.refused(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Idé","applicants":["vof","kof"],"focus_area":"demografi","evidence":"idea","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
        CHECK(v.rule_id() == "eligibility.min_evidence");
        CHECK(v.expected() == ">= promising");
        CHECK(v.actual() == "idea");
        s.apply(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Lovande","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})"
            "\n"
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-3","title":"Beprövad","applicants":["vof","kof"],"focus_area":"demografi","evidence":"established","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    }
    SECTION("under min_evidence established: promising is refused") {
        Scenario s(established_with(R"({"eligibility":{"min_evidence":"established"}})"));
        const auto v = s.refused(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Lovande","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
        CHECK(v.rule_id() == "eligibility.min_evidence");
        CHECK_THAT(std::string(v.what()), mentions("\"promising\"") && mentions("\"established\""));
        s.apply(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-3","title":"Beprövad","applicants":["vof","kof"],"focus_area":"demografi","evidence":"established","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    }
    SECTION("under min_evidence idea: an idea passes") {
        Scenario s(established_with(R"({"eligibility":{"min_evidence":"idea"}})"));
        s.apply(
            R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Idé","applicants":["vof","kof"],"focus_area":"demografi","evidence":"idea","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})");
    }
}
