#pragma once
// Savings, repayments and write-offs: each obligation is what the grant's
// terms give, and nothing is repaid or written off beyond what is owed.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"

namespace sifund::checks {

// A saving's stored obligation and due date are what the grant's repayment
// terms give (the fund fills them in; an imported history may disagree).
inline Result repayment_obligation(const CheckContext& c, const cmd::SavingsVerified& v) {
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const auto owed = obligation_for(*g, v, c.command.date);
    if (v.obligation && *v.obligation != owed.amount)
        return refuse("the saving of " + v.amount.to_string() + " creates an obligation of " + owed.amount.to_string() +
                          " under the terms of " + g->id + ", not " + v.obligation->to_string(),
                      owed.amount.to_string(), v.obligation->to_string());
    if (v.due && *v.due != owed.due)
        return refuse("the obligation falls due on " + owed.due.to_string() + ", not " + v.due->to_string(),
                      owed.due.to_string(), v.due->to_string());
    return {};
}

inline Result repayment_budget_year(const CheckContext& c, const cmd::RepaymentReceived& r) {
    if (r.budget_year == c.command.date.year()) return {};
    return refuse("a repayment dated " + c.command.date.to_string() + " is taken from the " +
                      std::to_string(c.command.date.year()) + " frame, not " + std::to_string(r.budget_year),
                  std::to_string(c.command.date.year()), std::to_string(r.budget_year));
}

inline Result repayment_exceeds_owed(const CheckContext& c, const cmd::RepaymentReceived& r) {
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const Money owed = g->owed_on(c.command.date);
    if (r.amount <= owed) return {};
    return refuse("a repayment of " + r.amount.to_string() + " is more than " + g->id + " owes on " +
                      c.command.date.to_string() + ", " + owed.to_string(),
                  "<= " + owed.to_string(), r.amount.to_string());
}

inline Result obligation_exceeds_outstanding(const CheckContext& c, const cmd::ObligationWrittenOff& w) {
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const Money owed = g->owed_on(c.command.date);
    if (w.amount <= owed) return {};
    return refuse("writing off " + w.amount.to_string() + " is more than " + g->id + " owes, " + owed.to_string(),
                  "<= " + owed.to_string(), w.amount.to_string());
}

}  // namespace sifund::checks
