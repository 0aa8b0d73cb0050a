#pragma once
// Auditor::run: integrity, replay with the checks, hindsight. Included at the
// end of auditor.hpp.

#include <algorithm>

#include "sifund/audit/detail/hindsight_checks.hpp"

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
    // rulebook in force on its date, then folded (unless what it names does not exist).
    FundState s;
    std::vector<bool> skipped(events.size(), false);
    // Events a check refuses: folded into the replay (what comes after may
    // rest on them) but left out of the report's statement, which shows the
    // fund as its rules let it stand (the fund would have refused them).
    std::vector<bool> refused(events.size(), false);
    struct PendingTrueUp {
        int year;
        Money amount;
        std::int64_t after_seq;
    };
    std::optional<PendingTrueUp> pending;
    std::map<int, AuditSeries::Year> years;
    auto year_of = [&](const Date& d) -> AuditSeries::Year& {
        auto& y = years[d.year()];
        y.year = d.year();
        return y;
    };
    // What is judged over the recordings, the ids and the decisions (hindsight_checks.hpp).
    detail::ByRecording late, early;
    detail::RecordedAfterAudit after_audit(options_.as_of);
    detail::ConfusableIds ids;
    detail::SplitDecisions splits;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        const Command& c = e.command;
        const RulebookRevision* rb = s.rulebook_on(c.date);
        const Rulebook* rules = rb ? &rb->rules : nullptr;

        // A true-up the fund owed must come right after the outcome it rests on.
        if (pending) {
            const auto* t = c.as<cmd::AllocationTruedUp>();
            if (!t || t->budget_year != pending->year)
                findings.push_back(detail::hindsight(
                    "allocation.true_up_missing", Severity::error, pending->after_seq, {},
                    "the outcome recorded in event " + std::to_string(pending->after_seq) + " calls for a true-up of " +
                        pending->amount.to_string() + " for " + std::to_string(pending->year) + ", and none follows",
                    pending->amount.to_string(), "none"));
            else if (t->amount != pending->amount)
                findings.push_back(detail::hindsight(
                    "allocation.true_up_amount", Severity::error, e.seq, {},
                    "the true-up for " + std::to_string(t->budget_year) + " is " + t->amount.to_string() +
                        "; round(rate × outcome) less what was allocated gives " + pending->amount.to_string(),
                    pending->amount.to_string(), t->amount.to_string()));
            pending.reset();
        } else if (const auto* t = c.as<cmd::AllocationTruedUp>()) {
            findings.push_back(detail::hindsight("allocation.true_up_amount", Severity::error, e.seq, {},
                                                 "a true-up for " + std::to_string(t->budget_year) +
                                                     " that no recorded outcome calls for",
                                                 "0.00", t->amount.to_string()));
        }

        const CheckContext ctx{s, all.first(i), c, rules, {}, {}};
        bool can_apply = true;
        std::vector<Refusal> refusals;
        try {
            refusals = run_checks(ctx, true);
        } catch (const std::exception& err) {  // an amount past what Money holds, in a forged history
            findings.push_back(detail::hindsight("audit.not_applied", Severity::error, e.seq, subject_of(c),
                                                 "event " + std::to_string(e.seq) + " could not be checked: " + err.what()));
            can_apply = false;
        }
        for (const Refusal& r : refusals) {
            findings.push_back(detail::from_refusal(r, e, rules));
            if (r.stage == Stage::precondition) can_apply = false;  // what it names does not exist: it cannot be folded
        }
        refused[i] = !refusals.empty();

        // Back-dating: lawful, but an auditor wants to see it; one finding a
        // recording (an imported history is one recording, late by nature).
        // Recorded before it takes effect: a recording time given in the past.
        if (auto b = late.close_unless(e.recorded_at)) findings.push_back(detail::backdated(*b, options_.backdating_days));
        if (auto b = early.close_unless(e.recorded_at)) findings.push_back(detail::recorded_before_effect(*b));
        if (const long days = c.date.days_until(e.recorded_at.date()); days > options_.backdating_days)
            late.add(e, days);
        if (const long days = detail::days_recorded_early(e); days > 0) early.add(e, days);
        after_audit.see(e);

        // Ways to mislead that the fund's checks do not see.
        ids.see_event(e, findings);
        if (const auto* r = c.as<cmd::RulebookAdopted>()) detail::conflicting_roles(e, *r, findings);
        if (const auto* a = c.as<cmd::AllocationDecided>())
            if (auto f = detail::implausible_rate(e, *a, rules, options_.implausible_rate_factor,
                                                  options_.implausible_rate))
                findings.push_back(std::move(*f));
        if (const auto* r = c.as<cmd::ReportSubmitted>())
            if (auto f = detail::final_before_end(e, *r, s)) findings.push_back(std::move(*f));
        if (const auto* d = c.as<cmd::GrantDecided>()) splits.see(e, *d, s, rules);

        // A tranche paid while a report was overdue, where the rulebook did not block it.
        if (const auto* p = c.as<cmd::GrantDisbursed>(); p && rules && !rules->reporting.block_disbursement_when_overdue) {
            const GrantRecord* g = s.grant(p->grant);
            const ApplicationRecord* app = g ? s.application_of(*g) : nullptr;
            if (g && app) {
                const auto overdue = reports_overdue(*g, app->application, rules->reporting, c.date);
                if (!overdue.empty())
                    findings.push_back(detail::hindsight(
                        "reporting.paid_while_overdue", Severity::warning, e.seq, p->grant,
                        "a tranche of " + p->amount.to_string() + " was paid on " + c.date.to_string() + " while the " +
                            overdue.front().kind + " report due " + overdue.front().due.to_string() + " had not come"));
            }
        }

        if (!can_apply) {
            skipped[i] = true;
            continue;
        }
        const Money repaid_before = s.repaid, written_off_before = s.written_off;
        Money obligations_delta;
        if (const auto* r = c.as<cmd::EventReversed>()) {
            if (const Event* target = find_event(all.first(i), r->seq))
                if (const auto* v = target->command.as<cmd::SavingsVerified>())
                    if (const GrantRecord* g = s.grant(v->grant))
                        for (const auto& o : g->obligations)
                            if (o.seq == target->seq) obligations_delta -= o.amount;
        }
        try {
            apply(s, e, all.first(i));
        } catch (const std::exception& err) {
            skipped[i] = true;
            findings.push_back(detail::hindsight("audit.not_applied", Severity::error, e.seq, subject_of(c),
                                                 "event " + std::to_string(e.seq) + " could not be folded: " + err.what()));
            continue;
        }
        if (const auto* v = c.as<cmd::SavingsVerified>())
            if (const GrantRecord* g = s.grant(v->grant); g && !g->obligations.empty())
                obligations_delta += g->obligations.back().amount;
        auto& y = year_of(c.date);
        y.obligations_arisen += obligations_delta;
        y.repaid += s.repaid - repaid_before;
        y.written_off += s.written_off - written_off_before;

        // What the fund owes after an outcome, and where a negative true-up leaves free capital.
        if (const auto* t = c.as<cmd::TaxRevenueRecorded>())
            if (const auto up = true_up_owed(s, *t, c.date)) pending = PendingTrueUp{t->budget_year, up->amount, e.seq};
        if (const auto* t = c.as<cmd::AllocationTruedUp>(); t && t->amount.is_negative() && rules) {
            const Money free = s.free_capital_on(c.date);
            if (free < rules->reserve_floor)
                findings.push_back(detail::hindsight(
                    "commitments.reserve_floor_after_true_up", Severity::warning, e.seq, {},
                    "the negative true-up of " + t->amount.to_string() + " for " + std::to_string(t->budget_year) +
                        " leaves free capital at " + free.to_string() + ", below the reserve floor of " +
                        rules->reserve_floor.to_string(),
                    ">= " + rules->reserve_floor.to_string(), free.to_string()));
        }
    }
    if (auto b = late.close()) findings.push_back(detail::backdated(*b, options_.backdating_days));
    if (auto b = early.close()) findings.push_back(detail::recorded_before_effect(*b));
    if (pending)
        findings.push_back(detail::hindsight("allocation.true_up_missing", Severity::error, pending->after_seq, {},
                                             "the outcome recorded in event " + std::to_string(pending->after_seq) +
                                                 " calls for a true-up of " + pending->amount.to_string() +
                                                 ", and none follows",
                                             pending->amount.to_string(), "none"));

    // What the whole history shows.
    if (auto f = detail::empty_history(inputs.size(), s.fund.has_value())) findings.push_back(std::move(*f));
    if (auto f = after_audit.finding()) findings.push_back(std::move(*f));
    splits.judge(s, findings);

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

    // Hindsight on the audit date: reports and repayments overdue.
    // Judged on the state as of the audit date: what came later does not count.
    const RulebookRevision* rb_now = view.rulebook_on(on);
    for (const auto& [id, g] : view.grants) {
        if (g.reversed || g.decided_on > on) continue;
        const ApplicationRecord* app = view.application_of(g);
        if (app && rb_now && g.status != GrantStatus::closed)
            for (const DueReport& due : reports_overdue(g, app->application, rb_now->rules.reporting, on))
                findings.push_back(detail::hindsight(
                    "reporting.overdue", Severity::warning, std::nullopt, id,
                    "the " + due.kind + " report of " + id + " for " + due.period.to_string() + " was due on " +
                        due.due.to_string() + " and has not come",
                    "report by " + due.due.to_string(), "none by " + on.to_string()));
        const Money overdue = g.overdue_on(on);
        if (overdue.is_positive())
            findings.push_back(detail::hindsight(
                "repayment.overdue", Severity::warning, std::nullopt, id,
                id + " owes " + overdue.to_string() + " that fell due before " + on.to_string() +
                    " and was neither repaid nor written off",
                "0.00", overdue.to_string()));
    }


    // The series for the charts: quarter ends, and money by year.
    if (!events.empty()) {
        Date first = events.front().command.date;
        for (const Event& e : events) first = std::min(first, e.command.date);
        for (Date q = Date(first.year(), 3, 31); !(on < q.first_of_month().add_months(-2)); q = q.add_months(3).end_of_month()) {
            const Date at = on < q ? on : q;
            const auto t = s.timeline.as_of(at);
            report.series.quarters.push_back({at, t.cash, t.committed, t.cash - t.committed});
            if (on < q) break;
        }
        for (const auto& [year, y] : years)
            if (year <= on.year()) report.series.years.push_back(y);
    }

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
