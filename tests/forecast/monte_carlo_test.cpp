// Monte Carlo: equal to the projection without uncertainty, the same numbers
// from the same seed whatever the number of threads, and draws that behave.
#include "forecast_history.hpp"

using namespace sifund;
using namespace sifund::testing;
using forecast::monte_carlo;

namespace {
Money m(const char* s) { return Money::parse(s); }
const char* const busy_fund =
    R"({"tax_revenue":{"growth":"0.10"},"allocation_rate":{"target":"0.02","phase_in_years":2},
        "new_grants":{"yearly_volume":"10000000.00","first_year":2015,"duration_years":2,"savings_ratio":"1.4","savings_years":2},
        "success":{"promising":"0.5"},
        "savings_spread":{"distribution":"triangular","low":"0.2","mode":"1.0","high":"1.6"}})";
}  // namespace

TEST_CASE("percentiles are nearest-rank", "[forecast][monte_carlo]") {
    using forecast::detail::nearest_rank_index;
    CHECK(nearest_rank_index(10, 1) == 0);
    CHECK(nearest_rank_index(90, 1) == 0);
    CHECK(nearest_rank_index(10, 10) == 0);
    CHECK(nearest_rank_index(50, 10) == 4);
    CHECK(nearest_rank_index(90, 10) == 8);
    CHECK(nearest_rank_index(10, 1000) == 99);
    CHECK(nearest_rank_index(50, 1001) == 500);  // rank ceil(500.5) = 501
    CHECK(nearest_rank_index(90, 10000) == 8999);
}

TEST_CASE("a draw succeeds below p x 2^64: never at 0, always at 1", "[forecast][monte_carlo]") {
    using forecast::detail::succeeds;
    const std::int64_t one = forecast::unit_scale;
    for (std::uint64_t d : {std::uint64_t{0}, std::uint64_t{1} << 63, ~std::uint64_t{0}}) {
        CHECK_FALSE(succeeds(d, 0));
        CHECK(succeeds(d, one));
    }
    CHECK(succeeds((std::uint64_t{1} << 63) - 1, one / 2));
    CHECK_FALSE(succeeds(std::uint64_t{1} << 63, one / 2));
}

TEST_CASE("with no uncertainty the Monte Carlo is the projection, to the öre", "[forecast][monte_carlo]") {
    const History h(small_fund_history());
    // Every project certain (promising succeeds, idea never does), no spread; new grants too.
    const auto a = assume(R"({"tax_revenue":{"growth":"0.10"},"allocation_rate":{"target":"0.02","phase_in_years":2},
                               "success":{"promising":"1","idea":"0"},
                               "new_grants":{"yearly_volume":"7000000.00","first_year":2015,"duration_years":2,"savings_ratio":"1.3","savings_start_after_years":1,"savings_years":2}})");
    const auto plan = forecast::make_plan(h.events(), a, 2022);
    const auto p = forecast::project(plan);
    const auto mc = monte_carlo(plan, {64, 7, 2});
    REQUIRE(mc.years.size() == p.years.size());
    bool any_breach = false;
    for (std::size_t i = 0; i < p.years.size(); ++i) {
        const auto& py = p.years[i];
        const auto& y = mc.years[i];
        INFO("year " << py.budget_year);
        CHECK(y.budget_year == py.budget_year);
        for (Money v : {y.free_capital.p10, y.free_capital.p50, y.free_capital.p90}) CHECK(v == py.statement.free_capital);
        for (Money v : {y.obligations.p10, y.obligations.p50, y.obligations.p90})
            CHECK(v == py.statement.obligations_outstanding);
        for (Money v : {y.repayments.p10, y.repayments.p50, y.repayments.p90}) CHECK(v == py.repayments);
        CHECK(y.p_breach == (py.below_reserve_floor ? 1.0 : 0.0));
        any_breach = any_breach || py.below_reserve_floor;
    }
    CHECK(mc.p_breach_reserve_floor == (any_breach ? 1.0 : 0.0));
    // The case is not trivial: savings come back within the forecast.
    Money repaid;
    for (const auto& py : p.years) repaid += py.repayments;
    CHECK(repaid > m("5000000.00"));
}

TEST_CASE("the same seed gives the same numbers whatever the number of threads", "[forecast][monte_carlo]") {
    const History h(small_fund_history());
    const auto plan = forecast::make_plan(h.events(), assume(busy_fund), 2030);
    const std::string one = monte_carlo(plan, {1001, 42, 1}).to_json().dump();
    CHECK(monte_carlo(plan, {1001, 42, 2}).to_json().dump() == one);
    CHECK(monte_carlo(plan, {1001, 42, 3}).to_json().dump() == one);
    CHECK(monte_carlo(plan, {1001, 42, 8}).to_json().dump() == one);
    CHECK(monte_carlo(plan, {1001, 43, 2}).to_json().dump() != one);
}

TEST_CASE("chance behaves: a coin-flip project repays all or nothing", "[forecast][monte_carlo]") {
    const History h(small_fund_history());
    const auto plan = forecast::make_plan(h.events(), assume(R"({"success":{"promising":"0.5"}})"), 2018);
    const auto mc = monte_carlo(plan, {4000, 2024, 2});
    const auto& y2018 = mc.years.back();
    CHECK(y2018.repayments.p10 == m("0.00"));
    CHECK(y2018.repayments.p90 == m("1500000.00"));
    // E[repaid / approved] = 0.5 x 1.5 / 2.8.
    CHECK(mc.expected_share_repaid == Approx(0.5 * 1.5 / 2.8).margin(0.01));
    CHECK(mc.approved_in_scope == m("2800000.00"));
}

TEST_CASE("chance behaves: savings spread uniformly between low and high", "[forecast][monte_carlo]") {
    const History h(small_fund_history());
    const auto plan = forecast::make_plan(
        h.events(), assume(R"({"savings_spread":{"distribution":"uniform","low":"0.5","high":"1.5"}})"), 2018);
    const auto mc = monte_carlo(plan, {2000, 5, 2});
    const auto& r = mc.years.back().repayments;
    CHECK(r.p10 >= m("750000.00"));
    CHECK(r.p90 <= m("2250000.00"));
    CHECK(r.p10 < r.p50);
    CHECK(r.p50 < r.p90);
    CHECK(r.p10.minor() == Approx(0.6 * 1500000 * 100).epsilon(0.03));
    CHECK(r.p50.minor() == Approx(1.0 * 1500000 * 100).epsilon(0.03));
    CHECK(r.p90.minor() == Approx(1.4 * 1500000 * 100).epsilon(0.03));
}

TEST_CASE("triangular draws stay within low and high and centre on the mode's side", "[forecast][monte_carlo]") {
    forecast::SavingsSpread s;
    s.kind = forecast::SavingsSpread::Kind::triangular;
    const std::int64_t lo = 200'000'000'000'000'000, mo = 1'000'000'000'000'000'000, hi = 1'600'000'000'000'000'000;
    std::mt19937_64 rng(1);
    double sum = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t f = forecast::detail::draw_factor(s, lo, mo, hi, rng());
        REQUIRE(f >= lo);
        REQUIRE(f <= hi);
        sum += static_cast<double>(f) / 1e18;
    }
    CHECK(sum / 20000 == Approx((0.2 + 1.0 + 1.6) / 3).margin(0.01));
    CHECK(forecast::detail::draw_factor(s, lo, mo, hi, 0) == lo);
}

TEST_CASE("a Monte Carlo of no runs is refused", "[forecast][monte_carlo]") {
    const History h(small_fund_history());
    const auto plan = forecast::make_plan(h.events(), assume("{}"), 2016);
    CHECK_THROWS_WITH(monte_carlo(plan, {0, 1, 2}), Catch::Contains("at least one run"));
}
