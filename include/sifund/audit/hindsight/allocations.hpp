#pragma once
// Allocations judged in hindsight: a rate that reads like a percentage
// (allocation.rate_implausible), a true-up missing or of the wrong amount
// (allocation.true_up_missing, allocation.true_up_amount), and a negative
// true-up that leaves free capital below the reserve floor
// (commitments.reserve_floor_after_true_up).

#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/fund/true_up.hpp"
#include "sifund/money/rate.hpp"

namespace sifund::detail {

// allocation.rate_implausible: a rate far above what the rulebook aims at
// ("2" meant as 2 %): above `factor` × target_rate, or above `fallback`
// when the rulebook sets no target.
inline std::optional<Finding> implausible_rate(const Event& e, const cmd::AllocationDecided& a, const Rulebook* rules,
                                               int factor, const Rate& fallback) {
    if (!a.rate) return std::nullopt;
    const std::optional<Rate>& target = rules ? rules->allocation.target_rate : std::nullopt;
    const Rate limit = target ? Rate::from_units(target->units() * factor) : fallback;
    if (!(limit < *a.rate)) return std::nullopt;
    const std::string why = target ? std::to_string(factor) + " times the rulebook's target rate of " +
                                         target->to_string() + " (" + target->to_percent_string() + ")"
                                   : "the " + fallback.to_string() + " (" + fallback.to_percent_string() +
                                         ") of tax revenue an allocation may plausibly take, with no target rate set";
    return hindsight("allocation.rate_implausible", Severity::warning, e.seq, {},
                     "the allocation for " + std::to_string(a.budget_year) + " takes a rate of " + a.rate->to_string() +
                         " (" + a.rate->to_percent_string() + ") of the " + a.basis + " tax revenue, " +
                         a.amount.to_string() + ", more than " + why + ": was a percentage written as a rate?",
                     "<= " + limit.to_string(), a.rate->to_string());
}

}  // namespace sifund::detail

namespace sifund::hindsight {

class ImplausibleRate final : public Hindsight {
public:
    ImplausibleRate(int factor, Rate fallback) : factor_(factor), fallback_(fallback) {}
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"allocation.rate_implausible"}; }
    void before_fold(const Seen& seen, Findings& out) override {
        if (const auto* a = seen.event.command.as<cmd::AllocationDecided>())
            if (auto f = detail::implausible_rate(seen.event, *a, seen.rules, factor_, fallback_))
                out.push_back(std::move(*f));
    }

private:
    int factor_;
    Rate fallback_;
};

// A true-up the fund owed must come right after the outcome it rests on.
class TrueUps final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override {
        return {"allocation.true_up_missing", "allocation.true_up_amount"};
    }
    void before_checks(const Seen& seen, Findings& out) override {
        const Event& e = seen.event;
        const auto* t = e.command.as<cmd::AllocationTruedUp>();
        if (pending_) {
            if (!t || t->budget_year != pending_->year)
                out.push_back(missing(*pending_, " for " + std::to_string(pending_->year)));
            else if (t->amount != pending_->amount)
                out.push_back(detail::hindsight(
                    "allocation.true_up_amount", Severity::error, e.seq, {},
                    "the true-up for " + std::to_string(t->budget_year) + " is " + t->amount.to_string() +
                        "; round(rate × outcome) less what was allocated gives " + pending_->amount.to_string(),
                    pending_->amount.to_string(), t->amount.to_string()));
            pending_.reset();
        } else if (t) {
            out.push_back(detail::hindsight("allocation.true_up_amount", Severity::error, e.seq, {},
                                            "a true-up for " + std::to_string(t->budget_year) +
                                                " that no recorded outcome calls for",
                                            "0.00", t->amount.to_string()));
        }
    }
    void after_fold(const Seen& seen, Findings&) override {
        if (const auto* t = seen.event.command.as<cmd::TaxRevenueRecorded>())
            if (const auto up = true_up_owed(seen.state, *t, seen.event.command.date))
                pending_ = Pending{t->budget_year, up->amount, seen.event.seq};
    }
    void at_end(const Whole&, Findings& out) override {
        if (pending_) out.push_back(missing(*pending_, ""));
    }

private:
    struct Pending {
        int year;
        Money amount;
        std::int64_t after_seq;
    };
    static Finding missing(const Pending& p, const std::string& for_year) {
        return detail::hindsight("allocation.true_up_missing", Severity::error, p.after_seq, {},
                                 "the outcome recorded in event " + std::to_string(p.after_seq) +
                                     " calls for a true-up of " + p.amount.to_string() + for_year + ", and none follows",
                                 p.amount.to_string(), "none");
    }
    std::optional<Pending> pending_;
};

class ReserveFloorAfterTrueUp final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override {
        return {"commitments.reserve_floor_after_true_up"};
    }
    void after_fold(const Seen& seen, Findings& out) override {
        const auto* t = seen.event.command.as<cmd::AllocationTruedUp>();
        if (!t || !t->amount.is_negative() || !seen.rules) return;
        const Money free = seen.state.free_capital_on(seen.event.command.date);
        const Money floor = seen.rules->reserve_floor;
        if (free >= floor) return;
        out.push_back(detail::hindsight(
            "commitments.reserve_floor_after_true_up", Severity::warning, seen.event.seq, {},
            "the negative true-up of " + t->amount.to_string() + " for " + std::to_string(t->budget_year) +
                " leaves free capital at " + free.to_string() + ", below the reserve floor of " + floor.to_string(),
            ">= " + floor.to_string(), free.to_string()));
    }
};

}  // namespace sifund::hindsight
