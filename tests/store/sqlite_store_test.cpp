// What only SqliteStore promises: one file in a known format, opened only
// as asked, left byte-for-byte alone unless an append succeeds.

#include <atomic>
#include <chrono>
#include <sifund/store/sqlite_store.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "store_conformance.hpp"
#include "store_test_support.hpp"

using sifund::ConcurrencyError;
using sifund::SqliteStore;
using sifund::StoreError;
using Open = sifund::SqliteStore::Open;
using namespace sifund_store_test;

namespace {

const std::vector<std::string> just_the_store{"fund.db"};

// A store at dir/fund.db holding events 1..n, closed.
std::string make_store(const TempDir& dir, std::int64_t n) {
    const std::string path = dir.file("fund.db");
    SqliteStore store(path, Open::create_new);
    if (n > 0) store.append(make_events(1, n));
    return path;
}

}  // namespace

TEST_CASE("SqliteStore: created, closed, reopened in every mode, the events are there", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    const auto first = make_events(1, 3);
    {
        SqliteStore store(path, Open::create_new);
        CHECK(store.describe() == path);
        CHECK(store.path() == path);
        CHECK(store.mode() == Open::create_new);
        store.append(first);
    }
    CHECK(dir.files() == just_the_store);

    for (const Open mode : {Open::existing, Open::read_only, Open::create_if_missing}) {
        SqliteStore store(path, mode);
        CHECK(store.count() == 3);
        CHECK(first_difference(store.load(), first).empty());
    }
    {
        SqliteStore store(path, Open::existing);
        store.append(make_events(4, 2));
    }
    SqliteStore store(path, Open::read_only);
    CHECK(first_difference(store.load(), make_events(1, 5)).empty());
    CHECK(first_difference(store.load_since(3), make_events(4, 2)).empty());
    CHECK(first_difference(store.load_since(0), make_events(1, 5)).empty());
    CHECK(first_difference(store.load_since(-7), make_events(1, 5)).empty());
    CHECK(store.load_since(5).empty());
    CHECK(store.load_since(99).empty());
}

TEST_CASE("SqliteStore: the file has the documented format", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 2);
    RawDb raw(path);
    CHECK(raw.value("PRAGMA journal_mode") == "wal");
    CHECK(raw.value("PRAGMA application_id") == std::to_string(SqliteStore::application_id));
    CHECK(raw.rows("SELECT key, value FROM meta ORDER BY key") ==
          std::vector<std::string>{"format|sifund-store", "format_version|1"});
    CHECK(raw.rows("SELECT name, type, \"notnull\", pk FROM pragma_table_info('events') ORDER BY cid") ==
          std::vector<std::string>{"seq|INTEGER|0|1", "type|TEXT|1|0", "date|TEXT|1|0", "recorded_at|TEXT|1|0",
                                   "prev_hash|TEXT|1|0", "hash|TEXT|1|0", "json|TEXT|1|0"});
    CHECK(raw.rows("SELECT name FROM pragma_index_info('events_date')") == std::vector<std::string>{"date"});
    CHECK(raw.rows("SELECT seq, type FROM events ORDER BY seq") ==
          std::vector<std::string>{"1|fund.established", "2|report.submitted"});
}

TEST_CASE("SqliteStore: create_new refuses an existing file and leaves it alone", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    SECTION("a sifund store") { make_store(dir, 3); }
    SECTION("any other file") { write_file(path, "not mine\n"); }
    const std::string before = file_bytes(path);
    CHECK_THROWS_MATCHES(SqliteStore(path, Open::create_new), StoreError, IsError("store.exists", path));
    CHECK(file_bytes(path) == before);
    CHECK(dir.files() == just_the_store);
}

TEST_CASE("SqliteStore: existing and read_only refuse a missing file and create nothing", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    for (const Open mode : {Open::existing, Open::read_only}) {
        CHECK_THROWS_MATCHES(SqliteStore(path, mode), StoreError, IsError("store.missing", "\"" + path + "\""));
        CHECK_THROWS_MATCHES(SqliteStore(path, mode), StoreError, IsError("store.missing", "sifund init"));
    }
    CHECK(dir.files().empty());
}

TEST_CASE("SqliteStore: create_if_missing creates and initialises a missing file", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    {
        SqliteStore store(path, Open::create_if_missing);
        CHECK(store.count() == 0);
        store.append(make_events(1, 2));
    }
    CHECK(dir.files() == just_the_store);
    SqliteStore store(path, Open::existing);
    CHECK(first_difference(store.load(), make_events(1, 2)).empty());
}

TEST_CASE("SqliteStore: a file that cannot be created is store.open", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("no-such-directory/fund.db");
    CHECK_THROWS_MATCHES(SqliteStore(path, Open::create_new), StoreError, IsError("store.open", path));
    CHECK_THROWS_MATCHES(SqliteStore(path, Open::create_if_missing), StoreError, IsError("store.open", path));
    CHECK(dir.files().empty());
}

TEST_CASE("SqliteStore: a file that is not a sifund store of format_version 1 is refused, untouched",
          "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    std::string fragment;
    bool empty_file = false;
    SECTION("a text file") {
        write_file(path, "{\"type\":\"fund.established\"}\nthis is not a database, though it is long enough to look at\n");
        fragment = "not a SQLite database";
    }
    SECTION("a SQLite database of another application") {
        RawDb raw(path);
        raw.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO accounts VALUES (1, 'cash');");
        fragment = "another application";
    }
    SECTION("a database whose meta table is not ours") {
        RawDb raw(path);
        raw.exec("CREATE TABLE meta (name TEXT, data BLOB); INSERT INTO meta VALUES ('format', x'00');");
        fragment = "meta table that is not sifund's";
    }
    SECTION("a database of another format") {
        RawDb raw(path);
        raw.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('format', 'ledger-store');");
        fragment = "\"ledger-store\"";
    }
    SECTION("a sifund store of format_version 2") {
        make_store(dir, 3);
        RawDb raw(path);
        raw.exec("UPDATE meta SET value = '2' WHERE key = 'format_version'");
        fragment = "format_version \"2\"";
    }
    SECTION("a sifund store whose format_version is no version") {
        make_store(dir, 3);
        RawDb raw(path);
        raw.exec("UPDATE meta SET value = 'one' WHERE key = 'format_version'");
        fragment = "not a version";
    }
    SECTION("a sifund store of format_version 0") {
        make_store(dir, 3);
        RawDb raw(path);
        raw.exec("UPDATE meta SET value = '0' WHERE key = 'format_version'");
        fragment = "not a version";
    }
    SECTION("a sifund store without a format_version") {
        make_store(dir, 3);
        RawDb raw(path);
        raw.exec("DELETE FROM meta WHERE key = 'format_version'");
        fragment = "without a format_version";
    }
    SECTION("a sifund store with another application id") {
        make_store(dir, 1);
        RawDb raw(path);
        raw.exec("PRAGMA application_id = 42");
        fragment = "application_id 42";
    }
    SECTION("an empty file") {
        write_file(path, "");
        fragment = "empty";
        empty_file = true;
    }
    REQUIRE(dir.files() == just_the_store);
    const std::string before = file_bytes(path);

    std::vector<Open> modes{Open::existing, Open::read_only};
    if (!empty_file) modes.push_back(Open::create_if_missing);  // which initialises an empty file
    for (const Open mode : modes) {
        CAPTURE(static_cast<int>(mode));
        CHECK_THROWS_MATCHES(SqliteStore(path, mode), StoreError, IsError("store.format", fragment));
        CHECK(file_bytes(path) == before);
        CHECK(dir.files() == just_the_store);
    }
}

TEST_CASE("SqliteStore: create_if_missing initialises an empty file", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    write_file(path, "");
    {
        SqliteStore store(path, Open::create_if_missing);
        store.append(make_events(1, 1));
    }
    SqliteStore store(path, Open::existing);
    CHECK(store.count() == 1);
}

TEST_CASE("SqliteStore: open, load and close leave the file byte-for-byte as it was, and one file",
          "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 50);
    const std::string before = file_bytes(path);
    for (const Open mode : {Open::existing, Open::read_only, Open::create_if_missing}) {
        CAPTURE(static_cast<int>(mode));
        {
            SqliteStore store(path, mode);
            CHECK(store.count() == 50);
            CHECK(store.load().size() == 50);
            CHECK(store.load_since(40).size() == 10);
            store.busy_timeout(std::chrono::milliseconds(250));
            CHECK(store.busy_timeout() == std::chrono::milliseconds(250));
        }
        CHECK(file_bytes(path) == before);
        CHECK(dir.files() == just_the_store);
    }
}

TEST_CASE("SqliteStore: a refused append writes nothing", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 3);
    const std::string before = file_bytes(path);
    {
        SqliteStore store(path, Open::existing);
        CHECK_THROWS_MATCHES(store.append(make_events(3, 5)), ConcurrencyError, IsError("store.conflict", "seq 3"));
        CHECK_THROWS_MATCHES(store.append(make_events(5, 5)), ConcurrencyError, IsError("store.conflict", "seq 5"));
        auto gap = make_events(4, 3);
        gap[2].seq = 7;  // 4, 5, 7
        CHECK_THROWS_MATCHES(store.append(gap), ConcurrencyError, IsError("store.conflict", "not consecutive"));
        auto duplicate = make_events(4, 3);
        duplicate[2].seq = 5;  // 4, 5, 5
        CHECK_THROWS_MATCHES(store.append(duplicate), ConcurrencyError, IsError("store.conflict", "not consecutive"));
        CHECK(store.count() == 3);
    }
    CHECK(file_bytes(path) == before);
    CHECK(dir.files() == just_the_store);
}

TEST_CASE("SqliteStore: an SQLite error halfway through a batch rolls the whole batch back", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 2);
    {
        RawDb raw(path);
        raw.exec("CREATE TRIGGER refuse_five BEFORE INSERT ON events WHEN NEW.seq = 5 "
                 "BEGIN SELECT RAISE(ABORT, 'seq five is refused'); END");
    }
    const std::string before = file_bytes(path);
    {
        SqliteStore store(path, Open::existing);
        // Large enough that SQLite spills pages into the WAL before failing.
        auto batch = make_events(3, 2);
        const auto more = make_events(5, 20'000);
        batch.insert(batch.end(), more.begin(), more.end());
        CHECK_THROWS_MATCHES(store.append(batch), StoreError, IsError("store.sqlite", "seq five is refused"));
        CHECK(store.count() == 2);
        // The store is still usable.
        store.append(make_events(3, 2));
        CHECK(store.count() == 4);
    }
    CHECK(dir.files() == just_the_store);
    SqliteStore store(path, Open::read_only);
    CHECK(first_difference(store.load(), make_events(1, 4)).empty());
}

TEST_CASE("SqliteStore: a failed append leaves the file byte-for-byte as it was", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 2);
    {
        RawDb raw(path);
        raw.exec("CREATE TRIGGER refuse_five BEFORE INSERT ON events WHEN NEW.seq = 5000 "
                 "BEGIN SELECT RAISE(ABORT, 'seq 5000 is refused'); END");
    }
    const std::string before = file_bytes(path);
    {
        SqliteStore store(path, Open::existing);
        CHECK_THROWS_MATCHES(store.append(make_events(3, 20'000)), StoreError, IsError("store.sqlite", "5000 is refused"));
    }
    CHECK(file_bytes(path) == before);
    CHECK(dir.files() == just_the_store);
}

TEST_CASE("SqliteStore: a read_only store refuses to append and writes nothing", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 3);
    const std::string before = file_bytes(path);
    {
        SqliteStore store(path, Open::read_only);
        CHECK(store.mode() == Open::read_only);
        CHECK_THROWS_MATCHES(store.append(make_events(4, 1)), StoreError, IsError("store.read_only", path));
        CHECK_THROWS_MATCHES(store.append({}), StoreError, IsError("store.read_only"));
        CHECK(store.count() == 3);
    }
    CHECK(file_bytes(path) == before);
    CHECK(dir.files() == just_the_store);
}

TEST_CASE("SqliteStore: a read_only store sees what a writer appended after it opened", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 2);
    SqliteStore reader(path, Open::read_only);
    CHECK(reader.count() == 2);
    {
        SqliteStore writer(path, Open::existing);
        writer.append(make_events(3, 3));
        CHECK(reader.count() == 5);
        CHECK(first_difference(reader.load(), make_events(1, 5)).empty());
    }
    CHECK(first_difference(reader.load(), make_events(1, 5)).empty());
}

TEST_CASE("SqliteStore: a closed store is one file: the WAL is checkpointed and removed", "[store][sqlite]") {
    TempDir dir;
    const std::string path = dir.file("fund.db");
    {
        SqliteStore store(path, Open::create_new);
        store.append(make_events(1, 100));
        CHECK(fs::exists(path + "-wal"));  // while open, the log is beside it
    }
    CHECK(dir.files() == just_the_store);
    // Everything is in the main file: a copy of it alone is the whole store.
    const std::string copy = dir.file("copy.db");
    fs::copy_file(path, copy);
    SqliteStore store(copy, Open::read_only);
    CHECK(first_difference(store.load(), make_events(1, 100)).empty());
}

TEST_CASE("SqliteStore: of two writers on one file, the one that lost the race gets store.conflict",
          "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 0);
    SqliteStore a(path, Open::existing);
    SqliteStore b(path, Open::existing);
    a.append(make_events(1, 3));
    CHECK_THROWS_MATCHES(b.append(make_events(1, 2)), ConcurrencyError, IsError("store.conflict", "holds 3 events"));
    CHECK(first_difference(b.load(), make_events(1, 3)).empty());
    b.append(make_events(4, 1));
    CHECK(first_difference(a.load(), make_events(1, 4)).empty());
}

TEST_CASE("SqliteStore: a writer waits for another, then gives up with store.busy", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 1);
    SqliteStore store(path, Open::existing);
    CHECK(store.busy_timeout() == std::chrono::seconds(10));
    store.busy_timeout(std::chrono::milliseconds(100));
    {
        RawDb other(path);
        other.exec("BEGIN IMMEDIATE");
        const auto start = std::chrono::steady_clock::now();
        CHECK_THROWS_MATCHES(store.append(make_events(2, 1)), StoreError, IsError("store.busy"));
        CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(90));
        CHECK(store.count() == 1);  // readers are not blocked
        other.exec("ROLLBACK");
    }
    store.append(make_events(2, 1));
    CHECK(store.count() == 2);
}

TEST_CASE("SqliteStore: 10 000 events in one batch survive a reopen", "[store][sqlite]") {
    TempDir dir;
    const auto events = make_events(1, 10'000);
    const std::string path = dir.file("fund.db");
    {
        SqliteStore store(path, Open::create_new);
        store.append(events);
    }
    CHECK(dir.files() == just_the_store);
    SqliteStore store(path, Open::existing);
    CHECK(store.count() == 10'000);
    CHECK(first_difference(store.load(), events).empty());
    CHECK(first_difference(store.load_since(9'990), make_events(9'991, 10)).empty());
}

TEST_CASE("SqliteStore: moving hands the open store over", "[store][sqlite]") {
    TempDir dir;
    const std::string path = make_store(dir, 2);
    SqliteStore a(path, Open::existing);
    SqliteStore b(std::move(a));
    CHECK(b.count() == 2);
    CHECK_THROWS_MATCHES(a.count(), StoreError, IsError("store.closed"));  // NOLINT(bugprone-use-after-move)

    const std::string other = dir.file("other.db");
    SqliteStore c(other, Open::create_new);
    c.append(make_events(1, 5));
    b = std::move(c);  // closes fund.db
    CHECK(b.count() == 5);
    CHECK(b.describe() == other);
    a = SqliteStore(path, Open::read_only);
    CHECK(a.count() == 2);
}

TEST_CASE("SqliteStore: racing to create one store, create_if_missing all succeed and create_new once",
          "[store][sqlite]") {
    constexpr int racers = 6;
    for (const Open mode : {Open::create_if_missing, Open::create_new}) {
        CAPTURE(static_cast<int>(mode));
        TempDir dir;
        const std::string path = dir.file("fund.db");
        std::atomic<int> ready{0};
        std::atomic<int> opened{0};
        std::atomic<int> exists{0};
        std::vector<std::string> unexpected(racers);
        std::vector<std::thread> threads;
        for (int i = 0; i < racers; ++i)
            threads.emplace_back([&, i] {
                ready.fetch_add(1);
                while (ready.load() < racers) std::this_thread::yield();
                try {
                    SqliteStore store(path, mode);
                    if (store.count() != 0) unexpected[static_cast<std::size_t>(i)] = "not empty";
                    opened.fetch_add(1);
                } catch (const StoreError& error) {
                    if (error.id() == "store.exists")
                        exists.fetch_add(1);
                    else
                        unexpected[static_cast<std::size_t>(i)] = error.what();
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
        {
            SqliteStore store(path, Open::existing);
            store.append(make_events(1, 1));
            CHECK(store.count() == 1);
        }
        // Connections that close at the same moment may each see the others
        // still open and leave the WAL to the last; the next close tidies up.
        CHECK(dir.files() == just_the_store);
    }
}

TEST_CASE("SqliteStore: writers on one file wait for each other and retry after a conflict", "[store][sqlite]") {
    constexpr int writers = 4;
    constexpr int batches = 25;
    TempDir dir;
    const std::string path = make_store(dir, 0);
    std::atomic<int> conflicts{0};
    std::vector<std::string> unexpected(writers);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            try {
                SqliteStore store(path, Open::existing);
                for (int b = 0; b < batches; ++b) {
                    for (;;) {
                        try {
                            store.append(make_events(store.count() + 1, 2));
                            break;
                        } catch (const ConcurrencyError&) {
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
    SqliteStore store(path, Open::read_only);
    CHECK(first_difference(store.load(), make_events(1, 2 * writers * batches)).empty());
    INFO("conflicts retried: " << conflicts.load());
    SUCCEED();
}
