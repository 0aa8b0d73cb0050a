#pragma once
// What the SQLite and the PostgreSQL store share, so that the two say the
// same things in the same words: the format's name and version, the columns
// of the events table, the one list of schema migrations (each version in
// both databases' SQL), the checks of the meta table, of a batch before it is
// written and of what an append reads back before it commits, and the
// messages of a moved-from or read-only store. Each store keeps only what
// its database does differently (connecting, locking, reading rows).

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sifund/error.hpp"
#include "sifund/ledger/store.hpp"

namespace sifund::store_core {

inline constexpr std::string_view format_name = "sifund-store";
// The format_version this build writes, and the newest it reads.
inline constexpr int format_version = 1;
// "sifu" in ASCII: SQLite's PRAGMA application_id, PostgreSQL's advisory lock key.
inline constexpr std::int32_t application_id = 0x73696675;

// The columns of the events table, in the order rows are written and read.
inline constexpr std::string_view columns = "seq, type, date, recorded_at, prev_hash, hash, json";

// The text columns of an event after its seq, in that order.
inline std::array<const std::string*, 6> text_columns(const StoredEvent& e) {
    return {&e.type, &e.date, &e.recorded_at, &e.prev_hash, &e.hash, &e.json};
}
inline std::array<std::string*, 6> text_columns(StoredEvent& e) {
    return {&e.type, &e.date, &e.recorded_at, &e.prev_hash, &e.hash, &e.json};
}

// Each migration brings a store from the version before it to `version`, in
// one transaction that also sets meta.format_version; version 1 starts from
// nothing. A store of an older version is brought up to date when it is next
// opened for writing; opened read-only, it is refused with what to do. A new
// format adds one entry here, in both databases' SQL.
struct Migration {
    int version;
    const char* sqlite;
    const char* postgres;
};

inline constexpr Migration migrations[] = {
    {1,
     // PRAGMA application_id is transactional: a SQLite store is initialised whole or not at all.
     "PRAGMA application_id = 1936287349;\n"
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
     "INSERT INTO meta (key, value) VALUES ('format', 'sifund-store'), ('format_version', '1');\n",

     "CREATE SCHEMA sifund;\n"
     "CREATE TABLE sifund.meta (key text PRIMARY KEY, value text NOT NULL);\n"
     "CREATE TABLE sifund.events (\n"
     "  seq bigint PRIMARY KEY CHECK (seq > 0),\n"
     "  type text NOT NULL,\n"
     "  date text NOT NULL,\n"
     "  recorded_at text NOT NULL,\n"
     "  prev_hash text NOT NULL,\n"
     "  hash text NOT NULL,\n"
     "  json text NOT NULL\n"
     ");\n"
     "CREATE INDEX events_date ON sifund.events (date);\n"
     // The log is append-only in the database too: a change or deletion by
     // anyone short of dropping the trigger is refused (and the hash chain
     // shows what a superuser does anyway).
     "CREATE FUNCTION sifund.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$\n"
     "BEGIN\n"
     "  RAISE EXCEPTION 'sifund events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';\n"
     "END $$;\n"
     "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON sifund.events\n"
     "  FOR EACH ROW EXECUTE FUNCTION sifund.refuse_change();\n"
     "CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON sifund.events\n"
     "  FOR EACH STATEMENT EXECUTE FUNCTION sifund.refuse_change();\n"
     "INSERT INTO sifund.meta (key, value) VALUES ('format', 'sifund-store'), ('format_version', '1');\n"},
};
static_assert(std::size(migrations) == format_version, "one migration a version, in order");
static_assert(migrations[std::size(migrations) - 1].version == format_version);

// --- what a store says -------------------------------------------------------
// `shown` is how the store names itself in messages: a quoted path, or a URL
// without its password.

[[noreturn]] inline void format_error(const std::string& shown, const std::string& why) {
    throw StoreError("store.format", shown + " " + why);
}

inline std::string init_hint(const std::string& shown) { return "create one with `sifund init " + shown + "`"; }

// No store where one was to be opened; `init_arg` is the argument of `sifund init` that makes one.
[[noreturn]] inline void missing(const std::string& shown, const std::string& why, const std::string& init_arg) {
    throw StoreError("store.missing", "no fund store at " + shown + ": " + why + "; " + init_hint(init_arg));
}

// The version a store's meta table names, or store.format with why it is not
// a sifund store this build reads. `format` and `version` are the values of
// the meta keys of those names (nullopt: no such row).
inline int check_meta(const std::string& shown, const std::optional<std::string>& format,
                      const std::optional<std::string>& version) {
    if (!format) format_error(shown, "is not a sifund store (its meta table names no format)");
    if (*format != format_name)
        format_error(shown, "is not a sifund store: its format is " + detail::quoted(*format) + ", not \"" +
                                std::string(format_name) + "\"");
    if (!version) format_error(shown, "is a sifund store without a format_version; it may be damaged");
    int v = 0;
    const bool digits = !version->empty() && version->size() <= 9 &&
                        version->find_first_not_of("0123456789") == std::string::npos && (*version)[0] != '0';
    if (digits) v = std::stoi(*version);
    if (!digits || v < 1)
        format_error(shown, "has format_version " + detail::quoted(*version) + ", which is not a version; it may be damaged");
    if (v > format_version)
        format_error(shown, "is a sifund store of format_version " + detail::quoted(*version) +
                                "; this build of sifund reads format_version " + std::to_string(format_version) +
                                " (a newer sifund may read it)");
    return v;
}

// A store of an older format opened read-only: it cannot be migrated here.
[[noreturn]] inline void needs_migration(const std::string& shown, int version) {
    format_error(shown, "is a sifund store of format_version " + std::to_string(version) +
                            "; open it for writing once (`sifund apply`) to bring it to format_version " +
                            std::to_string(format_version));
}

[[noreturn]] inline void moved_from(std::string_view kind) {
    throw StoreError("store.closed", "this " + std::string(kind) + " was moved from and holds no store");
}

[[noreturn]] inline void opened_read_only(const std::string& shown) {
    throw StoreError("store.read_only", shown + " was opened read-only; nothing was appended");
}

// Before anything is written: the batch's seqs follow one another.
inline void check_consecutive(const std::string& shown, std::span<const StoredEvent> batch) {
    for (std::size_t i = 1; i < batch.size(); ++i)
        if (batch[i].seq != batch[i - 1].seq + 1)
            throw ConcurrencyError("store.conflict", shown + ": the batch is not consecutive: seq " +
                                                         std::to_string(batch[i].seq) + " follows seq " +
                                                         std::to_string(batch[i - 1].seq) + "; nothing was appended");
}

// Inside the append's transaction: the batch continues the stored sequence.
inline void check_continues(const std::string& shown, std::span<const StoredEvent> batch, std::int64_t last) {
    if (batch.front().seq != last + 1)
        throw ConcurrencyError("store.conflict", shown + ": the batch starts at seq " + std::to_string(batch.front().seq) +
                                                     " but the store holds " + std::to_string(last) +
                                                     " events (another writer may have appended first; reload and "
                                                     "retry); nothing was appended");
}

// What an append reads back inside its transaction, before it commits: the
// store must hold exactly the batch where the batch says, and nothing after
// it. An INSERT can succeed without storing anything (a trigger planted in
// the database, SQLite's RAISE(IGNORE) or PostgreSQL's RETURN NULL, swallows
// the row): without this check the caller would be told that decisions on
// public money were recorded when they were not. Both stores roll back when
// it fails, so nothing is half-claimed.
struct ReadBack {
    std::int64_t rows_of_batch = 0;        // rows with a seq of the batch
    std::int64_t last_seq = 0;             // the highest seq stored (the store's count)
    std::optional<std::string> last_hash;  // the hash stored at the batch's last seq
};

// The query that reads it back from `table`, with the batch's first and last
// seq written in the database's placeholders (SQLite ?1 ?2, PostgreSQL $1 $2).
inline std::string read_back_sql(std::string_view table, std::string_view first, std::string_view last) {
    const std::string t(table), f(first), l(last);
    return "SELECT (SELECT count(*) FROM " + t + " WHERE seq BETWEEN " + f + " AND " + l + "), (SELECT coalesce(max(seq), 0) FROM " +
           t + "), (SELECT hash FROM " + t + " WHERE seq = " + l + ")";
}

// Throws StoreError "store.readback" when `got` is not what appending `batch` should leave.
inline void check_read_back(const std::string& shown, std::span<const StoredEvent> batch, const ReadBack& got) {
    const auto expected_rows = static_cast<std::int64_t>(batch.size());
    const StoredEvent& last = batch.back();
    std::string wrong;
    if (got.rows_of_batch != expected_rows)
        wrong = std::to_string(got.rows_of_batch) + " of the " + std::to_string(expected_rows) + " rows appended are stored";
    else if (got.last_seq != last.seq)
        wrong = "the last seq stored is " + std::to_string(got.last_seq) + ", not " + std::to_string(last.seq);
    else if (got.last_hash != last.hash)
        wrong = "seq " + std::to_string(last.seq) + " is stored with another hash than the one appended";
    if (wrong.empty()) return;
    throw StoreError("store.readback", shown + ": the store does not hold what was appended (" + wrong +
                                           "; is there a trigger on the events table?); the append was rolled back, "
                                           "nothing was appended");
}

}  // namespace sifund::store_core
