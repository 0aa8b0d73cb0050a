// What only hindsight shows (DESIGN §2), and the auditor's invariants over a
// history: true-ups missing or wrong, a negative true-up below the reserve
// floor, back-dated records, tranches paid while a report was overdue,
// reports and repayments overdue on the audit date, events that could not be
// folded. One test per finding id: the history that shows it and one that
// does not.

#include "commands.hpp"

using namespace sifund;
using namespace sifund::testing;
using namespace sifund::testing::lines_for;

namespace {

// 2 % of the budgeted 6 512 000 000 for 2014 is allocated (events 4, 5); the
// outcome of 6 600 000 000 (event 6) calls for 132 000 000 − 130 240 000 = 1 760 000 more.
std::string allocated_2014(const std::string& patch = "{}") {
    return audited(patch) + tax_revenue(2014, "budget", "2013-06-18", "6512000000.00") +
           allocation(2014, "2013-06-18", "130240000.00", "0.02");
}
const std::string outcome_2014 = tax_revenue(2014, "outcome", "2015-04-15", "6600000000.00");
const std::string right_true_up = true_up(2014, "2015-04-15", "0.02", "6600000000.00", "130240000.00", "1760000.00");

// A-1, G-1 and its first tranche (events 4-6) after audited(patch).
std::string paid_once(const std::string& patch = "{}") {
    return audited(patch) + application_a1 + grant_g1 + first_tranche_g1;
}

// The reports G-1 owes until 2017, submitted on time: no report is overdue.
std::string reports_of_g1() {
    return report("G-1", "2014-07-10", "2014-06-30") + report("G-1", "2015-01-10", "2014-12-31") +
           report("G-1", "2015-07-10", "2015-06-30") + report("G-1", "2016-01-10", "2015-12-31") +
           report("G-1", "2016-07-10", "2016-06-30") + report("G-1", "2017-02-10", "2016-12-31", "final");
}

// G-1 paid and reported, then a saving of 900 000 for 2016 (event 13):
// 900 000 owed, due 2017-12-31.
std::string owing() { return paid_once() + reports_of_g1() + savings("G-1", "2017-03-01", 2016, "900000.00"); }

}  // namespace

// --- allocations --------------------------------------------------------------------------------

TEST_CASE("allocation.true_up_missing: an outcome that calls for a true-up, and none follows") {
    SECTION("the outcome is the last event") {
        const AuditReport r = audit(forge(allocated_2014() + outcome_2014), "2015-12-31");
        const Finding& f = the_finding(r, "allocation.true_up_missing");
        CHECK(f.severity == Severity::error);
        CHECK(f.seq == 6);
        CHECK(f.subject.empty());
        CHECK(f.expected == "1760000.00");
        CHECK(f.actual == "none");
        CHECK_THAT(f.message, mentions("event 6") && mentions("1760000.00"));
    }
    SECTION("another event follows the outcome") {
        const AuditReport r = audit(forge(allocated_2014() + outcome_2014 + capital("2015-04-16")), "2015-12-31");
        CHECK(the_finding(r, "allocation.true_up_missing").seq == 6);
    }
    SECTION("clean: the true-up follows, as the fund itself appends it") {
        const Forged h = forge(allocated_2014() + outcome_2014 + right_true_up);
        const AuditReport r = audit(h, "2015-12-31");
        INFO(r.to_text());
        CHECK(r.findings.empty());
        CHECK(r.statement.allocations == sek("132000000.00"));
        Scenario fund(allocated_2014() + outcome_2014);
        REQUIRE(fund.last_seq() == 7);
        CHECK(to_json(fund.event(7).command) == to_json(h.events[6].command));
    }
    SECTION("clean: a rulebook without true-ups owes none") {
        const AuditReport r = audit(forge(allocated_2014(R"({"allocation":{"true_up":false}})") + outcome_2014),
                                    "2015-12-31");
        CHECK_FALSE(has_finding(r, "allocation.true_up_missing"));
    }
}

TEST_CASE("allocation.true_up_amount: a true-up of another amount than the outcome calls for, or of none") {
    SECTION("one öre off") {
        const AuditReport r = audit(
            forge(allocated_2014() + outcome_2014 +
                  true_up(2014, "2015-04-15", "0.02", "6600000000.00", "130240000.00", "1760000.01")),
            "2015-12-31");
        const Finding& f = the_finding(r, "allocation.true_up_amount");
        CHECK(f.severity == Severity::error);
        CHECK(f.seq == 7);
        CHECK(f.subject.empty());
        CHECK(f.expected == "1760000.00");
        CHECK(f.actual == "1760000.01");
        CHECK_FALSE(has_finding(r, "allocation.true_up_missing"));
    }
    SECTION("a true-up that no outcome calls for") {
        const AuditReport r = audit(
            forge(allocated_2014() + true_up(2014, "2015-04-15", "0.02", "6600000000.00", "130240000.00", "1760000.00")),
            "2015-12-31");
        const Finding& f = the_finding(r, "allocation.true_up_amount");
        CHECK(f.seq == 6);
        CHECK(f.expected == "0.00");
        CHECK(f.actual == "1760000.00");
    }
    SECTION("clean") {
        CHECK_FALSE(has_finding(audit(forge(allocated_2014() + outcome_2014 + right_true_up), "2015-12-31"),
                                "allocation.true_up_amount"));
    }
}

TEST_CASE("commitments.reserve_floor_after_true_up: a negative true-up that leaves free capital under the floor") {
    // A floor of 150 MSEK; 195.24 MSEK free before the outcome.
    const std::string floor = R"({"commitments":{"reserve_floor":"150000000.00"}})";
    SECTION("an outcome of 4 000 000 000: the fund takes back 50 240 000 and 145 MSEK is left") {
        // Made by the fund itself, which appends the true-up and refuses nothing.
        Scenario s(allocated_2014(floor) + tax_revenue(2014, "outcome", "2015-04-15", "4000000000.00"));
        REQUIRE(s.last_seq() == 7);
        const AuditReport r = audit_rows(s.store.load(), "2015-12-31");
        const Finding& f = the_finding(r, "commitments.reserve_floor_after_true_up");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 7);
        CHECK(f.subject.empty());
        CHECK(f.expected == ">= 150000000.00");
        CHECK(f.actual == "145000000.00");
        CHECK_THAT(f.message, mentions("-50240000.00"));
        CHECK_FALSE(r.has_errors());
    }
    SECTION("clean: an outcome of 6 500 000 000 takes back 240 000 and leaves 195 MSEK") {
        Scenario s(allocated_2014(floor) + tax_revenue(2014, "outcome", "2015-04-15", "6500000000.00"));
        REQUIRE(s.last_seq() == 7);
        const AuditReport r = audit_rows(s.store.load(), "2015-12-31");
        CHECK_FALSE(has_finding(r, "commitments.reserve_floor_after_true_up"));
        CHECK_FALSE(r.has_errors());
    }
}

// --- the ledger ----------------------------------------------------------------------------------

TEST_CASE("ledger.backdated: an event recorded more than 31 days after it took effect") {
    auto recorded_at = [](const char* at) { return std::string(R"({"_recorded_at":")") + at + "\"}"; };
    SECTION("32 days late") {
        const AuditReport r =
            audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2013-03-05T12:00:00Z"))), "2013-12-31");
        const Finding& f = the_finding(r, "ledger.backdated");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 4);
        CHECK(f.subject.empty());
        CHECK(f.expected == "<= 31 days");
        CHECK(f.actual == "32 days");
        CHECK_FALSE(r.has_errors());
    }
    SECTION("one recording of several late events is one finding, at its first event, naming the longest delay") {
        const AuditReport r = audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2013-06-01T12:00:00Z")) +
                                          with(capital("2013-03-01"), recorded_at("2013-06-01T12:00:00Z")) +
                                          with(capital("2013-01-20"), recorded_at("2013-06-01T12:00:00Z"))),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "ledger.backdated");
        CHECK(f.seq == 4);
        CHECK_THAT(f.message, mentions("3 event(s)") && mentions("seq 4-6") && mentions("(seq 6)"));
        CHECK(f.actual == "132 days");
    }
    SECTION("the limit is the auditor's option") {
        const Forged h = forge(audited() + with(capital("2013-02-01"), recorded_at("2013-02-12T12:00:00Z")));
        CHECK_FALSE(has_finding(audit_rows(h.rows(), "2013-12-31"), "ledger.backdated"));
        AuditOptions strict{Date::parse("2013-12-31")};
        strict.backdating_days = 10;
        CHECK(the_finding(Auditor(strict).audit(h.rows()), "ledger.backdated").actual == "11 days");
    }
    SECTION("clean: 31 days late is within the limit") {
        const AuditReport r =
            audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2013-03-04T12:00:00Z"))), "2013-12-31");
        CHECK_FALSE(has_finding(r, "ledger.backdated"));
    }
}

// --- reporting ------------------------------------------------------------------------------------

TEST_CASE("reporting.paid_while_overdue: a tranche paid while a report was overdue, where the rulebook did not block it") {
    const std::string no_block = R"({"reporting":{"block_disbursement_when_overdue":false}})";
    SECTION("the report for the first half of 2014, due 2014-07-30, had not come on 2015-01-15") {
        const AuditReport r = audit(forge(paid_once(no_block) + disburse("G-1", "2015-01-15")), "2015-01-15");
        const Finding& f = the_finding(r, "reporting.paid_while_overdue");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 7);
        CHECK(f.subject == "G-1");
        CHECK_THAT(f.message, mentions("2014-07-30") && mentions("1000000.00"));
        CHECK_FALSE(r.has_errors());
    }
    SECTION("where the rulebook blocks it, it is the rule's error instead") {
        const AuditReport r = audit(forge(paid_once() + disburse("G-1", "2015-01-15")), "2015-01-15");
        CHECK(the_finding(r, "reporting.block_disbursement_when_overdue").seq == 7);
        CHECK_FALSE(has_finding(r, "reporting.paid_while_overdue"));
    }
    SECTION("clean: the report came") {
        const AuditReport r = audit(
            forge(paid_once(no_block) + report("G-1", "2014-07-10", "2014-06-30") + disburse("G-1", "2015-01-15")),
            "2015-01-15");
        CHECK_FALSE(has_finding(r, "reporting.paid_while_overdue"));
    }
}

TEST_CASE("reporting.overdue: a report due before the audit date that has not come") {
    SECTION("the first interim report of G-1, due 2014-07-30, audited on 2014-07-31") {
        const AuditReport r = audit(forge(paid_once()), "2014-07-31");
        const Finding& f = the_finding(r, "reporting.overdue");
        CHECK(f.severity == Severity::warning);
        CHECK_FALSE(f.seq.has_value());
        CHECK(f.subject == "G-1");
        CHECK(f.expected == "report by 2014-07-30");
        CHECK(f.actual == "none by 2014-07-31");
        CHECK_THAT(f.message, mentions("interim") && mentions("2014-01-01"));
    }
    SECTION("on its due date it is not overdue yet") {
        CHECK_FALSE(has_finding(audit(forge(paid_once()), "2014-07-30"), "reporting.overdue"));
    }
    SECTION("a closed grant owes no reports") {
        CHECK_FALSE(has_finding(audit(forge(paid_once() + close("G-1", "2014-02-01")), "2017-12-31"),
                                "reporting.overdue"));
    }
    SECTION("clean: every report came") {
        const AuditReport r = audit(forge(paid_once() + reports_of_g1()), "2017-12-31");
        CHECK_FALSE(has_finding(r, "reporting.overdue"));
    }
}

// --- repayment -----------------------------------------------------------------------------------

TEST_CASE("repayment.overdue: an obligation that fell due before the audit date, neither repaid nor written off") {
    // Due 2017-12-31; the reports are all in, so only the repayment is late.
    const std::string history = owing();
    SECTION("nothing repaid") {
        const AuditReport r = audit(forge(history), "2018-01-01");
        const Finding& f = the_finding(r, "repayment.overdue");
        CHECK(f.severity == Severity::warning);
        CHECK_FALSE(f.seq.has_value());
        CHECK(f.subject == "G-1");
        CHECK(f.expected == "0.00");
        CHECK(f.actual == "900000.00");
        CHECK(r.statement.obligations_overdue == sek("900000.00"));
        CHECK(r.findings.size() == 1);
    }
    SECTION("part repaid") {
        const AuditReport r = audit(forge(history + repayment("G-1", "2017-06-30", 2017, "500000.00")), "2018-01-01");
        CHECK(the_finding(r, "repayment.overdue").actual == "400000.00");
    }
    SECTION("on its due date it is not overdue yet") {
        CHECK_FALSE(has_finding(audit(forge(history), "2017-12-31"), "repayment.overdue"));
    }
    SECTION("clean: repaid and written off") {
        const AuditReport r = audit(forge(history + repayment("G-1", "2017-06-30", 2017, "500000.00") +
                                          write_off("G-1", "2017-12-01", "400000.00")),
                                    "2018-01-01");
        CHECK_FALSE(has_finding(r, "repayment.overdue"));
        CHECK(r.findings.empty());
    }
}

// Guards a fixed bug: the audit date's hindsight was (Auditor::run, "reports and repayments
// overdue") judged on the state after the whole history, not as of the
// audit date: a repayment or a closing dated after as_of hides what was
// overdue on as_of, and a saving verified after as_of makes an obligation
// overdue on a date it did not yet exist — while the report's own statement,
// folded as of as_of, says otherwise.
TEST_CASE("Reports and repayments overdue are judged as of the audit date, like the report's statement") {
    SECTION("a repayment after the audit date does not hide an obligation overdue on it") {
        const AuditReport r =
            audit(forge(owing() + repayment("G-1", "2018-03-01", 2018, "900000.00")), "2018-01-01");
        REQUIRE(r.statement.obligations_overdue == sek("900000.00"));
        CHECK(has_finding(r, "repayment.overdue"));
    }
    SECTION("a saving verified after the audit date owes nothing on it") {
        // Savings of 2016, due 2017-12-31, verified only on 2019-03-01.
        const AuditReport r =
            audit(forge(paid_once() + reports_of_g1() + savings("G-1", "2019-03-01", 2016, "900000.00")), "2018-06-01");
        REQUIRE(r.statement.obligations_overdue == sek("0.00"));
        CHECK_FALSE(has_finding(r, "repayment.overdue"));
    }
    SECTION("a closing after the audit date does not hide a report overdue on it") {
        const AuditReport r = audit(forge(paid_once() + close("G-1", "2015-02-01")), "2014-08-01");
        CHECK(has_finding(r, "reporting.overdue"));
    }
}

// --- what the auditor could not fold ---------------------------------------------------------------

TEST_CASE("audit.not_applied: an event that passes every check but cannot be folded") {
    SECTION("a top-up that takes the fund's capital past the largest amount") {
        // Money is 64-bit öre: at most 92 233 720 368 547 758.07 kr. A top-up
        // that takes the capital past it breaks no rule, but cannot be added up.
        const AuditReport r = audit(forge(audited() + capital("2013-02-01", "92233720303547758.08") +
                                          capital("2013-02-02")),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "audit.not_applied");
        CHECK(f.severity == Severity::error);
        CHECK(f.seq == 4);
        CHECK(f.subject.empty());
        CHECK_THAT(f.message, mentions("event 4") && mentions("overflow"));
        CHECK(r.count(Severity::error) == 1);
        // The audit goes on without it.
        CHECK(r.statement.capital_contributed == sek("66000000.00"));
    }
    SECTION("a reversal of an event that was left out") {
        // Event 4 pays a grant that does not exist: grant.unknown, and it is
        // left out. Event 5 reverses it: no check refuses that (the event
        // exists, it is money, nothing depends on it), but there is nothing to undo.
        const AuditReport r =
            audit(forge(audited() + disburse("G-404", "2013-02-01") + reverse(4, "2013-02-02")), "2013-12-31");
        CHECK(the_finding(r, "grant.unknown").seq == 4);
        const Finding& f = the_finding(r, "audit.not_applied");
        CHECK(f.severity == Severity::error);
        CHECK(f.seq == 5);
        CHECK(f.subject.empty());
        CHECK_THAT(f.message, mentions("event 5"));
    }
    SECTION("clean: one öre less fits exactly") {
        const AuditReport r =
            audit(forge(audited() + capital("2013-02-01", "92233720303547758.07")), "2013-12-31");
        CHECK_FALSE(has_finding(r, "audit.not_applied"));
        CHECK(r.findings.empty());
        CHECK(r.statement.capital_contributed == Money::max());
    }
}

// Guards a fixed bug: a check that cannot compute (money overflow in its arithmetic) throws
// out of Auditor::audit: the audit of a hostile or broken history fails as a
// whole instead of reporting the event and going on. run_checks (and the
// true-up computation after an outcome) are not guarded the way apply() is.
// Here grant.disbursement_exceeds_approval adds 0.01 to a disbursed total
// already at the largest amount.
TEST_CASE("A check that overflows is a finding on its event, and the audit goes on") {
    using namespace lines_for;
    const std::string history = audited() + application_a1 + grant("G-1", "A-1", "92233720368547758.07") +
                                disburse("G-1", "2014-01-15", "92233720368547758.07") +  // 6
                                disburse("G-1", "2014-01-16", "0.01") +                  // 7
                                capital("2014-02-01", "1000000.00", "vof");               // 8
    std::optional<AuditReport> r;
    REQUIRE_NOTHROW(r = audit_rows(forge(history).rows(), "2014-12-31"));
    bool found = false;
    for (const Finding& f : r->findings) found = found || (f.severity == Severity::error && f.seq == 7);
    CHECK(found);
    CHECK(the_finding(*r, "roles.permission").seq == 8);
}

TEST_CASE("A reversal the fund made is read back, and audits clean") {
    using namespace lines_for;
    Scenario s(audited() + capital("2013-02-01") + reverse(4, "2013-02-02"));
    const auto rows = s.store.load();
    CHECK_THAT(rows[4].json, mentions(R"("reverses":4)") && mentions(R"("seq":5)"));
    const AuditReport r = audit_rows(rows, "2013-12-31");
    INFO(r.to_text());
    CHECK_FALSE(r.has_errors());
    CHECK(r.statement.capital_contributed == sek("65000000.00"));
}

// An event that cannot be read is left out of the events the replay holds,
// so a lookup by seq − 1 would hit the wrong one: reversals find their target
// by seq (find_event searches a history with gaps). Here event 6 reverses
// event 5 (a top-up) with event 4 unreadable; a wrong lookup would report
// reversal.unknown and leave the 2 MSEK in.
TEST_CASE("An unreadable event does not shift the events after it") {
    auto rows = forge(audited() + capital("2013-02-01") + capital("2013-02-02", "2000000.00") +
                      reverse(5, "2013-02-03"))
                    .rows();
    // Event 4 made unreadable by a forger who kept the chain.
    nlohmann::json j = nlohmann::json::parse(rows[3].json);
    j["amount"] = 1000000;
    rows[3].json = j.dump();
    rows[3].hash = detail::sha256_hex(rows[3].json);
    for (std::size_t i = 4; i < rows.size(); ++i) {
        nlohmann::json k = nlohmann::json::parse(rows[i].json);
        k["prev_hash"] = rows[i - 1].hash;
        rows[i].prev_hash = rows[i - 1].hash;
        rows[i].json = k.dump();
        rows[i].hash = detail::sha256_hex(rows[i].json);
    }
    const AuditReport r = audit_rows(rows, "2013-12-31");
    INFO(r.to_text());
    const auto unreadable = findings_of(r, "integrity.unreadable");
    REQUIRE(unreadable.size() == 1);
    CHECK(unreadable.front()->seq == 4);
    CHECK(r.count(Severity::error) == 1);
    CHECK_FALSE(has_finding(r, "reversal.unknown"));
    CHECK(r.statement.capital_contributed == sek("65000000.00"));  // 65 MSEK, +2 MSEK reversed
}

// --- the report's statement -----------------------------------------------------------------------

TEST_CASE("The report's statement leaves out what a rule refuses, and what rests on it only") {
    SECTION("a tranche beyond the approval is an error, and not in what was disbursed") {
        // G-1 is approved for 2 800 000; 1 000 000 was paid (event 6); 1 900 000 more passes it.
        const AuditReport r = audit(forge(paid_once() + disburse("G-1", "2014-03-01", "1900000.00")), "2014-03-31");
        CHECK(the_finding(r, "grant.disbursement_exceeds_approval").seq == 7);
        CHECK(r.statement.disbursed == sek("1000000.00"));
    }
    SECTION("the tranches of a grant a rule refuses are left out with it") {
        // The grant's decider is not on the board: roles.permission; its tranche rests on it.
        const AuditReport r =
            audit(forge(audited() + application_a1 + grant("G-1", "A-1", "2800000.00", "vof") +
                        disburse("G-1", "2014-01-15")),
                  "2014-03-31");
        CHECK(has_finding(r, "roles.permission"));
        CHECK(r.statement.disbursed == sek("0.00"));
        CHECK(r.statement.committed_undisbursed == sek("0.00"));
        CHECK(r.statement.grants.empty());
    }
    SECTION("clean: a tranche within the approval is disbursed") {
        const AuditReport r = audit(forge(paid_once() + disburse("G-1", "2014-03-01", "1800000.00")), "2014-03-31");
        CHECK_FALSE(r.has_errors());
        CHECK(r.statement.disbursed == sek("2800000.00"));
    }
}
