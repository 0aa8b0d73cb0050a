// What only PostgresStore promises: a schema of its own in a known format,
// created (with its database) and migrated by sifund, opened only as asked,
// append-only in the database, and writers that never fork the chain.

#include <atomic>
#include <sifund/store/open_store.hpp>
#include <sifund/store/postgres_store.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "postgres_test_support.hpp"
#include "store_conformance.hpp"
#include "store_test_support.hpp"

using sifund::ConcurrencyError;
using sifund::PostgresStore;
using sifund::StoreError;
using Open = sifund::PostgresStore::Open;
using namespace sifund_store_test;

namespace {

// The URL of a new database holding a store with events 1..n; "" when skipping.
std::string make_store(std::int64_t n) {
    const auto url = fresh_postgres_url();
    if (!url) return "";
    PostgresStore store(*url, Open::create_new);
    if (n > 0) store.append(make_events(1, n));
    return *url;
}

// Everything the database holds of sifund, as text: to show that nothing changed.
std::string contents(const std::string& url) {
    RawPg raw(url);
    std::string out;
    const auto has = [&](const char* table) {
        return raw.value(std::string("SELECT to_regclass('") + table + "') IS NOT NULL") == "t";
    };
    if (has("sifund.meta"))
        for (const auto& row : raw.rows("SELECT * FROM sifund.meta")) out += row + "\n";
    if (has("sifund.events"))
        for (const auto& row : raw.rows("SELECT * FROM sifund.events ORDER BY 1")) out += row + "\n";
    for (const auto& row : raw.rows("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE n.nspname = 'sifund' ORDER BY 1"))
        out += row + "\n";
    return out;
}

}  // namespace

TEST_CASE("PostgresStore: created with its database, reopened in every mode, the events are there",
          "[store][postgres]") {
    const auto base = postgres_base_url();
    if (!base) return;
    const std::string name = fresh_database_name();
    const std::string url = with_database(*base, name);
    CHECK_FALSE(database_exists(*base, name));
    const auto first = make_events(1, 3);
    {
        PostgresStore store(url, Open::create_new);
        CHECK(database_exists(*base, name));
        CHECK(store.describe() == url);
        CHECK(store.mode() == Open::create_new);
        store.append(first);
    }
    for (const Open mode : {Open::existing, Open::read_only, Open::create_if_missing}) {
        PostgresStore store(url, mode);
        CHECK(store.count() == 3);
        CHECK(first_difference(store.load(), first).empty());
    }
    {
        PostgresStore store(url, Open::existing);
        store.append(make_events(4, 2));
    }
    PostgresStore store(url, Open::read_only);
    CHECK(first_difference(store.load(), make_events(1, 5)).empty());
    CHECK(first_difference(store.load_since(3), make_events(4, 2)).empty());
    CHECK(first_difference(store.load_since(0), make_events(1, 5)).empty());
    CHECK(first_difference(store.load_since(-7), make_events(1, 5)).empty());
    CHECK(store.load_since(5).empty());
    CHECK(store.load_since(99).empty());
}

TEST_CASE("PostgresStore: open_store picks it for a postgresql:// or postgres:// URL", "[store][postgres]") {
    const std::string url = make_store(2);
    if (url.empty()) return;
    CHECK(PostgresStore::is_url(url));
    CHECK(PostgresStore::is_url("postgres://u@h/db"));
    CHECK_FALSE(PostgresStore::is_url("fund.db"));
    CHECK_FALSE(PostgresStore::is_url("./postgresql://x"));
    const auto store = sifund::open_store(url, sifund::StoreOpen::read_only);
    CHECK(dynamic_cast<PostgresStore*>(store.get()) != nullptr);
    CHECK(store->count() == 2);
    const std::string other = "postgres://" + url.substr(std::string("postgresql://").size());
    CHECK(sifund::open_store(other, sifund::StoreOpen::existing)->count() == 2);
}

TEST_CASE("PostgresStore: the database has the documented schema and format", "[store][postgres]") {
    const std::string url = make_store(2);
    if (url.empty()) return;
    RawPg raw(url);
    CHECK(raw.rows("SELECT key, value FROM sifund.meta ORDER BY key") ==
          std::vector<std::string>{"format|sifund-store", "format_version|1"});
    CHECK(raw.rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                   "WHERE table_schema = 'sifund' AND table_name = 'events' ORDER BY ordinal_position") ==
          std::vector<std::string>{"seq|bigint|NO", "type|text|NO", "date|text|NO", "recorded_at|text|NO",
                                   "prev_hash|text|NO", "hash|text|NO", "json|text|NO"});
    CHECK(raw.value("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                    "WHERE i.indrelid = 'sifund.events'::regclass AND i.indisprimary") == "seq");
    CHECK(raw.value("SELECT indexdef LIKE '%(date)' FROM pg_indexes WHERE schemaname = 'sifund' AND indexname = 'events_date'") ==
          "t");
    CHECK(raw.rows("SELECT seq, type FROM sifund.events ORDER BY seq") ==
          std::vector<std::string>{"1|fund.established", "2|report.submitted"});
    CHECK(PostgresStore::format_version == 1);
}

TEST_CASE("PostgresStore: the events table is append-only in the database too", "[store][postgres]") {
    const std::string url = make_store(3);
    if (url.empty()) return;
    const std::string before = contents(url);
    RawPg raw(url);
    CHECK_THAT(raw.error_of("UPDATE sifund.events SET json = '{}' WHERE seq = 2"), Catch::Contains("append-only: UPDATE"));
    CHECK_THAT(raw.error_of("DELETE FROM sifund.events WHERE seq = 3"), Catch::Contains("append-only: DELETE"));
    CHECK_THAT(raw.error_of("TRUNCATE sifund.events"), Catch::Contains("append-only: TRUNCATE"));
    CHECK(contents(url) == before);
}

TEST_CASE("PostgresStore: create_new refuses a database that holds a store, and leaves it alone", "[store][postgres]") {
    const std::string url = make_store(3);
    if (url.empty()) return;
    const std::string before = contents(url);
    CHECK_THROWS_MATCHES(PostgresStore(url, Open::create_new), StoreError, IsError("store.exists", "already holds a sifund store"));
    CHECK(contents(url) == before);
}

TEST_CASE("PostgresStore: create_new and create_if_missing use an existing empty database", "[store][postgres]") {
    const auto base = postgres_base_url();
    if (!base) return;
    for (const Open mode : {Open::create_new, Open::create_if_missing}) {
        const std::string name = fresh_database_name();
        RawPg(*base).exec("CREATE DATABASE " + name);
        const std::string url = with_database(*base, name);
        {
            RawPg raw(url);
            raw.exec("CREATE TABLE accounts (id int PRIMARY KEY, name text)");  // someone else's table beside ours
        }
        PostgresStore store(url, mode);
        store.append(make_events(1, 2));
        CHECK(PostgresStore(url, Open::existing).count() == 2);
    }
}

TEST_CASE("PostgresStore: existing and read_only refuse a missing database or store and create nothing",
          "[store][postgres]") {
    const auto base = postgres_base_url();
    if (!base) return;
    const std::string name = fresh_database_name();
    const std::string url = with_database(*base, name);
    for (const Open mode : {Open::existing, Open::read_only}) {
        CHECK_THROWS_MATCHES(PostgresStore(url, mode), StoreError, IsError("store.missing", "does not exist"));
        CHECK_THROWS_MATCHES(PostgresStore(url, mode), StoreError, IsError("store.missing", "sifund init"));
    }
    CHECK_FALSE(database_exists(*base, name));

    // A database without a sifund schema.
    RawPg(*base).exec("CREATE DATABASE " + name);
    for (const Open mode : {Open::existing, Open::read_only})
        CHECK_THROWS_MATCHES(PostgresStore(url, mode), StoreError, IsError("store.missing", "no sifund schema"));
    CHECK(RawPg(url).value("SELECT count(*) FROM pg_namespace WHERE nspname = 'sifund'") == "0");
}

TEST_CASE("PostgresStore: a server that cannot be reached is store.connect", "[store][postgres]") {
    const auto base = postgres_base_url();
    if (!base) return;
    TempDir nowhere;
    const std::string url = "postgresql://postgres@/fund?host=" + nowhere.path().string() + "&port=1";
    for (const Open mode : {Open::existing, Open::read_only, Open::create_new, Open::create_if_missing})
        CHECK_THROWS_MATCHES(PostgresStore(url, mode), StoreError, IsError("store.connect", "cannot connect"));
    CHECK_THROWS_MATCHES(PostgresStore("postgresql://%zz@", Open::existing), StoreError, IsError("store.connect"));
}

TEST_CASE("PostgresStore: describe() leaves out the password", "[store][postgres]") {
    const auto base = postgres_base_url();
    if (!base) return;
    TempDir nowhere;
    const std::string url = "postgresql://postgres:s3cret@/fund?host=" + nowhere.path().string() + "&port=1";
    try {
        PostgresStore store(url, Open::existing);
        FAIL("connected to nowhere");
    } catch (const StoreError& error) {
        CHECK(std::string(error.what()).find("s3cret") == std::string::npos);
        CHECK(std::string(error.what()).find("postgresql://postgres@/fund") != std::string::npos);
    }
    const std::string url2 = "postgresql://postgres@/fund?password=s3cret&host=" + nowhere.path().string() + "&port=1";
    CHECK_THROWS_WITH(PostgresStore(url2, Open::existing), !Catch::Contains("s3cret"));
}

TEST_CASE("PostgresStore: a database that is not a sifund store of format_version 1 is refused, untouched",
          "[store][postgres]") {
    const std::string url = make_store(3);
    if (url.empty()) return;
    std::string fragment;
    {
        RawPg raw(url);
        SECTION("another format") {
            raw.exec("UPDATE sifund.meta SET value = 'ledger-store' WHERE key = 'format'");
            fragment = "\"ledger-store\"";
        }
        SECTION("format_version 2") {
            raw.exec("UPDATE sifund.meta SET value = '2' WHERE key = 'format_version'");
            fragment = "format_version \"2\"";
        }
        SECTION("a format_version that is no version") {
            raw.exec("UPDATE sifund.meta SET value = 'one' WHERE key = 'format_version'");
            fragment = "not a version";
        }
        SECTION("no format_version") {
            raw.exec("DELETE FROM sifund.meta WHERE key = 'format_version'");
            fragment = "without a format_version";
        }
        SECTION("a sifund schema of someone else's") {
            raw.exec("DROP SCHEMA sifund CASCADE; CREATE SCHEMA sifund; CREATE TABLE sifund.t (x int)");
            fragment = "without a meta table";
        }
        SECTION("a meta table that is not ours") {
            raw.exec("DROP SCHEMA sifund CASCADE; CREATE SCHEMA sifund; CREATE TABLE sifund.meta (name text)");
            fragment = "meta table that is not sifund's";
        }
        SECTION("no events table") {
            raw.exec("DROP TABLE sifund.events");
            fragment = "without an events table";
        }
    }
    const std::string before = contents(url);
    for (const Open mode : {Open::existing, Open::read_only, Open::create_if_missing}) {
        CAPTURE(static_cast<int>(mode));
        CHECK_THROWS_MATCHES(PostgresStore(url, mode), StoreError, IsError("store.format", fragment));
        CHECK(contents(url) == before);
    }
}

TEST_CASE("PostgresStore: open, load and close change nothing in the database", "[store][postgres]") {
    const std::string url = make_store(50);
    if (url.empty()) return;
    const std::string before = contents(url);
    for (const Open mode : {Open::existing, Open::read_only, Open::create_if_missing}) {
        PostgresStore store(url, mode);
        CHECK(store.count() == 50);
        CHECK(store.load().size() == 50);
        CHECK(store.load_since(40).size() == 10);
    }
    CHECK(contents(url) == before);
}

TEST_CASE("PostgresStore: a refused append writes nothing", "[store][postgres]") {
    const std::string url = make_store(3);
    if (url.empty()) return;
    const std::string before = contents(url);
    PostgresStore store(url, Open::existing);
    CHECK_THROWS_MATCHES(store.append(make_events(3, 5)), ConcurrencyError, IsError("store.conflict", "seq 3"));
    CHECK_THROWS_MATCHES(store.append(make_events(5, 5)), ConcurrencyError, IsError("store.conflict", "seq 5"));
    auto gap = make_events(4, 3);
    gap[2].seq = 7;
    CHECK_THROWS_MATCHES(store.append(gap), ConcurrencyError, IsError("store.conflict", "not consecutive"));
    CHECK(store.count() == 3);
    CHECK(contents(url) == before);
}

TEST_CASE("PostgresStore: a failure halfway through a batch rolls the whole batch back", "[store][postgres]") {
    const std::string url = make_store(2);
    if (url.empty()) return;
    const std::string before = contents(url);
    PostgresStore store(url, Open::existing);
    std::string fragment;
    auto batch = make_events(3, 20'000);
    SECTION("a NUL byte, which PostgreSQL's text cannot hold") {
        batch[5000].json.insert(3, 1, '\0');
        fragment = "0x00";
    }
    SECTION("bytes that are not UTF-8") {
        batch[19'000].json += "\xff\xfe";
        fragment = "UTF8";
    }
    CHECK_THROWS_MATCHES(store.append(batch), StoreError, IsError("store.postgres", fragment));
    CHECK(store.count() == 2);
    CHECK(contents(url) == before);
    store.append(make_events(3, 2));  // still usable
    CHECK(first_difference(store.load(), make_events(1, 4)).empty());
}

TEST_CASE("PostgresStore: a read_only store refuses to append, in sifund and in its session", "[store][postgres]") {
    const std::string url = make_store(3);
    if (url.empty()) return;
    const std::string before = contents(url);
    PostgresStore store(url, Open::read_only);
    CHECK(store.mode() == Open::read_only);
    CHECK_THROWS_MATCHES(store.append(make_events(4, 1)), StoreError, IsError("store.read_only", "read-only"));
    CHECK_THROWS_MATCHES(store.append({}), StoreError, IsError("store.read_only"));
    CHECK(store.count() == 3);
    CHECK(contents(url) == before);
}

TEST_CASE("PostgresStore: a read_only store sees what a writer appended after it opened", "[store][postgres]") {
    const std::string url = make_store(2);
    if (url.empty()) return;
    PostgresStore reader(url, Open::read_only);
    CHECK(reader.count() == 2);
    PostgresStore writer(url, Open::existing);
    writer.append(make_events(3, 3));
    CHECK(reader.count() == 5);
    CHECK(first_difference(reader.load(), make_events(1, 5)).empty());
}

TEST_CASE("PostgresStore: a writer that read the head before another committed loses, and nothing of it is stored",
          "[store][postgres]") {
    // The race inside the transaction: both read head 3; the first to insert
    // seq 4 commits; the other's INSERT of seq 4 fails on the primary key.
    const std::string url = make_store(3);
    if (url.empty()) return;
    PostgresStore store(url, Open::existing);
    RawPg other(url);
    other.exec("BEGIN");
    other.exec("INSERT INTO sifund.events VALUES (4, 't', 'd', 'r', 'p', 'h', '{}')");
    std::atomic<bool> done{false};
    std::string error_id;
    std::thread loser([&] {
        try {
            store.append(make_events(4, 2));  // reads head 3, then waits on seq 4
        } catch (const ConcurrencyError& error) {
            error_id = error.id();
        }
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK_FALSE(done.load());  // it waits for the other transaction rather than guessing
    other.exec("COMMIT");
    loser.join();
    CHECK(error_id == "store.conflict");
    RawPg check(url);
    CHECK(check.rows("SELECT seq, type FROM sifund.events WHERE seq > 3 ORDER BY seq") == std::vector<std::string>{"4|t"});
}

TEST_CASE("PostgresStore: racing to create one store, create_if_missing all succeed and create_new once",
          "[store][postgres]") {
    const auto base = postgres_base_url();
    if (!base) return;
    constexpr int racers = 6;
    for (const Open mode : {Open::create_if_missing, Open::create_new}) {
        CAPTURE(static_cast<int>(mode));
        const std::string url = with_database(*base, fresh_database_name());
        std::atomic<int> ready{0}, opened{0}, exists{0};
        std::vector<std::string> unexpected(racers);
        std::vector<std::thread> threads;
        for (int i = 0; i < racers; ++i)
            threads.emplace_back([&, i] {
                ready.fetch_add(1);
                while (ready.load() < racers) std::this_thread::yield();
                try {
                    PostgresStore store(url, mode);
                    if (store.count() != 0) unexpected[static_cast<std::size_t>(i)] = "not empty";
                    opened.fetch_add(1);
                } catch (const StoreError& error) {
                    if (error.id() == "store.exists") exists.fetch_add(1);
                    else unexpected[static_cast<std::size_t>(i)] = error.what();
                }
            });
        for (auto& thread : threads) thread.join();
        for (const auto& problem : unexpected) CHECK(problem == "");
        if (mode == Open::create_if_missing) {
            CHECK(opened.load() == racers);
        } else {
            CHECK(opened.load() == 1);
            CHECK(exists.load() == racers - 1);
        }
        PostgresStore store(url, Open::existing);
        store.append(make_events(1, 1));
        CHECK(store.count() == 1);
    }
}

TEST_CASE("PostgresStore: moving hands the open store over", "[store][postgres]") {
    const std::string url = make_store(2);
    if (url.empty()) return;
    PostgresStore a(url, Open::existing);
    PostgresStore b(std::move(a));
    CHECK(b.count() == 2);
    CHECK_THROWS_MATCHES(a.count(), StoreError, IsError("store.closed"));  // NOLINT(bugprone-use-after-move)
    a = PostgresStore(url, Open::read_only);
    CHECK(a.count() == 2);
}

TEST_CASE("PostgresStore: a store whose connection was cut reconnects once", "[store][postgres]") {
    const std::string url = make_store(2);
    if (url.empty()) return;
    PostgresStore store(url, Open::existing);
    CHECK(store.count() == 2);
    RawPg admin(url);
    admin.exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
               "AND application_name = 'sifund'");
    // The first use after the cut may fail (the connection is found dead
    // then); the store reconnects for the next one.
    try {
        (void)store.count();
    } catch (const StoreError& error) {
        CHECK(error.id() == "store.connect");
    }
    store.append(make_events(3, 1));
    CHECK(store.count() == 3);
}
