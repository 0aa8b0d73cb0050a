// Histories the fund made, recorded on the events' own dates (so nothing is
// back-dated), audit without a finding of severity error: what the fund
// prevents, the auditor does not find again. And the catalogue of finding
// ids, docs/findings.md, names every id the auditor can produce.

#include <fstream>
#include <regex>

#include "commands.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string export_of(const std::vector<StoredEvent>& rows) {
    std::string out;
    for (const StoredEvent& r : rows) out += jsonl_line(r.json, r.hash) + "\n";
    return out;
}

// A small Örebro: the fund, 2 % of the budgeted tax revenue for 2014 and its
// true-up, A-1 granted 2.8 MSEK, paid in three tranches, reported on time,
// 900 000 of verified savings repaid, and the grant closed.
std::string small_orebro() {
    using namespace lines_for;
    return established() + tax_revenue(2014, "budget", "2013-06-18", "6512000000.00") +
           R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","basis":"budget","decision":"KF 2013-06-18 §120"})"
           "\n" +
           application_a1 + grant_g1 + first_tranche_g1 + report("G-1", "2014-07-10", "2014-06-30") +
           report("G-1", "2015-01-10", "2014-12-31") + disburse("G-1", "2015-01-15") +
           tax_revenue(2014, "outcome", "2015-04-15", "6600000000.00") + report("G-1", "2015-07-10", "2015-06-30") +
           report("G-1", "2016-01-10", "2015-12-31") + disburse("G-1", "2016-01-15", "800000.00") +
           report("G-1", "2016-07-10", "2016-06-30", "interim", "kof") +
           report("G-1", "2017-02-10", "2016-12-31", "final") + savings("G-1", "2017-03-01", 2016, "900000.00") +
           repayment("G-1", "2017-06-30", 2017, "900000.00") + close("G-1", "2017-09-01");
}

}  // namespace

TEST_CASE("A small Örebro made by the fund on its dates audits without a single finding once all is recorded") {
    MemoryStore store;
    Fund fund(store);
    record_on_their_dates(fund, small_orebro());
    REQUIRE(store.count() == 21);  // 20 commands and the true-up the fund appended
    const auto rows = store.load();
    REQUIRE(rows[12].type == "allocation.trued_up");
    for (const char* on : {"2014-06-30", "2015-12-31", "2018-12-31"}) {
        const AuditReport r = audit_rows(rows, on);
        INFO("as of " << on << "\n" << r.to_text());
        // As of a date before the last recording, the audit says that it sees
        // events not yet recorded on it; that is its only finding.
        if (std::string(on) == "2018-12-31") {
            CHECK(r.findings.empty());
        } else {
            REQUIRE(r.findings.size() == 1);
            CHECK(r.findings.front().id == "ledger.recorded_after_audit");
        }
        CHECK(r.statement.to_json() == fund.statement(Date::parse(on)).to_json());
    }
    const AuditReport r = audit_text(export_of(rows), "2018-12-31");
    CHECK(r.findings.empty());
    CHECK(r.events == 21);
    CHECK(r.statement.repayments == sek("900000.00"));
}

// The example's one warning is real: the same three units (kof, ouf, sbf)
// hold G-2014-01 (9 MSEK, by the board) and G-2015-01 (3 MSEK, by the chair)
// for projects that overlap from 2015-09 to 2017-02: 12 MSEK together, past
// the 10 MSEK a grant may be.
TEST_CASE("The Örebro example (examples/orebro) made by the fund on its dates audits without an error") {
    MemoryStore store;
    Fund fund(store);
    record_on_their_dates(fund, read_file(std::string(SIFUND_SOURCE_DIR) + "/examples/orebro/fund.jsonl"));
    REQUIRE(store.count() == 200);  // 191 commands and 9 true-ups
    const auto rows = store.load();
    const AuditReport r = audit_rows(rows, "2023-12-31");
    INFO(r.to_text());
    CHECK(r.count(Severity::error) == 0);
    REQUIRE(r.findings.size() == 1);
    const Finding& split = r.findings.front();
    CHECK(split.id == "grant.split_decision");
    CHECK(split.subject == "G-2015-01");
    CHECK(split.expected == "<= 10000000.00");
    CHECK(split.actual == "12000000.00");
    CHECK_THAT(split.message, mentions("G-2014-01") && mentions("kof, ouf, sbf"));
    CHECK(summary(r) == summary(audit_text(export_of(rows), "2023-12-31")));
    CHECK(r.statement.to_json() == fund.statement(Date::parse("2023-12-31")).to_json());
}

TEST_CASE("docs/findings.md catalogues every finding id the auditor can produce, and no other") {
    const std::string doc = read_file(std::string(SIFUND_SOURCE_DIR) + "/docs/findings.md");
    // One heading a finding: ### `id` · severity
    std::set<std::string, std::less<>> catalogued;
    std::map<std::string, std::string, std::less<>> severity;
    const std::regex heading(R"(\n### `([a-z_.]+)` · (error|warning|note))");
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading); it != std::sregex_iterator(); ++it) {
        catalogued.insert((*it)[1]);
        severity[(*it)[1]] = (*it)[2];
    }
    std::set<std::string, std::less<>> ids{"integrity.hash",
                                           "integrity.unreadable",
                                           "integrity.sequence",
                                           "integrity.chain",
                                           "integrity.columns",
                                           "integrity.recorded_at",
                                           "allocation.true_up_missing",
                                           "allocation.true_up_amount",
                                           "commitments.reserve_floor_after_true_up",
                                           "ledger.backdated",
                                           "reporting.paid_while_overdue",
                                           "reporting.overdue",
                                           "repayment.overdue",
                                           "audit.not_applied",
                                           "audit.empty_history",
                                           "ledger.recorded_before_effect",
                                           "ledger.recorded_after_audit",
                                           "ids.confusable",
                                           "segregation.conflicting_roles",
                                           "grant.split_decision",
                                           "allocation.rate_implausible",
                                           "reporting.final_before_end"};
    for (const Check& c : all_checks()) {
        ids.insert(std::string(c.id));
        CHECK(severity[std::string(c.id)] == "error");  // the fund would have refused it
    }
    CHECK(catalogued == ids);
    for (const char* warning : {"commitments.reserve_floor_after_true_up", "ledger.backdated",
                                "reporting.paid_while_overdue", "reporting.overdue", "repayment.overdue",
                                "ledger.recorded_before_effect", "ledger.recorded_after_audit", "ids.confusable",
                                "segregation.conflicting_roles", "grant.split_decision", "allocation.rate_implausible",
                                "reporting.final_before_end"})
        CHECK(severity[warning] == "warning");
    CHECK(severity["audit.empty_history"] == "error");
}

TEST_CASE("The ids the hindsight checks name are catalogued, each named by one check") {
    const std::string doc = read_file(std::string(SIFUND_SOURCE_DIR) + "/docs/findings.md");
    const std::regex heading(R"(\n### `([a-z_.]+)` · (error|warning|note))");
    std::set<std::string> catalogued;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), heading); it != std::sregex_iterator(); ++it)
        catalogued.insert((*it)[1]);
    std::vector<std::string> named;
    for (const auto& w : hindsight::all(AuditOptions{Date::parse("2026-12-31")}))
        for (std::string_view id : w->ids()) named.emplace_back(id);
    CHECK(std::set<std::string>(named.begin(), named.end()).size() == named.size());
    // What neither a check nor a hindsight check names: the chain's faults
    // (ledger/chain.hpp) and an event that cannot be checked or folded.
    std::set<std::string> expected(named.begin(), named.end());
    for (const Check& c : all_checks()) expected.emplace(c.id);
    for (const char* id : {"integrity.hash", "integrity.unreadable", "integrity.sequence", "integrity.chain",
                           "integrity.columns", "integrity.recorded_at", "audit.not_applied"})
        expected.emplace(id);
    CHECK(expected == catalogued);
}
