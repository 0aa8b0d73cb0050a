#pragma once
// Which reports a project owes, and which are overdue on a date (DESIGN
// §4.2): an interim report within one month after each period of
// interim_every_months counted from the project's start, for periods ending
// before the project's end; a final report within final_within_months of
// the end. A report covers what it reaches: an interim report the interim
// periods its period_end reaches, a final report every period its
// period_end reaches, the final one included. A "final" report sent before
// the project's end (its period_end can lie no later than its date) so does
// not stand in for the interim reports after it, nor for the real final one.

#include <string>
#include <vector>

#include "sifund/fund/state.hpp"
#include "sifund/time/schedule.hpp"

namespace sifund {

struct DueReport {
    std::string kind;  // interim or final
    Period period;
    Date due;
};

[[nodiscard]] inline std::vector<DueReport> reports_owed(const cmd::ApplicationSubmitted& project,
                                                         const Rulebook::Reporting& rules) {
    std::vector<DueReport> out;
    const Period run(project.start, project.end);
    if (rules.interim_every_months)
        for (const Period& p : periods(run, static_cast<unsigned>(*rules.interim_every_months)))
            if (p.last() < project.end) out.push_back({"interim", p, p.last().add_months(1)});
    out.push_back({"final", run, project.end.add_months(rules.final_within_months)});
    return out;
}

// Reports due before `on` and not submitted on or before it.
[[nodiscard]] inline std::vector<DueReport> reports_overdue(const GrantRecord& grant,
                                                            const cmd::ApplicationSubmitted& project,
                                                            const Rulebook::Reporting& rules, const Date& on) {
    std::vector<DueReport> out;
    for (DueReport& owed : reports_owed(project, rules)) {
        if (!(owed.due < on)) continue;
        bool covered = false;
        for (const ReportRecord& r : grant.reports)
            if (r.submitted_on <= on && !(r.period_end < owed.period.last()) &&
                (r.kind == "final" || owed.kind == "interim"))
                covered = true;
        if (!covered) out.push_back(std::move(owed));
    }
    return out;
}

}  // namespace sifund
