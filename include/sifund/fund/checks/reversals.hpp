#pragma once
// Reversals: what may be taken back, when, and only if nothing that rests on
// it stands and no invariant breaks by it (free capital above the reserve
// floor, no more owed than cap_factor × what remains paid).

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"

namespace sifund::checks {

inline Result reversal_unknown(const CheckContext& c, const cmd::EventReversed& r) {
    if (reversal_target(c)) return {};
    return refuse("there is no event " + std::to_string(r.seq) + " to reverse; the ledger holds " +
                  std::to_string(c.history.size()));
}

inline Result reversal_of_reversal(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !t->command.as<cmd::EventReversed>()) return {};
    return refuse("event " + std::to_string(t->seq) + " is itself a reversal; a reversal cannot be reversed");
}

inline Result reversal_already_reversed(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !c.state.reversed.count(t->seq)) return {};
    return refuse("event " + std::to_string(t->seq) + " is already reversed");
}

inline Result reversal_not_reversible(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || t->command.as<cmd::EventReversed>() || reversible(t->command.type())) return {};
    return refuse("event " + std::to_string(t->seq) + " (" + std::string(t->command.type()) +
                  ") is neither money nor a decision and cannot be reversed; record the right figure instead");
}

inline Result reversal_before_event(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !(c.command.date < t->command.date)) return {};
    return refuse("the reversal is dated " + c.command.date.to_string() + ", before the event it reverses (" +
                  t->command.date.to_string() + ")");
}

inline Result reversal_has_dependents(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || c.state.reversed.count(t->seq)) return {};
    const Command& o = t->command;
    std::string why;
    if (const auto* d = o.as<cmd::GrantDecided>()) {
        const GrantRecord* g = c.state.grant(d->grant);
        if (g && (!g->disbursed.is_zero() || !g->obligations.empty() || g->status == GrantStatus::closed))
            why = "grant " + g->id + " has disbursements, obligations or is closed; reverse those first";
    } else if (const auto* a = o.as<cmd::AllocationDecided>()) {
        const auto it = c.state.allocations.find(a->budget_year);
        if (it != c.state.allocations.end() && !it->second.true_up_seqs.empty())
            why = "the allocation for " + std::to_string(a->budget_year) + " has been trued up since";
    } else if (const auto* v = o.as<cmd::SavingsVerified>()) {
        const GrantRecord* g = c.state.grant(v->grant);
        if (g) {
            Money kept;
            for (const auto& ob : g->obligations)
                if (ob.seq != t->seq) kept += ob.amount;
            if (kept < g->repaid + g->written_off)
                why = "repayments and write-offs of " + g->id + " rest on the obligation it created";
        }
    } else if (const auto* p = o.as<cmd::GrantDisbursed>()) {
        const GrantRecord* g = c.state.grant(p->grant);
        if (g && g->status == GrantStatus::closed) why = "grant " + g->id + " is closed";
    }
    if (why.empty()) return {};
    return refuse("event " + std::to_string(t->seq) + " cannot be reversed: " + why);
}

// Money in that a reversal takes away on its date: what free capital loses.
inline Money money_in_reversed(const CheckContext& c, const Event& t) {
    if (const auto* x = t.command.as<cmd::CapitalContributed>()) return x->amount;
    if (const auto* x = t.command.as<cmd::RepaymentReceived>()) return x->amount;
    if (const auto* x = t.command.as<cmd::AllocationDecided>()) {
        const auto it = c.state.allocations.find(x->budget_year);
        if (it != c.state.allocations.end() && it->second.available_from() <= c.command.date) return x->amount;
    }
    return {};
}

inline Result reversal_reserve_floor(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || c.state.reversed.count(t->seq)) return {};
    const Money loss = money_in_reversed(c, *t);
    if (!loss.is_positive()) return {};
    const auto on = c.state.timeline.as_of(c.command.date);
    const Money free_after = on.cash - loss - on.committed;
    const Money floor = c.rules->reserve_floor;
    if (!on.committed.is_positive() || free_after >= floor) return {};
    return refuse("reversing event " + std::to_string(t->seq) + " (" + std::string(t->command.type()) + " of " +
                      loss.to_string() + ") would leave free capital at " + free_after.to_string() +
                      " while grants of " + on.committed.to_string() + " stand, below the reserve floor of " +
                      floor.to_string(),
                  ">= " + floor.to_string(), free_after.to_string());
}

// A grant's obligations never pass cap_factor × what was paid (DESIGN §4.2);
// taking a tranche back must not leave more owed than what remains allows.
inline Result reversal_obligation_cap(const CheckContext& c) {
    const Event* t = reversal_target(c);
    const auto* p = t ? t->command.as<cmd::GrantDisbursed>() : nullptr;
    if (!p || c.state.reversed.count(t->seq)) return {};
    const GrantRecord* g = c.state.grant(p->grant);
    if (!g) return {};
    const Money remaining = g->disbursed - p->amount;
    const Money cap = g->terms.cap_factor.of(remaining, Rounding::floor);
    const Money owed = g->obligations_total();
    if (owed <= cap) return {};
    return refuse("with the tranche of " + p->amount.to_string() + " (event " + std::to_string(t->seq) +
                      ") reversed, " + g->id + " would have been paid " + remaining.to_string() +
                      ", on which at most " + cap.to_string() + " may be owed; its obligations are " +
                      owed.to_string() + ": reverse the savings verified first",
                  "<= " + cap.to_string(), owed.to_string());
}

}  // namespace sifund::checks
