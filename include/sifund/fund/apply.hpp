#pragma once
// The fold: apply(state, event) is the one way state changes. It trusts that
// the event passed the checks (fund/checks.hpp) when it was appended; the
// auditor re-runs those checks on its own. A reversal undoes the reversed
// event's effect from the reversal's date on.

#include <algorithm>
#include <span>

#include "sifund/fund/state.hpp"
#include "sifund/ledger/event.hpp"

namespace sifund {

// The obligation a verified saving creates under the grant's repayment
// terms (DESIGN §4.2): share × saving rounded by the terms' mode, cut so the
// grant's obligations never pass cap_factor × disbursed on the day (the cap
// rounded down, so it is never passed); due at the end of budget_year + lag.
struct ObligationTerms {
    Money amount;
    Date due;
};
[[nodiscard]] inline ObligationTerms obligation_for(const GrantRecord& g, const cmd::SavingsVerified& x, const Date& on) {
    const Money cap = g.terms.cap(g.disbursed_by(on));
    return {Rulebook::Repayment::within_cap(g.terms.share_of(x.amount), cap, g.obligations_total()),
            BudgetYear(x.budget_year + g.terms.due_lag_years).last_day()};
}

namespace detail {

inline void undo(FundState& s, const Event& original, const Date& on) {
    const bool counts = on <= s.horizon;
    const Command& c = original.command;
    if (const auto* x = c.as<cmd::CapitalContributed>()) {
        if (counts) s.capital_contributed -= x->amount;
        s.timeline.add(on, -x->amount, Money());
    } else if (const auto* a = c.as<cmd::AllocationDecided>()) {
        AllocationRecord& rec = s.allocations.at(a->budget_year);
        const Date from = std::max(on, rec.available_from());  // money that never came need not leave
        if (from <= s.horizon) s.allocated -= a->amount;
        s.timeline.add(from, -a->amount, Money());
        rec.reversed = true;
    } else if (const auto* d = c.as<cmd::GrantDecided>()) {
        GrantRecord& g = s.grants.at(d->grant);
        s.timeline.add(on, Money(), -g.committed());
        g.reversed = true;
        auto& app = s.applications.at(d->application);
        app.status = ApplicationStatus::submitted;
        app.grant.reset();
    } else if (const auto* p = c.as<cmd::GrantDisbursed>()) {
        GrantRecord& g = s.grants.at(p->grant);
        if (counts) s.disbursed -= p->amount;
        g.disbursed -= p->amount;
        g.disbursements.push_back({original.seq, on, -p->amount});
        s.timeline.add(on, p->amount, g.status == GrantStatus::closed ? Money() : p->amount);
    } else if (const auto* r = c.as<cmd::RepaymentReceived>()) {
        if (counts) s.repaid -= r->amount;
        s.grants.at(r->grant).repaid -= r->amount;
        s.timeline.add(on, -r->amount, Money());
    } else if (const auto* v = c.as<cmd::SavingsVerified>()) {
        auto& obligations = s.grants.at(v->grant).obligations;
        std::erase_if(obligations, [&](const Obligation& o) { return o.seq == original.seq; });
    } else if (const auto* w = c.as<cmd::ObligationWrittenOff>()) {
        if (counts) s.written_off -= w->amount;
        s.grants.at(w->grant).written_off -= w->amount;
    } else if (const auto* cl = c.as<cmd::GrantClosed>()) {
        GrantRecord& g = s.grants.at(cl->grant);
        g.status = g.disbursements.empty() ? GrantStatus::approved : GrantStatus::active;
        g.closed_on.reset();
        s.timeline.add(on, Money(), g.released);
        g.released = Money();
    } else if (const auto* rj = c.as<cmd::ApplicationRejected>()) {
        s.applications.at(rj->application).status = ApplicationStatus::submitted;
    }
    // Other types cannot be reversed; the checks refuse them.
}

}  // namespace detail

// Applies one event, trusting it was checked. `history` holds the events
// before it (a reversal looks up what it reverses, by seq).
inline void apply(FundState& s, const Event& e, std::span<const Event> history) {
    s.last_seq = e.seq;
    s.last_recorded_at = e.recorded_at;
    const Command& c = e.command;
    if (s.horizon < c.date) return;  // not yet in effect in this view
    const Date& on = c.date;
    s.latest_effect = std::max(s.latest_effect, on);

    std::visit(
        [&](const auto& x) {
            using T = std::remove_cvref_t<decltype(x)>;
            if constexpr (std::is_same_v<T, cmd::FundEstablished>) {
                s.fund = x;
                s.established_on = on;
            } else if constexpr (std::is_same_v<T, cmd::RulebookAdopted>) {
                RulebookRevision r{e.seq, on, x.version, x.decision, x.rules};
                const auto at = std::upper_bound(
                    s.rulebooks.begin(), s.rulebooks.end(), r,
                    [](const RulebookRevision& a, const RulebookRevision& b) { return a.in_force_from < b.in_force_from; });
                s.rulebooks.insert(at, std::move(r));
            } else if constexpr (std::is_same_v<T, cmd::CapitalContributed>) {
                s.capital_contributed += x.amount;
                s.timeline.add(on, x.amount, Money());
            } else if constexpr (std::is_same_v<T, cmd::TaxRevenueRecorded>) {
                s.tax_revenue[{x.budget_year, x.kind}] = x.amount;
            } else if constexpr (std::is_same_v<T, cmd::AllocationDecided>) {
                AllocationRecord rec{e.seq, on, x, Money(), {}, false};
                s.latest_effect = std::max(s.latest_effect, rec.available_from());
                if (rec.available_from() <= s.horizon) s.allocated += x.amount;
                s.timeline.add(rec.available_from(), x.amount, Money());
                s.allocations[x.budget_year] = std::move(rec);
            } else if constexpr (std::is_same_v<T, cmd::AllocationTruedUp>) {
                s.allocated += x.amount;
                s.timeline.add(on, x.amount, Money());
                auto& rec = s.allocations[x.budget_year];
                rec.trued_up += x.amount;
                rec.true_up_seqs.push_back(e.seq);
            } else if constexpr (std::is_same_v<T, cmd::ApplicationSubmitted>) {
                s.applications[x.application] = ApplicationRecord{x, e.seq, on, ApplicationStatus::submitted, {}};
            } else if constexpr (std::is_same_v<T, cmd::ApplicationWithdrawn>) {
                s.applications.at(x.application).status = ApplicationStatus::withdrawn;
            } else if constexpr (std::is_same_v<T, cmd::ApplicationRejected>) {
                s.applications.at(x.application).status = ApplicationStatus::rejected;
            } else if constexpr (std::is_same_v<T, cmd::GrantDecided>) {
                GrantRecord g;
                g.id = x.grant;
                g.application = x.application;
                g.seq = e.seq;
                g.decided_on = on;
                g.approved = x.amount;
                g.tranches = x.tranches;
                if (const auto* rb = s.rulebook_on(on)) g.terms = rb->rules.repayment;
                s.grants[x.grant] = std::move(g);
                auto& app = s.applications.at(x.application);
                app.status = ApplicationStatus::granted;
                app.grant = x.grant;
                s.timeline.add(on, Money(), x.amount);
            } else if constexpr (std::is_same_v<T, cmd::GrantDisbursed>) {
                GrantRecord& g = s.grants.at(x.grant);
                g.disbursed += x.amount;
                g.disbursements.push_back({e.seq, on, x.amount});
                g.status = GrantStatus::active;
                s.disbursed += x.amount;
                s.timeline.add(on, -x.amount, -x.amount);
            } else if constexpr (std::is_same_v<T, cmd::ReportSubmitted>) {
                s.grants.at(x.grant).reports.push_back({e.seq, on, x.kind, x.period_end});
            } else if constexpr (std::is_same_v<T, cmd::SavingsVerified>) {
                GrantRecord& g = s.grants.at(x.grant);
                // The fund stores the obligation with the event when it accepts
                // it; a history from elsewhere without it is computed the same way.
                const auto computed = obligation_for(g, x, on);
                g.obligations.push_back({e.seq, on, x.due.value_or(computed.due), x.unit, x.budget_year, x.amount,
                                         x.obligation.value_or(computed.amount)});
            } else if constexpr (std::is_same_v<T, cmd::RepaymentReceived>) {
                s.grants.at(x.grant).repaid += x.amount;
                s.repaid += x.amount;
                s.timeline.add(on, x.amount, Money());
            } else if constexpr (std::is_same_v<T, cmd::ObligationWrittenOff>) {
                s.grants.at(x.grant).written_off += x.amount;
                s.written_off += x.amount;
            } else if constexpr (std::is_same_v<T, cmd::GrantClosed>) {
                GrantRecord& g = s.grants.at(x.grant);
                g.released = g.committed();
                g.status = GrantStatus::closed;
                g.closed_on = on;
                s.timeline.add(on, Money(), -g.released);
            } else if constexpr (std::is_same_v<T, cmd::EventReversed>) {
                s.reversed.insert(x.seq);
                const Event* target = find_event(history, x.seq);
                if (!target) throw Error("reversal.unknown", "there is no event " + std::to_string(x.seq) + " to reverse");
                detail::undo(s, *target, on);
            }
        },
        c.body);
}

// Which events a view includes: effective on or before `as_of`, recorded on
// or before `known_at`.
struct View {
    Date as_of{2199, 12, 31};
    std::optional<Timestamp> known_at;
};

// The state of a view over a ledger, by the one fold.
[[nodiscard]] inline FundState fold(std::span<const Event> events, const View& view = {}) {
    FundState s;
    s.horizon = view.as_of;
    for (const Event& e : events) {
        if (view.known_at && *view.known_at < e.recorded_at) break;  // recording times never go backwards
        apply(s, e, events.first(static_cast<std::size_t>(e.seq - 1)));
    }
    return s;
}

}  // namespace sifund
