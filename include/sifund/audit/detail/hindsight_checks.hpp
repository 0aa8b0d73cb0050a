#pragma once
// The auditor's own findings beyond the fund's checks: ways to mislead that
// no single refusal shows (issue 11). Small named pieces that Auditor::run
// (audit_run.hpp) calls from its replay loop, or after it over the whole
// history. docs/findings.md catalogues the ids.
//
// The clean path of the replay loop stays cheap: a comparison or a lookup an
// event, no string built unless there is something to report.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sifund/audit/finding.hpp"
#include "sifund/detail/code_points.hpp"
#include "sifund/fund/checks.hpp"
#include "sifund/fund/state.hpp"
#include "sifund/ledger/event.hpp"

namespace sifund::detail {

inline Finding hindsight(std::string id, Severity severity, std::optional<std::int64_t> seq, std::string subject,
                         std::string message, std::string expected = {}, std::string actual = {}) {
    Finding f;
    f.id = std::move(id);
    f.rule_id = f.id;
    f.severity = severity;
    f.seq = seq;
    f.subject = std::move(subject);
    f.message = std::move(message);
    f.expected = std::move(expected);
    f.actual = std::move(actual);
    return f;
}

// --- the history as a whole ----------------------------------------------------------------------

// audit.empty_history: nothing to audit is not a clean audit. `read` is the
// number of events read, `established` whether any established the fund.
inline std::optional<Finding> empty_history(std::size_t read, bool established) {
    if (read == 0)
        return hindsight("audit.empty_history", Severity::error, std::nullopt, {},
                         "the history holds no events: an empty history is not a clean audit", ">= 1 event",
                         "0 events");
    if (established) return std::nullopt;
    return hindsight("audit.empty_history", Severity::error, std::nullopt, {},
                     "none of the " + std::to_string(read) +
                         " event(s) establishes a fund: a history without fund.established is not a clean audit",
                     "fund.established", "none");
}

// --- recording times ---------------------------------------------------------------------------------

// Events of one recording (one recorded_at) that share a fault, and the worst of them.
struct RecordingBatch {
    Timestamp recorded_at;
    std::int64_t first_seq = 0, last_seq = 0;
    std::size_t count = 0;
    long worst_days = 0;
    std::int64_t worst_seq = 0;
    std::string_view worst_type;
    Date worst_date;
};

// Gathers faulty events into one batch a recording: an imported history, or
// one `sifund apply`, is one finding, not one an event.
class ByRecording {
public:
    // The batch that an event of another recording closes, if one is open.
    [[nodiscard]] std::optional<RecordingBatch> close_unless(const Timestamp& recorded_at) {
        if (!open_ || open_->recorded_at == recorded_at) return std::nullopt;
        return close();
    }
    [[nodiscard]] std::optional<RecordingBatch> close() { return std::exchange(open_, std::nullopt); }
    // Adds an event `days` off (> 0) to the batch of its recording.
    void add(const Event& e, long days) {
        if (!open_) open_ = RecordingBatch{e.recorded_at, e.seq, e.seq, 0, 0, 0, {}, {}};
        open_->last_seq = e.seq;
        ++open_->count;
        if (days > open_->worst_days) {
            open_->worst_days = days;
            open_->worst_seq = e.seq;
            open_->worst_type = e.command.type();
            open_->worst_date = e.command.date;
        }
    }

private:
    std::optional<RecordingBatch> open_;
};

inline std::string batch_head(const RecordingBatch& b) {
    return std::to_string(b.count) + " event(s) recorded at " + b.recorded_at.to_string() + " (seq " +
           std::to_string(b.first_seq) + "-" + std::to_string(b.last_seq) + ")";
}
inline std::string batch_worst(const RecordingBatch& b) {
    return std::string(b.worst_type) + " effective " + b.worst_date.to_string() + " (seq " +
           std::to_string(b.worst_seq) + ")";
}

// ledger.backdated: recorded more than `limit_days` after taking effect.
inline Finding backdated(const RecordingBatch& b, long limit_days) {
    return hindsight("ledger.backdated", Severity::warning, b.first_seq, {},
                     batch_head(b) + " took effect more than " + std::to_string(limit_days) +
                         " days earlier; the longest delay: " + batch_worst(b) + ", recorded " +
                         std::to_string(b.worst_days) + " days after it took effect",
                     "<= " + std::to_string(limit_days) + " days", std::to_string(b.worst_days) + " days");
}

// How many days before its effective date an event was recorded (0 when on or after it).
inline long days_recorded_early(const Event& e) {
    if (!(e.recorded_at < Timestamp::start_of(e.command.date))) return 0;  // the clean path: one comparison
    return e.recorded_at.date().days_until(e.command.date);
}

// ledger.recorded_before_effect: recorded on a day before the event takes effect.
inline Finding recorded_before_effect(const RecordingBatch& b) {
    return hindsight("ledger.recorded_before_effect", Severity::warning, b.first_seq, {},
                     batch_head(b) + " were recorded before they take effect; the earliest: " + batch_worst(b) +
                         ", recorded " + std::to_string(b.worst_days) +
                         " days before it takes effect. A recording time given in the past hides how late an "
                         "event was recorded (no ledger.backdated) and puts it into --known-at views of times "
                         "before it existed",
                     "0 days early", std::to_string(b.worst_days) + " days early");
}

// ledger.recorded_after_audit: events recorded after the end of the audit date.
class RecordedAfterAudit {
public:
    explicit RecordedAfterAudit(const Date& as_of) : as_of_(as_of), limit_(Timestamp::end_of(as_of)) {}
    void see(const Event& e) {
        if (!(limit_ < e.recorded_at)) return;  // the clean path
        if (count_++ == 0) first_seq_ = e.seq;
        latest_ = std::max(latest_, e.recorded_at);
    }
    [[nodiscard]] std::optional<Finding> finding() const {
        if (count_ == 0) return std::nullopt;
        const std::string on = as_of_.to_string();
        return hindsight("ledger.recorded_after_audit", Severity::warning, first_seq_, {},
                         std::to_string(count_) + " event(s), the first seq " + std::to_string(first_seq_) +
                             ", were recorded after the audit date " + on + ", the latest at " + latest_.to_string() +
                             ": the audit as of " + on + " sees events that were not recorded until later (or a "
                             "recording time in the future was given)",
                         "recorded by " + Timestamp::end_of(as_of_).to_string(), latest_.to_string());
    }

private:
    Date as_of_;
    Timestamp limit_, latest_;
    std::size_t count_ = 0;
    std::int64_t first_seq_ = 0;
};

// --- ids that differ only by case or by look ---------------------------------------------------------

// The Latin letter a Cyrillic or Greek letter looks like, lowercase, or 0.
inline char latin_look_alike(char32_t cp) {
    struct Pair {
        char32_t from;
        char to;
    };
    static constexpr Pair table[] = {
        // Cyrillic lowercase: а е о р с у х і ј ѕ ԁ ӏ ԛ ԝ
        {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'},
        {0x0456, 'i'}, {0x0458, 'j'}, {0x0455, 's'}, {0x0501, 'd'}, {0x04CF, 'l'}, {0x051B, 'q'}, {0x051D, 'w'},
        // Cyrillic uppercase: А В Е К М Н О Р С Т Х У І Ј Ѕ
        {0x0410, 'a'}, {0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'},
        {0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'}, {0x0425, 'x'}, {0x0423, 'y'}, {0x0406, 'i'}, {0x0408, 'j'},
        {0x0405, 's'},
        // Greek uppercase: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ
        {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'}, {0x0399, 'i'}, {0x039A, 'k'},
        {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'}, {0x03A5, 'y'}, {0x03A7, 'x'},
        // Greek lowercase: ο ν ρ α ι κ
        {0x03BF, 'o'}, {0x03BD, 'v'}, {0x03C1, 'p'}, {0x03B1, 'a'}, {0x03B9, 'i'}, {0x03BA, 'k'},
    };
    for (const Pair& p : table)
        if (p.from == cp) return p.to;
    return 0;
}

// What an id looks like: ASCII lowercased, fullwidth ASCII (U+FF01-FF5E) and
// the Cyrillic and Greek letters that look Latin read as Latin lowercase.
// Two ids with one skeleton read alike to a person.
inline std::string skeleton(std::string_view id) {
    std::string out;
    out.reserve(id.size());
    for (std::size_t i = 0; i < id.size();) {
        std::uint32_t decoded = 0;
        const std::size_t n = decode_utf8(id, i, decoded);  // 0: ASCII (or a stray byte, read as itself)
        char32_t cp = n ? decoded : static_cast<unsigned char>(id[i]);
        const std::size_t length = n ? n : 1;
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (cp < 0x80) {
            out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else if (const char latin = latin_look_alike(cp)) {
            out += latin;
        } else {
            out.append(id.substr(i, length));  // as written
        }
        i += length;
    }
    return out;
}

// An id for a message, with the event that first named it: quoted, and
// naming what is not ASCII, which a reader cannot see.
inline std::string named(std::string_view id, std::int64_t seq) {
    std::string codes;
    for (std::size_t i = 0; i < id.size();) {
        std::uint32_t cp = 0;
        const std::size_t n = decode_utf8(id, i, cp);
        i += n ? n : 1;
        if (!n) continue;  // ASCII
        static constexpr char hex[] = "0123456789ABCDEF";
        std::string code = "U+";
        for (int shift = cp > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) code += hex[(cp >> shift) & 0xF];
        if (codes.find(code) == std::string::npos) codes += (codes.empty() ? "" : ", ") + code;
    }
    return "\"" + std::string(id) + "\" (" + (codes.empty() ? "" : "with " + codes + "; ") + "first in event " +
           std::to_string(seq) + ")";
}

// ids.confusable: per kind (grants, applications, actors), a map from each
// skeleton to the first id with that look and the event that named it. A new
// id whose look is taken is one finding, against the first id of that look.
// Grants and applications are named once, where they are created (a second
// creation of one id is the fund's grant.duplicate or application.duplicate);
// actors are named by every event, so the ids already seen are looked up
// first and only a new one has its skeleton taken.
class ConfusableIds {
public:
    void see_event(const Event& e, std::vector<Finding>& out) {
        const Command& c = e.command;
        see_actor(c.actor, e.seq, out);
        if (const auto* a = c.as<cmd::ApplicationSubmitted>()) {
            see(applications_, "application", a->application, e.seq, out);
            for (const auto& who : a->applicants) see_actor(who, e.seq, out);
            for (const auto& saving : a->expected_savings) see_actor(saving.unit, e.seq, out);
        } else if (const auto* g = c.as<cmd::GrantDecided>()) {
            see(grants_, "grant", g->grant, e.seq, out);
        } else if (const auto* r = c.as<cmd::RulebookAdopted>()) {
            for (const auto& [holder, roles] : r->rules.roles) see_actor(holder, e.seq, out);
        } else if (const auto* v = c.as<cmd::SavingsVerified>()) {
            see_actor(v->unit, e.seq, out);
        } else if (const auto* p = c.as<cmd::RepaymentReceived>()) {
            see_actor(p->unit, e.seq, out);
        }
    }

private:
    struct Kind {
        std::unordered_map<std::string, std::pair<std::string, std::int64_t>> first_of_look;  // skeleton -> first id
        std::set<std::string, std::less<>> reported;  // ids already found confusable
    };
    void see_actor(const std::string& id, std::int64_t seq, std::vector<Finding>& out) {
        if (actors_seen_.find(id) != actors_seen_.end()) return;  // the clean path: an actor seen before
        actors_seen_.insert(id);
        see(actors_, "actor", id, seq, out);
    }
    static void see(Kind& k, const char* kind, const std::string& id, std::int64_t seq, std::vector<Finding>& out) {
        const auto [it, fresh] = k.first_of_look.try_emplace(skeleton(id), id, seq);
        if (fresh) return;
        const auto& [first, first_seq] = it->second;
        if (first == id || !k.reported.insert(id).second) return;  // the same id again, or a pair already found
        const bool is_actor = std::string_view(kind) == "actor";
        out.push_back(hindsight("ids.confusable", Severity::warning, seq, is_actor ? std::string() : id,
                                "the " + std::string(kind) + " ids " + named(first, first_seq) + " and " +
                                    named(id, seq) + " differ only by case or by look: a reader takes them for one " +
                                    kind + ", the fund keeps them apart"));
    }
    Kind grants_, applications_, actors_;
    std::set<std::string, std::less<>> actors_seen_;
};

// --- roles -------------------------------------------------------------------------------------------------

// segregation.conflicting_roles: a revision that lets one actor decide grants and pay them out.
inline void conflicting_roles(const Event& e, const cmd::RulebookAdopted& r, std::vector<Finding>& out) {
    for (const auto& [actor, roles] : r.rules.roles) {
        std::vector<std::string> deciding, paying;
        for (const auto& role : roles) {
            if (role == "board" || role == "board-delegate" || role == "council" ||
                checks::role_may(r.rules, role, "grant.decided"))
                deciding.push_back(role);
            if (role == "finance" || checks::role_may(r.rules, role, "grant.disbursed")) paying.push_back(role);
        }
        if (deciding.empty() || paying.empty()) continue;
        out.push_back(hindsight("segregation.conflicting_roles", Severity::warning, e.seq, {},
                                "rulebook " + r.version + " (event " + std::to_string(e.seq) + ", in force from " +
                                    e.command.date.to_string() + ") gives " + actor + " (roles: " +
                                    checks::joined(roles) + ") both a deciding role (" + checks::joined(deciding) +
                                    ") and the power to pay (" + checks::joined(paying) +
                                    "): one actor may decide a grant and pay it out"));
    }
}

// --- allocations ---------------------------------------------------------------------------------------------

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

// --- reports -------------------------------------------------------------------------------------------------

// reporting.final_before_end: a final report dated before the project ends.
inline std::optional<Finding> final_before_end(const Event& e, const cmd::ReportSubmitted& r, const FundState& s) {
    if (r.kind != "final") return std::nullopt;
    const GrantRecord* g = s.grant(r.grant);
    const ApplicationRecord* app = g ? s.application_of(*g) : nullptr;
    if (!app || !(e.command.date < app->application.end)) return std::nullopt;
    return hindsight("reporting.final_before_end", Severity::warning, e.seq, r.grant,
                     "the final report of " + r.grant + " is dated " + e.command.date.to_string() +
                         ", before the project " + app->application.application + " ends on " +
                         app->application.end.to_string() + ": a final report cannot cover what has not happened",
                     ">= " + app->application.end.to_string(), e.command.date.to_string());
}

// --- decisions split to pass a limit ----------------------------------------------------------------------

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
