// What hostile use found (issue 11), refused by the fund: ids that deceive a
// reader, a derived value the store could not read back, acting on one's own
// grant in another role, finance undoing the board's decisions, phantom
// applicants, reports that stand in for others, reversals and closings that
// break an invariant. Each refusal leaves the store as it was (Scenario checks).

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {

std::string with(std::string line, const std::string& from, const std::string& to) {
    const auto at = line.find(from);
    REQUIRE(at != std::string::npos);
    line.replace(at, from.size(), to);
    return line;
}

std::string reversal(std::int64_t seq, const char* date, const char* actor) {
    return R"({"type":"event.reversed","date":")" + std::string(date) + R"(","actor":")" + actor + R"(","seq":)" +
           std::to_string(seq) + R"(,"reason":"in error"})" + "\n";
}

// Seq 4 A-1, 5 G-1, 6 the first tranche (reports not blocking, so that tranches need no reports here).
std::string paid_g1(const std::string& rules_patch = "{}") {
    nlohmann::json patch = nlohmann::json::parse(rules_patch);
    patch["reporting"]["block_disbursement_when_overdue"] = false;
    return established_with(patch.dump()) + application_a1 + grant_g1 + first_tranche_g1;
}
// Seq 7: a saving of 300 000 for 2014, owed in full.
const char* const saving_2014 =
    R"({"type":"savings.verified","date":"2015-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2014,"amount":"300000.00","method":"difference-in-differences","verifier":"Örebro universitet"})"
    "\n";

}  // namespace

// --- ids --------------------------------------------------------------------------------------------

TEST_CASE("input.invalid_id: control, line-break, zero-width and bidirectional characters in an id are refused") {
    struct Case {
        const char* escaped;  // as JSON writes it
        const char* named;    // as the error names it
    };
    for (const Case& c : {Case{R"(\n)", "U+000A"}, Case{R"(\u001b[2J)", "U+001B"}, Case{R"(\u0000)", "U+0000"},
                          Case{R"(\u202e)", "U+202E"}, Case{R"(\u2066)", "U+2066"}, Case{R"(\u200b)", "U+200B"},
                          Case{R"(\u0085)", "U+0085"}, Case{R"(\u007f)", "U+007F"}, Case{R"(\ufeff)", "U+FEFF"}}) {
        INFO(c.escaped);
        Scenario s(established() + application_a1);
        const auto e = s.input_error(with(grant_g1, R"("grant":"G-1")", std::string(R"("grant":"G-)") + c.escaped + "1\""));
        CHECK(e.id() == "input.invalid_id");
        CHECK(e.field() == "grant");
        CHECK_THAT(std::string(e.what()), mentions("character 3 is " + std::string(c.named)));
        for (char ch : std::string(e.what())) CHECK(static_cast<unsigned char>(ch) >= 0x20);  // never raw
    }
}

TEST_CASE("input.invalid_id: in every field that names someone or something") {
    Scenario s(established());
    SECTION("the actor") {
        const auto e = s.input_error(with(application_a1, R"("actor":"vof")", R"("actor":"vof\nok")"));
        CHECK(e.field() == "actor");
    }
    SECTION("an applicant") {
        const auto e = s.input_error(with(application_a1, R"(["vof","kof"])", R"(["vof","k\u202eof"])"));
        CHECK(e.field() == "applicants[1]");
    }
    SECTION("a unit owed") {
        const auto e = s.input_error(with(application_a1, R"("unit":"vof")", R"("unit":"v\tof")"));
        CHECK(e.field() == "expected_savings[0].unit");
    }
    SECTION("an actor of the rulebook") {
        const auto e = s.input_error(revision("2014.1", "2014-01-01", R"({"roles":{"vof\u001b":["unit"]}})"));
        CHECK(e.id() == "input.invalid_id");
        CHECK(e.field() == "rules.roles");
    }
    SECTION("an edge space") {
        const auto e = s.input_error(with(application_a1, R"(["vof","kof"])", R"(["vof","kof "])"));
        CHECK_THAT(std::string(e.what()), mentions("may not begin or end with a space"));
    }
    SECTION("free text may hold what it likes; output escapes it") {
        s.apply(with(application_a1, R"("title":"Fallprevention för äldre")", R"("title":"Två\nrader \u202e")"));
        CHECK(s.fund.state().application("A-1")->application.title == "Två\nrader \u202e");
    }
}

TEST_CASE("input.invalid_id: an id is at most 200 bytes") {
    Scenario s(established());
    const std::string longest(200, 'a');
    s.apply(with(application_a1, R"("application":"A-1")", "\"application\":\"" + longest + "\""));
    CHECK(s.fund.state().application(longest) != nullptr);
    const auto e = s.input_error(with(application_a1, R"("application":"A-1")", "\"application\":\"" + longest + "b\""));
    CHECK(e.field() == "application");
    CHECK_THAT(std::string(e.what()), mentions("at most 200 bytes long, not 201"));
}

// --- what the fund derives is read back before it is stored ----------------------------------------

TEST_CASE("ledger.unreadable_result: a saving for budget year 2199 would fall due in 2200, which no store could read") {
    Scenario s(paid_g1());
    const auto before = s.store.count();
    try {
        s.apply(with(saving_2014, R"("budget_year":2014)", R"("budget_year":2199)"));
        FAIL("accepted a saving whose obligation falls due in 2200");
    } catch (const InputError& e) {
        CHECK(e.id() == "ledger.unreadable_result");
        CHECK(e.index() == std::optional<std::size_t>(0));
        CHECK_THAT(std::string(e.what()), mentions("savings.verified of 2015-03-01") && mentions("2200-12-31"));
    }
    CHECK(s.store.count() == before);
    // The store opens, and takes the saving for a year whose due date it keeps.
    Fund reopened(s.store);
    CHECK(reopened.events().size() == static_cast<std::size_t>(before));
    s.apply(with(saving_2014, R"("budget_year":2014)", R"("budget_year":2198)"));
    CHECK(Fund(s.store).state().grant("G-1")->obligations.back().due == Date(2199, 12, 31));
}

// --- segregation of duties beyond deciding and verifying ---------------------------------------------

TEST_CASE("segregation.own_disbursement: an applicant who also holds finance does not pay its own grant") {
    Scenario s(established_with(R"({"roles":{"vof":["unit","finance"]}})") + application_a1 + grant_g1);
    const auto v = s.refused(with(first_tranche_g1, R"("actor":"finance")", R"("actor":"vof")"));
    CHECK(v.rule_id() == "segregation.own_disbursement");
    CHECK(v.actual() == "vof");
    CHECK_THAT(std::string(v.what()), mentions("vof is an applicant of A-1 and may not pay out G-1"));
    s.apply(first_tranche_g1);  // finance may
}

TEST_CASE("segregation.own_write_off and segregation.own_closing: an applicant on the board") {
    Scenario s(paid_g1(R"({"roles":{"vof":["unit","board"]}})") + saving_2014);
    const std::string write_off =
        R"({"type":"obligation.written_off","date":"2016-12-31","actor":"vof","grant":"G-1","amount":"300000.00","decision":"KS 2016-12-13 §300","reason":"no frame"})";
    const auto w = s.refused(write_off);
    CHECK(w.rule_id() == "segregation.own_write_off");
    CHECK_THAT(std::string(w.what()), mentions("may not write off what is owed on G-1"));
    s.apply(with(write_off, R"("actor":"vof")", R"("actor":"ks")"));
    const std::string closing =
        R"({"type":"grant.closed","date":"2017-01-31","actor":"vof","grant":"G-1","decision":"KS 2017-01-17 §10"})";
    const auto c = s.refused(closing);
    CHECK(c.rule_id() == "segregation.own_closing");
    CHECK_THAT(std::string(c.what()), mentions("may not close G-1"));
    s.apply(with(closing, R"("actor":"vof")", R"("actor":"ks")"));
}

TEST_CASE("segregation.own_reversal: an applicant in finance does not reverse what concerns its own grant") {
    Scenario s(paid_g1(R"({"roles":{"vof":["unit","finance"]}})"));
    const auto v = s.refused(reversal(6, "2014-01-20", "vof"));
    CHECK(v.rule_id() == "segregation.own_reversal");
    CHECK_THAT(std::string(v.what()), mentions("may not reverse event 6 (grant.disbursed)"));
    s.apply(reversal(6, "2014-01-20", "finance"));
}

TEST_CASE("reversal.decision_body: finance alone does not undo a decision of the board or the council") {
    SECTION("a grant decision: the body within its delegation") {
        Scenario s(established() + application_a1 + grant_g1);
        const auto v = s.refused(reversal(5, "2013-12-01", "finance"));
        CHECK(v.rule_id() == "reversal.decision_body");
        CHECK(v.expected() == "a role that may decide 2800000.00: board-delegate, board");
        CHECK(v.actual() == "finance");
        CHECK_THAT(std::string(v.what()), mentions("event 5 (grant.decided) is a decision"));
        s.apply(reversal(5, "2013-12-01", "ks-chair"));
    }
    SECTION("a grant above the delegate's limit takes the board") {
        Scenario s(established() + with(application_a1, R"("requested":"3000000.00")", R"("requested":"5000000.00")") +
                   R"({"type":"grant.decided","date":"2013-11-05","actor":"ks","grant":"G-1","application":"A-1","amount":"5000000.00","body":"ks","decision":"KS 2013-11-05 §201"})");
        const auto v = s.refused(reversal(5, "2013-12-01", "ks-chair"));
        CHECK(v.rule_id() == "reversal.decision_body");
        CHECK(v.expected() == "a role that may decide 5000000.00: board");
        s.apply(reversal(5, "2013-12-01", "ks"));
    }
    SECTION("a rejection, a closing, a write-off, an allocation") {
        Scenario s(established() + application_a1 +
                   R"({"type":"application.rejected","date":"2013-11-05","actor":"ks","application":"A-1","body":"ks","decision":"KS 1","reasons":["not preventive"]})"
                   "\n"
                   R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"amount":"1000000.00","decision":"KF 1"})");
        CHECK(s.refused(reversal(5, "2013-12-01", "finance")).rule_id() == "reversal.decision_body");
        CHECK(s.refused(reversal(6, "2013-12-01", "finance")).rule_id() == "reversal.decision_body");
        CHECK(s.refused(reversal(6, "2013-12-01", "ks")).rule_id() == "roles.permission");  // the council's, not the board's
        s.apply(reversal(5, "2013-12-01", "ks"));
        s.apply(reversal(6, "2013-12-01", "kf"));
    }
    SECTION("money events stay finance's to reverse") {
        Scenario s(paid_g1());
        CHECK(s.refused(reversal(6, "2014-01-20", "ks")).rule_id() == "roles.permission");
        s.apply(reversal(6, "2014-01-20", "finance"));
    }
}

// --- who may apply ---------------------------------------------------------------------------------

TEST_CASE("eligibility.applicant_role: every applicant is a unit or partner of the rulebook in force") {
    Scenario s(established());
    for (const char* phantom : {"VOF", "nobody-at-all", "ks"}) {
        INFO(phantom);
        const auto v = s.refused(with(application_a1, R"(["vof","kof"])", std::string(R"(["vof",")") + phantom + "\"]"));
        CHECK(v.rule_id() == "eligibility.applicant_role");
        CHECK(v.expected() == "unit or partner");
        CHECK_THAT(std::string(v.what()), mentions("applicant \"" + std::string(phantom) + "\" of A-1"));
    }
    CHECK(s.refused(with(application_a1, R"(["vof","kof"])", R"(["vof","ks"])")).actual() == "board");
    SECTION("a partner may be one of the applicants") {
        Scenario p(established_with(R"({"roles":{"stadsmissionen":["partner"]}})"));
        p.apply(with(application_a1, R"(["vof","kof"])", R"(["vof","stadsmissionen"])"));
    }
}

// --- reports -------------------------------------------------------------------------------------------

TEST_CASE("reporting.period_end: a report ends by its own date, an interim one by the project's end") {
    Scenario s(paid_g1());
    const std::string interim =
        R"({"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-1","kind":"interim","period_end":"2014-06-30"})";
    const auto ahead = s.refused(with(interim, "2014-06-30", "2014-12-31"));
    CHECK(ahead.rule_id() == "reporting.period_end");
    CHECK(ahead.expected() == "<= 2014-07-10");
    CHECK(ahead.actual() == "2014-12-31");
    const auto past_end = s.refused(
        R"({"type":"report.submitted","date":"2017-07-10","actor":"vof","grant":"G-1","kind":"interim","period_end":"2017-06-30"})");
    CHECK(past_end.rule_id() == "reporting.period_end");
    CHECK_THAT(std::string(past_end.what()), mentions("by the project's end (2016-12-31)"));
    s.apply(interim);
    s.apply(R"({"type":"report.submitted","date":"2017-02-10","actor":"vof","grant":"G-1","kind":"final","period_end":"2016-12-31"})");
}

TEST_CASE("A final report sent before the project's end does not excuse the interim reports after it") {
    Scenario s(established() + application_a1 + grant_g1 + first_tranche_g1 +
               R"({"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-1","kind":"final","period_end":"2014-06-30"})");
    // The interim report for 2014-07-01..2014-12-31 was due 2015-01-31.
    const auto v = s.refused(R"({"type":"grant.disbursed","date":"2015-02-15","actor":"finance","grant":"G-1","amount":"1000000.00"})");
    CHECK(v.rule_id() == "reporting.block_disbursement_when_overdue");
    CHECK_THAT(std::string(v.what()), mentions("interim report of G-1 for 2014-07-01..2014-12-31"));
}

// --- closings and reversals that break an invariant ----------------------------------------------

TEST_CASE("grant.closed_before_disbursement: a grant is not closed on a date before a tranche it was paid") {
    Scenario s(paid_g1());
    const std::string closing = R"({"type":"grant.closed","date":"2014-01-10","actor":"ks","grant":"G-1","decision":"KS 1"})";
    const auto v = s.refused(closing);
    CHECK(v.rule_id() == "grant.closed_before_disbursement");
    CHECK(v.expected() == ">= 2014-01-15");
    CHECK_THAT(std::string(v.what()), mentions("paid a tranche on 2014-01-15 (event 6)"));
    s.apply(with(closing, "2014-01-10", "2014-01-15"));
}

TEST_CASE("reversal.reserve_floor: a reversal leaves free capital at the floor while grants stand") {
    Scenario s(established() + application_a1 + grant_g1);
    const auto v = s.refused(reversal(3, "2014-01-01", "finance"));
    CHECK(v.rule_id() == "reversal.reserve_floor");
    CHECK(v.expected() == ">= 5000000.00");
    CHECK(v.actual() == "-2800000.00");
    CHECK_THAT(std::string(v.what()), mentions("while grants of 2800000.00 stand"));
    // With nothing committed the contribution may be taken back (reversal_test.cpp).
    s.apply(reversal(5, "2013-12-01", "ks-chair"));
    s.apply(reversal(3, "2014-01-01", "finance"));
}

TEST_CASE("reversal.obligation_cap: a tranche is not taken back while obligations rest on it") {
    Scenario s(paid_g1() + saving_2014);
    const auto v = s.refused(reversal(6, "2015-04-01", "finance"));
    CHECK(v.rule_id() == "reversal.obligation_cap");
    CHECK(v.expected() == "<= 0.00");
    CHECK(v.actual() == "300000.00");
    s.apply(reversal(7, "2015-04-01", "finance"));  // the saving first
    s.apply(reversal(6, "2015-04-01", "finance"));
}
