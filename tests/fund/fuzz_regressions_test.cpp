// Bugs the fuzz targets found (tests/fuzz/regressions), guarded where they
// did harm: in the fund and its store.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

TEST_CASE("An allocation whose rate rounds to zero kronor is stored, and the store still opens") {
    // Found by fuzz_command_json: an allocation given as a rate was written with
    // "amount":"0.00", which reading refused, so a fund whose allocation rounded
    // to zero could no longer be opened (integrity.unreadable).
    Scenario s;
    s.apply(R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"1.00"})");
    s.apply(R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.01","basis":"budget","decision":"KF"})");
    CHECK(s.event(5).command.as<cmd::AllocationDecided>()->amount.is_zero());
    const Fund reopened(s.store);
    CHECK(reopened.events().size() == 5);
    CHECK(reopened.statement(Date::parse("2014-12-31")).allocations.is_zero());
}
