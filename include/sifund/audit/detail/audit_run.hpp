#pragma once
// Auditor::run: integrity, replay with the checks, hindsight. Included at the
// end of auditor.hpp.

#include <algorithm>

#include "sifund/audit/detail/series.hpp"
#include "sifund/audit/hindsight/registry.hpp"

namespace sifund {

namespace detail {

// Reads each input into an event, reporting what does not verify. Events that
// cannot be read are left out; the rest are returned in the order given.
inline std::vector<Event> read_verified(const std::vector<AuditInput>& inputs, std::vector<Finding>& findings) {
    ReadEvents read = read_events(
        inputs.size(), [&](std::size_t i) { return inputs[i].text; }, [&](std::size_t i) { return inputs[i].hash; });
    for (ChainFault& f : sifund::verify_chain(read, [&](std::size_t i) {
             const AuditInput& in = inputs[i];
             return ChainLink{in.claimed_seq, in.hash, in.line, in.row};
         }))
        findings.push_back(integrity(std::move(f.id), f.seq, std::move(f.message), std::move(f.expected),
                                     std::move(f.actual)));
    // The events that can be read go on to the replay, in the order given.
    std::vector<Event>& events = read.events;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (!read.readable[i]) continue;
        if (kept != i) events[kept] = std::move(events[i]);
        ++kept;
    }
    events.resize(kept);
    return std::move(events);
}

inline Finding from_refusal(const Refusal& r, const Event& e, const Rulebook* rules) {
    Finding f;
    f.id = r.rule_id;
    f.severity = Severity::error;
    f.seq = e.seq;
    f.subject = subject_of(e.command);
    f.rule_id = r.rule_id;
    f.citation = rules ? rules->cite(r.rule_id) : std::string();
    f.expected = r.expected;
    f.actual = r.actual;
    f.message = std::string(e.command.type()) + " of " + e.command.date.to_string() + " by " + e.command.actor + ": " +
                r.message;
    return f;
}

}  // namespace detail

inline AuditReport Auditor::run(const std::vector<detail::AuditInput>& inputs) const {
    AuditReport report;
    report.as_of = options_.as_of;
    report.events = inputs.size();
    std::vector<Finding>& findings = report.findings;
    const std::vector<Event> events = detail::read_verified(inputs, findings);
    const std::span<const Event> all(events);

    // Replay: every event re-checked against the state before it and the
    // rulebook in force on its date, then folded (unless what it names does
    // not exist), with the hindsight checks watching (audit/hindsight/).
    hindsight::Watchers watchers = hindsight::all(options_);
    const auto each = [&](auto moment) {
        for (auto& w : watchers) moment(*w);
    };
    FundState s;
    std::vector<bool> skipped(events.size(), false);
    // Events a check refuses: folded into the replay (what comes after may
    // rest on them) but left out of the report's statement, which shows the
    // fund as its rules let it stand (the fund would have refused them).
    std::vector<bool> refused(events.size(), false);
    detail::MoneyByYear by_year;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        const Command& c = e.command;
        const RulebookRevision* rb = s.rulebook_on(c.date);
        const hindsight::Seen before{e, s, rb ? &rb->rules : nullptr, all.first(i)};
        each([&](hindsight::Hindsight& w) { w.before_checks(before, findings); });

        const CheckContext ctx{s, all.first(i), c, before.rules, {}, {}};
        bool can_apply = true;
        std::vector<Refusal> refusals;
        try {
            refusals = run_checks(ctx, true);
        } catch (const std::exception& err) {  // an amount past what Money holds, in a forged history
            findings.push_back(detail::hindsight("audit.not_applied", Severity::error, e.seq, subject_of(c),
                                                 "event " + std::to_string(e.seq) + " could not be checked: " +
                                                     err.what()));
            can_apply = false;
        }
        for (const Refusal& r : refusals) {
            findings.push_back(detail::from_refusal(r, e, before.rules));
            if (r.stage == Stage::precondition) can_apply = false;  // what it names does not exist: it cannot be folded
        }
        refused[i] = !refusals.empty();
        each([&](hindsight::Hindsight& w) { w.before_fold(before, findings); });

        if (!can_apply) {
            skipped[i] = true;
            continue;
        }
        by_year.before_fold(s, e, all.first(i));
        try {
            apply(s, e, all.first(i));
        } catch (const std::exception& err) {
            skipped[i] = true;
            findings.push_back(detail::hindsight("audit.not_applied", Severity::error, e.seq, subject_of(c),
                                                 "event " + std::to_string(e.seq) + " could not be folded: " +
                                                     err.what()));
            continue;
        }
        by_year.after_fold(s, e);
        const RulebookRevision* rb_after = s.rulebook_on(c.date);
        const hindsight::Seen after{e, s, rb_after ? &rb_after->rules : nullptr, all.first(i)};
        each([&](hindsight::Hindsight& w) { w.after_fold(after, findings); });
    }
    const hindsight::Whole whole{s, inputs.size()};
    each([&](hindsight::Hindsight& w) { w.at_end(whole, findings); });

    // The statement on the audit date, folded over the events that could be applied.
    // When everything had taken effect by then, that is the replayed state.
    const Date& on = options_.as_of;
    FundState view;
    const bool any_refused = std::find(refused.begin(), refused.end(), true) != refused.end();
    if (!(on < s.latest_effect) && !any_refused) {
        view = s;
    } else {
        for (std::size_t i = 0; i < events.size(); ++i)
            if (!skipped[i] && !refused[i]) {
                view.horizon = on;
                try {
                    apply(view, events[i], all.first(i));
                } catch (const std::exception&) {
                }
            }
    }
    view.horizon = on;
    report.statement = make_statement(view, on);
    each([&](hindsight::Hindsight& w) { w.on_audit_date(view, on, findings); });

    // The series for the charts: quarter ends, and money by year.
    report.series.quarters = detail::quarter_ends(all, s, on);
    if (!events.empty()) report.series.years = by_year.until(on.year());

    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return static_cast<int>(a.severity) < static_cast<int>(b.severity);
    });
    return report;
}

inline std::string AuditReport::to_text() const {
    // Ids, subjects and messages quote the history: shown, never run by the terminal.
    using detail::printable;
    std::string out;
    for (const Finding& f : findings) {
        out += std::string(to_string(f.severity)) + "  " + printable(f.id);
        if (f.seq) out += "  seq " + std::to_string(*f.seq);
        if (!f.subject.empty()) out += "  " + printable(f.subject);
        if (!f.citation.empty()) out += "  (" + printable(f.citation) + ")";
        out += "\n    " + printable(f.message) + "\n";
        if (!f.expected.empty() || !f.actual.empty())
            out += "    expected " + (f.expected.empty() ? "-" : printable(f.expected)) + ", actual " +
                   (f.actual.empty() ? "-" : printable(f.actual)) + "\n";
    }
    out += "audit of " + std::to_string(events) + " events as of " + as_of.to_string() + ": " +
           std::to_string(count(Severity::error)) + " error(s), " + std::to_string(count(Severity::warning)) +
           " warning(s), " + std::to_string(count(Severity::note)) + " note(s)\n";
    return out;
}

}  // namespace sifund
