#pragma once
// Test support for the auditor: histories that never passed through the fund.
//
// The fund refuses rule-breaking commands, so a rule-breaking history is
// written the way an imported one arrives: events chained by hand. forge()
// takes command lines (JSON Lines, as in scenario.hpp) and makes each an
// event with its seq, recording time, prev_hash and hash, bypassing every
// check. A line may carry, besides the command, what an importer would set:
//   "seq"         the event's seq (else one more than the last)
//   "recorded_at" when it was recorded (else noon UTC of its date, or the
//                 last recording time when that is later: time never goes back)
//   "prev_hash"   the hash it claims to follow (else the last event's hash)
// The hash is always computed over what the event holds, so a forged history
// verifies unless a line asks it not to.

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"

namespace sifund::testing {

inline StoredEvent row_of(const Event& e) {
    return {e.seq,          std::string(e.command.type()), e.command.date.to_string(), e.recorded_at.to_string(),
            e.prev_hash, e.hash,                         canonical_text(e)};
}

struct Forged {
    std::vector<Event> events;

    // The history as a store keeps it.
    [[nodiscard]] std::vector<StoredEvent> rows() const {
        std::vector<StoredEvent> out;
        for (const Event& e : events) out.push_back(row_of(e));
        return out;
    }
    // The history as `sifund export --format jsonl` writes it.
    [[nodiscard]] std::string jsonl() const {
        std::string out;
        for (const Event& e : events) out += jsonl_line(canonical_text(e), e.hash) + "\n";
        return out;
    }
    [[nodiscard]] std::int64_t last_seq() const { return events.empty() ? 0 : events.back().seq; }
};

inline Timestamp noon_of(const Date& d) { return Timestamp::parse(d.to_string() + "T12:00:00Z"); }

// Chains the commands of `jsonl` into events, checking nothing.
inline Forged forge(const std::string& jsonl) {
    Forged out;
    Currency currency = Currency::sek();
    std::string prev = genesis_hash;
    std::optional<Timestamp> last_recorded;
    for (nlohmann::json j : lines(jsonl)) {
        Event e;
        e.seq = j.contains("_seq") ? j["_seq"].get<std::int64_t>() : out.last_seq() + 1;
        e.prev_hash = j.contains("_prev_hash") ? j["_prev_hash"].get<std::string>() : prev;
        std::optional<Timestamp> at;
        if (j.contains("_recorded_at")) at = Timestamp::parse(j["_recorded_at"].get<std::string>());
        for (const char* key : {"_seq", "_prev_hash", "_recorded_at"}) j.erase(key);
        e.command = command_from_json(j, currency);
        if (const auto* f = e.command.as<cmd::FundEstablished>()) currency = f->currency;
        if (!at) at = last_recorded ? std::max(*last_recorded, noon_of(e.command.date)) : noon_of(e.command.date);
        e.recorded_at = *at;
        e.hash = compute_hash(e);
        prev = e.hash;
        last_recorded = e.recorded_at;
        out.events.push_back(std::move(e));
    }
    return out;
}

// A command line with some fields changed: `patch` is a JSON merge patch over it.
inline std::string with(const std::string& line, const std::string& patch) {
    nlohmann::json j = nlohmann::json::parse(line);
    j.merge_patch(nlohmann::json::parse(patch));
    return j.dump() + "\n";
}

// --- a rulebook that cites every rule --------------------------------------------------------

// The paragraph the audited rulebook cites for a rule: the example
// rulebook's where it gives one, else one made up from the id.
inline std::string citation_of(std::string_view id) {
    const nlohmann::json example = nlohmann::json::parse(rulebook_2013)["citations"];
    if (example.contains(id)) return example[std::string(id)].get<std::string>();
    return "§ " + std::string(id);
}

// A merge patch over the example rulebook that gives every check a citation,
// then applies `patch`.
inline std::string citing_every_rule(const std::string& patch = "{}") {
    nlohmann::json citations = nlohmann::json::object();
    for (const Check& c : all_checks()) citations[std::string(c.id)] = citation_of(c.id);
    nlohmann::json p = {{"citations", citations}};
    p.merge_patch(nlohmann::json::parse(patch));
    return p.dump();
}

// Events 1-3 of an audited fund: established 2013-01-01, the example rulebook
// with every rule cited (patched by `patch`), 65 MSEK on 2013-01-15.
inline std::string audited(const std::string& patch = "{}", const std::string& capital = "65000000.00") {
    return established_with(citing_every_rule(patch), capital);
}

// --- auditing -----------------------------------------------------------------------------------

inline AuditReport audit_rows(const std::vector<StoredEvent>& rows, const char* as_of) {
    return Auditor({Date::parse(as_of)}).audit(rows);
}
inline AuditReport audit_text(const std::string& jsonl, const char* as_of) {
    std::istringstream in(jsonl);
    return Auditor({Date::parse(as_of)}).audit_jsonl(in);
}

// (id, severity, seq) of each finding, in order: what both readers must agree on.
inline std::vector<std::string> summary(const AuditReport& r) {
    std::vector<std::string> out;
    for (const Finding& f : r.findings)
        out.push_back(f.id + " " + std::string(to_string(f.severity)) + " " +
                      (f.seq ? std::to_string(*f.seq) : std::string("-")) + " " + f.subject);
    return out;
}

// Audits a forged history from its rows and from its JSON Lines export; the
// two must find the same. Returns the report on the rows.
inline AuditReport audit(const Forged& history, const char* as_of) {
    AuditReport from_rows = audit_rows(history.rows(), as_of);
    const AuditReport from_jsonl = audit_text(history.jsonl(), as_of);
    INFO(from_rows.to_text());
    CHECK(summary(from_rows) == summary(from_jsonl));
    CHECK(from_rows.events == history.events.size());
    return from_rows;
}

inline std::vector<const Finding*> findings_of(const AuditReport& r, std::string_view id) {
    std::vector<const Finding*> out;
    for (const Finding& f : r.findings)
        if (f.id == id) out.push_back(&f);
    return out;
}

// The one finding of `id`; fails the test unless there is exactly one.
inline const Finding& the_finding(const AuditReport& r, std::string_view id) {
    const auto found = findings_of(r, id);
    INFO("findings:\n" << r.to_text());
    REQUIRE(found.size() == 1);
    return *found.front();
}

inline bool has_finding(const AuditReport& r, std::string_view id) { return !findings_of(r, id).empty(); }

// The first finding whose id starts with "integrity.", or nullptr.
inline const Finding* first_integrity(const AuditReport& r) {
    for (const Finding& f : r.findings)
        if (f.id.rfind("integrity.", 0) == 0) return &f;
    return nullptr;
}


// Every line of `jsonl` but the last, and the last.
inline std::pair<std::string, std::string> split_last(const std::string& jsonl) {
    std::istringstream in(jsonl);
    std::vector<std::string> kept;
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t") != std::string::npos) kept.push_back(line);
    std::string head;
    for (std::size_t i = 0; i + 1 < kept.size(); ++i) head += kept[i] + "\n";
    return {head, kept.empty() ? std::string() : kept.back() + "\n"};
}

// Records each command of `jsonl` through the fund at noon of its date, in
// the file's order, so that nothing is back-dated (the dates must not go back).
inline void record_on_their_dates(Fund& fund, const std::string& jsonl) {
    for (const nlohmann::json& j : lines(jsonl))
        fund.apply(std::vector<nlohmann::json>{j}, noon_of(Date::parse(j["date"].get<std::string>())));
}

}  // namespace sifund::testing
