#pragma once
// What an append reads back inside its transaction, before it commits: the
// store must hold exactly the batch where the batch says, and nothing after
// it. An INSERT can succeed without storing anything (a trigger planted in
// the database, SQLite's RAISE(IGNORE) or PostgreSQL's RETURN NULL, swallows
// the row): without this check the caller would be told that decisions on
// public money were recorded when they were not. Both stores roll back when
// it fails, so nothing is half-claimed.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "sifund/error.hpp"
#include "sifund/ledger/store.hpp"

namespace sifund::detail {

struct ReadBack {
    std::int64_t rows_of_batch = 0;       // rows with a seq of the batch
    std::int64_t last_seq = 0;            // the highest seq stored (the store's count)
    std::optional<std::string> last_hash;  // the hash stored at the batch's last seq
};

// Throws StoreError "store.readback" when `got` is not what appending `batch` should leave.
inline void check_read_back(const std::string& store, std::span<const StoredEvent> batch, const ReadBack& got) {
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
    throw StoreError("store.readback", store + ": the store does not hold what was appended (" + wrong +
                                           "; is there a trigger on the events table?); the append was rolled back, "
                                           "nothing was appended");
}

}  // namespace sifund::detail
