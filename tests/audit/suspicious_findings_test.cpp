// Ways to mislead that must be found (issue 11): an empty history passed off
// as a clean audit, recording times given in the past or beyond the audit,
// ids that differ only by case or by look, a rulebook that lets one actor
// decide and pay, a decision split in two to pass a limit, a percentage
// written as a rate, a final report before the project ends. One test per
// finding id: a history that shows it and one that does not.

#include "commands.hpp"

using namespace sifund;
using namespace sifund::testing;
using namespace sifund::testing::lines_for;

namespace {

std::string recorded_at(const char* at) { return std::string(R"({"_recorded_at":")") + at + "\"}"; }

// An application of vof and kof like A-1, over `start`..`end`, asking for `requested`.
std::string application_of(const char* id, const char* start, const char* end, const char* requested = "6000000.00",
                           const char* applicants = R"(["vof","kof"])") {
    return application(id, std::string(R"({"start":")") + start + R"(","end":")" + end + R"(","requested":")" +
                               requested + R"(","applicants":)" + applicants + "}");
}

// Events 4 and 5: A-1 for 2014-2016 and A-2 for 2015-2017, both of vof and kof.
std::string two_applications(const char* second_applicants = R"(["kof","vof"])", const char* second_start = "2015-01-01") {
    return audited() + application_of("A-1", "2014-01-01", "2016-12-31") +
           application_of("A-2", second_start, "2017-06-30", "6000000.00", second_applicants);
}

}  // namespace

// --- the history as a whole -------------------------------------------------------------------------

TEST_CASE("audit.empty_history: a history with no events, or with no fund.established, is not a clean audit") {
    SECTION("no events at all") {
        const AuditReport r = audit(forge(""), "2013-12-31");
        const Finding& f = the_finding(r, "audit.empty_history");
        CHECK(f.severity == Severity::error);
        CHECK_FALSE(f.seq.has_value());
        CHECK(f.subject.empty());
        CHECK(f.expected == ">= 1 event");
        CHECK(f.actual == "0 events");
        CHECK_THAT(f.message, mentions("no events") && mentions("not a clean audit"));
        CHECK(r.has_errors());
        CHECK(r.events == 0);
        CHECK(r.findings.size() == 1);
    }
    SECTION("a file of blank lines is no history either") {
        CHECK(the_finding(audit_text("\n \n\n", "2013-12-31"), "audit.empty_history").actual == "0 events");
    }
    SECTION("events, but none establishes a fund") {
        const std::string history = revision("2013.1", "2013-01-01") + capital("2013-01-15");
        const AuditReport r = audit(forge(history), "2013-12-31");
        const Finding& f = the_finding(r, "audit.empty_history");
        CHECK(f.severity == Severity::error);
        CHECK_FALSE(f.seq.has_value());
        CHECK(f.expected == "fund.established");
        CHECK(f.actual == "none");
        CHECK_THAT(f.message, mentions("2 event(s)"));
        CHECK(findings_of(r, "fund.not_established").size() == 2);
        // Whole-history findings come after the replay's, errors before warnings.
        CHECK(r.findings.back().id == "audit.empty_history");
    }
    SECTION("clean: an established fund") {
        CHECK_FALSE(has_finding(audit(forge(audited()), "2013-12-31"), "audit.empty_history"));
    }
}

// --- recording times ---------------------------------------------------------------------------------

TEST_CASE("ledger.recorded_before_effect: events recorded on a day before they take effect") {
    SECTION("one recording of two top-ups dated ahead of it is one finding, naming the earliest") {
        const AuditReport r =
            audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2013-01-20T12:00:00Z")) +
                        with(capital("2013-03-01"), recorded_at("2013-01-20T12:00:00Z"))),
                  "2013-12-31");
        const Finding& f = the_finding(r, "ledger.recorded_before_effect");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 4);
        CHECK(f.subject.empty());
        CHECK(f.expected == "0 days early");
        CHECK(f.actual == "40 days early");
        CHECK_THAT(f.message, mentions("2 event(s)") && mentions("seq 4-5") && mentions("(seq 5)") &&
                                  mentions("2013-01-20T12:00:00.000000Z") && mentions("--known-at"));
        CHECK_FALSE(r.has_errors());
        CHECK_FALSE(has_finding(r, "ledger.backdated"));
    }
    SECTION("two recordings are two findings") {
        const AuditReport r =
            audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2013-01-20T12:00:00Z")) +
                        with(capital("2013-03-01"), recorded_at("2013-01-21T12:00:00Z"))),
                  "2013-12-31");
        const auto found = findings_of(r, "ledger.recorded_before_effect");
        REQUIRE(found.size() == 2);
        CHECK(found[0]->seq == 4);
        CHECK(found[1]->seq == 5);
        CHECK(found[1]->actual == "39 days early");
    }
    SECTION("clean: recorded on its own day, at any time of it") {
        const AuditReport r =
            audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2013-02-01T00:00:01Z"))), "2013-12-31");
        CHECK_FALSE(has_finding(r, "ledger.recorded_before_effect"));
    }
    SECTION("clean: the true-up the fund appends with the outcome's date") {
        MemoryStore store;
        Fund fund(store);
        record_on_their_dates(fund, audited() + tax_revenue(2014, "budget", "2013-06-18", "6512000000.00") +
                                        allocation(2014, "2013-06-18", "130240000.00", "0.02") +
                                        tax_revenue(2014, "outcome", "2015-04-15", "6600000000.00"));
        const auto rows = store.load();
        REQUIRE(rows.back().type == "allocation.trued_up");
        const AuditReport r = audit_rows(rows, "2015-12-31");
        INFO(r.to_text());
        CHECK(r.findings.empty());
    }
}

TEST_CASE("ledger.recorded_after_audit: events recorded after the audit date") {
    const std::string history = audited() + with(capital("2013-02-01"), recorded_at("2013-02-01T09:00:00Z")) +
                                with(capital("2013-03-01"), recorded_at("2014-03-01T09:00:00Z")) +
                                with(capital("2013-04-01"), recorded_at("2014-03-02T09:00:00Z"));
    SECTION("an audit as of a date before some events were recorded") {
        const AuditReport r = audit(forge(history), "2013-12-31");
        const Finding& f = the_finding(r, "ledger.recorded_after_audit");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 5);
        CHECK(f.subject.empty());
        CHECK(f.expected == "recorded by 2013-12-31T23:59:59.999999Z");
        CHECK(f.actual == "2014-03-02T09:00:00.000000Z");
        CHECK_THAT(f.message, mentions("2 event(s)") && mentions("seq 5") && mentions("2013-12-31") &&
                                  mentions("not recorded until later"));
        CHECK_FALSE(r.has_errors());
    }
    SECTION("a recording time in the future of the audit date (today, in the CLI)") {
        const AuditReport r = audit(forge(audited() + with(capital("2013-02-01"), recorded_at("2099-01-01T00:00:00Z"))),
                                    "2026-12-01");
        CHECK(the_finding(r, "ledger.recorded_after_audit").seq == 4);
    }
    SECTION("clean: recorded on the audit date itself") {
        CHECK_FALSE(has_finding(audit(forge(history), "2014-03-02"), "ledger.recorded_after_audit"));
    }
}

// --- ids ------------------------------------------------------------------------------------------------

TEST_CASE("The skeleton of an id: case, fullwidth forms and Cyrillic and Greek letters that look Latin") {
    using detail::skeleton;
    CHECK(skeleton("G-1") == skeleton("g-1"));
    CHECK(skeleton("vof") == skeleton("VOF"));
    CHECK(skeleton("\xD0\x90-1") == "a-1");                  // Cyrillic А
    CHECK(skeleton("\xD1\x80\xD0\xB5\xD1\x81") == "pec");    // Cyrillic р е с
    CHECK(skeleton("\xCE\x9F\xCE\xA1\xCE\x95") == "ope");    // Greek Ο Ρ Ε
    CHECK(skeleton("\xEF\xBC\xA7\xEF\xBC\x8D\xEF\xBC\x91") == "g-1");  // fullwidth Ｇ－１
    CHECK(skeleton("\xD3\x8F") == "l");                      // Cyrillic palochka
    CHECK(skeleton("G-0") != skeleton("G-O"));               // 0 and O are not asked for
    CHECK(skeleton("\xC3\x96rebro") != skeleton("Orebro"));  // Ö is not O
    CHECK(skeleton("\xC3\x96rebro") == "\xC3\x96rebro");
}

TEST_CASE("ids.confusable: ids within one fund that differ only by case or by look") {
    SECTION("grants G-1 and g-1") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "1000000.00") +
                                          grant("g-1", "A-2", "1000000.00")),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "ids.confusable");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 7);
        CHECK(f.subject == "g-1");
        CHECK_THAT(f.message, mentions("grant ids") && mentions("\"G-1\" (first in event 6)") &&
                                  mentions("\"g-1\" (first in event 7)"));
    }
    SECTION("applications A-1 and А-1, with a Cyrillic А") {
        const char* cyrillic = "\xD0\x90-1";
        const AuditReport r = audit(forge(audited() + application_a1 + application(cyrillic)), "2013-12-31");
        const Finding& f = the_finding(r, "ids.confusable");
        CHECK(f.seq == 5);
        CHECK(f.subject == cyrillic);
        CHECK_THAT(f.message, mentions("application ids") && mentions("U+0410") && mentions("\"A-1\""));
    }
    SECTION("actors vof and a fullwidth ｖｏｆ, both given roles by one revision") {
        const AuditReport r = audit(forge(audited(R"({"roles":{"ｖｏｆ":["unit"]}})")), "2013-12-31");
        const Finding& f = the_finding(r, "ids.confusable");
        CHECK(f.seq == 2);
        CHECK(f.subject.empty());
        CHECK_THAT(f.message, mentions("actor ids") && mentions("\"vof\" (first in event 2)") &&
                                  mentions("U+FF56, U+FF4F, U+FF46"));
    }
    SECTION("an applicant named in another case than its role holder") {
        const AuditReport r = audit(
            forge(audited() + application("A-2", R"({"applicants":["vof","KOF"],"actor":"vof"})")), "2013-12-31");
        const Finding& f = the_finding(r, "ids.confusable");
        CHECK(f.seq == 4);
        CHECK_THAT(f.message, mentions("\"kof\" (first in event 2)") && mentions("\"KOF\" (first in event 4)"));
    }
    SECTION("clean: ids that differ by more than look") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "1000000.00") +
                                          grant("G-10", "A-2", "1000000.00")),
                                    "2013-12-31");
        CHECK_FALSE(has_finding(r, "ids.confusable"));
    }
}

// --- roles ----------------------------------------------------------------------------------------------

TEST_CASE("segregation.conflicting_roles: a revision that lets one actor decide grants and pay them") {
    SECTION("the board also holds the finance role") {
        const AuditReport r = audit(forge(audited(R"({"roles":{"ks":["board","finance"]}})")), "2013-12-31");
        const Finding& f = the_finding(r, "segregation.conflicting_roles");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 2);
        CHECK(f.subject.empty());
        CHECK_THAT(f.message, mentions("rulebook 2013.1") && mentions("gives ks") && mentions("(board)") &&
                                  mentions("(finance)"));
        CHECK_FALSE(r.has_errors());
    }
    SECTION("a later revision, one finding per actor") {
        const AuditReport r = audit(
            forge(audited() + revision("2014.1", "2014-01-01",
                                       R"({"roles":{"ks":["board","finance"],"ks-chair":["board-delegate","finance"]}})")),
            "2014-12-31");
        const auto found = findings_of(r, "segregation.conflicting_roles");
        REQUIRE(found.size() == 2);
        CHECK(found[0]->seq == 4);
        CHECK_THAT(found[0]->message, mentions("gives ks ") && mentions("2014.1"));
        CHECK_THAT(found[1]->message, mentions("gives ks-chair") && mentions("board-delegate"));
    }
    SECTION("a permissions map that lets the board pay") {
        const AuditReport r = audit(
            forge(audited(R"({"permissions":{"board":["rulebook.adopted","grant.decided","grant.disbursed"]}})")),
            "2013-12-31");
        const Finding& f = the_finding(r, "segregation.conflicting_roles");
        CHECK_THAT(f.message, mentions("gives ks") && mentions("the power to pay (board)"));
    }
    SECTION("a permissions map that lets finance decide") {
        const AuditReport r =
            audit(forge(audited(R"({"permissions":{"finance":["grant.disbursed","grant.decided"]}})")), "2013-12-31");
        CHECK_THAT(the_finding(r, "segregation.conflicting_roles").message, mentions("gives finance"));
    }
    SECTION("clean: the example rulebook keeps deciding and paying apart") {
        CHECK_FALSE(has_finding(audit(forge(audited()), "2013-12-31"), "segregation.conflicting_roles"));
    }
}

// --- split decisions -----------------------------------------------------------------------------------

TEST_CASE("grant.split_decision: two grants to the same applicants for overlapping projects that together pass a limit") {
    SECTION("together past grant.max_amount, each alone within it") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "6000000.00") +
                                          grant("G-2", "A-2", "5000000.00", "ks", "2013-11-06")),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "grant.split_decision");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 7);
        CHECK(f.subject == "G-2");
        CHECK(f.expected == "<= 10000000.00");
        CHECK(f.actual == "11000000.00");
        CHECK_THAT(f.message, mentions("G-1 (A-1, 6000000.00") && mentions("G-2 (A-2, 5000000.00") &&
                                  mentions("kof, vof") && mentions("grant.max_amount") &&
                                  mentions("11000000.00"));
    }
    SECTION("together past the reach of the delegate who decided both") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "2000000.00", "ks-chair") +
                                          grant("G-2", "A-2", "2000000.00", "ks-chair")),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "grant.split_decision");
        CHECK(f.seq == 7);
        CHECK(f.subject == "G-2");
        CHECK(f.expected == "<= 3000000.00");
        CHECK(f.actual == "4000000.00");
        CHECK_THAT(f.message, mentions("ks-chair (board-delegate)") && mentions("delegation"));
        CHECK_FALSE(r.has_errors());
    }
    SECTION("one finding a later grant, naming the earlier grant that makes the largest sum with it") {
        // 1 + 1.5 is within the chair's 3 MSEK; 1 + 2.5 and 1.5 + 2.5 are not.
        const AuditReport r = audit(forge(two_applications() + application_of("A-3", "2016-01-01", "2018-06-30") +
                                          grant("G-1", "A-1", "1000000.00", "ks-chair") +
                                          grant("G-2", "A-2", "1500000.00", "ks-chair") +
                                          grant("G-3", "A-3", "2500000.00", "ks-chair")),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "grant.split_decision");
        CHECK(f.seq == 9);
        CHECK(f.subject == "G-3");
        CHECK(f.actual == "4000000.00");
        CHECK_THAT(f.message, mentions("G-2 (A-2") && !mentions("G-1 ("));
    }
    SECTION("the limit is the revision's in force on the later decision") {
        // 6 + 3.5 passes the 9 MSEK of the revision from 2013-11-06, not the 10 MSEK before it.
        const std::string history = two_applications() + revision("2013.2", "2013-11-06", R"({"grant":{"max_amount":"9000000.00"}})") +
                                    grant("G-1", "A-1", "6000000.00") +
                                    grant("G-2", "A-2", "3500000.00", "ks", "2013-11-06");
        CHECK(the_finding(audit(forge(history), "2013-12-31"), "grant.split_decision").expected == "<= 9000000.00");
        const std::string before = two_applications() + revision("2013.2", "2013-11-07", R"({"grant":{"max_amount":"9000000.00"}})") +
                                   grant("G-1", "A-1", "6000000.00") +
                                   grant("G-2", "A-2", "3500000.00", "ks", "2013-11-06");
        CHECK_FALSE(has_finding(audit(forge(before), "2013-12-31"), "grant.split_decision"));
    }
    SECTION("clean: other applicants") {
        const AuditReport r = audit(forge(two_applications(R"(["vof","kof","ouf"])") +
                                          grant("G-1", "A-1", "6000000.00") + grant("G-2", "A-2", "5000000.00")),
                                    "2013-12-31");
        CHECK_FALSE(has_finding(r, "grant.split_decision"));
    }
    SECTION("clean: projects that do not overlap") {
        const AuditReport r = audit(forge(two_applications(R"(["kof","vof"])", "2017-01-01") +
                                          grant("G-1", "A-1", "6000000.00") + grant("G-2", "A-2", "5000000.00")),
                                    "2013-12-31");
        CHECK_FALSE(has_finding(r, "grant.split_decision"));
    }
    SECTION("clean: two deciders, each within their reach, together within the grant limit") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "2000000.00", "ks-chair") +
                                          grant("G-2", "A-2", "2000000.00", "ks")),
                                    "2013-12-31");
        CHECK_FALSE(has_finding(r, "grant.split_decision"));
    }
    SECTION("clean: the first grant was reversed") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "6000000.00") +
                                          reverse(6, "2013-11-05") + grant("G-2", "A-2", "5000000.00", "ks", "2013-11-06")),
                                    "2013-12-31");
        CHECK_FALSE(has_finding(r, "grant.split_decision"));
    }
    SECTION("clean: one grant alone passes the limit (that is grant.max_amount's error)") {
        const AuditReport r = audit(forge(two_applications() + grant("G-1", "A-1", "10500000.00") +
                                          grant("G-2", "A-2", "1000000.00")),
                                    "2013-12-31");
        CHECK(has_finding(r, "grant.max_amount"));
        CHECK_FALSE(has_finding(r, "grant.split_decision"));
    }
}

// --- allocations -----------------------------------------------------------------------------------------

TEST_CASE("allocation.rate_implausible: an allocation rate far above what the rulebook aims at") {
    const std::string budget = tax_revenue(2014, "budget", "2013-06-18", "6512000000.00");
    SECTION("\"2\" meant as 2 %: 13 GSEK, a hundred times the target") {
        const AuditReport r =
            audit(forge(audited() + budget + allocation(2014, "2013-06-18", "13024000000.00", "2")), "2013-12-31");
        const Finding& f = the_finding(r, "allocation.rate_implausible");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 5);
        CHECK(f.subject.empty());
        CHECK(f.expected == "<= 0.2");
        CHECK(f.actual == "2");
        CHECK_THAT(f.message, mentions("13024000000.00") && mentions("2014") && mentions("0.02"));
        CHECK_FALSE(r.has_errors());
    }
    SECTION("with no target rate, above a tenth of tax revenue") {
        const AuditReport r = audit(forge(established_with(R"({"allocation":{"target_rate":null}})") + budget +
                                          allocation(2014, "2013-06-18", "716320000.00", "0.11")),
                                    "2013-12-31");
        const Finding& f = the_finding(r, "allocation.rate_implausible");
        CHECK(f.expected == "<= 0.1");
        CHECK(f.actual == "0.11");
    }
    SECTION("the factor and the fallback are the auditor's options") {
        const Forged h = forge(audited() + budget + allocation(2014, "2013-06-18", "260480000.00", "0.04"));
        CHECK_FALSE(has_finding(audit_rows(h.rows(), "2013-12-31"), "allocation.rate_implausible"));
        AuditOptions strict{Date::parse("2013-12-31")};
        strict.implausible_rate_factor = 1;
        CHECK(the_finding(Auditor(strict).audit(h.rows()), "allocation.rate_implausible").expected == "<= 0.02");
    }
    SECTION("clean: ten times the target exactly, and the target itself") {
        CHECK_FALSE(has_finding(
            audit(forge(audited() + budget + allocation(2014, "2013-06-18", "1302400000.00", "0.2")), "2013-12-31"),
            "allocation.rate_implausible"));
        CHECK_FALSE(has_finding(
            audit(forge(audited() + budget + allocation(2014, "2013-06-18", "130240000.00", "0.02")), "2013-12-31"),
            "allocation.rate_implausible"));
    }
    SECTION("clean: a fixed amount has no rate to judge") {
        CHECK_FALSE(has_finding(audit(forge(audited() + allocation(2014, "2013-06-18", "13024000000.00")), "2013-12-31"),
                                "allocation.rate_implausible"));
    }
}

// --- reports -----------------------------------------------------------------------------------------------

TEST_CASE("reporting.final_before_end: a final report dated before the project ends") {
    // A-1 runs 2014-01-01 to 2016-12-31.
    const std::string paid = audited() + application_a1 + grant_g1 + first_tranche_g1;
    SECTION("a final report in mid-2015") {
        const AuditReport r = audit(forge(paid + report("G-1", "2015-07-10", "2015-06-30", "final")), "2015-07-31");
        const Finding& f = the_finding(r, "reporting.final_before_end");
        CHECK(f.severity == Severity::warning);
        CHECK(f.seq == 7);
        CHECK(f.subject == "G-1");
        CHECK(f.expected == ">= 2016-12-31");
        CHECK(f.actual == "2015-07-10");
        CHECK_THAT(f.message, mentions("2016-12-31") && mentions("A-1"));
    }
    SECTION("clean: a final report on the project's last day, or after it") {
        CHECK_FALSE(has_finding(audit(forge(paid + report("G-1", "2016-12-31", "2016-12-31", "final")), "2017-01-31"),
                                "reporting.final_before_end"));
        CHECK_FALSE(has_finding(audit(forge(paid + report("G-1", "2017-02-10", "2016-12-31", "final")), "2017-02-28"),
                                "reporting.final_before_end"));
    }
    SECTION("clean: an interim report before the end") {
        CHECK_FALSE(has_finding(audit(forge(paid + report("G-1", "2014-07-10", "2014-06-30")), "2014-07-31"),
                                "reporting.final_before_end"));
    }
}
