#pragma once
// grant.split_decision: one grant split in two to pass a limit.

#include <algorithm>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/fund/checks/check.hpp"

namespace sifund::detail {

// grant.split_decision: two grants to the same applicants for overlapping
// periods that together pass grant.max_amount (of the revision in force on
// the later decision), or the reach of the one delegate who decided both,
// while each alone is within it. Decisions are gathered during the replay,
// indexed by applicant set, and judged on the whole history (a reversed
// grant does not count). One finding a later decision, naming the earlier
// grant that makes the largest sum with it, so that a fund that splits often
// is a finding a grant, not one a pair.
//
// Within an applicant set the decisions are taken in their order (date,
// then seq), each asking the earlier ones, held ordered by amount, for the
// largest amount within the limit whose project overlaps its own: the
// first overlapping one from the top is the answer, whether or not it
// passes the limit with it, so a query does not visit every pair. Earlier
// grants whose projects end before every later one starts are dropped.
class SplitDecisions {
public:
    SplitDecisions() = default;
    SplitDecisions(const SplitDecisions&) = delete;  // decisions point into by_applicants_
    SplitDecisions& operator=(const SplitDecisions&) = delete;

    // A grant.decided, with the state and rulebook before it.
    void see(const Event& e, const cmd::GrantDecided& d, const FundState& s, const Rulebook* rules) {
        const ApplicationRecord* app = s.application(d.application);
        if (!app) return;
        Decision x{e.seq, e.command.date, d.grant, d.application, e.command.actor, d.amount,
                   app->application.start, app->application.end, {}, {}, {}, nullptr};
        if (rules) {
            x.max_amount = rules->grant.max_amount;
            bool unlimited = false;
            for (const auto& role : rules->roles_of(e.command.actor))
                for (const auto& level : rules->delegation) {
                    if (level.role != role) continue;
                    if (!level.up_to) unlimited = true;
                    else if (!x.reach || *x.reach < *level.up_to) {
                        x.reach = level.up_to;
                        x.reach_role = role;
                    }
                }
            if (unlimited) x.reach.reset();
        }
        std::vector<std::string> who = app->application.applicants;
        std::sort(who.begin(), who.end());
        who.erase(std::unique(who.begin(), who.end()), who.end());
        const auto group = by_applicants_.try_emplace(std::move(who)).first;
        group->second.push_back(decisions_.size());
        x.applicants = &group->first;
        decisions_.push_back(std::move(x));
    }

    // The findings over the state after the whole history, in the order of the history.
    void judge(const FundState& s, std::vector<Finding>& out) const {
        std::vector<Compact> c(decisions_.size());
        std::map<std::string_view, std::uint32_t> actor_ids;
        for (std::size_t i = 0; i < decisions_.size(); ++i) {
            const Decision& d = decisions_[i];
            c[i] = {d.start.days_since_epoch(),
                    d.end.days_since_epoch(),
                    d.date.days_since_epoch(),
                    d.amount.minor(),
                    d.max_amount ? d.max_amount->minor() : no_limit,
                    d.reach ? d.reach->minor() : no_limit,
                    actor_ids.try_emplace(d.actor, static_cast<std::uint32_t>(actor_ids.size())).first->second};
        }
        std::vector<std::optional<Split>> found(decisions_.size());
        for (const auto& [applicants, group] : by_applicants_)
            if (group.size() > 1) judge_group(s, c, group, decisions_, found);
        for (std::size_t i = 0; i < decisions_.size(); ++i)
            if (found[i]) out.push_back(finding(*found[i]));
    }

private:
    static constexpr std::int64_t no_limit = std::numeric_limits<std::int64_t>::max();

    struct Decision {
        std::int64_t seq;
        Date date;
        std::string grant, application, actor;
        Money amount;
        Date start, end;
        std::optional<Money> max_amount, reach;  // in force on its date; reach: the actor's delegation limit
        std::string reach_role;
        const std::vector<std::string>* applicants;  // the key of its group
    };
    struct Compact {  // what the queries compare, as plain numbers
        std::int32_t start, end, date;
        std::int64_t amount, max_amount, reach;  // öre; no_limit for none
        std::uint32_t actor;
    };
    struct Split {
        std::size_t earlier = 0, later = 0;
        std::int64_t sum = 0, limit = 0;
        bool by_delegation = false;
    };
    using ByAmount = std::multiset<std::pair<std::int64_t, std::size_t>>;  // (amount, decision)

    // Decided as this event, and not reversed.
    static bool stands(const FundState& s, const Decision& d) {
        const GrantRecord* g = s.grant(d.grant);
        return g && g->seq == d.seq && !g->reversed;
    }

    // The earlier grant in `earlier` with the largest amount within `limit`
    // whose project overlaps `d`'s, if with `d` it passes the limit.
    static std::optional<std::size_t> partner(const ByAmount& earlier, const std::vector<Compact>& c, const Compact& d,
                                              std::int64_t limit) {
        if (limit == no_limit || d.amount > limit) return std::nullopt;
        for (auto it = earlier.upper_bound({limit, std::numeric_limits<std::size_t>::max()}); it != earlier.begin();) {
            --it;
            const Compact& a = c[it->second];
            if (a.end < d.start || d.end < a.start) continue;  // no overlap: look further down
            if (a.amount > limit - d.amount) return it->second;
            return std::nullopt;  // the largest overlapping one does not pass, nor will any smaller
        }
        return std::nullopt;
    }

    // The smallest limit that a pair passes while each alone is within it, or no_limit.
    static std::pair<std::int64_t, bool> passed(const Compact& a, const Compact& later, std::int64_t sum) {
        const std::int64_t bigger = std::max(a.amount, later.amount);
        std::pair<std::int64_t, bool> out{no_limit, false};
        if (later.max_amount < sum && bigger <= later.max_amount) out = {later.max_amount, false};
        if (a.actor == later.actor && later.reach < sum && bigger <= later.reach && later.reach < out.first)
            out = {later.reach, true};
        return out;
    }

    // One applicant set: its decisions in their order, each against the earlier ones.
    static void judge_group(const FundState& s, const std::vector<Compact>& c, const std::vector<std::size_t>& group,
                            const std::vector<Decision>& decisions, std::vector<std::optional<Split>>& found) {
        std::vector<std::size_t> order;
        for (const std::size_t i : group)
            if (stands(s, decisions[i])) order.push_back(i);
        if (order.size() < 2) return;
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return std::pair(c[a].date, a) < std::pair(c[b].date, b); });
        // The earliest project start from each decision on: an earlier grant
        // whose project ends before it overlaps none of those left.
        std::vector<std::int32_t> later_start(order.size());
        std::int32_t first = std::numeric_limits<std::int32_t>::max();
        for (std::size_t k = order.size(); k-- > 0;) later_start[k] = first = std::min(first, c[order[k]].start);

        struct Held {
            ByAmount::iterator in_all, in_actor;
        };
        ByAmount all;                              // the earlier grants still running
        std::map<std::uint32_t, ByAmount> mine;    // the same, by who decided them
        std::vector<Held> held(order.size());
        std::priority_queue<std::pair<std::int32_t, std::size_t>, std::vector<std::pair<std::int32_t, std::size_t>>,
                            std::greater<>>
            ends;  // (project end, position in order)
        for (std::size_t k = 0; k < order.size(); ++k) {
            while (!ends.empty() && ends.top().first < later_start[k]) {
                const std::size_t j = ends.top().second;
                ends.pop();
                all.erase(held[j].in_all);
                mine[c[order[j]].actor].erase(held[j].in_actor);
            }
            const std::size_t i = order[k];
            const Compact& d = c[i];
            std::optional<Split> best;
            auto consider = [&](std::optional<std::size_t> a) {
                std::int64_t sum = 0;
                if (!a || __builtin_add_overflow(c[*a].amount, d.amount, &sum)) return;  // overflow: a forged history
                const auto limit = passed(c[*a], d, sum);
                if (limit.first == no_limit || (best && !(best->sum < sum))) return;
                best = Split{*a, i, sum, limit.first, limit.second};
            };
            consider(partner(all, c, d, d.max_amount));
            if (const auto same = mine.find(d.actor); same != mine.end()) consider(partner(same->second, c, d, d.reach));
            found[i] = best;
            held[k] = {all.insert({d.amount, i}), mine[d.actor].insert({d.amount, i})};
            ends.push({d.end, k});
        }
    }

    [[nodiscard]] Finding finding(const Split& w) const {
        const Decision& earlier = decisions_[w.earlier];
        const Decision& later = decisions_[w.later];
        auto one = [](const Decision& d) {
            return d.grant + " (" + d.application + ", " + d.amount.to_string() + ", decided " + d.date.to_string() +
                   " by " + d.actor + ", " + d.start.to_string() + ".." + d.end.to_string() + ")";
        };
        const std::string what = w.by_delegation
                                     ? "what " + later.actor + " (" + later.reach_role + ") may decide under delegation"
                                     : std::string("grant.max_amount");
        const Money sum = Money::from_minor(w.sum), limit = Money::from_minor(w.limit);
        return hindsight("grant.split_decision", Severity::warning, later.seq, later.grant,
                         one(earlier) + " and " + one(later) + " go to the same applicants (" +
                             checks::joined(*later.applicants) + ") for overlapping periods: together " +
                             sum.to_string() + ", more than " + what + ", " + limit.to_string() +
                             ", which each alone is within",
                         "<= " + limit.to_string(), sum.to_string());
    }

    std::vector<Decision> decisions_;  // in the order of the history
    std::map<std::vector<std::string>, std::vector<std::size_t>> by_applicants_;  // sorted applicant ids -> decisions
};

}  // namespace sifund::detail

namespace sifund::hindsight {

class SplitDecisions final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"grant.split_decision"}; }
    void before_fold(const Seen& seen, Findings&) override {
        if (const auto* d = seen.event.command.as<cmd::GrantDecided>())
            splits_.see(seen.event, *d, seen.state, seen.rules);
    }
    void at_end(const Whole& w, Findings& out) override { splits_.judge(w.state, out); }

private:
    detail::SplitDecisions splits_;
};

}  // namespace sifund::hindsight
