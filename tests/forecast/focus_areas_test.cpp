// Reporting by focus area, and the fan chart.
#include "forecast_history.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
Money m(const char* s) { return Money::parse(s); }
std::string history_with_money_moving() {
    return small_fund_history() +
           R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"}
{"type":"grant.disbursed","date":"2014-02-01","actor":"finance","grant":"G-1","amount":"5000.00"}
{"type":"event.reversed","date":"2014-02-02","actor":"finance","seq":9,"reason":"paid twice"}
)";
}
}  // namespace

TEST_CASE("granted and disbursed by focus area and year, reversed events left out", "[forecast][focus_areas]") {
    const History h(history_with_money_moving());
    forecast::Vision v{"V", {{"Demography", {"demografi", "aldre"}}, {"Democracy", {"demokrati"}}}};
    const auto r = forecast::report_by_focus_area(h.events(), v);
    CHECK(r.vision == "V");
    REQUIRE(r.strategic_areas.size() == 2);
    const auto& demography = r.strategic_areas[0];
    CHECK(demography.area.name == "Demography");
    REQUIRE(demography.focus_areas.size() == 2);
    const auto& demografi = demography.focus_areas[0];
    CHECK(demografi.name == "demografi");
    CHECK(demografi.by_year.at(2013).granted == m("2800000.00"));
    CHECK(demografi.by_year.at(2014).disbursed == m("1000000.00"));
    CHECK(demografi.total.disbursed == m("1000000.00"));
    CHECK(demography.focus_areas[1].total.granted.is_zero());
    CHECK(demography.area.total.granted == m("2800000.00"));
    CHECK(r.strategic_areas[1].area.total.granted.is_zero());
    CHECK(r.total.total.disbursed == m("1000000.00"));
    const auto j = r.to_json();
    CHECK(j["strategic_areas"][0]["focus_areas"][0]["years"][1]["disbursed"] == "1000000.00");
}

TEST_CASE("without a vision every focus area is under one heading", "[forecast][focus_areas]") {
    const History h(history_with_money_moving());
    const auto r = forecast::report_by_focus_area(h.events(), std::nullopt);
    REQUIRE(r.strategic_areas.size() == 1);
    CHECK(r.strategic_areas[0].area.name == "(all)");
    CHECK(r.strategic_areas[0].focus_areas[0].name == "demografi");
}

TEST_CASE("the fan chart draws the band, the median, the projection and the reserve floor", "[forecast][fan_chart]") {
    const History h(small_fund_history());
    const auto plan = forecast::make_plan(
        h.events(), assume(R"({"success":{"promising":"0.5"},"new_grants":{"yearly_volume":"4000000.00"}})"), 2024);
    const auto p = forecast::project(plan);
    const auto mc = forecast::monte_carlo(plan, {200, 3, 2});
    const std::string svg = svg::fan_chart(mc, "Test fund", &p);
    CHECK(svg.rfind("<?xml", 0) == 0);
    CHECK(svg.find("<polygon") != std::string::npos);
    CHECK(svg.find("data-series=\"p50\"") != std::string::npos);
    CHECK(svg.find("data-series=\"projection\"") != std::string::npos);
    CHECK(svg.find("Reserve floor 5,0 MSEK") != std::string::npos);
    CHECK(svg.find(">2014<") != std::string::npos);
    CHECK(svg.find("data-year=\"2024\"") != std::string::npos);
    CHECK(svg == svg::fan_chart(mc, "Test fund", &p));  // the same result, the same bytes
}
