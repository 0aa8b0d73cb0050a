#pragma once
// What the store tests share: temporary directories, whole-file contents,
// events to store, a matcher for sifund's errors (error_matcher.hpp), and
// comparing loads. Temporary directories: temp_dir.hpp.

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sifund/error.hpp>
#include <sifund/ledger/store.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error_matcher.hpp"
#include "temp_dir.hpp"

namespace sifund_store_test {

namespace fs = std::filesystem;

using sifund_test::ErrorMatcher;
using sifund_test::IsError;
using sifund_test::TempDir;

// The whole contents of a file.
inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::string& path, std::string_view contents) {
    std::ofstream out(path, std::ios::binary);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    REQUIRE(out);
}

// An event shaped like a real one; the text varies with seq.
inline sifund::StoredEvent make_event(std::int64_t seq) {
    sifund::StoredEvent event;
    event.seq = seq;
    const std::string n = std::to_string(seq);
    switch (seq % 3) {
    case 0:
        event.type = "grant.disbursed";
        event.json = R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-2013-)" + n +
                     R"(","amount":"1000000.00"})";
        break;
    case 1:
        event.type = "fund.established";
        event.json = R"({"type":"fund.established","date":"2013-01-01","actor":"kf","fund":"orebro-sif-)" + n +
                     R"(","name":"Örebro sociala investeringsfond","owner":"Örebro kommun","currency":"SEK","decision":"KF 2012-11-27 §240"})";
        break;
    default:
        event.type = "report.submitted";
        event.json = R"({"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-)" + n +
                     R"(","kind":"interim","indicators":{"fall injuries per 1000":"36"},"note":"tab\there, quote \" and backslash \\"})";
        break;
    }
    event.date = "2014-0" + std::to_string(1 + seq % 9) + "-15";
    event.recorded_at = "2024-05-01T12:00:00." + std::to_string(100000 + seq % 900000) + "Z";
    event.prev_hash = seq == 1 ? std::string(64, '0') : std::string(64, static_cast<char>('a' + (seq - 1) % 6));
    event.hash = std::string(64, static_cast<char>('a' + seq % 6));
    return event;
}

// Events first, first + 1, ..., first + n - 1.
inline std::vector<sifund::StoredEvent> make_events(std::int64_t first, std::int64_t n) {
    std::vector<sifund::StoredEvent> events;
    events.reserve(static_cast<std::size_t>(n));
    for (std::int64_t seq = first; seq < first + n; ++seq) events.push_back(make_event(seq));
    return events;
}

inline std::vector<sifund::StoredEvent> concat(std::vector<sifund::StoredEvent> a, const std::vector<sifund::StoredEvent>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// "" when the two loads hold the same events field by field, else where they differ.
inline std::string first_difference(const std::vector<sifund::StoredEvent>& got,
                                    const std::vector<sifund::StoredEvent>& expected) {
    if (got.size() != expected.size())
        return "got " + std::to_string(got.size()) + " events, expected " + std::to_string(expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        const auto& g = got[i];
        const auto& e = expected[i];
        const auto field = [&](const char* name, const std::string& a, const std::string& b) -> std::string {
            return a == b ? "" : "event " + std::to_string(i) + " differs in " + name + ": [" + a + "] vs [" + b + "]";
        };
        if (g.seq != e.seq)
            return "event " + std::to_string(i) + " has seq " + std::to_string(g.seq) + ", expected " + std::to_string(e.seq);
        for (const std::string& diff :
             {field("type", g.type, e.type), field("date", g.date, e.date), field("recorded_at", g.recorded_at, e.recorded_at),
              field("prev_hash", g.prev_hash, e.prev_hash), field("hash", g.hash, e.hash), field("json", g.json, e.json)})
            if (!diff.empty()) return diff;
    }
    return "";
}

// Raw SQLite, for making foreign and altered files and looking inside ours.
// A read-write connection: on close it checkpoints and removes the -wal.
class RawDb {
public:
    explicit RawDb(const std::string& path) {
        const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        if (rc != SQLITE_OK) FAIL("sqlite3_open_v2(" << path << "): " << sqlite3_errstr(rc));
    }
    ~RawDb() { sqlite3_close_v2(db_); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    void exec(const std::string& sql) {
        char* error = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
        const std::string message = error != nullptr ? error : "";
        sqlite3_free(error);
        if (rc != SQLITE_OK) FAIL(sql << ": " << message);
    }

    // Each row of the result, its columns joined by '|'.
    std::vector<std::string> rows(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
            FAIL(sql << ": " << sqlite3_errmsg(db_));
        std::vector<std::string> out;
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            std::string row;
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                if (i > 0) row += '|';
                const unsigned char* text = sqlite3_column_text(stmt, i);
                if (text != nullptr) row += reinterpret_cast<const char*>(text);
            }
            out.push_back(row);
        }
        sqlite3_finalize(stmt);
        if (rc != SQLITE_DONE) FAIL(sql << ": " << sqlite3_errmsg(db_));
        return out;
    }

    std::string value(const std::string& sql) {
        const auto result = rows(sql);
        REQUIRE(result.size() == 1);
        return result.front();
    }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace sifund_store_test
