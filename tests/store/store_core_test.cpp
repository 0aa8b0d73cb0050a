// What the SQLite and the PostgreSQL store share (src/store/store_core.hpp):
// one format, one list of migrations in both databases' SQL, and the same
// words for a store that is not one this build reads, a batch that does not
// continue the log, and an append that the database swallowed.
#include <catch2/catch.hpp>

#include <string>

#include "error_matcher.hpp"
#include "store_core.hpp"
#include "store_test_support.hpp"

using sifund::ConcurrencyError;
using sifund::StoreError;
namespace core = sifund::store_core;
using namespace sifund_store_test;

TEST_CASE("Store core: one migration a version, from 1, each in both databases' SQL, each setting the version",
          "[store][core]") {
    int expected = 1;
    for (const core::Migration& m : core::migrations) {
        CAPTURE(m.version);
        CHECK(m.version == expected++);
        for (const std::string& sql : {std::string(m.sqlite), std::string(m.postgres)}) {
            CHECK_FALSE(sql.empty());
            CHECK(sql.find("format_version") != std::string::npos);
            CHECK(sql.find("'" + std::to_string(m.version) + "'") != std::string::npos);
        }
    }
    CHECK(expected - 1 == core::format_version);
    // The first migration makes the events table with the columns rows are read and written in.
    for (const std::string& sql : {std::string(core::migrations[0].sqlite), std::string(core::migrations[0].postgres)}) {
        std::size_t at = 0;
        for (const char* column : {"seq", "type", "date", "recorded_at", "prev_hash", "hash", "json"}) {
            const std::size_t found = sql.find(std::string("  ") + column + " ", at);
            CHECK(found != std::string::npos);
            at = found;
        }
    }
    CHECK(std::string(core::columns) == "seq, type, date, recorded_at, prev_hash, hash, json");
}

TEST_CASE("Store core: the meta table's format and version, read alike for both stores", "[store][core]") {
    const std::string shown = "\"fund.db\"";
    CHECK(core::check_meta(shown, "sifund-store", "1") == 1);
    struct Case {
        std::optional<std::string> format, version;
        std::string says;
    };
    for (const Case& c : std::vector<Case>{Case{std::nullopt, "1", "\"fund.db\" is not a sifund store (its meta table names no format)"},
                          Case{"ledger-store", "1", "its format is \"ledger-store\", not \"sifund-store\""},
                          Case{"sifund-store", std::nullopt, "without a format_version; it may be damaged"},
                          Case{"sifund-store", "one", "has format_version \"one\", which is not a version"},
                          Case{"sifund-store", "0", "has format_version \"0\", which is not a version"},
                          Case{"sifund-store", "01", "has format_version \"01\", which is not a version"},
                          Case{"sifund-store", "99999999999999999999", "which is not a version"},
                          Case{"sifund-store", "2", "format_version \"2\"; this build of sifund reads format_version 1 "
                                                    "(a newer sifund may read it)"}}) {
        CAPTURE(c.says);
        CHECK_THROWS_MATCHES(core::check_meta(shown, c.format, c.version), StoreError, IsError("store.format", c.says));
    }
}

TEST_CASE("Store core: a batch must be consecutive and continue the stored log", "[store][core]") {
    const std::string shown = "\"fund.db\"";
    core::check_consecutive(shown, make_events(4, 3));
    core::check_continues(shown, make_events(4, 3), 3);
    auto gap = make_events(1, 3);
    gap[2].seq = 5;
    CHECK_THROWS_MATCHES(core::check_consecutive(shown, gap), ConcurrencyError,
                         IsError("store.conflict", "\"fund.db\": the batch is not consecutive: seq 5 follows seq 2; "
                                                   "nothing was appended"));
    CHECK_THROWS_MATCHES(core::check_continues(shown, make_events(4, 1), 5), ConcurrencyError,
                         IsError("store.conflict", "the batch starts at seq 4 but the store holds 5 events"));
}

TEST_CASE("Store core: an append reads back exactly its batch, or it is rolled back", "[store][core]") {
    const std::string shown = "\"fund.db\"";
    const auto batch = make_events(3, 2);
    core::check_read_back(shown, batch, {2, 4, batch.back().hash});
    CHECK_THROWS_MATCHES(core::check_read_back(shown, batch, {0, 2, std::nullopt}), StoreError,
                         IsError("store.readback", "0 of the 2 rows appended are stored"));
    CHECK_THROWS_MATCHES(core::check_read_back(shown, batch, {2, 5, "x"}), StoreError,
                         IsError("store.readback", "the last seq stored is 5, not 4"));
    CHECK_THROWS_MATCHES(core::check_read_back(shown, batch, {2, 4, "x"}), StoreError,
                         IsError("store.readback", "seq 4 is stored with another hash than the one appended"));
    CHECK(core::read_back_sql("events", "?1", "?2") ==
          "SELECT (SELECT count(*) FROM events WHERE seq BETWEEN ?1 AND ?2), (SELECT coalesce(max(seq), 0) FROM events), "
          "(SELECT hash FROM events WHERE seq = ?2)");
}
