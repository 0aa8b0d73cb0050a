// Tamper evidence: a history the fund made, in a SQLite store and in its JSON
// Lines export, changed after the fact — a byte flipped in an event, in its
// hash or prev_hash column, an event deleted, two events swapped — is always
// found: the auditor reports an integrity error whose first integrity
// finding names the event, and the fund refuses to open the store with an
// IntegrityError naming it.

#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sifund/store/sqlite_store.hpp>

#include "commands.hpp"
#include "temp_dir.hpp"

using namespace sifund;
using namespace sifund::testing;
namespace fs = std::filesystem;

namespace {

using sifund_test::TempDir;

// Raw SQL on a store file, as someone with the file and sqlite3 would.
class Sql {
public:
    explicit Sql(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            throw std::runtime_error("cannot open " + path);
        run("PRAGMA synchronous = OFF");  // a test file: no need to wait for the disk
    }
    ~Sql() { sqlite3_close(db_); }
    Sql(const Sql&) = delete;
    Sql& operator=(const Sql&) = delete;

    // Runs one statement with text parameters ?1, ?2, ...
    void run(const std::string& sql, const std::vector<std::string>& texts = {}) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db_));
        for (std::size_t i = 0; i < texts.size(); ++i)
            sqlite3_bind_text(stmt, static_cast<int>(i + 1), texts[i].data(), static_cast<int>(texts[i].size()),
                              SQLITE_TRANSIENT);
        int rc = sqlite3_step(stmt);
        while (rc == SQLITE_ROW) rc = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db_));
    }

private:
    sqlite3* db_ = nullptr;
};

// The first 45 commands of the Örebro example: with the true-ups the fund
// appends for 2014 and 2015 (events 25 and 44), 47 events, each recorded on its date.
std::string orebro_head() {
    std::ifstream in(std::string(SIFUND_SOURCE_DIR) + "/examples/orebro/fund.jsonl");
    REQUIRE(in);
    std::string out, line;
    for (int n = 0; n < 45 && std::getline(in, line); ++n) out += line + "\n";
    return out;
}

const char* const as_of = "2016-12-31";

// A store file made by the fund, closed, and its rows.
struct MadeStore {
    TempDir dir;
    std::string path = dir.file("fund.db");
    std::vector<StoredEvent> rows;

    MadeStore() {
        {
            SqliteStore store(path, SqliteStore::Open::create_new);
            Fund fund(store);
            record_on_their_dates(fund, orebro_head());
        }
        rows = reread();
    }
    [[nodiscard]] std::vector<StoredEvent> reread() const {
        SqliteStore store(path, SqliteStore::Open::read_only);
        return store.load();
    }
    [[nodiscard]] std::string jsonl() const {
        std::string out;
        for (const StoredEvent& r : rows) out += jsonl_line(r.json, r.hash) + "\n";
        return out;
    }
    // The IntegrityError the fund throws when opening the store as it now is; fails the test if none.
    [[nodiscard]] std::optional<IntegrityError> fund_refuses() const {
        SqliteStore store(path, SqliteStore::Open::read_only);
        try {
            Fund fund(store);
        } catch (const IntegrityError& e) {
            return e;
        }
        return std::nullopt;
    }
};

// Byte positions to flip: spread over the text, first and last included.
std::vector<std::size_t> sample(std::size_t size, std::size_t count) {
    std::vector<std::size_t> out;
    const std::size_t step = std::max<std::size_t>(1, size / count);
    for (std::size_t i = 0; i < size; i += step) out.push_back(i);
    if (out.back() != size - 1) out.push_back(size - 1);
    return out;
}

// The events whose bytes are flipped: the rulebook, a grant, the true-up, a report, the last.
const std::vector<std::int64_t> flipped_events{2, 7, 25, 35, 47};

bool names_line(const std::string& message, std::size_t line) {
    return std::regex_search(message, std::regex("line " + std::to_string(line) + "\\b"));
}

}  // namespace

TEST_CASE("The history the fund made audits clean, from the store and from its export") {
    MadeStore made;
    REQUIRE(made.rows.size() == 47);
    REQUIRE(made.rows[24].type == "allocation.trued_up");
    const AuditReport from_store = audit_rows(made.rows, as_of);
    INFO(from_store.to_text());
    CHECK_FALSE(from_store.has_errors());
    CHECK_FALSE(first_integrity(from_store));
    CHECK(summary(from_store) == summary(audit_text(made.jsonl(), as_of)));
    CHECK_FALSE(made.fund_refuses());
}

TEST_CASE("Tamper: a byte flipped in an event's stored JSON is found, by the auditor and by the fund") {
    MadeStore made;
    std::size_t flips = 0;
    for (const std::int64_t seq : flipped_events) {
        const std::string original = made.rows.at(static_cast<std::size_t>(seq - 1)).json;
        for (const std::size_t at : sample(original.size(), 40)) {
            std::string tampered = original;
            tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
            INFO("event " << seq << ", byte " << at << ": " << original.substr(at > 20 ? at - 20 : 0, 40));
            Sql(made.path).run("UPDATE events SET json = ?1 WHERE seq = " + std::to_string(seq), {tampered});

            const AuditReport r = audit_rows(made.reread(), as_of);
            const Finding* first = first_integrity(r);
            REQUIRE(first);
            CHECK(first->severity == Severity::error);
            CHECK(first->id == "integrity.hash");
            CHECK(first->seq == seq);
            const auto refused = made.fund_refuses();
            REQUIRE(refused);
            CHECK(refused->seq() == seq);
            CHECK(refused->id() == "integrity.hash");
            ++flips;

            Sql(made.path).run("UPDATE events SET json = ?1 WHERE seq = " + std::to_string(seq), {original});
        }
    }
    CHECK(flips >= 200);
    CHECK(made.reread().at(1).json == made.rows.at(1).json);  // put back
    CHECK_FALSE(made.fund_refuses());
}

TEST_CASE("Tamper: a byte flipped in a line of the JSON Lines export is found") {
    MadeStore made;
    const std::string text = made.jsonl();
    std::vector<std::string> lines_of;
    {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) lines_of.push_back(line);
    }
    std::size_t flips = 0, skipped = 0, by_seq = 0;
    for (const std::int64_t seq : flipped_events) {
        const auto index = static_cast<std::size_t>(seq - 1);
        const std::string original = lines_of.at(index);
        const nlohmann::json parsed = nlohmann::json::parse(original);
        for (const std::size_t at : sample(original.size(), 40)) {
            std::string tampered = original;
            tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
            const nlohmann::json reread = nlohmann::json::parse(tampered, nullptr, false);
            if (!reread.is_discarded() && reread == parsed) {
                ++skipped;  // the same JSON, written another way
                continue;
            }
            INFO("line " << seq << ", byte " << at << ": " << original.substr(at > 20 ? at - 20 : 0, 40));
            std::string file;
            for (std::size_t i = 0; i < lines_of.size(); ++i) file += (i == index ? tampered : lines_of[i]) + "\n";
            const AuditReport r = audit_text(file, as_of);
            const Finding* first = first_integrity(r);
            REQUIRE(first);
            CHECK(first->severity == Severity::error);
            // The event is named by its seq, or — when the seq itself was
            // changed or cannot be read — by its line.
            INFO(first->id << ": " << first->message);
            CHECK((first->seq == seq || names_line(first->message, index + 1)));
            by_seq += first->seq == seq;
            ++flips;
        }
    }
    CHECK(flips >= 200);
    CHECK(skipped < 5);
    CHECK(by_seq > flips / 2);
}

TEST_CASE("Tamper: the hash and prev_hash columns of the store") {
    MadeStore made;
    for (const std::int64_t seq : flipped_events) {
        const StoredEvent& row = made.rows.at(static_cast<std::size_t>(seq - 1));
        for (const char* column : {"hash", "prev_hash"}) {
            const std::string original = std::string(column) == "hash" ? row.hash : row.prev_hash;
            for (std::size_t at = 0; at < original.size(); at += 7) {
                std::string tampered = original;
                tampered[at] = static_cast<char>(tampered[at] ^ 0x01);
                INFO("event " << seq << ", column " << column << ", char " << at);
                const std::string update = "UPDATE events SET " + std::string(column) + " = ?1 WHERE seq = " +
                                           std::to_string(seq);
                Sql(made.path).run(update, {tampered});

                const AuditReport r = audit_rows(made.reread(), as_of);
                const Finding* first = first_integrity(r);
                REQUIRE(first);
                CHECK(first->severity == Severity::error);
                CHECK(first->seq == seq);
                // A hash that does not cover its event; a column that disagrees with the event.
                CHECK(first->id == (std::string(column) == "hash" ? "integrity.hash" : "integrity.columns"));
                const auto refused = made.fund_refuses();
                REQUIRE(refused);
                CHECK(refused->seq() == seq);
                CHECK(refused->id() == first->id);

                Sql(made.path).run(update, {original});
            }
        }
    }
    CHECK_FALSE(made.fund_refuses());
}

TEST_CASE("Tamper: an event deleted") {
    MadeStore made;
    SECTION("from the store, by SQL") {
        Sql(made.path).run("DELETE FROM events WHERE seq = 20");
        const AuditReport r = audit_rows(made.reread(), as_of);
        const Finding* first = first_integrity(r);
        REQUIRE(first);
        CHECK(first->id == "integrity.sequence");
        CHECK(first->seq == 21);  // the first event out of place
        CHECK(first->expected == "20");
        CHECK_THAT(first->message, mentions("20..20"));
        CHECK(the_finding(r, "integrity.chain").seq == 21);
        const auto refused = made.fund_refuses();
        REQUIRE(refused);
        CHECK(refused->id() == "integrity.sequence");
        CHECK(refused->seq() == 20);  // the seq that is missing
    }
    SECTION("the first event, from the store") {
        Sql(made.path).run("DELETE FROM events WHERE seq = 1");
        const AuditReport r = audit_rows(made.reread(), as_of);
        const Finding* first = first_integrity(r);
        REQUIRE(first);
        CHECK(first->id == "integrity.sequence");
        CHECK(first->seq == 2);
        CHECK(the_finding(r, "integrity.chain").seq == 2);
        const auto refused = made.fund_refuses();
        REQUIRE(refused);
        CHECK(refused->seq() == 1);
    }
    SECTION("a line removed from the export") {
        std::string text = made.jsonl();
        const std::string line = jsonl_line(made.rows[19].json, made.rows[19].hash) + "\n";
        text.erase(text.find(line), line.size());
        const AuditReport r = audit_text(text, as_of);
        const Finding* first = first_integrity(r);
        REQUIRE(first);
        CHECK(first->id == "integrity.sequence");
        CHECK(first->seq == 21);
        CHECK(first->expected == "20");
        CHECK(the_finding(r, "integrity.chain").seq == 21);
        CHECK(r.events == 46);
    }
}

TEST_CASE("Tamper: two events swapped") {
    MadeStore made;
    SECTION("two lines of the export") {
        std::istringstream in(made.jsonl());
        std::vector<std::string> ls;
        for (std::string line; std::getline(in, line);) ls.push_back(line);
        std::swap(ls[19], ls[20]);
        std::string text;
        for (const auto& l : ls) text += l + "\n";
        const AuditReport r = audit_text(text, as_of);
        const Finding* first = first_integrity(r);
        REQUIRE(first);
        CHECK(first->severity == Severity::error);
        CHECK(first->id == "integrity.sequence");
        CHECK(first->seq == 21);
        CHECK(first->expected == "20");
        CHECK(findings_of(r, "integrity.chain").size() == 3);  // 21 after 19, 20 after 21, 22 after 20
    }
    SECTION("the content of two rows of the store") {
        Sql sql(made.path);
        sql.run("UPDATE events SET seq = -20 WHERE seq = 20");
        sql.run("UPDATE events SET seq = 20 WHERE seq = 21");
        sql.run("UPDATE events SET seq = 21 WHERE seq = -20");
        const AuditReport r = audit_rows(made.reread(), as_of);
        const Finding* first = first_integrity(r);
        REQUIRE(first);
        CHECK(first->id == "integrity.sequence");
        CHECK(first->seq == 21);
        CHECK(has_finding(r, "integrity.columns"));
        const auto refused = made.fund_refuses();
        REQUIRE(refused);
        CHECK(refused->id() == "integrity.sequence");
        CHECK(refused->seq() == 20);
    }
}

TEST_CASE("Tamper: recording times that go backwards, every hash recomputed, are refused on opening") {
    using lines_for::capital;
    // Event 5 claims a recording time before event 4's; forge() computes every hash over what
    // the event holds, so the chain verifies and only the order of recording times betrays it.
    const std::string later = with(capital("2013-02-01"), R"({"_recorded_at":"2013-02-03T12:00:00Z"})");
    const auto forged_store = [&](const char* fifth_recorded_at) {
        const Forged h = forge(audited() + later +
                               with(capital("2013-02-01", "2000000.00"),
                                    std::string(R"({"_recorded_at":")") + fifth_recorded_at + R"("})"));
        return h.rows();
    };
    TempDir dir;
    const auto opened = [&](const std::string& name, const std::vector<StoredEvent>& rows) {
        const std::string path = dir.file(name);
        {
            SqliteStore store(path, SqliteStore::Open::create_new);
            store.append(rows);
        }
        SqliteStore store(path, SqliteStore::Open::read_only);
        std::optional<IntegrityError> refused;
        try {
            Fund fund(store);
        } catch (const IntegrityError& e) {
            refused = e;
        }
        return refused;
    };
    const std::vector<StoredEvent> backwards = forged_store("2013-02-02T12:00:00Z");
    REQUIRE(backwards.size() == 5);
    const std::optional<IntegrityError> e = opened("backwards.db", backwards);
    REQUIRE(e);
    CHECK(e->id() == "integrity.recorded_at");
    CHECK(e->seq() == 5);
    CHECK_THAT(std::string(e->what()), mentions("2013-02-02T12:00:00") && mentions("2013-02-03T12:00:00"));
    // The same moment twice is one batch, and opens.
    CHECK_FALSE(opened("same.db", forged_store("2013-02-03T12:00:00Z")));
}
