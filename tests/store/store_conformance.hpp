#pragma once
// The conformance cases every Store passes (include/sifund/ledger/store.hpp).
// A store joins them by adding a maker to conformance_test.cpp: a type with
// `std::unique_ptr<sifund::Store> make()` that opens a new, empty store.

#include <sifund/ledger/store.hpp>

#include "store_test_support.hpp"

namespace sifund_store_test {

inline void check_new_store_is_empty(sifund::Store& store) {
    CHECK(store.count() == 0);
    CHECK(store.load().empty());
    CHECK_FALSE(store.describe().empty());
}

inline void check_round_trip(sifund::Store& store) {
    const auto first = make_events(1, 3);
    store.append(first);
    CHECK(store.count() == 3);
    CHECK(first_difference(store.load(), first).empty());

    const auto second = make_events(4, 2);
    store.append(second);
    CHECK(store.count() == 5);
    CHECK(first_difference(store.load(), concat(first, second)).empty());

    // An empty batch writes nothing and is no conflict.
    store.append({});
    CHECK(store.count() == 5);
    CHECK(first_difference(store.load(), concat(first, second)).empty());
}

inline void check_conflicts(sifund::Store& store) {
    using sifund::ConcurrencyError;
    // An empty store continues at 1.
    CHECK_THROWS_MATCHES(store.append(make_events(2, 2)), ConcurrencyError, IsError("store.conflict", "seq 2"));
    CHECK_THROWS_MATCHES(store.append(make_events(0, 2)), ConcurrencyError, IsError("store.conflict"));
    CHECK(store.count() == 0);

    const auto stored = make_events(1, 3);
    store.append(stored);
    // Stale: another writer appended 3 first.
    CHECK_THROWS_MATCHES(store.append(make_events(3, 2)), ConcurrencyError, IsError("store.conflict", "seq 3"));
    CHECK_THROWS_MATCHES(store.append(make_events(1, 1)), ConcurrencyError, IsError("store.conflict"));
    // A gap.
    CHECK_THROWS_MATCHES(store.append(make_events(5, 1)), ConcurrencyError, IsError("store.conflict", "seq 5"));
    CHECK(store.count() == 3);
    CHECK(first_difference(store.load(), stored).empty());

    // A conflict leaves the store usable.
    store.append(make_events(4, 1));
    CHECK(first_difference(store.load(), make_events(1, 4)).empty());
}

inline void check_large_batch(sifund::Store& store, std::int64_t n) {
    const auto events = make_events(1, n);
    store.append(events);
    CHECK(store.count() == n);
    CHECK(first_difference(store.load(), events).empty());
}

}  // namespace sifund_store_test
