#pragma once
// One test of a rule finding: a forged history whose last event breaks the
// rule, the fund's refusal of that very command, and a clean history beside it.

#include "commands.hpp"

namespace sifund::testing {

struct RuleCase {
    std::string before;   // the history up to the event that matters
    std::string dirty;    // what breaks the rule: its last line is the finding's event
    std::string clean;    // what keeps it, after the same `before`
    std::string subject;  // the grant or application the finding concerns ("" when none)
    bool cited = true;    // a rulebook (which cites every rule) is in force on the event's date
};

inline Date last_date(const Forged& h) {
    Date last = h.events.front().command.date;
    for (const Event& e : h.events) last = std::max(last, e.command.date);
    return last;
}

inline void expect_rule_finding(const std::string& id, const RuleCase& c) {
    const Forged dirty = forge(c.before + c.dirty);
    const std::string as_of = last_date(dirty).to_string();
    const AuditReport report = audit(dirty, as_of.c_str());
    const Finding& f = the_finding(report, id);
    CHECK(f.severity == Severity::error);
    CHECK(f.seq == dirty.last_seq());
    CHECK(f.subject == c.subject);
    CHECK(f.rule_id == id);
    CHECK(f.citation == (c.cited ? citation_of(id) : std::string()));
    CHECK_THAT(f.message, Catch::Matchers::StartsWith(std::string(dirty.events.back().command.type()) + " of " +
                                                     dirty.events.back().command.date.to_string()));
    CHECK(report.has_errors());

    // The fund, given the same history, refuses the same command for the same reason.
    const auto [head, last] = split_last(c.before + c.dirty);
    Scenario fund(head);
    const RuleViolation v = fund.refused(last);
    CHECK(v.rule_id() == id);
    CHECK(v.citation() == f.citation);
    CHECK(v.expected() == f.expected);
    CHECK(v.actual() == f.actual);
    CHECK_THAT(f.message, mentions(v.reason()));

    // The clean history beside it: no finding of this id, and no error at all.
    const Forged clean = forge(c.before + c.clean);
    const AuditReport ok = audit(clean, last_date(clean).to_string().c_str());
    INFO("clean history:\n" << ok.to_text());
    CHECK_FALSE(has_finding(ok, id));
    CHECK_FALSE(ok.has_errors());
}

}  // namespace sifund::testing
