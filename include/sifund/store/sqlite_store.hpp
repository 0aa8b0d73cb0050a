#pragma once
// SqliteStore: the embedded default event store. One SQLite file in WAL
// journal mode; each append is one transaction. This header does not include
// <sqlite3.h>: link sifund::store, which brings SQLite with it.
//
// The file holds
//   meta(key TEXT PRIMARY KEY, value TEXT)   format = "sifund-store", format_version = "1"
//   events(seq INTEGER PRIMARY KEY, type, date, recorded_at, prev_hash, hash, json)
//   an index on events(date), and PRAGMA application_id = SqliteStore::application_id.
// The format and its migrations are the PostgreSQL store's too
// (src/store/store_core.hpp): opening a store of an older format_version for
// writing brings it to this build's in one transaction; read_only refuses it
// with what to do, and a newer one is refused ("store.format").
//
// Promises:
// * Nothing is written to the file unless append() is called and succeeds
//   (or an older format is brought up to date on opening for writing):
//   opening, loading, counting, a refused or failed append leave it
//   byte-for-byte as it was.
// * A closed store is one file: the last connection to close checkpoints the
//   write-ahead log and removes the -wal and -shm files (a read_only store,
//   which SQLite does not let checkpoint, has them removed for it when the log
//   is empty). Connections that close at the very same moment may each see
//   another still open and leave the log to the next one to close.
// * An append reads back, inside its transaction, what it appended (the rows
//   of the batch, the last seq and its hash) and rolls back when the file
//   does not hold it ("store.readback": a trigger swallowed the rows). After
//   the commit it checkpoints the write-ahead log (PASSIVE, best effort), so
//   that a copy of the file alone holds every append.
// * `create_new` builds the store in a new file beside the path and renames
//   it into place (never over an existing file): interrupted at any moment,
//   it leaves no file at the path or a store that works.
// * `read_only` works on a store the user may only read, in a folder they
//   may not write (an auditor's copy): without the right to create the -wal
//   and -shm files, and with no write-ahead log beside it, the file is opened
//   immutable and read alone.
// * Several SqliteStore objects (in one process or several) may use one file:
//   readers never block, writers wait up to busy_timeout() for each other, and
//   a writer that lost the race gets ConcurrencyError ("store.conflict").
//
// One object is for one thread at a time (like a std::vector); open one store
// per thread to work in parallel. Move-only; a moved-from store may only be
// destroyed or assigned to (anything else throws StoreError "store.closed").
//
// Error ids (all StoreError, ConcurrencyError where noted):
//   store.missing    `existing`/`read_only` and the file does not exist
//   store.exists     `create_new` and the file exists
//   store.format     not a SQLite file, not a sifund store, or a format this build does not read
//   store.open       the file could not be opened or created (directory, permissions)
//   store.read_only  append() on a store opened `read_only` or on a write-protected file
//   store.conflict   (ConcurrencyError) the batch does not continue the stored sequence
//   store.busy       another writer held the file for longer than busy_timeout()
//   store.readback   the file does not hold what append() wrote; it was rolled back
//   store.sqlite     any other SQLite error, with SQLite's message
//   store.closed     use of a moved-from store

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sifund/ledger/store.hpp"
#include "sifund/store/open_mode.hpp"

namespace sifund {

class SqliteStore final : public Store {
public:
    // existing: a missing file is "store.missing"; create_if_missing;
    // create_new: an existing file is "store.exists" (`sifund init`);
    // read_only: append() is "store.read_only" (store/open_mode.hpp).
    using Open = StoreOpen;

    // "sifu" in ASCII, PRAGMA application_id of every sifund store.
    static constexpr std::int32_t application_id = 0x73696675;
    // The format_version this build writes and reads.
    static constexpr int format_version = 1;

    SqliteStore(std::string path, Open mode);
    ~SqliteStore() override;

    SqliteStore(SqliteStore&& other) noexcept;
    SqliteStore& operator=(SqliteStore&& other) noexcept;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    // Every event, in seq order.
    [[nodiscard]] std::vector<StoredEvent> load() override;

    // The events with seq > after_seq, in seq order (load_since(0) == load()).
    [[nodiscard]] std::vector<StoredEvent> load_since(std::int64_t after_seq);

    // All or nothing, in one transaction. The batch must continue the stored
    // sequence (its first seq is count() + 1) and be consecutive, else
    // ConcurrencyError "store.conflict" and nothing is written. An empty batch
    // writes nothing.
    void append(std::span<const StoredEvent> batch) override;

    // Number of events stored (= the last seq: seqs run 1, 2, ... without gaps).
    [[nodiscard]] std::int64_t count() override;

    // The path, as given.
    [[nodiscard]] std::string describe() const override;
    [[nodiscard]] const std::string& path() const;
    [[nodiscard]] Open mode() const;

    // How long append() waits for another writer before "store.busy"
    // (default 10 s). Also applies to opening while another connection recovers the WAL.
    void busy_timeout(std::chrono::milliseconds timeout);
    [[nodiscard]] std::chrono::milliseconds busy_timeout() const;

private:
    struct Impl;
    Impl& impl() const;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sifund
