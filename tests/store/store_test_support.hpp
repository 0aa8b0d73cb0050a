#pragma once
// What the store tests share: temporary directories, whole-file contents,
// events to store, a matcher for sifund's errors, and comparing loads.

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

namespace sifund_store_test {

namespace fs = std::filesystem;

// A fresh directory under the system's temporary directory, removed with
// everything in it when the test ends.
class TempDir {
public:
    TempDir() {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        for (int attempt = 0; attempt < 100; ++attempt) {
            const fs::path candidate = fs::temp_directory_path() / ("sifund-store-test-" + std::to_string(random()) + "-" +
                                                                    std::to_string(counter.fetch_add(1)));
            if (fs::create_directory(candidate)) {
                path_ = candidate;
                return;
            }
        }
        throw std::runtime_error("could not create a temporary directory");
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const fs::path& path() const { return path_; }
    [[nodiscard]] std::string file(std::string_view name) const { return (path_ / name).string(); }

    // The names of the files in the directory, sorted.
    [[nodiscard]] std::vector<std::string> files() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(path_)) names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    fs::path path_;
};

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

// A sifund error with this id whose message contains `fragment`.
class ErrorMatcher : public Catch::MatcherBase<sifund::Error> {
public:
    ErrorMatcher(std::string id, std::string fragment) : id_(std::move(id)), fragment_(std::move(fragment)) {}
    bool match(const sifund::Error& error) const override {
        return error.id() == id_ && std::string_view(error.what()).find(fragment_) != std::string_view::npos;
    }
    std::string describe() const override {
        return "has id \"" + id_ + "\" and a message containing [" + fragment_ + "]";
    }

private:
    std::string id_;
    std::string fragment_;
};

inline ErrorMatcher IsError(std::string id, std::string fragment = "") { return {std::move(id), std::move(fragment)}; }

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
