#pragma once
// The series of the audit report's charts: money by year (obligations that
// arose, repaid, written off), tallied as the replay folds each event, and
// the fund's position at each quarter end. Included by audit_run.hpp, after
// AuditSeries (auditor.hpp).

#include <algorithm>
#include <map>
#include <span>
#include <vector>

#include "sifund/fund/state.hpp"
#include "sifund/ledger/event.hpp"

namespace sifund::detail {

class MoneyByYear {
public:
    // Before folding `e` into `s`: what a reversal of a saving takes off the obligations.
    void before_fold(const FundState& s, const Event& e, std::span<const Event> history) {
        repaid_before_ = s.repaid;
        written_off_before_ = s.written_off;
        obligations_delta_ = Money();
        const auto* r = e.command.as<cmd::EventReversed>();
        if (!r) return;
        if (const Event* target = find_event(history, r->seq))
            if (const auto* v = target->command.as<cmd::SavingsVerified>())
                if (const GrantRecord* g = s.grant(v->grant))
                    for (const auto& o : g->obligations)
                        if (o.seq == target->seq) obligations_delta_ -= o.amount;
    }
    // After folding it: what changed, on the year of its date.
    void after_fold(const FundState& s, const Event& e) {
        if (const auto* v = e.command.as<cmd::SavingsVerified>())
            if (const GrantRecord* g = s.grant(v->grant); g && !g->obligations.empty())
                obligations_delta_ += g->obligations.back().amount;
        auto& y = years_[e.command.date.year()];
        y.year = e.command.date.year();
        y.obligations_arisen += obligations_delta_;
        y.repaid += s.repaid - repaid_before_;
        y.written_off += s.written_off - written_off_before_;
    }
    [[nodiscard]] std::vector<AuditSeries::Year> until(int year) const {
        std::vector<AuditSeries::Year> out;
        for (const auto& [y, money] : years_)
            if (y <= year) out.push_back(money);
        return out;
    }

private:
    std::map<int, AuditSeries::Year> years_;
    Money repaid_before_, written_off_before_, obligations_delta_;
};

// The fund's position at each quarter end from the first event's quarter to `on`, and on `on`.
inline std::vector<AuditSeries::Point> quarter_ends(std::span<const Event> events, const FundState& s, const Date& on) {
    std::vector<AuditSeries::Point> out;
    if (events.empty()) return out;
    Date first = events.front().command.date;
    for (const Event& e : events) first = std::min(first, e.command.date);
    for (Date q = Date(first.year(), 3, 31); !(on < q.first_of_month().add_months(-2));
         q = q.add_months(3).end_of_month()) {
        const Date at = on < q ? on : q;
        const auto t = s.timeline.as_of(at);
        out.push_back({at, t.cash, t.committed, t.cash - t.committed});
        if (on < q) break;
    }
    return out;
}

}  // namespace sifund::detail
