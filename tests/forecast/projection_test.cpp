// The projection on a small fund computed by hand (forecast_history.hpp).
#include "forecast_history.hpp"

using namespace sifund;
using namespace sifund::testing;
using forecast::project;

namespace {
Money m(const char* s) { return Money::parse(s); }
const forecast::ProjectedYear& year(const forecast::Projection& p, int y) {
    for (const auto& py : p.years)
        if (py.budget_year == y) return py;
    FAIL("no projected year " << y);
    return p.years.front();
}
const char* const growth_and_phase_in =
    R"({"tax_revenue":{"growth":"0.10"},"allocation_rate":{"target":"0.02","phase_in_years":2}})";
}  // namespace

TEST_CASE("the projection starts the year after the last event, from the books as of the year before", "[forecast][projection]") {
    const History h(small_fund_history());
    const auto p = project(h.events(), assume("{}"), 2016);
    CHECK(p.base_year == 2013);
    CHECK(p.from == 2014);
    CHECK(p.years.size() == 3);
    CHECK(p.opening.cash == m("20000000.00"));  // the 2014 allocation is not there yet
    CHECK(p.opening.committed_undisbursed == m("2800000.00"));
    CHECK(p.opening.free_capital == m("17200000.00"));
    CHECK(p.reserve_floor == m("5000000.00"));
    CHECK(p.rulebook_version == "2013.1");
}

TEST_CASE("allocations: the recorded one, then a phase-in of the rate over a growing tax revenue", "[forecast][projection]") {
    const History h(small_fund_history());
    const auto p = project(h.events(), assume(growth_and_phase_in), 2018);
    // 2014 was decided by the council: 1 % of 100 MSEK.
    CHECK(year(p, 2014).allocation_recorded);
    CHECK(year(p, 2014).allocation == m("1000000.00"));
    CHECK(year(p, 2014).tax_revenue == m("100000000.00"));
    // Then the rate steps from the last decided 1 % to the 2 % target in two steps, and
    // the tax revenue grows by 10 % a year: 110, 121, 133.1, 146.41 MSEK.
    CHECK(year(p, 2015).tax_revenue == m("110000000.00"));
    CHECK(year(p, 2015).allocation_rate == Rate::parse("0.015"));
    CHECK(year(p, 2015).allocation == m("1650000.00"));
    CHECK(year(p, 2016).allocation_rate == Rate::parse("0.02"));
    CHECK(year(p, 2016).allocation == m("2420000.00"));
    CHECK(year(p, 2017).allocation == m("2662000.00"));
    CHECK(year(p, 2018).tax_revenue == m("146410000.00"));
    CHECK(year(p, 2018).allocation == m("2928200.00"));
}

TEST_CASE("tranches, savings and repayments by hand", "[forecast][projection]") {
    const History h(small_fund_history());
    const auto p = project(h.events(), assume(growth_and_phase_in), 2018);
    // G-1 pays its tranche plan: 1.0, 1.0, 0.8 MSEK.
    CHECK(year(p, 2014).disbursed == m("1000000.00"));
    CHECK(year(p, 2015).disbursed == m("1000000.00"));
    CHECK(year(p, 2016).disbursed == m("800000.00"));
    CHECK(year(p, 2017).disbursed == m("0.00"));
    // The 2017 saving of 1.5 MSEK is verified in 2018 and repaid in full then (due end of 2018).
    CHECK(year(p, 2017).savings.is_zero());
    CHECK(year(p, 2018).savings == m("1500000.00"));
    CHECK(year(p, 2018).obligations_arisen == m("1500000.00"));
    CHECK(year(p, 2018).repayments == m("1500000.00"));

    // Year-end statements: cash = 20 + allocations + repayments - disbursed.
    CHECK(year(p, 2014).statement.cash == m("20000000.00"));
    CHECK(year(p, 2014).statement.committed_undisbursed == m("1800000.00"));
    CHECK(year(p, 2014).statement.free_capital == m("18200000.00"));
    CHECK(year(p, 2015).statement.free_capital == m("19850000.00"));
    CHECK(year(p, 2016).statement.free_capital == m("22270000.00"));
    CHECK(year(p, 2017).statement.free_capital == m("24932000.00"));
    CHECK(year(p, 2018).statement.free_capital == m("29360200.00"));
    CHECK(year(p, 2018).statement.allocations == m("10660200.00"));
    CHECK(year(p, 2018).statement.repayments == m("1500000.00"));
    CHECK(year(p, 2018).statement.disbursed == m("2800000.00"));
    CHECK(year(p, 2018).statement.obligations_outstanding.is_zero());
    CHECK_FALSE(p.first_breach_year);
}

TEST_CASE("the expected value weighs savings by the probability of success and the mean factor", "[forecast][projection]") {
    const History h(small_fund_history());
    SECTION("promising succeeds half the time") {
        const auto p = project(h.events(), assume(R"({"success":{"promising":"0.5"}})"), 2018);
        CHECK(year(p, 2018).savings == m("750000.00"));
        CHECK(year(p, 2018).repayments == m("750000.00"));
    }
    SECTION("and a triangular spread 0.3 / 0.9 / 1.5 has mean 0.9") {
        const auto p = project(h.events(),
                               assume(R"({"success":{"promising":"0.5"},"savings_spread":{"distribution":"triangular","low":"0.3","mode":"0.9","high":"1.5"}})"),
                               2018);
        CHECK(year(p, 2018).savings == m("675000.00"));
    }
    SECTION("a project's own probability wins over its evidence level") {
        const auto p = project(h.events(), assume(R"({"success":{"promising":"0.5"},"projects":{"G-1":{"p_success":"0.2"}}})"), 2018);
        CHECK(year(p, 2018).savings == m("300000.00"));
    }
    SECTION("the cap: share x saving never passes cap_factor x disbursed") {
        const History big(small_fund_history() + revision("2013.2", "2013-12-01", R"({"repayment":{"cap_factor":"0.25"}})"));
        // G-1 keeps the terms it was decided under (cap 1.0): 1.5 MSEK.
        CHECK(year(project(big.events(), assume("{}"), 2018), 2018).repayments == m("1500000.00"));
        // New grants get the terms in force at the start: 10 MSEK, savings 10 MSEK over one year,
        // capped at 0.25 x 10 MSEK.
        const auto p = project(big.events(),
                               assume(R"({"new_grants":{"yearly_volume":"10000000.00","first_year":2014,"last_year":2014,"duration_years":1,"savings_ratio":"1","savings_years":1,"savings_start_after_years":1}})"),
                               2018);
        CHECK(year(p, 2016).obligations_arisen == m("2500000.00"));
    }
}

TEST_CASE("new grants drain free capital: the first year below the reserve floor", "[forecast][projection]") {
    const History h(small_fund_history());
    const auto p = project(h.events(),
                           assume(R"({"tax_revenue":{"growth":"0.10"},"allocation_rate":{"target":"0.02","phase_in_years":2},
                                      "new_grants":{"yearly_volume":"10000000.00","first_year":2015,"duration_years":2}})"),
                           2018);
    CHECK(year(p, 2015).new_grants == m("10000000.00"));
    CHECK(year(p, 2015).disbursed == m("6000000.00"));  // G-1's 1.0 and half of the new 10
    CHECK(year(p, 2015).statement.free_capital == m("9850000.00"));
    CHECK(year(p, 2016).disbursed == m("10800000.00"));
    CHECK(year(p, 2016).statement.committed_undisbursed == m("5000000.00"));
    CHECK(year(p, 2016).statement.free_capital == m("2270000.00"));
    CHECK(year(p, 2016).below_reserve_floor);
    REQUIRE(p.first_breach_year);
    CHECK(*p.first_breach_year == 2016);
}

TEST_CASE("a forecast from an earlier year reads the books as they stood then", "[forecast][projection]") {
    const History h(small_fund_history() +
                    R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"})"
                    "\n");
    const auto later = project(h.events(), assume("{}"), 2016);
    CHECK(later.from == 2015);
    CHECK(later.opening.disbursed == m("1000000.00"));
    const auto earlier = project(h.events(), assume(R"({"from":2014})"), 2016);
    CHECK(earlier.opening.disbursed.is_zero());
    CHECK(year(earlier, 2014).disbursed == m("1000000.00"));
}

TEST_CASE("a forecast that ends before it starts is refused", "[forecast][projection]") {
    const History h(small_fund_history());
    CHECK_THROWS_WITH(project(h.events(), assume("{}"), 2013), Catch::Contains("before the first projected year 2014"));
}
