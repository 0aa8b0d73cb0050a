#pragma once
// PostgresStore: the event store for a finance office where several people
// record events at once. One PostgreSQL database holds one fund, in a schema
// of its own. This header does not include <libpq-fe.h>: link sifund::sifund,
// which brings libpq with it.
//
// The database holds, in schema `sifund`,
//   meta(key text PRIMARY KEY, value text)   format = "sifund-store", format_version = "1"
//   events(seq bigint PRIMARY KEY, type, date, recorded_at, prev_hash, hash, json)
//   an index on events(date), and triggers that refuse UPDATE, DELETE and
//   TRUNCATE of events: the log is append-only in the database too.
// sifund creates the schema and migrates it: opening a store of an older
// format_version for writing brings it to this build's in one transaction;
// a newer one is refused ("store.format").
//
// The URL is libpq's: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE?PARAM=...
// (host may be a Unix socket directory: postgresql://postgres@/fund?host=/run/pg&port=5432).
//
// Promises:
// * Nothing is written unless append() is called and succeeds, or the store
//   is created or migrated by a writable open: opening, loading, counting, a
//   refused or failed append change nothing.
// * Appends use optimistic concurrency on the sequence number: in one
//   transaction the head is read, the batch must continue it, and the rows
//   are inserted under the primary key on seq. Of two writers racing for the
//   same seq exactly one commits; the other gets ConcurrencyError
//   ("store.conflict") and nothing of its batch is stored, so the hash chain
//   can never fork and no accepted event is lost. Reload and retry.
// * An append reads back, inside its transaction, what it appended (the rows
//   of the batch, the last seq and its hash) and rolls back when the database
//   does not hold it ("store.readback": a trigger swallowed the rows).
// * A commit is durable when append() returns (synchronous_commit = on for
//   the store's session, whatever the server's default).
//
// One object is for one thread at a time; open one store per thread to work
// in parallel. Move-only; a moved-from store may only be destroyed or
// assigned to (anything else throws StoreError "store.closed").
//
// Error ids (all StoreError, ConcurrencyError where noted):
//   store.missing    `existing`/`read_only` and the database or its sifund schema does not exist
//   store.exists     `create_new` and the database already holds a sifund store
//   store.format     not a sifund store, or a format_version this build does not read
//   store.connect    the server could not be reached or refused the connection
//   store.read_only  append() on a store opened `read_only`, or by a database user
//                    without the privilege to write (an auditor's login: GRANT SELECT only)
//   store.conflict   (ConcurrencyError) the batch does not continue the stored sequence,
//                    or another writer appended the same seq first
//   store.readback   the database does not hold what append() wrote; it was rolled back
//   store.postgres   any other PostgreSQL error, with the server's message and SQLSTATE
//   store.closed     use of a moved-from store

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/ledger/store.hpp"
#include "sifund/store/open_mode.hpp"

namespace sifund {

class PostgresStore final : public Store {
public:
    // As for SqliteStore; create_new and create_if_missing also create the
    // database when the server has none of that name (connecting to its
    // `postgres` database to do so).
    using Open = StoreOpen;

    // The format_version this build writes and reads.
    static constexpr int format_version = 1;

    // True for a postgresql:// or postgres:// URL.
    [[nodiscard]] static bool is_url(std::string_view db) noexcept {
        return db.starts_with("postgresql://") || db.starts_with("postgres://");
    }

    PostgresStore(std::string url, Open mode);
    ~PostgresStore() override;

    PostgresStore(PostgresStore&& other) noexcept;
    PostgresStore& operator=(PostgresStore&& other) noexcept;
    PostgresStore(const PostgresStore&) = delete;
    PostgresStore& operator=(const PostgresStore&) = delete;

    // Every event, in seq order, from one snapshot.
    [[nodiscard]] std::vector<StoredEvent> load() override;

    // The events with seq > after_seq, in seq order (load_since(0) == load()).
    [[nodiscard]] std::vector<StoredEvent> load_since(std::int64_t after_seq);

    // All or nothing, in one transaction. The batch must continue the stored
    // sequence (its first seq is count() + 1) and be consecutive, else
    // ConcurrencyError "store.conflict" and nothing is written. An empty batch
    // writes nothing. Text must be valid UTF-8 without NUL bytes (PostgreSQL's
    // text), else "store.postgres" and nothing is written.
    void append(std::span<const StoredEvent> batch) override;

    // Number of events stored (= the last seq).
    [[nodiscard]] std::int64_t count() override;

    // The URL with any password left out.
    [[nodiscard]] std::string describe() const override;
    [[nodiscard]] Open mode() const;

private:
    struct Impl;
    Impl& impl() const;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sifund
