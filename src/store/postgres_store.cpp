// PostgresStore: see include/sifund/store/postgres_store.hpp for what it promises.

#include "sifund/store/postgres_store.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "sifund/error.hpp"
#include "postgres_text.hpp"
#include "store_core.hpp"

namespace sifund {
namespace {

using postgres_text::one_line;
using postgres_text::redact;

using namespace std::string_literals;

// Held (per database) while a store is created or migrated, so that two
// processes opening one new database at once do not both create it.
const std::string lock_sql = "SELECT pg_advisory_xact_lock("s + std::to_string(store_core::application_id) + ")";
static_assert(PostgresStore::format_version == store_core::format_version);

struct ConnCloser {
    void operator()(PGconn* conn) const noexcept { PQfinish(conn); }
};
using Conn = std::unique_ptr<PGconn, ConnCloser>;

struct ResultClearer {
    void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultClearer>;

struct OptionsFreer {
    void operator()(PQconninfoOption* options) const noexcept { PQconninfoFree(options); }
};

void ignore_notice(void*, const char*) {}

}  // namespace

struct PostgresStore::Impl {
    std::string url;
    std::string shown;  // url without its password
    Open mode;
    Conn conn;

    Impl(std::string url_, Open mode_);

    [[noreturn]] void fail(PGresult* result, std::string_view doing) const;
    [[noreturn]] void format_error(const std::string& why) const { store_core::format_error(shown, why); }

    Conn connect(const std::optional<std::string>& dbname, std::string& error) const;
    void open_connection();
    void create_database();
    Result exec(const char* sql, ExecStatusType expected, std::string_view doing) const;
    std::optional<std::string> query_value(const char* sql, std::string_view doing) const;
    std::optional<int> stored_version(bool schema_must_exist) const;
    void migrate(int from);
    void create_or_migrate();
    void rollback() const noexcept;
    void ensure_connected();
    std::vector<StoredEvent> copy_out(std::int64_t after_seq);
};

void PostgresStore::Impl::fail(PGresult* result, std::string_view doing) const {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state ? state : "";
    std::string message;
    if (result && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
        message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    else if (conn)
        message = one_line(PQerrorMessage(conn.get()));
    const std::string where = shown + ": " + std::string(doing) + ": ";
    if (sqlstate == "23505" || sqlstate == "40001" || sqlstate == "40P01")
        throw ConcurrencyError("store.conflict", where + "another writer appended first (" + message +
                                                     "); nothing was appended: reload and retry");
    if (sqlstate == "25006" || sqlstate == "42501")  // a read-only transaction; a user without the privilege
        throw StoreError("store.read_only", where + "the database refuses to be written by this user (" + message + ")");
    if (sqlstate.starts_with("08") || (conn && PQstatus(conn.get()) == CONNECTION_BAD))
        throw StoreError("store.connect", where + "the connection to the server failed (" + message + ")");
    throw StoreError("store.postgres",
                     where + message + (sqlstate.empty() ? std::string() : " (SQLSTATE " + sqlstate + ")"));
}

Conn PostgresStore::Impl::connect(const std::optional<std::string>& dbname, std::string& error) const {
    char* parse_error = nullptr;
    std::unique_ptr<PQconninfoOption, OptionsFreer> options(PQconninfoParse(url.c_str(), &parse_error));
    if (!options) {
        const std::string why = parse_error ? one_line(parse_error) : "out of memory";
        PQfreemem(parse_error);
        throw StoreError("store.connect", "cannot read the PostgreSQL URL " + shown + ": " + why);
    }
    std::vector<const char*> keys, values;
    bool has_application = false;
    for (const PQconninfoOption* o = options.get(); o->keyword != nullptr; ++o) {
        if (o->val == nullptr) continue;
        if (dbname && std::strcmp(o->keyword, "dbname") == 0) continue;
        if (std::strcmp(o->keyword, "client_encoding") == 0) continue;
        has_application = has_application || std::strcmp(o->keyword, "application_name") == 0;
        keys.push_back(o->keyword);
        values.push_back(o->val);
    }
    if (dbname) {
        keys.push_back("dbname");
        values.push_back(dbname->c_str());
    }
    keys.push_back("client_encoding");  // events are UTF-8 text
    values.push_back("UTF8");
    if (!has_application) {
        keys.push_back("application_name");
        values.push_back("sifund");
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    Conn c(PQconnectdbParams(keys.data(), values.data(), 0));
    if (!c) throw StoreError("store.connect", "cannot connect to " + shown + ": out of memory");
    if (PQstatus(c.get()) != CONNECTION_OK) {
        error = one_line(PQerrorMessage(c.get()));
        return nullptr;
    }
    PQsetNoticeProcessor(c.get(), ignore_notice, nullptr);
    return c;
}

void PostgresStore::Impl::open_connection() {
    std::string error;
    conn = connect(std::nullopt, error);
    const bool missing_database = !conn && error.find("database \"") != std::string::npos &&
                                  error.find("does not exist") != std::string::npos;
    if (!conn && missing_database && (mode == Open::create_new || mode == Open::create_if_missing)) {
        create_database();
        conn = connect(std::nullopt, error);
    }
    if (!conn) {
        if (error.find("does not exist") != std::string::npos && error.find("database \"") != std::string::npos)
            store_core::missing(shown, error, detail::quoted(shown));
        throw StoreError("store.connect", "cannot connect to " + shown + ": " + error);
    }
    // Durable commits whatever the server's default; no notices on stderr;
    // a read-only store's session cannot write even by mistake.
    exec("SET synchronous_commit = on; SET client_min_messages = warning", PGRES_COMMAND_OK, "setting up the session");
    if (mode == Open::read_only)
        exec("SET default_transaction_read_only = on", PGRES_COMMAND_OK, "setting up the session");
}

void PostgresStore::Impl::create_database() {
    char* parse_error = nullptr;
    std::unique_ptr<PQconninfoOption, OptionsFreer> options(PQconninfoParse(url.c_str(), &parse_error));
    PQfreemem(parse_error);
    std::string name;
    for (const PQconninfoOption* o = options ? options.get() : nullptr; o && o->keyword; ++o)
        if (std::strcmp(o->keyword, "dbname") == 0 && o->val) name = o->val;
    if (name.empty()) return;  // libpq's default database: nothing we can name

    std::string error;
    Conn admin = connect(std::string("postgres"), error);
    if (!admin) throw StoreError("store.connect", "cannot connect to " + shown + " to create its database: " + error);
    char* quoted = PQescapeIdentifier(admin.get(), name.c_str(), name.size());
    if (!quoted) throw StoreError("store.postgres", "cannot quote the database name " + detail::quoted(name));
    const std::string sql = "CREATE DATABASE " + std::string(quoted);
    PQfreemem(quoted);
    Result r(PQexec(admin.get(), sql.c_str()));
    if (PQresultStatus(r.get()) == PGRES_COMMAND_OK) return;
    const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
    // Another process created it at the same moment: duplicate_database, or
    // the unique index on pg_database's name.
    if (state && (std::strcmp(state, "42P04") == 0 || std::strcmp(state, "23505") == 0)) return;
    throw StoreError("store.postgres", "cannot create the database of " + shown + ": " +
                                           one_line(PQresultErrorMessage(r.get())));
}

Result PostgresStore::Impl::exec(const char* sql, ExecStatusType expected, std::string_view doing) const {
    Result r(PQexec(conn.get(), sql));
    if (PQresultStatus(r.get()) != expected) fail(r.get(), doing);
    return r;
}

std::optional<std::string> PostgresStore::Impl::query_value(const char* sql, std::string_view doing) const {
    Result r = exec(sql, PGRES_TUPLES_OK, doing);
    if (PQntuples(r.get()) == 0 || PQgetisnull(r.get(), 0, 0)) return std::nullopt;
    return std::string(PQgetvalue(r.get(), 0, 0), static_cast<std::size_t>(PQgetlength(r.get(), 0, 0)));
}

// The store's format_version, or nullopt when the database has no sifund
// schema; anything that is not a sifund store is store.format.
std::optional<int> PostgresStore::Impl::stored_version(bool schema_must_exist) const {
    if (!query_value("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'sifund'", "reading the schema")) {
        if (schema_must_exist)
            store_core::missing(shown, "the database has no sifund schema", detail::quoted(shown));
        return std::nullopt;
    }
    if (!query_value("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'sifund' AND tablename = 'meta'",
                     "reading the schema"))
        format_error("has a sifund schema without a meta table: it is not a sifund store, or it is damaged");
    Result r(PQexec(conn.get(), "SELECT key, value FROM sifund.meta WHERE key IN ('format', 'format_version')"));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        format_error("has a meta table that is not sifund's (" + one_line(PQresultErrorMessage(r.get())) + ")");
    std::optional<std::string> format, version;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
        const std::string key = PQgetvalue(r.get(), row, 0);
        (key == "format" ? format : version) = std::string(PQgetvalue(r.get(), row, 1));
    }
    const int v = store_core::check_meta(shown, format, version);
    if (!query_value("SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'sifund' AND tablename = 'events'",
                     "reading the schema"))
        format_error("is a sifund store without an events table; it is damaged");
    return v;
}

void PostgresStore::Impl::migrate(int from) {
    for (const store_core::Migration& m : store_core::migrations) {
        if (m.version <= from) continue;
        exec(m.postgres, PGRES_COMMAND_OK, "bringing the store to format_version " + std::to_string(m.version));
    }
}

void PostgresStore::Impl::rollback() const noexcept {
    if (!conn) return;
    const auto status = PQtransactionStatus(conn.get());
    if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR) PQclear(PQexec(conn.get(), "ROLLBACK"));
}

void PostgresStore::Impl::create_or_migrate() {
    // Most opens find a store of this version: they only read.
    if (mode != Open::create_new) {
        const auto version = stored_version(mode == Open::existing || mode == Open::read_only);
        if (version == PostgresStore::format_version) return;
        if (mode == Open::read_only) store_core::needs_migration(shown, *version);
    }
    // Create or migrate under the lock, looking again: another process may
    // have done it meanwhile.
    exec("BEGIN", PGRES_COMMAND_OK, "starting to initialise the store");
    try {
        exec(lock_sql.c_str(), PGRES_TUPLES_OK, "waiting for others initialising the store");
        const auto version = stored_version(mode == Open::existing);
        if (version && mode == Open::create_new)
            throw StoreError("store.exists", shown + " already holds a sifund store; a new one is only created in a database without one");
        if (version != PostgresStore::format_version) migrate(version.value_or(0));
        exec("COMMIT", PGRES_COMMAND_OK, "initialising the store");
    } catch (...) {
        rollback();
        throw;
    }
}

PostgresStore::Impl::Impl(std::string url_, Open mode_) : url(std::move(url_)), shown(redact(url)), mode(mode_) {
    open_connection();
    create_or_migrate();
}

void PostgresStore::Impl::ensure_connected() {
    if (PQstatus(conn.get()) == CONNECTION_OK) return;
    // The server went away (restarted, or the connection was cut): one new try.
    PQreset(conn.get());
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw StoreError("store.connect", "lost the connection to " + shown + ": " + one_line(PQerrorMessage(conn.get())));
    PQsetNoticeProcessor(conn.get(), ignore_notice, nullptr);
    exec("SET synchronous_commit = on; SET client_min_messages = warning", PGRES_COMMAND_OK, "setting up the session");
    if (mode == Open::read_only)
        exec("SET default_transaction_read_only = on", PGRES_COMMAND_OK, "setting up the session");
}

std::vector<StoredEvent> PostgresStore::Impl::copy_out(std::int64_t after_seq) {
    ensure_connected();
    // COPY streams the rows: no second copy of the whole log in a result set.
    const std::string sql =
        "COPY (SELECT "s + std::string(store_core::columns) + " FROM sifund.events WHERE seq > " +
        std::to_string(after_seq) + " ORDER BY seq) TO STDOUT";
    exec(sql.c_str(), PGRES_COPY_OUT, "loading events");
    std::vector<StoredEvent> events;
    std::string bad_row;
    for (;;) {
        char* buffer = nullptr;
        const int size = PQgetCopyData(conn.get(), &buffer, 0);
        if (size < 0) break;  // -1: done, -2: error (reported by the result below)
        const std::string_view row(buffer, static_cast<std::size_t>(size));
        if (bad_row.empty() && !postgres_text::read_copy_row(row, events.emplace_back())) {
            events.pop_back();
            bad_row = std::string(row.substr(0, 80));
        }
        PQfreemem(buffer);
    }
    Result r(PQgetResult(conn.get()));
    while (Result more{PQgetResult(conn.get())}) {
    }
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), "loading events");
    if (!bad_row.empty()) throw StoreError("store.postgres", shown + ": loading events: a row could not be read: " + bad_row);
    return events;
}

// --- PostgresStore -------------------------------------------------------------

PostgresStore::PostgresStore(std::string url, Open mode) : impl_(std::make_unique<Impl>(std::move(url), mode)) {}
PostgresStore::~PostgresStore() = default;
PostgresStore::PostgresStore(PostgresStore&& other) noexcept = default;
PostgresStore& PostgresStore::operator=(PostgresStore&& other) noexcept = default;

PostgresStore::Impl& PostgresStore::impl() const {
    if (!impl_) store_core::moved_from("PostgresStore");
    return *impl_;
}

std::vector<StoredEvent> PostgresStore::load() { return impl().copy_out(0); }

std::vector<StoredEvent> PostgresStore::load_since(std::int64_t after_seq) {
    return impl().copy_out(std::max<std::int64_t>(after_seq, 0));
}

std::int64_t PostgresStore::count() {
    Impl& d = impl();
    d.ensure_connected();
    const auto value = d.query_value("SELECT coalesce(max(seq), 0) FROM sifund.events", "counting events");
    return value ? std::stoll(*value) : 0;
}

void PostgresStore::append(std::span<const StoredEvent> batch) {
    Impl& d = impl();
    if (d.mode == Open::read_only)
        store_core::opened_read_only(d.shown);
    if (batch.empty()) return;
    store_core::check_consecutive(d.shown, batch);
    d.ensure_connected();
    d.exec("BEGIN", PGRES_COMMAND_OK, "starting the append");
    try {
        // Optimistic: read the head, insert after it. A writer that read the
        // same head and commits first makes our INSERT of that seq fail on
        // the primary key (it waits for the other to commit or roll back).
        const auto head = d.query_value("SELECT coalesce(max(seq), 0) FROM sifund.events", "reading the head");
        store_core::check_continues(d.shown, batch, head ? std::stoll(*head) : 0);
        const std::string copy_in = "COPY sifund.events ("s + std::string(store_core::columns) + ") FROM STDIN";
        d.exec(copy_in.c_str(), PGRES_COPY_IN, "appending");
        std::string chunk;
        const auto flush = [&] {
            if (PQputCopyData(d.conn.get(), chunk.data(), static_cast<int>(chunk.size())) != 1) {
                PQputCopyEnd(d.conn.get(), "sifund could not send the batch");
            }
            chunk.clear();
        };
        for (const StoredEvent& e : batch) {
            postgres_text::append_copy_row(chunk, e);
            if (chunk.size() >= (1U << 20)) flush();
        }
        if (!chunk.empty()) flush();
        PQputCopyEnd(d.conn.get(), nullptr);
        // Every result is read before looking at the first: until then the
        // connection is busy and cannot roll back.
        Result r(PQgetResult(d.conn.get()));
        while (Result more{PQgetResult(d.conn.get())}) {
        }
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK)
            d.fail(r.get(), "appending seq " + std::to_string(batch.front().seq) + "-" + std::to_string(batch.back().seq) +
                                "; nothing was appended");
        {
            const std::string from = std::to_string(batch.front().seq), to = std::to_string(batch.back().seq);
            const std::string sql = store_core::read_back_sql("sifund.events", from, to);
            Result back = d.exec(sql.c_str(), PGRES_TUPLES_OK, "reading back the append; nothing was appended");
            store_core::ReadBack got;
            got.rows_of_batch = std::stoll(PQgetvalue(back.get(), 0, 0));
            got.last_seq = std::stoll(PQgetvalue(back.get(), 0, 1));
            if (!PQgetisnull(back.get(), 0, 2)) got.last_hash = std::string(PQgetvalue(back.get(), 0, 2));
            store_core::check_read_back(d.shown, batch, got);
        }
        Result committed(PQexec(d.conn.get(), "COMMIT"));
        if (PQresultStatus(committed.get()) != PGRES_COMMAND_OK) {
            if (PQstatus(d.conn.get()) == CONNECTION_BAD)
                throw StoreError("store.connect", d.shown + ": the connection was lost while committing seq " +
                                                      std::to_string(batch.front().seq) + "-" + std::to_string(batch.back().seq) +
                                                      ": the batch may or may not be stored; reload to see");
            d.fail(committed.get(), "committing the append; nothing was appended");
        }
    } catch (...) {
        d.rollback();
        throw;
    }
}

std::string PostgresStore::describe() const { return impl().shown; }
PostgresStore::Open PostgresStore::mode() const { return impl().mode; }

}  // namespace sifund
