#pragma once
// What the auditor sees beyond the fund's checks (issue 11): ways to mislead
// that no single refusal shows. Each hindsight check is a small class that
// watches the replay of Auditor::run (audit/detail/audit_run.hpp) at the
// moments it needs, and reports findings with ids that docs/findings.md
// catalogues; the registry (audit/hindsight/registry.hpp) lists them in the
// order their findings are reported at each moment.
//
// The clean path stays cheap: a comparison or a lookup an event, no string
// built unless there is something to report.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/audit/finding.hpp"
#include "sifund/fund/state.hpp"
#include "sifund/ledger/event.hpp"
#include "sifund/rules/rulebook.hpp"

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

}  // namespace sifund::detail

namespace sifund::hindsight {

// One event of the replay as a hindsight check sees it.
struct Seen {
    const Event& event;
    const FundState& state;          // before the event (before_checks, before_fold) or after it (after_fold)
    const Rulebook* rules;           // the revision in force on the event's date, or nullptr
    std::span<const Event> history;  // the events before it
};

// The replayed history as a whole.
struct Whole {
    const FundState& state;  // after the last event
    std::size_t read = 0;    // how many events were read, readable or not
};

using Findings = std::vector<Finding>;

// The moments of the replay, in the order they come for each event:
// before_checks (before the fund's checks run), before_fold (after them,
// for every event, folded or not), after_fold (for an event folded); then
// at_end, and on_audit_date over the state as of the audit date.
class Hindsight {
public:
    virtual ~Hindsight() = default;
    // The finding ids it may report (docs/findings.md catalogues each).
    [[nodiscard]] virtual std::vector<std::string_view> ids() const = 0;
    virtual void before_checks(const Seen&, Findings&) {}
    virtual void before_fold(const Seen&, Findings&) {}
    virtual void after_fold(const Seen&, Findings&) {}
    virtual void at_end(const Whole&, Findings&) {}
    virtual void on_audit_date(const FundState& /*as_of*/, const Date& /*on*/, Findings&) {}
};

}  // namespace sifund::hindsight
