#pragma once
// FundState: everything the fund knows, built by one fold over its events
// (fund/apply.hpp). Commands, replays, as-of statements and the auditor all
// reach state the same way.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sifund/fund/lifecycle.hpp"
#include "sifund/fund/timeline.hpp"
#include "sifund/ledger/commands.hpp"
#include "sifund/time/budget_year.hpp"
#include "sifund/time/timestamp.hpp"

namespace sifund {

struct Disbursement {
    std::int64_t seq;
    Date date;
    Money amount;  // negative for a reversal
};

struct Obligation {
    std::int64_t seq;  // the savings.verified that created it
    Date arisen;
    Date due;  // the end of budget_year + due_lag_years
    std::string unit;
    int budget_year;
    Money saving;  // the verified saving
    Money amount;  // share × saving, rounded, cut to the cap
};

struct ReportRecord {
    std::int64_t seq;
    Date submitted_on;
    std::string kind;  // interim or final
    Date period_end;
};

struct GrantRecord {
    std::string id, application;
    std::int64_t seq = 0;  // the grant.decided
    Date decided_on;
    Money approved;
    std::vector<cmd::Tranche> tranches;
    Rulebook::Repayment terms;  // those in force on the decision's date
    GrantStatus status = GrantStatus::approved;
    bool reversed = false;  // the decision itself was reversed
    Money disbursed, repaid, written_off;
    Money released;  // commitment released when closed
    std::optional<Date> closed_on;
    std::vector<Disbursement> disbursements;
    std::vector<Obligation> obligations;
    std::vector<ReportRecord> reports;

    [[nodiscard]] Money obligations_total() const {
        Money sum;
        for (const auto& o : obligations) sum += o.amount;
        return sum;
    }
    [[nodiscard]] Money obligations_arisen_by(const Date& d) const {
        Money sum;
        for (const auto& o : obligations)
            if (o.arisen <= d) sum += o.amount;
        return sum;
    }
    [[nodiscard]] Money obligations_due_before(const Date& d) const {
        Money sum;
        for (const auto& o : obligations)
            if (o.due < d) sum += o.amount;
        return sum;
    }
    [[nodiscard]] Money outstanding() const { return obligations_total() - repaid - written_off; }
    // What the grant owes on a date: the obligations arisen by then, less what
    // was repaid or written off (what a repayment or a write-off may not pass).
    [[nodiscard]] Money owed_on(const Date& d) const { return obligations_arisen_by(d) - repaid - written_off; }
    // What is overdue on a date: the obligations that fell due before it, less
    // what was repaid or written off, never below zero (the statement's
    // "of which overdue" and the auditor's repayment.overdue).
    [[nodiscard]] Money overdue_on(const Date& d) const {
        return max(Money(), obligations_due_before(d) - repaid - written_off);
    }
    [[nodiscard]] Money disbursed_by(const Date& d) const {
        Money sum;
        for (const auto& x : disbursements)
            if (x.date <= d) sum += x.amount;
        return sum;
    }
    // Approved and not yet paid out, unless closed or reversed.
    [[nodiscard]] Money committed() const {
        return (status == GrantStatus::closed || reversed) ? Money() : approved - disbursed;
    }
};

struct ApplicationRecord {
    cmd::ApplicationSubmitted application;
    std::int64_t seq = 0;
    Date submitted_on;
    ApplicationStatus status = ApplicationStatus::submitted;
    std::optional<std::string> grant;

    [[nodiscard]] bool is_applicant(const std::string& actor) const {
        for (const auto& a : application.applicants)
            if (a == actor) return true;
        return false;
    }
};

struct AllocationRecord {
    std::int64_t seq = 0;
    Date decided_on;
    cmd::AllocationDecided decision;
    Money trued_up;  // the sum of the true-ups appended since
    std::vector<std::int64_t> true_up_seqs;
    bool reversed = false;

    [[nodiscard]] Money total() const { return reversed ? trued_up : decision.amount + trued_up; }
    // Allocated money is there from 1 January of its budget year (or from
    // the decision, if that comes later).
    [[nodiscard]] Date available_from() const {
        const Date jan1(decision.budget_year, 1, 1);
        return decided_on < jan1 ? jan1 : decided_on;
    }
};

struct RulebookRevision {
    std::int64_t seq = 0;
    Date in_force_from;
    std::string version, decision;
    Rulebook rules;
};

struct FundState {
    // An as-of view applies only events effective on or before `horizon`;
    // the full state sees them all.
    Date horizon{2199, 12, 31};

    std::optional<cmd::FundEstablished> fund;
    Date established_on;
    std::vector<RulebookRevision> rulebooks;  // ordered by (in_force_from, seq)
    std::map<std::string, ApplicationRecord> applications;
    std::map<std::string, GrantRecord> grants;
    std::map<std::pair<int, std::string>, Money> tax_revenue;  // (budget year, kind) -> latest figure
    std::map<int, AllocationRecord> allocations;               // by budget year
    std::set<std::int64_t> reversed;                           // seqs undone by event.reversed

    // Money in and out, to the horizon.
    Money capital_contributed, allocated, repaid, disbursed, written_off;
    Timeline timeline;  // cash and commitments by the date they take effect

    std::int64_t last_seq = 0;
    Timestamp last_recorded_at;
    // The latest date on which anything applied takes effect (an event's date,
    // or 1 January of an allocation's budget year): a view as of this date or
    // later holds everything, so it is this state.
    Date latest_effect{1900, 1, 1};

    [[nodiscard]] Currency currency() const { return fund ? fund->currency : Currency::sek(); }

    // The revision in force on `d` (the latest adopted on or before it), or nullptr.
    [[nodiscard]] const RulebookRevision* rulebook_on(const Date& d) const {
        const RulebookRevision* found = nullptr;
        for (const auto& r : rulebooks)
            if (r.in_force_from <= d) found = &r;
        return found;
    }

    [[nodiscard]] const GrantRecord* grant(const std::string& id) const {
        const auto it = grants.find(id);
        return it == grants.end() ? nullptr : &it->second;
    }
    [[nodiscard]] const ApplicationRecord* application(const std::string& id) const {
        const auto it = applications.find(id);
        return it == applications.end() ? nullptr : &it->second;
    }
    [[nodiscard]] const ApplicationRecord* application_of(const GrantRecord& g) const {
        return application(g.application);
    }
    // Free capital on a date, as the timeline has it.
    [[nodiscard]] Money free_capital_on(const Date& d) const {
        const auto t = timeline.as_of(d);
        return t.cash - t.committed;
    }
};

}  // namespace sifund
