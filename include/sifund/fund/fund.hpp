#pragma once
// Fund: the one way to change a fund. It reads its store, verifies the hash
// chain, folds the events into state; apply() checks each command against
// the rules in force on its date and appends the whole batch or nothing.

#include <nlohmann/json.hpp>
#include <algorithm>
#include <exception>
#include <span>
#include <thread>
#include <vector>

#include "sifund/fund/apply.hpp"
#include "sifund/fund/checks.hpp"
#include "sifund/fund/statement.hpp"
#include "sifund/fund/true_up.hpp"
#include "sifund/ledger/chain.hpp"
#include "sifund/ledger/event.hpp"
#include "sifund/ledger/event_reader.hpp"
#include "sifund/ledger/recording_time.hpp"
#include "sifund/ledger/store.hpp"

namespace sifund {

// A command refused by a rule or an invariant. id() is the rule id.
class RuleViolation : public Error {
public:
    RuleViolation(const Refusal& r, std::string citation, const Command& c)
        : Error(r.rule_id, describe(r, citation, c)),
          citation_(std::move(citation)),
          expected_(r.expected),
          actual_(r.actual),
          reason_(r.message) {}

    [[nodiscard]] const std::string& rule_id() const noexcept { return id(); }
    // The rulebook paragraph, or "" for an invariant of sifund's own.
    [[nodiscard]] const std::string& citation() const noexcept { return citation_; }
    [[nodiscard]] const std::string& expected() const noexcept { return expected_; }
    [[nodiscard]] const std::string& actual() const noexcept { return actual_; }
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    static std::string describe(const Refusal& r, const std::string& citation, const Command& c) {
        const std::string source = !citation.empty() ? citation
                                   : r.is_rule()     ? "the rulebook cites no paragraph"
                                                     : "sifund invariant";
        return "refused by rule " + r.rule_id + " (" + source + "): " +
               std::string(c.type()) + " of " + c.date.to_string() + " by " + c.actor + ": " + r.message;
    }
    std::string citation_, expected_, actual_, reason_;
};

// The stored history does not verify: a hash, the sequence or the chain is broken.
class IntegrityError : public Error {
public:
    IntegrityError(std::string id, std::int64_t seq, const std::string& message)
        : Error(std::move(id), message), seq_(seq) {}
    [[nodiscard]] std::int64_t seq() const noexcept { return seq_; }

private:
    std::int64_t seq_;
};

struct Applied {
    std::int64_t first_seq = 0, last_seq = 0;  // the events appended (commands and the fund's own true-ups)
    [[nodiscard]] std::int64_t count() const { return last_seq >= first_seq ? last_seq - first_seq + 1 : 0; }
};

class Fund {
public:
    // Reads and verifies every stored event; IntegrityError names the first broken seq.
    explicit Fund(Store& store) : store_(&store) {
        std::vector<StoredEvent> rows = store.load();
        ReadEvents read = read_events(
            rows.size(), [&](std::size_t i) -> std::string_view { return rows[i].json; },
            [&](std::size_t i) -> std::string_view { return rows[i].hash; });
        // The first fault of the history (ledger/chain.hpp), in order: a changed
        // event, one that cannot be read, one out of its place, or one recorded
        // before the event ahead of it (the fold that answers "known at" relies
        // on the order).
        const std::vector<ChainFault> faults = verify_chain(
            read, [&](std::size_t i) { return ChainLink{rows[i].seq, rows[i].hash, 0, &rows[i]}; }, 1);
        if (!faults.empty()) throw IntegrityError(faults.front().id, faults.front().breaks_at, faults.front().message);
        for (std::size_t i = 0; i < rows.size(); ++i)
            sifund::apply(state_, read.events[i], std::span<const Event>(read.events).first(i));
        events_ = std::move(read.events);
    }

    // Checks every command in order against the state it would meet and
    // appends them all, with any true-ups the fund owes, or none. A refusal
    // is a RuleViolation, bad input an InputError; either carries index(),
    // the position of the command in `commands`, and nothing is stored.
    Applied apply(std::span<const Command> commands, Timestamp recorded_at) {
        return apply_each(commands.size(), recorded_at, [&](std::size_t i, const FundState&) { return commands[i]; });
    }

    // The same, from command objects as in a JSON Lines file; amounts are read
    // in the fund's currency as established so far.
    Applied apply(const std::vector<nlohmann::json>& objects, Timestamp recorded_at) {
        return apply_each(objects.size(), recorded_at,
                          [&](std::size_t i, const FundState& s) { return command_from_json(objects[i], s.currency()); });
    }

    // The same, from each command's JSON text (the lines of a JSON Lines file).
    Applied apply(std::span<const std::string> texts, Timestamp recorded_at) {
        detail::JsonDocument doc;
        return apply_each(texts.size(), recorded_at, [&](std::size_t i, const FundState& s) {
            return command_from_json(doc.parse(texts[i]), s.currency());
        });
    }

    // Where the fund stands on `as_of`, as known at `known_at` (all that is recorded when absent).
    [[nodiscard]] Statement statement(const Date& as_of, std::optional<Timestamp> known_at = {}) const {
        // A view that sees everything recorded, as of a date when all of it has
        // taken effect, is the fund's own state: no need to fold again.
        const bool knows_all = !known_at || !(*known_at < state_.last_recorded_at);
        if (knows_all && !(as_of < state_.latest_effect)) return make_statement(state_, as_of, known_at);
        return make_statement(fold(events_, View{as_of, known_at}), as_of, known_at);
    }

    [[nodiscard]] const std::vector<Event>& events() const noexcept { return events_; }
    [[nodiscard]] const FundState& state() const noexcept { return state_; }

private:
    // Thrown when a batch's totals do not fit, before the command that made
    // them so is known (the batch is then checked again, command by command).
    struct TotalsBeyondMoney {};

    template <class Next>
    Applied apply_each(std::size_t n, Timestamp recorded_at, Next next) {
        try {
            return apply_batch(n, recorded_at, next, false);
        } catch (const TotalsBeyondMoney&) {
            return apply_batch(n, recorded_at, next, true);
        }
    }

    // Each amount fits in Money, and so does each sum the fold keeps, but a
    // statement adds them up (cash is contributed + allocations + repayments
    // - disbursed; obligations are summed over grants): a fund whose
    // statement cannot be made would be a store nobody can read. The whole
    // statement is made once a batch; when it fails, once a command, to name it.
    static std::optional<std::string> totals_beyond_money(const FundState& s) {
        try {
            (void)make_statement(s, s.horizon);
            return std::nullopt;
        } catch (const OverflowError& e) {
            return std::string(e.what());
        }
    }

    template <class Next>
    Applied apply_batch(std::size_t n, Timestamp recorded_at, Next next, bool totals_each) {
        if (recorded_at < state_.last_recorded_at)
            throw InputError("ledger.recorded_at", "recording time " + recorded_at.to_string() +
                                                       " is before the last event's " +
                                                       state_.last_recorded_at.to_string() + "; time never goes backwards in a ledger");
        FundState work = state_;
        const std::size_t kept = events_.size();
        Applied applied{work.last_seq + 1, work.last_seq};
        try {
            for (std::size_t i = 0; i < n; ++i) {
                try {
                    Command c = next(i, work);
                    if (c.as<cmd::AllocationTruedUp>())
                        throw FieldError("input.system_command", "type",
                                         "allocation.trued_up is appended by sifund itself when an outcome is recorded");
                    complete(c, work);
                    append(work, std::move(c), recorded_at);
                    true_up_if_due(work, recorded_at);
                    if (totals_each)
                        if (auto why = totals_beyond_money(work))
                            throw InputError("fund.money_limit",
                                             "the fund's statement would no longer add up within what sifund keeps (" +
                                                 *why + "); nothing is stored");
                } catch (Error& err) {
                    err.set_index(i);
                    throw;
                }
            }
            if (!totals_each && totals_beyond_money(work)) throw TotalsBeyondMoney{};
            store_->append(pending_);
        } catch (...) {
            events_.resize(kept);
            pending_.clear();
            throw;
        }
        pending_.clear();
        applied.last_seq = work.last_seq;
        state_ = std::move(work);
        return applied;
    }

    // Fills in what the fund computes on acceptance: an allocation given as a
    // rate gets its amount from the recorded tax revenue.
    static void complete(Command& c, const FundState& s) {
        if (auto* v = std::get_if<cmd::SavingsVerified>(&c.body)) {
            const GrantRecord* g = s.grant(v->grant);
            if (!g || g->reversed) return;  // the checks refuse it
            const auto owed = obligation_for(*g, *v, c.date);
            if (!v->obligation) v->obligation = owed.amount;
            if (!v->due) v->due = owed.due;
            return;
        }
        auto* a = std::get_if<cmd::AllocationDecided>(&c.body);
        if (!a || !a->rate || !a->amount.is_zero()) return;
        const RulebookRevision* rb = s.rulebook_on(c.date);
        if (!rb) return;
        if (auto due = checks::allocation_due(s, rb->rules, a->budget_year, a->basis, *a->rate)) a->amount = *due;
    }

    void append(FundState& work, Command c, Timestamp recorded_at) {
        const RulebookRevision* rb = work.rulebook_on(c.date);
        const CheckContext ctx{work, events_, c, rb ? &rb->rules : nullptr, {}, {}};
        if (auto refusals = run_checks(ctx); !refusals.empty())
            throw RuleViolation(refusals.front(), rb ? rb->rules.cite(refusals.front().rule_id) : std::string(), c);
        Event e;
        e.seq = work.last_seq + 1;
        e.recorded_at = recorded_at;
        e.prev_hash = events_.empty() ? genesis_hash : events_.back().hash;
        e.command = std::move(c);
        std::string text = canonical_text(e);
        e.hash = sha_.hex(text);
        Event stored = read_back(text, e, work.currency());
        pending_.push_back({stored.seq, std::string(stored.command.type()), stored.command.date.to_string(),
                            stored.recorded_at.to_string(), stored.prev_hash, stored.hash, std::move(text)});
        events_.push_back(std::move(stored));
        sifund::apply(work, events_.back(), std::span<const Event>(events_).first(events_.size() - 1));
    }

    // What the fund derives for a command (an obligation's due date, an
    // allocation's amount, a true-up) is stored with it, and a value inside
    // the accepted range can derive one outside it (a saving for budget year
    // 2199 falls due in 2200). An event that could not be read back would
    // make the store unopenable, so each is read back, as reopening will read
    // it, before it is appended; the event read back is the one folded, so
    // the state in memory is the state a reopened store gives.
    Event read_back(std::string_view text, const Event& e, Currency currency) {
        try {
            return event_from_text(text, e.hash, currency, scratch_);
        } catch (const Error& err) {
            throw InputError("ledger.unreadable_result",
                             std::string(e.command.type()) + " of " + e.command.date.to_string() +
                                 " would be stored as an event that cannot be read back (" + err.what() +
                                 "); nothing is stored");
        }
    }

    // When an outcome arrives for a year whose allocation rested on the
    // budgeted figure, and the rulebook asks for it, the fund appends the
    // difference itself (DESIGN §4.1).
    void true_up_if_due(FundState& work, Timestamp recorded_at) {
        const Command& last = events_.back().command;
        const auto* t = last.as<cmd::TaxRevenueRecorded>();
        if (!t) return;
        if (auto up = true_up_owed(work, *t, last.date)) append(work, Command{last.date, "sifund", *up}, recorded_at);
    }

    Store* store_;
    detail::Sha256 sha_;
    detail::JsonDocument scratch_;  // reading back what is about to be stored
    std::vector<Event> events_;
    std::vector<StoredEvent> pending_;  // rows of the batch being applied
    FundState state_;
};

}  // namespace sifund
