// SqliteStore opened: creating a store (beside its path, then renamed),
// initialising and migrating it (store_core::migrations), verifying that a
// file is a sifund store this build reads, and closing it as one file.
// See include/sifund/store/sqlite_store.hpp for what it promises.

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
#include "sqlite_files.hpp"
#include "sqlite_impl.hpp"

namespace sifund {
namespace {

using namespace std::string_literals;
using namespace sqlite_detail;


static_assert(SqliteStore::application_id == store_core::application_id);
static_assert(SqliteStore::format_version == store_core::format_version);
static_assert(SqliteStore::application_id == 1936287349, "the value written by the first migration's PRAGMA");

// The rows of the events table, in the columns' order, and what follows ("ORDER BY seq").
std::string select_events(std::string_view rest) { return "SELECT "s + std::string(store_core::columns) + " FROM events " + std::string(rest); }

}  // namespace

SqliteStore::Impl::Impl(std::string path_, Open mode_) : path(std::move(path_)), mode(mode_) {
    const bool created_file = [&] {
        switch (mode) {
        case Open::existing:
        case Open::read_only:
            if (!sqlite_files::exists(path))
                store_core::missing(detail::quoted(path), "the file does not exist", detail::quoted(path));
            return false;
        case Open::create_new:
            // Built whole beside the target and renamed into place (refusing
            // an existing file): `sifund init` interrupted at any moment
            // leaves no file or a store that works, never a half-made one.
            create_beside_and_rename();
            return true;
        case Open::create_if_missing:
            // If initialising fails, the empty file sqlite3_open_v2 made stays:
            // another process may be initialising it at the same moment, and
            // the next create_if_missing will initialise it.
            return false;
        }
        return false;
    }();

    try {
        open_connection();
        if (mode == Open::create_if_missing && has_no_schema()) initialise();
        if (const int version = verify(); version < store_core::format_version) {
            if (mode == Open::read_only) store_core::needs_migration(detail::quoted(path), version);
            migrate();
        }
        prepare_statements();
    } catch (...) {
        close();
        if (created_file) {  // created exclusively above: ours to remove
            std::error_code ec;
            std::filesystem::remove(path + "-wal", ec);
            std::filesystem::remove(path + "-shm", ec);
            std::filesystem::remove(path, ec);
        }
        throw;
    }
}

void SqliteStore::Impl::create_beside_and_rename() const {
    sqlite_files::create_beside_and_rename(path, [](const std::string& temp) {
        // Initialised (WAL, schema) and closed: the last connection
        // checkpoints and removes -wal and -shm, so the file is whole.
        Impl building(temp, Open::create_if_missing);
    });
}

void SqliteStore::Impl::open_connection() {
    int flags = SQLITE_OPEN_NOMUTEX;  // one thread at a time per store (see the header)
    switch (mode) {
    case Open::read_only:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Open::existing:
    case Open::create_new:  // the file was just created empty
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Open::create_if_missing:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    std::string name = path;
    if (mode == Open::read_only && sqlite_files::reads_file_alone(path)) {
        name = sqlite_files::file_uri(path, "immutable=1");
        flags |= SQLITE_OPEN_URI;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    db.reset(raw);
    if (rc != SQLITE_OK) {
        const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        db.reset();
        if (mode != Open::create_if_missing && !sqlite_files::exists(path))
            store_core::missing(detail::quoted(path), "the file does not exist", detail::quoted(path));
        throw StoreError("store.open", "cannot open " + detail::quoted(path) + ": " + message);
    }
    sqlite3_extended_result_codes(db.get(), 1);
    set_timeout(timeout);
    // A fresh SQLite handle runs no SQL of its own; we never ATTACH, load
    // extensions or run triggers of our own, so the store touches this one
    // file (and its -wal and -shm while open).
    if (mode == Open::read_only) exec("PRAGMA query_only = 1", "opening read-only");
    if (mode != Open::read_only) {
        // FULL, not NORMAL: in WAL mode NORMAL survives a crash of the program
        // but may lose the last committed appends on a power cut. An append is
        // a decision on public money that the caller has been told is stored;
        // one fsync of the WAL per batch is a small price for that.
        exec("PRAGMA synchronous = FULL", "setting synchronous");
    }
}

bool SqliteStore::Impl::has_no_schema() const {
    return query_int("SELECT count(*) FROM sqlite_schema", "reading the schema") == 0;
}

void SqliteStore::Impl::initialise() {
    // WAL mode persists in the file; it is set here only, never on open (which
    // would write to a file that is only being read).
    {
        // Switching needs an exclusive lock, and SQLite does not call the busy
        // handler for it when others hold shared locks (to avoid deadlock), as
        // happens when several processes create_if_missing one new file at
        // once. So wait here, as long as busy_timeout allows.
        Stmt stmt = prepare("PRAGMA journal_mode = WAL");
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        int rc = sqlite3_step(stmt.get());
        for (auto pause = std::chrono::milliseconds(1);
             primary(rc) == SQLITE_BUSY && std::chrono::steady_clock::now() < deadline;
             pause = std::min(pause * 2, std::chrono::milliseconds(50))) {
            sqlite3_reset(stmt.get());
            std::this_thread::sleep_for(pause);
            rc = sqlite3_step(stmt.get());
        }
        if (rc != SQLITE_ROW) fail(rc, "switching to WAL journal mode");
        std::string journal;
        read_text(stmt.get(), 0, journal);
        if (journal != "wal")
            throw StoreError("store.open", detail::quoted(path) + ": SQLite refused WAL journal mode (it kept \"" +
                                               journal + "\"); is the file on a network file system?");
    }
    migrate();
}

// Brings the store to this build's format_version (store_core::migrations),
// from nothing or from an older version, under the write lock and looking
// again: another process may have done it since we looked (two
// `create_if_missing` on one new path, two writers opening an old store).
void SqliteStore::Impl::migrate() {
    exec("BEGIN IMMEDIATE", "starting to initialise the store");
    try {
        const int from = has_no_schema() ? 0 : verify();
        if (from != 0 && mode == Open::create_new)
            throw StoreError("store.exists", detail::quoted(path) + " was initialised by another process meanwhile");
        if (from == store_core::format_version) {
            exec("ROLLBACK", "initialising the store");
            return;
        }
        for (const store_core::Migration& m : store_core::migrations) {
            if (m.version <= from) continue;
            exec(m.sqlite, from == 0 ? "initialising the store"
                                     : "bringing the store to format_version " + std::to_string(m.version));
        }
        exec("COMMIT", "initialising the store");
    } catch (...) {
        if (sqlite3_get_autocommit(db.get()) == 0) sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

int SqliteStore::Impl::verify() const {
    // Every check only reads. The first read of the file tells a SQLite file
    // from anything else (SQLITE_NOTADB, reported as store.format by fail()).
    const std::int64_t objects = query_int("SELECT count(*) FROM sqlite_schema", "reading the schema");
    if (objects == 0) format_error("is an empty file, not a sifund store; " + init_hint(path));

    const auto has_table = [&](const char* name) {
        Stmt stmt = prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
        sqlite3_bind_text(stmt.get(), 1, name, -1, SQLITE_STATIC);
        const int rc = sqlite3_step(stmt.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(rc, "reading the schema");
    };
    if (!has_table("meta")) format_error("is a SQLite database of another application, not a sifund store (it has no meta table)");

    const auto meta = [&](const char* key) -> std::optional<std::string> {
        sqlite3_stmt* raw = nullptr;
        const int prc = sqlite3_prepare_v2(db.get(), "SELECT value FROM meta WHERE key = ?1", -1, &raw, nullptr);
        Stmt stmt(raw);
        if (prc != SQLITE_OK)
            format_error("has a meta table that is not sifund's (" + std::string(sqlite3_errmsg(db.get())) + ")");
        sqlite3_bind_text(stmt.get(), 1, key, -1, SQLITE_STATIC);
        const int rc = sqlite3_step(stmt.get());
        if (rc == SQLITE_DONE) return std::nullopt;
        if (rc != SQLITE_ROW) fail(rc, "reading the meta table");
        std::string value;
        read_text(stmt.get(), 0, value);
        return value;
    };
    const int version = store_core::check_meta(detail::quoted(path), meta("format"), meta("format_version"));
    if (!has_table("events")) format_error("is a sifund store without an events table; it is damaged");

    const std::int64_t app = query_int("PRAGMA application_id", "reading the application id");
    if (app != SqliteStore::application_id)
        format_error("has application_id " + std::to_string(app) + ", not sifund's " +
                     std::to_string(SqliteStore::application_id) + "; it is not a sifund store");
    return version;
}

void SqliteStore::Impl::prepare_statements() {
    last_seq = prepare("SELECT coalesce(max(seq), 0) FROM events", true);
    select_all = prepare(select_events("ORDER BY seq").c_str(), true);
    select_since = prepare(select_events("WHERE seq > ?1 ORDER BY seq").c_str(), true);
    if (mode == Open::read_only) return;
    begin = prepare("BEGIN IMMEDIATE", true);
    commit = prepare("COMMIT", true);
    rollback = prepare("ROLLBACK", true);
    insert = prepare(("INSERT INTO events ("s + std::string(store_core::columns) + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)").c_str(),
                     true);
    read_back = prepare(store_core::read_back_sql("events", "?1", "?2").c_str(), true);
}

void SqliteStore::Impl::set_timeout(std::chrono::milliseconds ms) {
    const auto clamped = std::clamp<std::chrono::milliseconds::rep>(ms.count(), 0, std::numeric_limits<int>::max());
    timeout = std::chrono::milliseconds(clamped);
    busy.timeout = timeout;
    sqlite3_busy_handler(db.get(), busy_wait, &busy);
}

void SqliteStore::Impl::close() noexcept {
    begin.reset();
    commit.reset();
    rollback.reset();
    last_seq.reset();
    insert.reset();
    read_back.reset();
    select_all.reset();
    select_since.reset();
    const bool was_open = static_cast<bool>(db);
    db.reset();
    if (!was_open || mode != Open::read_only) return;

    // A read-only connection cannot checkpoint, so SQLite leaves the -wal and
    // -shm files it made behind. When the -wal is empty (no frames, so nothing
    // to checkpoint and nothing of the main file to change), let a read-write
    // connection do what the last connection does on close: it removes both,
    // and only if no other connection has the store open (SQLite's locks
    // decide). If the file cannot be written, this changes nothing.
    std::error_code ec;
    const std::string wal = path + "-wal";
    if (!std::filesystem::exists(wal, ec) || std::filesystem::file_size(wal, ec) != 0 || ec) return;
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(raw, 0);
        sqlite3_exec(raw, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);  // opens the WAL
    }
    sqlite3_close_v2(raw);  // harmless on nullptr
}

SqliteStore::Impl::~Impl() { close(); }

}  // namespace sifund
