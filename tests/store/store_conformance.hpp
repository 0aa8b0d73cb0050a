#pragma once
// The conformance cases every Store passes (include/sifund/ledger/store.hpp).
// A store joins them by adding a maker to conformance_test.cpp: a type with
// `std::unique_ptr<sifund::Store> make()` that opens a new, empty store.

#include <atomic>
#include <sifund/ledger/store.hpp>
#include <string>
#include <thread>
#include <vector>

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

// Text with every character a store might mangle: control characters, COPY's
// and SQL's escapes, quotes, non-ASCII (valid UTF-8; no NUL bytes, which
// PostgreSQL's text cannot hold).
inline void check_awkward_text(sifund::Store& store) {
    std::string awkward;
    for (char c = 1; c < 0x20; ++c) awkward.push_back(c);
    awkward += R"( \ \N \. \t \\ '' ' " ; -- /* */ %s {} [] )";
    awkward += R"(\x41 \101 \ Örebro 🙂 ∑ \u0000 end\)";
    auto events = make_events(1, 3);
    events[0].json = awkward;
    events[1].type = awkward;
    events[1].date = R"(\N)";
    events[2].hash = R"(\.)";
    events[2].prev_hash = R"(\)";
    store.append(events);
    CHECK(first_difference(store.load(), events).empty());
}

// Several handles on one store, each on its own thread, append with retries:
// every batch lands exactly once, in one unbroken sequence. `open` gives a
// new handle on the same store.
template <class Open>
void check_racing_writers(Open open, int writers, int batches) {
    std::atomic<int> conflicts{0};
    std::vector<std::string> unexpected(static_cast<std::size_t>(writers));
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            try {
                auto store = open();
                for (int b = 0; b < batches; ++b) {
                    for (;;) {
                        try {
                            store->append(make_events(store->count() + 1, 2));
                            break;
                        } catch (const sifund::ConcurrencyError&) {
                            conflicts.fetch_add(1);
                        }
                    }
                }
            } catch (const std::exception& error) {
                unexpected[static_cast<std::size_t>(w)] = error.what();
            }
        });
    for (auto& thread : threads) thread.join();
    for (const auto& problem : unexpected) CHECK(problem == "");
    auto store = open();
    CHECK(first_difference(store->load(), make_events(1, 2 * writers * batches)).empty());
    INFO("conflicts retried: " << conflicts.load());
    SUCCEED();
}

// Two handles on one store: the one that read a stale head gets store.conflict
// and nothing of its batch is written.
inline void check_stale_writer(sifund::Store& a, sifund::Store& b) {
    a.append(make_events(1, 3));
    CHECK_THROWS_MATCHES(b.append(make_events(1, 2)), sifund::ConcurrencyError, IsError("store.conflict", "holds 3 events"));
    CHECK(first_difference(b.load(), make_events(1, 3)).empty());
    b.append(make_events(4, 1));
    CHECK(first_difference(a.load(), make_events(1, 4)).empty());
}

}  // namespace sifund_store_test
