#pragma once
// The true-up a fund owes when a tax revenue outcome is recorded: the year's
// allocation rested on the budgeted figure, the rulebook in force asks for a
// true-up, and round(rate × outcome) differs from what was allocated. The
// fund appends it (Fund::apply); the auditor expects it right after the
// outcome. One computation for both.

#include <optional>

#include "sifund/fund/state.hpp"
#include "sifund/ledger/commands.hpp"

namespace sifund {

// `outcome` is the tax revenue recorded on `on`, already folded into `s`.
[[nodiscard]] inline std::optional<cmd::AllocationTruedUp> true_up_owed(const FundState& s,
                                                                       const cmd::TaxRevenueRecorded& outcome,
                                                                       const Date& on) {
    if (outcome.kind != "outcome") return std::nullopt;
    const auto it = s.allocations.find(outcome.budget_year);
    if (it == s.allocations.end() || it->second.reversed) return std::nullopt;
    const AllocationRecord& alloc = it->second;
    if (!alloc.decision.rate || alloc.decision.basis != "budget") return std::nullopt;
    const RulebookRevision* rb = s.rulebook_on(on);
    if (!rb || !rb->rules.allocation.true_up) return std::nullopt;
    const Money due = rb->rules.allocation.of(*alloc.decision.rate, outcome.amount);
    const Money difference = due - alloc.total();
    if (difference.is_zero()) return std::nullopt;
    return cmd::AllocationTruedUp{outcome.budget_year, *alloc.decision.rate, outcome.amount, alloc.total(), difference};
}

}  // namespace sifund
