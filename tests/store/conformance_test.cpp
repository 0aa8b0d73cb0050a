// Every Store passes the same cases: one maker per store.

#include <memory>
#include <sifund/ledger/store.hpp>
#include <sifund/store/sqlite_store.hpp>

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
};

}  // namespace

TEMPLATE_TEST_CASE("Store conformance: a new store is empty", "[store][conformance]", MemoryStoreMaker,
                   SqliteStoreMaker) {
    TestType maker;
    auto store = maker.make();
    check_new_store_is_empty(*store);
}

TEMPLATE_TEST_CASE("Store conformance: appended events load back as they were", "[store][conformance]",
                   MemoryStoreMaker, SqliteStoreMaker) {
    TestType maker;
    auto store = maker.make();
    check_round_trip(*store);
}

TEMPLATE_TEST_CASE("Store conformance: a batch that does not continue the sequence is refused whole",
                   "[store][conformance]", MemoryStoreMaker, SqliteStoreMaker) {
    TestType maker;
    auto store = maker.make();
    check_conflicts(*store);
}

TEMPLATE_TEST_CASE("Store conformance: a 10 000-event batch round-trips", "[store][conformance]", MemoryStoreMaker,
                   SqliteStoreMaker) {
    TestType maker;
    auto store = maker.make();
    check_large_batch(*store, 10'000);
}
