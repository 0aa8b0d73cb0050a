#pragma once
// Test support: a small fund whose forecast can be computed by hand.
//
// 20 MSEK contributed in 2013; the 2014 allocation decided in June 2013 at
// 1 % of a budgeted 100 MSEK tax revenue (1 MSEK, there from 1 January
// 2014); one grant G-1 of 2.8 MSEK paid 1.0 / 1.0 / 0.8 MSEK in January
// 2014, 2015 and 2016, whose application (evidence "promising") expects a
// saving of 1.5 MSEK in vof for 2017. The example rulebook: reserve floor
// 5 MSEK, target rate 2 %, the whole saving repaid (capped at what was
// paid out) the year after. The last event is in 2013, so a forecast
// starts in 2014 from the books as of 2013-12-31.

#include <span>
#include <string>
#include <vector>

#include "../fund/scenario.hpp"

namespace sifund::testing {

inline std::string small_fund_history() {
    return established_with("{}", "20000000.00") +
           R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"100000000.00"})"
           "\n"
           R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.01","basis":"budget","decision":"KF 2013-06-18 §120"})"
           "\n" +
           std::string(application_a1) + grant_g1;
}

// The events of a history given as JSON Lines, applied through a Fund in memory.
class History {
public:
    explicit History(const std::string& jsonl) : fund_(store_) { fund_.apply(lines(jsonl), recorded); }
    [[nodiscard]] std::span<const Event> events() const { return fund_.events(); }
    [[nodiscard]] const Fund& fund() const { return fund_; }

private:
    MemoryStore store_;
    Fund fund_;
};

inline forecast::Assumptions assume(const std::string& json) { return forecast::Assumptions::parse(nlohmann::json::parse(json)); }

}  // namespace sifund::testing
