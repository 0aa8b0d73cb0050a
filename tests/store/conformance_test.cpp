// Every Store passes the same cases: one maker per store.

#include <memory>
#include <sifund/ledger/store.hpp>
#include <sifund/store/postgres_store.hpp>
#include <sifund/store/sqlite_store.hpp>

#include "postgres_test_support.hpp"
#include "store_conformance.hpp"

namespace {

using namespace sifund_store_test;

struct MemoryStoreMaker {
    std::unique_ptr<sifund::Store> make() { return std::make_unique<sifund::MemoryStore>(); }
};

struct SqliteStoreMaker {
    TempDir dir;
    std::unique_ptr<sifund::Store> make() {
        return std::make_unique<sifund::SqliteStore>(dir.file("fund.db"), sifund::SqliteStore::Open::create_new);
    }
    // Another handle on the store make() made.
    std::unique_ptr<sifund::Store> reopen() {
        return std::make_unique<sifund::SqliteStore>(dir.file("fund.db"), sifund::SqliteStore::Open::existing);
    }
};

// A new database of the test server for each case (nullptr when the run
// explicitly skips PostgreSQL: see postgres_test_support.hpp).
struct PostgresStoreMaker {
    std::string url;
    std::unique_ptr<sifund::Store> make() {
        const auto fresh = fresh_postgres_url();
        if (!fresh) return nullptr;
        url = *fresh;
        return std::make_unique<sifund::PostgresStore>(url, sifund::PostgresStore::Open::create_new);
    }
    std::unique_ptr<sifund::Store> reopen() {
        return std::make_unique<sifund::PostgresStore>(url, sifund::PostgresStore::Open::existing);
    }
};

}  // namespace

TEMPLATE_TEST_CASE("Store conformance: a new store is empty", "[store][conformance]", MemoryStoreMaker,
                   SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    auto store = maker.make();
    if (!store) return;
    check_new_store_is_empty(*store);
}

TEMPLATE_TEST_CASE("Store conformance: appended events load back as they were", "[store][conformance]",
                   MemoryStoreMaker, SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    auto store = maker.make();
    if (!store) return;
    check_round_trip(*store);
}

TEMPLATE_TEST_CASE("Store conformance: a batch that does not continue the sequence is refused whole",
                   "[store][conformance]", MemoryStoreMaker, SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    auto store = maker.make();
    if (!store) return;
    check_conflicts(*store);
}

TEMPLATE_TEST_CASE("Store conformance: a 10 000-event batch round-trips", "[store][conformance]", MemoryStoreMaker,
                   SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    auto store = maker.make();
    if (!store) return;
    check_large_batch(*store, 10'000);
}

TEMPLATE_TEST_CASE("Store conformance: awkward text round-trips byte for byte", "[store][conformance]",
                   MemoryStoreMaker, SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    auto store = maker.make();
    if (!store) return;
    check_awkward_text(*store);
}

TEMPLATE_TEST_CASE("Store conformance: of two handles, the one with a stale head gets store.conflict",
                   "[store][conformance]", SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    auto a = maker.make();
    if (!a) return;
    auto b = maker.reopen();
    check_stale_writer(*a, *b);
}

TEMPLATE_TEST_CASE("Store conformance: racing writers on one store never lose or fork an event",
                   "[store][conformance]", SqliteStoreMaker, PostgresStoreMaker) {
    TestType maker;
    if (!maker.make()) return;
    check_racing_writers([&] { return maker.reopen(); }, 4, 25);
}
