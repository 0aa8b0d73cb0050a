// Flows by budget year (fund/flows.hpp): each year's money in and out, the
// commitments made and released, the obligations, and the year-end figures;
// the years add up to the statement to the öre.

#include <sifund/fund/flows.hpp>

#include "error_matcher.hpp"
#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;
using sifund_test::IsError;

namespace {

// The Örebro fund: 65 MSEK in 2013, G-1 (2.8 MSEK) decided in November 2013,
// 2 % of the 2014 tax budget allocated, two tranches paid (a report between), savings verified
// in 2017 and half repaid, the rest written off and the grant closed in 2021.
std::string history() {
    return established() + application_a1 + grant_g1 + first_tranche_g1 +
           R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"}
{"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","basis":"budget","decision":"KF 2013-06-18 §120"}
{"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-1","kind":"interim","period_end":"2014-06-30","costs":"480000.00","indicators":{"fall injuries per 1000":"36"}}
{"type":"grant.disbursed","date":"2015-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"}
{"type":"savings.verified","date":"2017-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2016,"amount":"900000.00","method":"difference-in-differences","verifier":"Örebro universitet"}
{"type":"repayment.received","date":"2017-06-30","actor":"finance","grant":"G-1","unit":"vof","budget_year":2017,"amount":"500000.00"}
{"type":"obligation.written_off","date":"2021-12-31","actor":"ks","grant":"G-1","amount":"400000.00","decision":"KS 2021-12-14 §310","reason":"the unit's frame could not carry it"}
{"type":"grant.closed","date":"2021-12-31","actor":"ks","grant":"G-1","decision":"KS 2021-12-14 §310"}
)";
}

const YearFlows& year(const Flows& f, int y) { return f.years.at(static_cast<std::size_t>(y - f.from)); }

}  // namespace

TEST_CASE("Flows: each year's money in and out, commitments and obligations") {
    Scenario s(history());
    const Flows f = make_flows(s.fund.events(), 2013, 2022);
    REQUIRE(f.years.size() == 10);
    CHECK(f.fund == "orebro-sif");

    const YearFlows& y2013 = year(f, 2013);
    CHECK(y2013.capital_contributed == sek("65000000.00"));
    CHECK(y2013.allocations == Money());  // for 2014: there from 1 January 2014
    CHECK(y2013.commitments_made == sek("2800000.00"));
    CHECK(y2013.cash == sek("65000000.00"));
    CHECK(y2013.free_capital == sek("62200000.00"));

    const YearFlows& y2014 = year(f, 2014);
    CHECK(y2014.allocations == sek("130240000.00"));  // 2 % of 6 512 MSEK
    CHECK(y2014.disbursed == sek("1000000.00"));
    CHECK(y2014.net_cash == sek("129240000.00"));
    CHECK(y2014.commitments_made == Money());
    CHECK(y2014.commitments_released == Money());
    CHECK(y2014.committed_undisbursed == sek("1800000.00"));

    const YearFlows& y2017 = year(f, 2017);
    CHECK(y2017.obligations_arisen == sek("900000.00"));
    CHECK(y2017.repayments == sek("500000.00"));
    CHECK(y2017.obligations_repaid == sek("500000.00"));
    CHECK(y2017.obligations_outstanding == sek("400000.00"));

    // Closed with 0.8 MSEK never paid out: released, not disbursed.
    const YearFlows& y2021 = year(f, 2021);
    CHECK(y2021.written_off == sek("400000.00"));
    CHECK(y2021.commitments_released == sek("800000.00"));
    CHECK(y2021.committed_undisbursed == Money());
    CHECK(y2021.obligations_outstanding == Money());

    const YearFlows& y2022 = year(f, 2022);
    for_each_flow_figure(y2022, [&](const char* key, const Money& m) {
        CAPTURE(key);
        if (std::string(key) != "cash" && std::string(key) != "free_capital") CHECK(m == Money());
    });
}

TEST_CASE("Flows: the opening statement plus every year's flows is the closing statement, to the öre") {
    Scenario s(history());
    for (const auto& [from, until] : {std::pair{2013, 2022}, std::pair{2015, 2018}, std::pair{2016, 2016}}) {
        CAPTURE(from, until);
        const Flows f = make_flows(s.fund.events(), from, until);
        const Statement& open = f.opening;
        const Statement& close = f.closing;
        CHECK(close.to_json() == s.on((std::to_string(until) + "-12-31").c_str()).to_json());
        Money contributed = open.capital_contributed, allocations = open.allocations, repayments = open.repayments,
              disbursed = open.disbursed, written_off = open.written_off, cash = open.cash,
              committed = open.committed_undisbursed, arisen, outstanding = open.obligations_outstanding;
        for (const GrantLine& g : open.grants) arisen += g.obligation;
        for (const YearFlows& y : f.years) {
            contributed += y.capital_contributed;
            allocations += y.allocations;
            repayments += y.repayments;
            disbursed += y.disbursed;
            written_off += y.written_off;
            cash += y.net_cash;
            committed += y.commitments_made - y.disbursed - y.commitments_released;
            arisen += y.obligations_arisen;
            outstanding += y.obligations_arisen - y.obligations_repaid - y.written_off;
            CHECK(cash == y.cash);
            CHECK(committed == y.committed_undisbursed);
            CHECK(outstanding == y.obligations_outstanding);
        }
        Money closing_arisen;
        for (const GrantLine& g : close.grants) closing_arisen += g.obligation;
        CHECK(contributed == close.capital_contributed);
        CHECK(allocations == close.allocations);
        CHECK(repayments == close.repayments);
        CHECK(disbursed == close.disbursed);
        CHECK(written_off == close.written_off);
        CHECK(cash == close.cash);
        CHECK(committed == close.committed_undisbursed);
        CHECK(arisen == closing_arisen);
        CHECK(outstanding == close.obligations_outstanding);
    }
}

TEST_CASE("Flows: as known at a time, the years leave out what was recorded later") {
    Scenario s(established(), "2013-01-20T10:00:00Z");
    s.apply_at(std::string(application_a1) + grant_g1, "2013-11-06T09:00:00Z");
    s.apply_at(first_tranche_g1, "2014-01-16T09:00:00Z");
    const Flows then = make_flows(s.fund.events(), 2013, 2014, Timestamp::parse("2014-01-01T00:00:00Z"));
    CHECK(year(then, 2014).disbursed == Money());
    CHECK(year(then, 2013).commitments_made == sek("2800000.00"));
    const Flows now = make_flows(s.fund.events(), 2013, 2014);
    CHECK(year(now, 2014).disbursed == sek("1000000.00"));
}

TEST_CASE("Flows: the JSON and CSV carry every figure of every year as exact decimal strings") {
    Scenario s(history());
    const Flows f = make_flows(s.fund.events(), 2013, 2014);
    const nlohmann::json j = f.to_json();
    CHECK(j["from"] == 2013);
    CHECK(j["until"] == 2014);
    REQUIRE(j["years"].size() == 2);
    CHECK(j["years"][1]["budget_year"] == 2014);
    CHECK(j["years"][1]["allocations"] == "130240000.00");
    CHECK(j["years"][1]["disbursed"] == "1000000.00");
    CHECK(j["closing"] == s.on("2014-12-31").to_json());
    const std::string csv = f.to_csv();
    CHECK(csv.starts_with("budget_year,capital_contributed,allocations,repayments,disbursed,net_cash,"));
    CHECK(csv.find("\r\n2014,0.00,130240000.00,0.00,1000000.00,129240000.00,") != std::string::npos);
}

TEST_CASE("Flows: years that end before they start, or lie outside the calendar sifund keeps, are refused") {
    Scenario s(history());
    CHECK_THROWS_MATCHES(make_flows(s.fund.events(), 2020, 2019), InputError, IsError("flows.years", "2020 to 2019"));
    CHECK_THROWS_MATCHES(make_flows(s.fund.events(), 1900, 2019), InputError, IsError("flows.years", "1901 to 2199"));
    CHECK(first_budget_year(s.fund.events(), 2026) == 2013);
    CHECK(first_budget_year({}, 2026) == 2026);
}
