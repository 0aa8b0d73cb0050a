// The integrity of a stored history (findings "integrity.*", all errors):
// each event's hash covers its content, its seq follows the one before, its
// prev_hash is the hash before it, a store's columns agree with the event,
// and recording times never go back. One test per id, with the history that
// shows it and the one that does not, read from a store's rows and from a
// JSON Lines export.

#include "commands.hpp"

using namespace sifund;
using namespace sifund::testing;
using namespace sifund::testing::lines_for;

namespace {

// Events 1-3 and two top-ups, 4 and 5.
std::string five_events() { return audited() + capital("2013-02-01") + capital("2013-02-02", "2000000.00"); }

bool has_integrity_finding(const AuditReport& r) { return first_integrity(r) != nullptr; }

// The rows from `from` on made to follow the row before them again, with
// their hashes recomputed: what a forger who knows the scheme would do.
void rechain(std::vector<StoredEvent>& rows, std::size_t from) {
    for (std::size_t i = from; i < rows.size(); ++i) {
        nlohmann::json j = nlohmann::json::parse(rows[i].json);
        const std::string prev = i == 0 ? genesis_hash : rows[i - 1].hash;
        j["prev_hash"] = prev;
        rows[i].prev_hash = prev;
        rows[i].json = j.dump();
        rows[i].hash = detail::sha256_hex(rows[i].json);
    }
}

std::string jsonl_of(const std::vector<StoredEvent>& rows) {
    std::string out;
    for (const StoredEvent& r : rows) out += jsonl_line(r.json, r.hash) + "\n";
    return out;
}

void replace(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("A forged history that keeps the chain has no integrity finding, read either way") {
    const Forged h = forge(five_events());
    const AuditReport r = audit(h, "2013-12-31");
    INFO(r.to_text());
    CHECK(r.findings.empty());
    CHECK(r.events == 5);
    CHECK(r.statement.capital_contributed == sek("68000000.00"));
}

TEST_CASE("integrity.hash: an event changed after it was recorded") {
    auto rows = forge(five_events()).rows();
    SECTION("in a store") {
        replace(rows[3].json, R"("amount":"1000000.00")", R"("amount":"9000000.00")");
        const AuditReport r = audit_rows(rows, "2013-12-31");
        const Finding& f = the_finding(r, "integrity.hash");
        CHECK(f.severity == Severity::error);
        CHECK(f.seq == 4);
        CHECK(f.subject.empty());
        CHECK_THAT(f.message, mentions("event 4"));
        CHECK(first_integrity(r) == &f);
        // The chain goes on from the hash event 4 claims: one finding, not one for every event after it.
        CHECK(findings_of(r, "integrity.chain").empty());
        // The auditor goes on with what the event says, and shows it.
        CHECK(r.statement.capital_contributed == sek("76000000.00"));
    }
    SECTION("in a JSON Lines export") {
        std::string text = jsonl_of(rows);
        replace(text, R"("amount":"1000000.00")", R"("amount":"1000000.01")");
        const AuditReport r = audit_text(text, "2013-12-31");
        const Finding& f = the_finding(r, "integrity.hash");
        CHECK(f.seq == 4);
        CHECK_THAT(f.message, mentions("event 4") && mentions("line 4"));
    }
    SECTION("a hash replaced") {
        rows[1].hash = std::string(64, 'a');
        const AuditReport r = audit_rows(rows, "2013-12-31");
        CHECK(the_finding(r, "integrity.hash").seq == 2);
        CHECK(first_integrity(r)->seq == 2);
        CHECK(the_finding(r, "integrity.chain").seq == 3);  // event 3 follows the real hash of 2
    }
    SECTION("clean") {
        CHECK_FALSE(has_integrity_finding(audit_rows(rows, "2013-12-31")));
        CHECK_FALSE(has_integrity_finding(audit_text(jsonl_of(rows), "2013-12-31")));
    }
}

TEST_CASE("integrity.unreadable: a line that is not an event, or an event that cannot be read") {
    auto rows = forge(five_events()).rows();
    SECTION("a JSON Lines line that is not JSON") {
        std::string text = jsonl_of(rows);
        replace(text, jsonl_line(rows[3].json, rows[3].hash), "this is not an event");
        const AuditReport r = audit_text(text, "2013-12-31");
        const Finding& f = the_finding(r, "integrity.unreadable");
        CHECK(f.severity == Severity::error);
        CHECK_FALSE(f.seq.has_value());  // what it claims cannot be known
        CHECK_THAT(f.message, mentions("line 4"));
        CHECK(first_integrity(r) == &f);
        // Event 5 then does not follow what was read before it.
        CHECK(the_finding(r, "integrity.sequence").seq == 5);
        CHECK(the_finding(r, "integrity.chain").seq == 5);
        CHECK(r.events == 4);
    }
    SECTION("a JSON Lines line without a hash") {
        std::string text = jsonl_of(rows);
        replace(text, jsonl_line(rows[3].json, rows[3].hash), rows[3].json);
        const AuditReport r = audit_text(text, "2013-12-31");
        const Finding& f = the_finding(r, "integrity.unreadable");
        CHECK_FALSE(f.seq.has_value());
        CHECK_THAT(f.message, mentions("line 4"));
    }
    SECTION("an event whose hash verifies but whose content is not a command") {
        // A number for an amount: the hash is the forger's own, the chain is kept.
        replace(rows[3].json, R"("amount":"1000000.00")", R"("amount":1000000)");
        rows[3].hash = detail::sha256_hex(rows[3].json);
        rechain(rows, 4);
        for (const AuditReport& r : {audit_rows(rows, "2013-12-31"), audit_text(jsonl_of(rows), "2013-12-31")}) {
            const Finding& f = the_finding(r, "integrity.unreadable");
            CHECK(f.seq == 4);
            CHECK_THAT(f.message, mentions("event 4") && mentions("amount"));
            CHECK(first_integrity(r) == &f);
            CHECK(r.count(Severity::error) == 1);  // the chain goes on through it
            CHECK(r.statement.capital_contributed == sek("67000000.00"));
        }
    }
    SECTION("clean") {
        CHECK_FALSE(has_finding(audit_rows(rows, "2013-12-31"), "integrity.unreadable"));
        CHECK_FALSE(has_finding(audit_text(jsonl_of(rows), "2013-12-31"), "integrity.unreadable"));
    }
}

TEST_CASE("integrity.sequence: a seq missing or repeated") {
    SECTION("missing: event 4 is gone, and the chain was rebuilt over the gap") {
        const Forged h = forge(audited() + with(capital("2013-02-01"), R"({"_seq":5})"));
        const AuditReport r = audit(h, "2013-12-31");
        const Finding& f = the_finding(r, "integrity.sequence");
        CHECK(f.severity == Severity::error);
        CHECK(f.seq == 5);
        CHECK(f.expected == "4");
        CHECK(f.actual == "5");
        CHECK_THAT(f.message, mentions("4..4") && mentions("event 5"));
        CHECK(r.findings.size() == 1);
    }
    SECTION("repeated: two events claim seq 3") {
        const Forged h = forge(audited() + with(capital("2013-02-01"), R"({"_seq":3})"));
        const AuditReport r = audit(h, "2013-12-31");
        const Finding& f = the_finding(r, "integrity.sequence");
        CHECK(f.seq == 3);
        CHECK(f.expected == "4");
        CHECK_THAT(f.message, mentions("reordered or repeated"));
    }
    SECTION("clean") {
        CHECK_FALSE(has_finding(audit(forge(five_events()), "2013-12-31"), "integrity.sequence"));
    }
}

TEST_CASE("integrity.chain: an event that does not name the hash of the event before it") {
    const Forged ok = forge(five_events());
    const std::string other(64, 'b');
    const Forged h = forge(audited() + with(capital("2013-02-01"), R"({"_prev_hash":")" + other + R"("})") +
                           capital("2013-02-02", "2000000.00"));
    const AuditReport r = audit(h, "2013-12-31");
    const Finding& f = the_finding(r, "integrity.chain");
    CHECK(f.severity == Severity::error);
    CHECK(f.seq == 4);
    CHECK(f.expected == ok.events[2].hash);
    CHECK(f.actual == other);
    CHECK(r.findings.size() == 1);  // its own hash is right, and event 5 follows it
    CHECK_FALSE(has_finding(audit(ok, "2013-12-31"), "integrity.chain"));
}

TEST_CASE("integrity.columns: a store's columns that disagree with the event they index") {
    const auto clean = forge(five_events()).rows();
    auto rows = clean;
    SECTION("type") { rows[3].type = "grant.disbursed"; }
    SECTION("date") { rows[3].date = "2013-02-02"; }
    SECTION("recorded_at") { rows[3].recorded_at = "2013-02-01T13:00:00.000000Z"; }
    SECTION("prev_hash") { rows[3].prev_hash = std::string(64, 'c'); }
    SECTION("seq") { rows[3].seq = 40; }
    const AuditReport r = audit_rows(rows, "2013-12-31");
    const Finding& f = the_finding(r, "integrity.columns");
    CHECK(f.severity == Severity::error);
    CHECK(f.seq == 4);
    CHECK_THAT(f.message, mentions("event 4"));
    CHECK_FALSE(has_finding(audit_rows(clean, "2013-12-31"), "integrity.columns"));
}

TEST_CASE("integrity.recorded_at: an event recorded before the event ahead of it") {
    const std::string later = with(capital("2013-02-01"), R"({"_recorded_at":"2013-02-03T12:00:00Z"})");
    const Forged h = forge(audited() + later +
                           with(capital("2013-02-01", "2000000.00"), R"({"_recorded_at":"2013-02-02T12:00:00Z"})"));
    const AuditReport r = audit(h, "2013-12-31");
    const Finding& f = the_finding(r, "integrity.recorded_at");
    CHECK(f.severity == Severity::error);
    CHECK(f.seq == 5);
    CHECK_THAT(f.message, mentions("2013-02-02T12:00:00") && mentions("2013-02-03T12:00:00"));
    // The same moment twice is no finding: one batch is one recording.
    const Forged same = forge(audited() + later +
                              with(capital("2013-02-01", "2000000.00"), R"({"_recorded_at":"2013-02-03T12:00:00Z"})"));
    CHECK_FALSE(has_finding(audit(same, "2013-12-31"), "integrity.recorded_at"));
}

TEST_CASE("A forger who rebuilds the chain passes integrity, and the rules still find what was changed") {
    // Event 4 made a unit's, every hash after it recomputed.
    auto rows = forge(five_events() + application_a1 + grant_g1).rows();
    replace(rows[3].json, R"("actor":"finance")", R"("actor":"vof")");
    rows[3].hash = detail::sha256_hex(rows[3].json);
    rechain(rows, 4);
    const AuditReport r = audit_rows(rows, "2013-12-31");
    CHECK_FALSE(has_integrity_finding(r));
    const Finding& f = the_finding(r, "roles.permission");
    CHECK(f.seq == 4);
}
