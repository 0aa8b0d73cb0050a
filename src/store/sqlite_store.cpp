// SqliteStore: see include/sifund/store/sqlite_store.hpp for what it promises.

#include "sifund/store/sqlite_store.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <random>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "sifund/error.hpp"
#include "readback.hpp"

namespace sifund {
namespace {

constexpr std::string_view format_name = "sifund-store";

// The schema of format_version 1. PRAGMA application_id is transactional, so
// it is set in the same transaction: a store is initialised whole or not at all.
constexpr const char* schema_sql =
    "PRAGMA application_id = 1936287349;\n"  // SqliteStore::application_id, checked below
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE events (\n"
    "  seq INTEGER PRIMARY KEY,\n"
    "  type TEXT NOT NULL,\n"
    "  date TEXT NOT NULL,\n"
    "  recorded_at TEXT NOT NULL,\n"
    "  prev_hash TEXT NOT NULL,\n"
    "  hash TEXT NOT NULL,\n"
    "  json TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX events_date ON events (date);\n"
    "INSERT INTO meta (key, value) VALUES ('format', 'sifund-store'), ('format_version', '1');\n";
static_assert(SqliteStore::application_id == 1936287349);
static_assert(SqliteStore::format_version == 1);

constexpr const char* select_columns = "SELECT seq, type, date, recorded_at, prev_hash, hash, json FROM events ";

int primary(int rc) noexcept { return rc & 0xff; }

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

bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

std::string init_hint(const std::string& path) { return "create one with `sifund init " + detail::quoted(path) + "`"; }

void read_text(sqlite3_stmt* stmt, int column, std::string& out) {
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

int busy_wait(void* context, int count) {
    auto& wait = *static_cast<BusyWait*>(context);
    const auto now = std::chrono::steady_clock::now();
    if (count == 0) wait.started = now;
    const auto left = wait.started + wait.timeout - now;
    if (left <= std::chrono::steady_clock::duration::zero()) return 0;  // give up: SQLITE_BUSY
    const auto nap = std::chrono::microseconds(100 + wait.random() % 900);
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(nap, left));
    return 1;
}

// Removes the half-built stores (and their -wal, -shm) that an interrupted
// `sifund init` left beside the path: files named PREFIX<pid>-... whose
// process no longer runs. A live init's file is left alone (and a reused pid
// only makes us keep a file).
void remove_left_behind(const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        const std::size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789") != dash) continue;
        const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
        if (pid <= 0 || pid > std::numeric_limits<pid_t>::max()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        std::error_code ignored;
        std::filesystem::remove(entry.path(), ignored);
    }
}

// A reader that may not create the -shm and -wal files beside the store (an
// auditor's read-only copy in a read-only folder) opens it immutable: SQLite
// then reads the file alone. That is exact when there is no write-ahead log
// to read, which every append and close of a writer see to (they checkpoint).
bool reads_file_alone(const std::string& path) {
    std::error_code ec;
    const std::string wal = path + "-wal";
    if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) != 0) return false;
    const std::filesystem::path p(path);
    const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
    // No one writes where this user may not create a file (a read-only folder
    // or mount), so nothing changes the file while it is read alone.
    return ::access(dir.c_str(), W_OK | X_OK) != 0;
}

// "file:" URI of a path, escaping what a URI gives meaning to.
std::string file_uri(const std::string& path, const char* query) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static constexpr char hex[] = "0123456789ABCDEF";
            uri += '%';
            uri += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
            uri += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
            uri += c;
        }
    }
    return uri + "?" + query;
}

}  // namespace

struct SqliteStore::Impl {
    std::string path;
    Open mode;
    std::chrono::milliseconds timeout{std::chrono::seconds(10)};
    BusyWait busy;  // the busy handler's state: Impl stays put while the store is moved
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
    void verify() const;
    void prepare_statements();
    void set_timeout(std::chrono::milliseconds ms);
    std::vector<StoredEvent> read_rows(sqlite3_stmt* stmt, std::int64_t expected) const;
    detail::ReadBack read_back_batch(std::int64_t first, std::int64_t last) const;
    void close() noexcept;
};

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

void SqliteStore::Impl::format_error(const std::string& why) const {
    throw StoreError("store.format", detail::quoted(path) + " " + why);
}

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

SqliteStore::Impl::Impl(std::string path_, Open mode_) : path(std::move(path_)), mode(mode_) {
    const bool created_file = [&] {
        switch (mode) {
        case Open::existing:
        case Open::read_only:
            if (!exists(path))
                throw StoreError("store.missing",
                                 "no fund store at " + detail::quoted(path) + ": the file does not exist; " + init_hint(path));
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
        verify();
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
    if (exists(path))
        throw StoreError("store.exists",
                         detail::quoted(path) + " already exists; a new fund store is only created where there is no file");
    const std::filesystem::path target(path);
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    // The name carries our pid, so that the next `sifund init` of this path
    // can tell what a killed one left behind from what a live one is building.
    const std::string prefix = "." + target.filename().string() + ".sifund-init-";
    remove_left_behind(dir, prefix);
    std::string temp = (dir / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());  // O_CREAT | O_EXCL: ours alone
    if (fd < 0) throw StoreError("store.open", "cannot create " + detail::quoted(path) + ": " + std::strerror(errno));
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);  // the mode a new file gets, not mkstemp's 0600
    ::close(fd);
    const auto remove_temp = [&] {
        std::error_code ec;
        for (const char* suffix : {"-wal", "-shm", ""}) std::filesystem::remove(temp + suffix, ec);
    };
    try {
        {
            // Initialised (WAL, schema) and closed: the last connection
            // checkpoints and removes -wal and -shm, so the file is whole.
            Impl building(temp, Open::create_if_missing);
        }
        if (const int tfd = ::open(temp.c_str(), O_RDONLY); tfd >= 0) {
            ::fsync(tfd);
            ::close(tfd);
        }
        int rc = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {  // no RENAME_NOREPLACE here: link() refuses too
            rc = ::link(temp.c_str(), path.c_str());
            if (rc == 0) ::unlink(temp.c_str());
        }
        if (rc != 0) {
            const int err = errno;
            if (err == EEXIST)
                throw StoreError("store.exists", detail::quoted(path) + " was created by another process meanwhile");
            throw StoreError("store.open", "cannot create " + detail::quoted(path) + ": " + std::strerror(err));
        }
    } catch (...) {
        remove_temp();
        throw;
    }
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {  // the rename is durable
        ::fsync(dfd);
        ::close(dfd);
    }
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
    if (mode == Open::read_only && reads_file_alone(path)) {
        name = file_uri(path, "immutable=1");
        flags |= SQLITE_OPEN_URI;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    db.reset(raw);
    if (rc != SQLITE_OK) {
        const std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        db.reset();
        if (mode != Open::create_if_missing && !exists(path))
            throw StoreError("store.missing",
                             "no fund store at " + detail::quoted(path) + ": the file does not exist; " + init_hint(path));
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
    exec("BEGIN IMMEDIATE", "starting to initialise the store");
    try {
        // Re-check under the write lock: another process may have initialised
        // the file since we looked (two `create_if_missing` on one new path).
        if (!has_no_schema()) {
            if (mode == Open::create_new)
                throw StoreError("store.exists", detail::quoted(path) + " was initialised by another process meanwhile");
            exec("ROLLBACK", "initialising the store");
            return;
        }
        exec(schema_sql, "initialising the store");
        exec("COMMIT", "initialising the store");
    } catch (...) {
        if (sqlite3_get_autocommit(db.get()) == 0) sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void SqliteStore::Impl::verify() const {
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
    const auto format = meta("format");
    if (!format) format_error("is a SQLite database of another application, not a sifund store (its meta table names no format)");
    if (*format != format_name)
        format_error("is not a sifund store: its format is " + detail::quoted(*format) + ", not \"" +
                     std::string(format_name) + "\"");
    const auto version = meta("format_version");
    if (!version) format_error("is a sifund store without a format_version; it may be damaged");
    if (*version != std::to_string(format_version))
        format_error("is a sifund store of format_version " + detail::quoted(*version) + "; this build of sifund reads format_version " +
                     std::to_string(format_version) + " (a newer sifund may read it)");
    if (!has_table("events")) format_error("is a sifund store without an events table; it is damaged");

    const std::int64_t app = query_int("PRAGMA application_id", "reading the application id");
    if (app != SqliteStore::application_id)
        format_error("has application_id " + std::to_string(app) + ", not sifund's " +
                     std::to_string(SqliteStore::application_id) + "; it is not a sifund store");
}

void SqliteStore::Impl::prepare_statements() {
    last_seq = prepare("SELECT coalesce(max(seq), 0) FROM events", true);
    select_all = prepare((std::string(select_columns) + "ORDER BY seq").c_str(), true);
    select_since = prepare((std::string(select_columns) + "WHERE seq > ?1 ORDER BY seq").c_str(), true);
    if (mode == Open::read_only) return;
    begin = prepare("BEGIN IMMEDIATE", true);
    commit = prepare("COMMIT", true);
    rollback = prepare("ROLLBACK", true);
    insert = prepare(
        "INSERT INTO events (seq, type, date, recorded_at, prev_hash, hash, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", true);
    read_back = prepare("SELECT (SELECT count(*) FROM events WHERE seq BETWEEN ?1 AND ?2), "
                        "(SELECT coalesce(max(seq), 0) FROM events), (SELECT hash FROM events WHERE seq = ?2)",
                        true);
}

void SqliteStore::Impl::set_timeout(std::chrono::milliseconds ms) {
    const auto clamped = std::clamp<std::chrono::milliseconds::rep>(ms.count(), 0, std::numeric_limits<int>::max());
    timeout = std::chrono::milliseconds(clamped);
    busy.timeout = timeout;
    sqlite3_busy_handler(db.get(), busy_wait, &busy);
}

std::vector<StoredEvent> SqliteStore::Impl::read_rows(sqlite3_stmt* stmt, std::int64_t expected) const {
    std::vector<StoredEvent> events;
    if (expected > 0) events.reserve(static_cast<std::size_t>(expected));
    ResetOnExit reset(stmt);
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        StoredEvent& event = events.emplace_back();
        event.seq = sqlite3_column_int64(stmt, 0);
        read_text(stmt, 1, event.type);
        read_text(stmt, 2, event.date);
        read_text(stmt, 3, event.recorded_at);
        read_text(stmt, 4, event.prev_hash);
        read_text(stmt, 5, event.hash);
        read_text(stmt, 6, event.json);
    }
    if (rc != SQLITE_DONE) fail(rc, "loading events");
    return events;
}

detail::ReadBack SqliteStore::Impl::read_back_batch(std::int64_t first, std::int64_t last) const {
    sqlite3_stmt* stmt = read_back.get();
    ResetOnExit reset(stmt);
    sqlite3_bind_int64(stmt, 1, first);
    sqlite3_bind_int64(stmt, 2, last);
    const int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) fail(rc, "reading back the append; nothing was appended");
    detail::ReadBack got;
    got.rows_of_batch = sqlite3_column_int64(stmt, 0);
    got.last_seq = sqlite3_column_int64(stmt, 1);
    if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) read_text(stmt, 2, got.last_hash.emplace());
    return got;
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

// --- SqliteStore -------------------------------------------------------------

SqliteStore::SqliteStore(std::string path, Open mode) : impl_(std::make_unique<Impl>(std::move(path), mode)) {}
SqliteStore::~SqliteStore() = default;
SqliteStore::SqliteStore(SqliteStore&& other) noexcept = default;
SqliteStore& SqliteStore::operator=(SqliteStore&& other) noexcept = default;

SqliteStore::Impl& SqliteStore::impl() const {
    if (!impl_) throw StoreError("store.closed", "this SqliteStore was moved from and holds no store");
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
    if (d.mode == Open::read_only)
        throw StoreError("store.read_only", detail::quoted(d.path) + " was opened read-only; nothing was appended");
    if (batch.empty()) return;
    for (std::size_t i = 1; i < batch.size(); ++i)
        if (batch[i].seq != batch[i - 1].seq + 1)
            throw ConcurrencyError("store.conflict", detail::quoted(d.path) + ": the batch is not consecutive: seq " +
                                                         std::to_string(batch[i].seq) + " follows seq " +
                                                         std::to_string(batch[i - 1].seq) + "; nothing was appended");

    d.step_done(d.begin.get(), "starting the append");
    try {
        const std::int64_t last = count();
        if (batch.front().seq != last + 1)
            throw ConcurrencyError("store.conflict",
                                   detail::quoted(d.path) + ": the batch starts at seq " + std::to_string(batch.front().seq) +
                                       " but the store holds " + std::to_string(last) +
                                       " events (another writer may have appended first; reload and retry); nothing was appended");
        sqlite3_stmt* insert = d.insert.get();
        for (const StoredEvent& event : batch) {
            ResetOnExit reset(insert);
            int rc = sqlite3_bind_int64(insert, 1, event.seq);
            int column = 2;
            for (const std::string* text :
                 {&event.type, &event.date, &event.recorded_at, &event.prev_hash, &event.hash, &event.json}) {
                if (rc != SQLITE_OK) break;
                rc = sqlite3_bind_text64(insert, column++, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
            }
            if (rc == SQLITE_OK) rc = sqlite3_step(insert);
            if (rc != SQLITE_DONE) d.fail(rc, "appending seq " + std::to_string(event.seq) + "; nothing was appended");
        }
        detail::check_read_back(detail::quoted(d.path), batch, d.read_back_batch(batch.front().seq, batch.back().seq));
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
