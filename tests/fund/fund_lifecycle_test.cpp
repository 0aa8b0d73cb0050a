#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

TEST_CASE("A fund established with a lump sum has it all free") {
    Scenario s;
    const Statement st = s.on("2013-12-31");
    CHECK(st.capital_contributed == Money::parse("65000000.00"));
    CHECK(st.cash == Money::parse("65000000.00"));
    CHECK(st.free_capital == Money::parse("65000000.00"));
    CHECK(s.on("2013-01-14").cash == Money());  // the money came on 15 January
}

TEST_CASE("A grant commits money at its decision and pays it out in tranches") {
    Scenario s;
    s.apply(std::string(application_a1) + grant_g1 +
            R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"})");
    const Statement before = s.on("2013-11-04");
    CHECK(before.committed_undisbursed == Money());
    const Statement decided = s.on("2013-11-05");
    CHECK(decided.committed_undisbursed == Money::parse("2800000.00"));
    CHECK(decided.free_capital == Money::parse("62200000.00"));
    const Statement paid = s.on("2014-01-15");
    CHECK(paid.disbursed == Money::parse("1000000.00"));
    CHECK(paid.cash == Money::parse("64000000.00"));
    CHECK(paid.committed_undisbursed == Money::parse("1800000.00"));
    CHECK(paid.free_capital == Money::parse("62200000.00"));
    REQUIRE(paid.grants.size() == 1);
    CHECK(paid.grants[0].status == "active");
}

TEST_CASE("A grant above max_amount is refused and cites the rulebook") {
    Scenario s;
    s.apply(R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-9","title":"Big","applicants":["vof","kof"],"focus_area":"demografi","evidence":"established","requested":"20000000.00","start":"2014-01-01","end":"2016-12-31"})");
    const auto v = s.refused(
        R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-9","application":"A-9","amount":"10000000.01","body":"ks","decision":"KS 1"})");
    CHECK(v.rule_id() == "grant.max_amount");
    CHECK(v.citation() == "§4.2");
    CHECK(v.index() == std::optional<std::size_t>(0));
    s.apply(R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-9","application":"A-9","amount":"10000000.00","body":"ks","decision":"KS 1"})");
    CHECK(s.on("2013-12-31").committed_undisbursed == Money::parse("10000000.00"));
}
