#pragma once
// Allocations from tax revenue: one a budget year, and a rate's amount is
// the rate of the recorded revenue rounded as the rulebook says.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"

namespace sifund::checks {

inline Result allocation_duplicate_year(const CheckContext& c, const cmd::AllocationDecided& a) {
    const auto it = c.state.allocations.find(a.budget_year);
    if (it == c.state.allocations.end() || it->second.reversed) return {};
    return refuse("an allocation for " + std::to_string(a.budget_year) + " was already decided (seq " +
                  std::to_string(it->second.seq) + "); reverse it to decide anew");
}

// rate × recorded tax revenue of the year and basis, rounded as the rulebook says.
inline std::optional<Money> allocation_due(const FundState& s, const Rulebook& rb, int year, const std::string& basis,
                                           const Rate& rate) {
    const auto it = s.tax_revenue.find({year, basis});
    if (it == s.tax_revenue.end()) return std::nullopt;
    return rb.allocation.of(rate, it->second);
}

inline Result allocation_basis(const CheckContext& c, const cmd::AllocationDecided& a) {
    if (!a.rate) return {};
    const auto due = allocation_due(c.state, *c.rules, a.budget_year, a.basis, *a.rate);
    if (!due)
        return refuse("no " + a.basis + " tax revenue is recorded for " + std::to_string(a.budget_year) + " to take " +
                      a.rate->to_string() + " of");
    if (*due == a.amount) return {};
    return refuse("the allocation of " + a.amount.to_string() + " is not " + a.rate->to_string() + " of the " +
                      a.basis + " tax revenue for " + std::to_string(a.budget_year) +
                      " rounded as the rulebook says (" + due->to_string() + ")",
                  due->to_string(), a.amount.to_string());
}

}  // namespace sifund::checks
