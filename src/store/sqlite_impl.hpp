#pragma once
// The inside of SqliteStore, shared by its two source files: sqlite_open.cpp
// (opening, creating, migrating and verifying a store, closing it) and
// sqlite_store.cpp (SQLite's errors, reading rows, appending). Only the
// store's own sources include it: it brings <sqlite3.h>.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sifund/store/sqlite_store.hpp"
#include "store_core.hpp"

namespace sifund {
namespace sqlite_detail {

inline int primary(int rc) noexcept { return rc & 0xff; }

struct DbCloser {
    // sqlite3_close_v2: the last connection to a WAL database checkpoints it
    // and deletes the -wal and -shm files (unless SQLITE_FCNTL_PERSIST_WAL,
    // which we never set).
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Resets a statement on leaving scope, so that no statement keeps a read
// transaction (and with it a snapshot of the WAL) open between calls.
class ResetOnExit {
public:
    explicit ResetOnExit(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}
    ~ResetOnExit() { sqlite3_reset(stmt_); }
    ResetOnExit(const ResetOnExit&) = delete;
    ResetOnExit& operator=(const ResetOnExit&) = delete;

private:
    sqlite3_stmt* stmt_;
};

// `sifund init PATH`, said of a path.
inline std::string init_hint(const std::string& path) { return store_core::init_hint(detail::quoted(path)); }

inline void read_text(sqlite3_stmt* stmt, int column, std::string& out) {
    // sqlite3_column_text first, then sqlite3_column_bytes (the order SQLite asks for).
    const unsigned char* text = sqlite3_column_text(stmt, column);
    const int size = sqlite3_column_bytes(stmt, column);
    if (text == nullptr || size <= 0) {
        out.clear();
        return;
    }
    out.assign(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

// Waiting for another writer. SQLite's own busy handler naps 1, 2, 5, ...
// up to 100 ms; a writer napping 100 ms while the others take the lock in
// turn every millisecond can starve until the timeout ("store.busy") under a
// steady load. Short naps with jitter let every writer get its turn.
struct BusyWait {
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
    std::chrono::steady_clock::time_point started{};
    std::minstd_rand random{std::random_device{}()};
};

inline int busy_wait(void* context, int count) {
    auto& wait = *static_cast<BusyWait*>(context);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) wait.started = now;
    const auto left = wait.started + wait.timeout - now;
    if (left <= std::chrono::steady_clock::duration::zero()) return 0;  // give up: SQLITE_BUSY
    const auto nap = std::chrono::microseconds(100 + wait.random() % 900);
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(nap, left));
    return 1;
}

}  // namespace sqlite_detail

struct SqliteStore::Impl {
    using Db = sqlite_detail::Db;
    using Stmt = sqlite_detail::Stmt;

    std::string path;
    Open mode;
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
    sqlite_detail::BusyWait busy;  // the busy handler's state: Impl stays put while the store is moved
    Db db;  // declared before the statements: they are finalized first
    Stmt begin, commit, rollback, last_seq, insert, read_back, select_all, select_since;

    Impl(std::string path_, Open mode_);
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    // Throws the StoreError for a failed SQLite call, with SQLite's message.
    [[noreturn]] void fail(int rc, std::string_view doing) const;
    [[noreturn]] void format_error(const std::string& why) const;

    Stmt prepare(const char* sql, bool persistent = false) const;
    void exec(const char* sql, std::string_view doing) const;
    void step_done(sqlite3_stmt* stmt, std::string_view doing) const;
    std::int64_t query_int(const char* sql, std::string_view doing) const;

    void open_connection();
    void create_beside_and_rename() const;
    bool has_no_schema() const;
    void initialise();
    int verify() const;  // the stored format_version, or store.format
    void migrate();
    void prepare_statements();
    void set_timeout(std::chrono::milliseconds ms);
    std::vector<StoredEvent> read_rows(sqlite3_stmt* stmt, std::int64_t expected) const;
    store_core::ReadBack read_back_batch(std::int64_t first, std::int64_t last) const;
    void close() noexcept;
};

}  // namespace sifund
