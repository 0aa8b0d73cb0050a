// SqliteStore: see include/sifund/store/sqlite_store.hpp for what it
// promises. Opening, creating and closing are in sqlite_open.cpp.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <system_error>
#include <utility>

#include "sifund/error.hpp"
#include "sqlite_impl.hpp"

namespace sifund {

using namespace sqlite_detail;

void SqliteStore::Impl::fail(int rc, std::string_view doing) const {
    const char* message = db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc);
    const std::string where = detail::quoted(path) + ": " + std::string(doing) + ": ";
    switch (primary(rc)) {
    case SQLITE_NOTADB:
        throw StoreError("store.format",
                         detail::quoted(path) + " is not a SQLite database, so not a sifund store (" + message + ")");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw StoreError("store.busy", where + "another connection is using the store (" + message +
                                           "; waited up to " + std::to_string(timeout.count()) + " ms)");
    case SQLITE_READONLY:
        throw StoreError("store.read_only", where + "the file cannot be written (" + message + ")");
    default:
        throw StoreError("store.sqlite", where + message + " (SQLite error " + std::to_string(rc) + ")");
    }
}

void SqliteStore::Impl::format_error(const std::string& why) const { store_core::format_error(detail::quoted(path), why); }

Stmt SqliteStore::Impl::prepare(const char* sql, bool persistent) const {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(db.get(), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &raw, nullptr);
    Stmt stmt(raw);
    if (rc != SQLITE_OK) fail(rc, "preparing a statement");
    return stmt;
}

void SqliteStore::Impl::exec(const char* sql, std::string_view doing) const {
    char* error = nullptr;
    const int rc = sqlite3_exec(db.get(), sql, nullptr, nullptr, &error);
    sqlite3_free(error);  // sqlite3_errmsg still holds the message
    if (rc != SQLITE_OK) fail(rc, doing);
}

void SqliteStore::Impl::step_done(sqlite3_stmt* stmt, std::string_view doing) const {
    ResetOnExit reset(stmt);
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE) fail(rc, doing);
}

std::int64_t SqliteStore::Impl::query_int(const char* sql, std::string_view doing) const {
    Stmt stmt = prepare(sql);
    const int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_ROW) return sqlite3_column_int64(stmt.get(), 0);
    if (rc == SQLITE_DONE) return 0;
    fail(rc, doing);
}

std::vector<StoredEvent> SqliteStore::Impl::read_rows(sqlite3_stmt* stmt, std::int64_t expected) const {
    std::vector<StoredEvent> events;
    if (expected > 0) events.reserve(static_cast<std::size_t>(expected));
    ResetOnExit reset(stmt);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        StoredEvent& event = events.emplace_back();
        event.seq = sqlite3_column_int64(stmt, 0);
        int column = 1;
        for (std::string* text : store_core::text_columns(event)) read_text(stmt, column++, *text);
    }
    if (rc != SQLITE_DONE) fail(rc, "loading events");
    return events;
}

store_core::ReadBack SqliteStore::Impl::read_back_batch(std::int64_t first, std::int64_t last) const {
    sqlite3_stmt* stmt = read_back.get();
    ResetOnExit reset(stmt);
    sqlite3_bind_int64(stmt, 1, first);
    sqlite3_bind_int64(stmt, 2, last);
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) fail(rc, "reading back the append; nothing was appended");
    store_core::ReadBack got;
    got.rows_of_batch = sqlite3_column_int64(stmt, 0);
    got.last_seq = sqlite3_column_int64(stmt, 1);
    if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) read_text(stmt, 2, got.last_hash.emplace());
    return got;
}

// --- SqliteStore -------------------------------------------------------------

SqliteStore::SqliteStore(std::string path, Open mode) : impl_(std::make_unique<Impl>(std::move(path), mode)) {}
SqliteStore::~SqliteStore() = default;
SqliteStore::SqliteStore(SqliteStore&& other) noexcept = default;
SqliteStore& SqliteStore::operator=(SqliteStore&& other) noexcept = default;

SqliteStore::Impl& SqliteStore::impl() const {
    if (!impl_) store_core::moved_from("SqliteStore");
    return *impl_;
}

std::vector<StoredEvent> SqliteStore::load() {
    Impl& d = impl();
    return d.read_rows(d.select_all.get(), count());
}

std::vector<StoredEvent> SqliteStore::load_since(std::int64_t after_seq) {
    Impl& d = impl();
    const std::int64_t last = count();
    sqlite3_bind_int64(d.select_since.get(), 1, after_seq);
    return d.read_rows(d.select_since.get(), last - std::max<std::int64_t>(after_seq, 0));
}

std::int64_t SqliteStore::count() {
    Impl& d = impl();
    sqlite3_stmt* stmt = d.last_seq.get();
    ResetOnExit reset(stmt);
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) d.fail(rc, "counting events");
    return sqlite3_column_int64(stmt, 0);
}

void SqliteStore::append(std::span<const StoredEvent> batch) {
    Impl& d = impl();
    const std::string shown = detail::quoted(d.path);
    if (d.mode == Open::read_only) store_core::opened_read_only(shown);
    if (batch.empty()) return;
    store_core::check_consecutive(shown, batch);

    d.step_done(d.begin.get(), "starting the append");
    try {
        store_core::check_continues(shown, batch, count());
        sqlite3_stmt* insert = d.insert.get();
        for (const StoredEvent& event : batch) {
            ResetOnExit reset(insert);
            int rc = sqlite3_bind_int64(insert, 1, event.seq);
            int column = 2;
            for (const std::string* text : store_core::text_columns(event)) {
                if (rc != SQLITE_OK) break;
                rc = sqlite3_bind_text64(insert, column++, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
            }
            if (rc == SQLITE_OK) rc = sqlite3_step(insert);
            if (rc != SQLITE_DONE) d.fail(rc, "appending seq " + std::to_string(event.seq) + "; nothing was appended");
        }
        store_core::check_read_back(shown, batch, d.read_back_batch(batch.front().seq, batch.back().seq));
        d.step_done(d.commit.get(), "committing the append");
    } catch (...) {
        // Still in the transaction (a failed COMMIT may already have rolled back).
        if (sqlite3_get_autocommit(d.db.get()) == 0) {
            sqlite3_step(d.rollback.get());
            sqlite3_reset(d.rollback.get());
        }
        throw;
    }
    // Best effort, outside the transaction: the appended events go into the
    // main file now, so that a copy of the file alone (an auditor's,
    // read-only) is complete. PASSIVE never waits for readers.
    sqlite3_wal_checkpoint_v2(d.db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

std::string SqliteStore::describe() const { return impl().path; }
const std::string& SqliteStore::path() const { return impl().path; }
SqliteStore::Open SqliteStore::mode() const { return impl().mode; }
void SqliteStore::busy_timeout(std::chrono::milliseconds timeout) { impl().set_timeout(timeout); }
std::chrono::milliseconds SqliteStore::busy_timeout() const { return impl().timeout; }

}  // namespace sifund