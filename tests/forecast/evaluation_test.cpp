// Evaluation by hand; the differential test (evaluation_vs_decimal.py) checks
// many more cases against Python's decimal.
#include "forecast_history.hpp"

using namespace sifund;
using namespace sifund::testing;
using forecast::Bearer;
using forecast::CashFlows;
using forecast::evaluate;

namespace {
Money m(const char* s) { return Money::parse(s); }
forecast::Flow flow(int year, const char* costs, const char* savings, Bearer who = Bearer::municipality) {
    forecast::Flow f;
    f.budget_year = year;
    f.costs = m(costs);
    if (m(savings).minor() != 0) f.savings[who] = m(savings);
    return f;
}
}  // namespace

TEST_CASE("a project that earns exactly the discount rate has an NPV of zero and that rate as IRR", "[forecast][evaluation]") {
    const CashFlows cf{"P", 2014, {flow(2014, "1000.00", "0.00"), flow(2015, "0.00", "1100.00")}};
    const auto e = evaluate(cf, Rate::parse("0.10"), Rounding::half_even);
    CHECK(e.pv_costs == m("1000.00"));
    CHECK(e.pv_savings == m("1000.00"));
    CHECK(e.npv == m("0.00"));
    REQUIRE(e.irr);
    CHECK(*e.irr == "0.10000000");
    CHECK(e.payback_year == 2015);
    CHECK(e.discounted_payback_year == 2015);
    CHECK(e.benefit_cost_ratio == "1.000000");
}

TEST_CASE("savings split by who bears them", "[forecast][evaluation]") {
    forecast::Flow later = flow(2016, "0.00", "500.00");
    later.savings[Bearer::region] = m("300.00");
    later.savings[Bearer::state] = m("200.00");
    const CashFlows cf{"P", 2014, {flow(2014, "900.00", "0.00"), later}};
    const auto e = evaluate(cf, Rate::parse("0"), Rounding::half_even);
    CHECK(e.savings == m("1000.00"));
    CHECK(e.savings_by_bearer.at(Bearer::municipality) == m("500.00"));
    CHECK(e.pv_savings_by_bearer.at(Bearer::region) == m("300.00"));
    CHECK(e.pv_savings_by_bearer.at(Bearer::state) == m("200.00"));
    CHECK(e.npv == m("100.00"));
    CHECK(e.benefit_cost_ratio == "1.111111");
}

TEST_CASE("flows that never change sign have no IRR", "[forecast][evaluation]") {
    const CashFlows costs_only{"P", 2015, {flow(2015, "1000.00", "0.00"), flow(2016, "2000.00", "0.00")}};
    const auto e = evaluate(costs_only, Rate::parse("0.03"), Rounding::half_even);
    CHECK_FALSE(e.irr);
    CHECK(e.irr_note.find("no solution") != std::string::npos);
    CHECK_FALSE(e.payback_year);
    CHECK(e.npv.is_negative());
    const CashFlows savings_only{"P", 2015, {flow(2016, "0.00", "10.00")}};
    const auto s = evaluate(savings_only, Rate::parse("0.03"), Rounding::half_even);
    CHECK_FALSE(s.irr);
    CHECK_FALSE(s.benefit_cost_ratio);
    CHECK_FALSE(s.payback_year);
}

TEST_CASE("money results are rounded by the named mode, once, after summing", "[forecast][evaluation]") {
    // 0.01 kr a year later at 100 %: 0.005 kr, a tie.
    const CashFlows cf{"P", 2014, {flow(2015, "0.00", "0.01")}};
    CHECK(evaluate(cf, Rate::parse("1"), Rounding::half_even).pv_savings == m("0.00"));
    CHECK(evaluate(cf, Rate::parse("1"), Rounding::half_up).pv_savings == m("0.01"));
    CHECK(evaluate(cf, Rate::parse("1"), Rounding::down).pv_savings == m("0.00"));
    // Two flows of 0.005 each sum to 0.01 before rounding.
    const CashFlows two{"P", 2014, {flow(2015, "0.00", "0.01"), flow(2016, "0.00", "0.02")}};
    CHECK(evaluate(two, Rate::parse("1"), Rounding::down).pv_savings == m("0.01"));
}

TEST_CASE("payback is the year from which the cumulative net stays at or above zero", "[forecast][evaluation]") {
    const CashFlows cf{"P", 2014,
                       {flow(2014, "100.00", "0.00"), flow(2015, "0.00", "150.00"), flow(2016, "100.00", "0.00"),
                        flow(2017, "0.00", "100.00")}};
    const auto e = evaluate(cf, Rate::parse("0"), Rounding::half_even);
    CHECK(e.payback_year == 2017);  // 2015 is back above zero, 2016 falls below again
    CHECK(e.irr_note.find("change sign 3 times") != std::string::npos);
}

TEST_CASE("a grant's flows from the history: disbursements, co-financing, verified and expected savings",
          "[forecast][evaluation]") {
    const History h(small_fund_history() +
                    R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"})"
                    "\n");
    const auto a = assume(R"({"success":{"promising":"0.5"},"bearers":{"vof":"region"}})");
    const auto cf = forecast::grant_flows(h.events(), "G-1", a);
    CHECK(cf.base_year == 2013);
    REQUIRE(cf.flows.size() == 4);
    // Co-financing 600 000 over the budget 1.0 / 1.2 / 0.8 MSEK: 200 000, 240 000, 160 000.
    CHECK(cf.flows[0].budget_year == 2014);
    CHECK(cf.flows[0].costs == m("1200000.00"));
    CHECK(cf.flows[1].costs == m("1240000.00"));
    CHECK(cf.flows[2].costs == m("960000.00"));
    // The expected 1.5 MSEK in 2017, at p = 0.5, borne by the region (vof is mapped so).
    CHECK(cf.flows[3].budget_year == 2017);
    CHECK(cf.flows[3].savings.at(Bearer::region) == m("750000.00"));
    CHECK_THROWS_WITH(forecast::grant_flows(h.events(), "G-9", a), Catch::Contains("no grant \"G-9\""));
}
