#pragma once
// The event store port. The core knows only this interface; SQLite,
// PostgreSQL and memory implement it. A store keeps rows of text: the
// event's canonical JSON (every field but the hash: exactly the bytes the
// hash is taken over), its hash, and seq, type and dates alongside for
// indexing. It knows nothing of rules.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sifund/error.hpp"

namespace sifund {

struct StoredEvent {
    std::int64_t seq = 0;
    std::string type;
    std::string date;         // effective date, YYYY-MM-DD
    std::string recorded_at;  // Timestamp text
    std::string prev_hash;
    std::string hash;
    std::string json;  // the canonical JSON of the event without its hash (ledger/event.hpp)
};

// The store was opened by a format this build does not read, or is not a sifund store.
class StoreError : public Error {
public:
    using Error::Error;
};

// Another writer appended first: the batch was not written and may be retried
// after reloading.
class ConcurrencyError : public StoreError {
public:
    using StoreError::StoreError;
};

class Store {
public:
    virtual ~Store() = default;

    // Every event, in seq order.
    [[nodiscard]] virtual std::vector<StoredEvent> load() = 0;

    // Appends the batch in one transaction, all or nothing. The batch must
    // continue the sequence: its first seq is the stored count + 1, else
    // ConcurrencyError and nothing is written.
    virtual void append(std::span<const StoredEvent> batch) = 0;

    // Number of events stored.
    [[nodiscard]] virtual std::int64_t count() = 0;

    // Where the events live, for messages ("fund.db", "memory").
    [[nodiscard]] virtual std::string describe() const = 0;
};

// Events in memory: for tests and simulations.
class MemoryStore final : public Store {
public:
    std::vector<StoredEvent> load() override { return events_; }
    void append(std::span<const StoredEvent> batch) override {
        if (!batch.empty() && batch.front().seq != static_cast<std::int64_t>(events_.size()) + 1)
            throw ConcurrencyError("store.conflict", "the batch starts at seq " + std::to_string(batch.front().seq) +
                                                         " but the store holds " + std::to_string(events_.size()) +
                                                         " events");
        events_.insert(events_.end(), batch.begin(), batch.end());
    }
    std::int64_t count() override { return static_cast<std::int64_t>(events_.size()); }
    std::string describe() const override { return "memory"; }

private:
    std::vector<StoredEvent> events_;
};

}  // namespace sifund
