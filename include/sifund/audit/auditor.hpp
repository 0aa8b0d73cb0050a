#pragma once
// The auditor: takes a fund's stored history — from a store, or a JSON Lines
// file written by some other system — and, trusting no one who kept it,
//   * verifies the hash chain and the sequence (findings "integrity.*");
//   * replays it with the one fold, re-checking every event against the
//     rulebook in force on its date with the same named checks as the fund
//     (a finding per refusal, with the rule's id and citation);
//   * checks what only hindsight shows: reports and repayments overdue,
//     tranches paid while a report was overdue, true-ups missing or wrong,
//     negative true-ups below the reserve floor, back-dated records, and the
//     ways to mislead of audit/hindsight/ (records dated
//     ahead or after the audit, look-alike ids, roles that decide and pay,
//     split decisions, implausible rates, early final reports).
// docs/findings.md is the catalogue of finding ids.

#include <deque>
#include <istream>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "sifund/audit/finding.hpp"
#include "sifund/audit/options.hpp"
#include "sifund/detail/line_reader.hpp"
#include "sifund/detail/printable.hpp"  // AuditReport::to_text
#include "sifund/fund/apply.hpp"
#include "sifund/fund/checks.hpp"
#include "sifund/fund/statement.hpp"
#include "sifund/fund/true_up.hpp"
#include "sifund/ledger/chain.hpp"
#include "sifund/ledger/event.hpp"
#include "sifund/ledger/event_reader.hpp"
#include "sifund/ledger/recording_time.hpp"  // the text of integrity.recorded_at
#include "sifund/ledger/store.hpp"

namespace sifund {

// The fund's position over time, for the report's charts.
struct AuditSeries {
    struct Point {
        Date date;
        Money cash, committed, free_capital;
    };
    struct Year {
        int year = 0;
        Money obligations_arisen, repaid, written_off;
    };
    std::vector<Point> quarters;  // quarter ends from the first event to as_of
    std::vector<Year> years;
};

struct AuditReport {
    Date as_of;
    std::size_t events = 0;  // events read
    std::vector<Finding> findings;
    Statement statement;  // as of as_of, over the events that could be applied
    AuditSeries series;

    [[nodiscard]] std::size_t count(Severity s) const {
        std::size_t n = 0;
        for (const auto& f : findings) n += f.severity == s;
        return n;
    }
    [[nodiscard]] bool has_errors() const { return count(Severity::error) > 0; }

    [[nodiscard]] nlohmann::json to_json() const {
        nlohmann::json j;
        j["as_of"] = as_of.to_string();
        j["events"] = events;
        j["summary"] = {{"errors", count(Severity::error)},
                        {"warnings", count(Severity::warning)},
                        {"notes", count(Severity::note)}};
        j["findings"] = nlohmann::json::array();
        for (const auto& f : findings) j["findings"].push_back(f.to_json());
        j["statement"] = statement.to_json();
        return j;
    }

    // One line a finding, most severe first, then a summary line.
    [[nodiscard]] std::string to_text() const;
};

namespace detail {

// One event as read, before it is trusted: its canonical text (what the hash
// covers) and the hash it claims.
struct AuditInput {
    std::int64_t claimed_seq = 0;
    std::string_view text;  // the canonical text, into the store's rows or the lines read
    std::string_view hash;
    const StoredEvent* row = nullptr;  // the store's columns, when read from a store
    std::size_t line = 0;              // the JSONL line, when read from a file
};

inline Finding integrity(std::string id, std::int64_t seq, std::string message, std::string expected = {},
                         std::string actual = {}) {
    Finding f;
    f.id = std::move(id);
    f.severity = Severity::error;
    f.seq = seq;
    f.message = std::move(message);
    f.expected = std::move(expected);
    f.actual = std::move(actual);
    return f;
}

}  // namespace detail

class Auditor {
public:
    explicit Auditor(AuditOptions options) : options_(options) {}

    // The history of a store.
    [[nodiscard]] AuditReport audit(const std::vector<StoredEvent>& rows) const {
        std::vector<detail::AuditInput> inputs;
        inputs.reserve(rows.size());
        for (const StoredEvent& row : rows) inputs.push_back({row.seq, row.json, row.hash, &row, 0});  // views, no copies
        return run(inputs);
    }

    // A JSON Lines history, one event a line as `sifund export --format jsonl`
    // writes it. A line that is not JSON is an integrity finding, not a failure;
    // a stream that fails, or a line over detail::max_line_bytes, is a
    // LineReadError ("input.read_failed", "input.line_too_long").
    [[nodiscard]] AuditReport audit_jsonl(std::istream& in) const {
        std::vector<detail::AuditInput> inputs;
        std::deque<std::string> texts;  // what inputs view: a deque never moves what it holds
        std::vector<Finding> unreadable;
        std::string line;
        detail::JsonDocument doc;
        // A stream that fails is an error, not a shorter history (a clean
        // audit of the events before a read error would vouch for a file
        // nobody has read); an endless line is refused at the line limit.
        detail::LineReader reader(in);
        while (reader.next(line)) {
            const std::size_t n = reader.line_number();
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            detail::AuditInput input;
            input.line = n;
            try {
                const detail::JsonNode& j = doc.parse(line);
                const detail::JsonNode* seq = j.kind == detail::JsonKind::object ? j.find("seq") : nullptr;
                const detail::JsonNode* hash = j.kind == detail::JsonKind::object ? j.find("hash") : nullptr;
                if (!hash || hash->kind != detail::JsonKind::string || !seq ||
                    (seq->kind != detail::JsonKind::integer && seq->kind != detail::JsonKind::unsigned_integer))
                    throw std::runtime_error("an event needs a seq and a hash");
                input.claimed_seq = seq->integer;
                texts.emplace_back(hash->text);
                input.hash = texts.back();
                // The hash covers the event without it: as exported, the line
                // with its last member, the hash, taken off; otherwise the
                // canonical form of what the line holds.
                std::string canonical = detail::without_last_member(line, "hash", input.hash);
                if (canonical.empty() || !detail::Sha256().matches(canonical, input.hash)) {
                    nlohmann::json k = nlohmann::json::parse(line);
                    k.erase("hash");
                    canonical = k.dump();
                }
                texts.push_back(std::move(canonical));
                input.text = texts.back();
            } catch (const std::exception& e) {
                Finding f = detail::integrity("integrity.unreadable", 0,
                                              "line " + std::to_string(n) + " is not an event: " + e.what());
                f.seq.reset();
                unreadable.push_back(std::move(f));
                continue;
            }
            inputs.push_back(std::move(input));
        }
        AuditReport report = run(inputs);
        report.findings.insert(report.findings.begin(), unreadable.begin(), unreadable.end());
        return report;
    }

private:
    AuditReport run(const std::vector<detail::AuditInput>& inputs) const;
    AuditOptions options_;
};

}  // namespace sifund

#include "sifund/audit/detail/audit_run.hpp"
