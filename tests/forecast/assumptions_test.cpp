// The assumptions file: the Örebro example reads, and every bad field is named.
#include <fstream>
#include <sstream>

#include "forecast_history.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
// The FieldError's field for bad assumptions, or "" when they read.
std::string bad_field(const std::string& json) {
    try {
        (void)assume(json);
    } catch (const FieldError& e) {
        return e.field();
    }
    return "";
}
}  // namespace

TEST_CASE("the Örebro example assumptions read", "[forecast][assumptions]") {
    std::ifstream in(std::string(SIFUND_SOURCE_DIR) + "/examples/orebro/assumptions.json");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const auto a = forecast::Assumptions::parse(nlohmann::json::parse(text.str()));
    CHECK(a.from == 2024);
    CHECK(a.tax_growth.magnitude == Rate::parse("0.03"));
    CHECK(a.success_of(Evidence::promising) == Rate::parse("0.55"));
    CHECK(a.savings_spread.kind == forecast::SavingsSpread::Kind::triangular);
    CHECK(a.projects.at("G-2021-01").savings_spread->kind == forecast::SavingsSpread::Kind::uniform);
    REQUIRE(a.new_grants);
    CHECK(a.new_grants->duration_years == 3);
    CHECK(a.bearer_of("forsakringskassan") == forecast::Bearer::state);
    CHECK(a.bearer_of("vof") == forecast::Bearer::municipality);
    REQUIRE(a.vision);
    CHECK(a.vision->strategic_areas.size() == 3);
}

TEST_CASE("no assumptions: the plan as the history has it", "[forecast][assumptions]") {
    const auto a = assume("{}");
    CHECK_FALSE(a.from);
    CHECK(a.success_of(Evidence::idea) == Rate::one());
    CHECK(a.savings_spread.kind == forecast::SavingsSpread::Kind::none);
    CHECK(a.discount_rate == Rate::parse("0.03"));
    CHECK(a.rounding == Rounding::half_even);
    CHECK_FALSE(a.new_grants);
}

TEST_CASE("a negative growth lowers the tax revenue", "[forecast][assumptions]") {
    const auto a = assume(R"({"tax_revenue":{"growth":"-0.015"}})");
    CHECK(a.tax_growth.negative);
    CHECK(a.tax_growth.grow(Money::parse("1000.00"), Rounding::half_even) == Money::parse("985.00"));
}

TEST_CASE("bad assumptions name the field at fault", "[forecast][assumptions]") {
    CHECK(bad_field(R"({"tax_revenue":{"grwoth":"0.03"}})") == "tax_revenue.grwoth");
    CHECK(bad_field(R"({"tax_revenue":{"growth":0.03}})") == "tax_revenue.growth");
    CHECK(bad_field(R"({"tax_revenue":{"figures":{"2025":"9100000000.001"}}})") == "tax_revenue.figures.2025");
    CHECK(bad_field(R"({"tax_revenue":{"figures":{"next":"1.00"}}})") == "tax_revenue.figures.next");
    CHECK(bad_field(R"({"allocation_rate":{"rates":{"2025":"2 percent"}}})") == "allocation_rate.rates.2025");
    CHECK(bad_field(R"({"allocation_rate":{"phase_in_years":-1}})") == "allocation_rate.phase_in_years");
    CHECK(bad_field(R"({"success":{"promising":"1.2"}})") == "success.promising");
    CHECK(bad_field(R"({"success":{"proven":"0.9"}})") == "success.proven");
    CHECK(bad_field(R"({"savings_spread":{"distribution":"normal"}})") == "savings_spread.distribution");
    CHECK(bad_field(R"({"savings_spread":{"distribution":"uniform","low":"1.5","high":"0.5"}})") == "savings_spread.high");
    CHECK(bad_field(R"({"savings_spread":{"distribution":"triangular","low":"0.5","mode":"2","high":"1.5"}})") ==
          "savings_spread.mode");
    CHECK(bad_field(R"({"savings_spread":{"distribution":"uniform","low":"0.5","high":"12"}})") == "savings_spread.high");
    CHECK(bad_field(R"({"projects":{"G-1":{"p_sucess":"0.5"}}})") == "projects.G-1.p_sucess");
    CHECK(bad_field(R"({"new_grants":{"duration_years":3}})") == "new_grants.yearly_volume");
    CHECK(bad_field(R"({"new_grants":{"yearly_volume":"-1.00"}})") == "new_grants.yearly_volume");
    CHECK(bad_field(R"({"new_grants":{"yearly_volume":"1.00","evidence":"proven"}})") == "new_grants.evidence");
    CHECK(bad_field(R"({"new_grants":{"yearly_volume":"1.00","first_year":2030,"last_year":2029}})") == "new_grants.last_year");
    CHECK(bad_field(R"({"discount_rate":"-0.03"})") == "discount_rate");
    CHECK(bad_field(R"({"rounding":"bankers"})") == "rounding");
    CHECK(bad_field(R"({"bearers":{"fk":"county"}})") == "bearers.fk");
    CHECK(bad_field(R"({"vision":{"name":"V","strategic_areas":[{"name":"A","focus_areas":["x"]},{"name":"B","focus_areas":["x"]}]}})") ==
          "vision.strategic_areas[1].focus_areas");
    CHECK(bad_field(R"({"from":1800})") == "from");
    CHECK(bad_field(R"({"horizon":2030})") == "horizon");
    CHECK(bad_field(R"({"verification_lag_years":"1"})") == "verification_lag_years");
}

TEST_CASE("the message of a bad field says what is wrong with it", "[forecast][assumptions]") {
    CHECK_THROWS_WITH(assume(R"({"success":{"promising":"1.2"}})"),
                      Catch::Contains("success.promising") && Catch::Contains("at most 1"));
    CHECK_THROWS_WITH(assume(R"({"tax_revenue":{"grwoth":"0.03"}})"), Catch::Contains("unknown field \"tax_revenue.grwoth\""));
}
