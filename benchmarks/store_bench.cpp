// Durable appends under load: one event per append (one transaction, one
// fsync), by 1, 2 and 4 writers at once on one SQLite file and on one
// PostgreSQL database, each writer with its own handle. A writer that loses a
// race (ConcurrencyError) re-reads the head and tries again: at once
// (`retry_now`), or after the CLI's short random pause (`retry_backoff`,
// src/cli/retry.hpp); the counters say how often. The latency of one append
// (from the first try to the commit that stuck): p50, p99, max.
//
// PostgreSQL: set SIFUND_BENCH_POSTGRES_URL (or SIFUND_TEST_POSTGRES_URL) to a
// server's URL, e.g. the one `scripts/postgres.sh start DIR` prints; each run
// of a benchmark uses a new database on it. SQLite files go to $TMPDIR.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <sifund/store/postgres_store.hpp>
#include <sifund/store/sqlite_store.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// An event of the size of a real one (a disbursement: ~330 bytes of JSON).
sifund::StoredEvent event(std::int64_t seq) {
    sifund::StoredEvent e;
    e.seq = seq;
    e.type = "grant.disbursed";
    e.date = "2014-01-15";
    e.recorded_at = "2024-05-01T12:00:00.123456Z";
    e.prev_hash = std::string(64, 'a');
    e.hash = std::string(64, 'b');
    e.json = R"({"actor":"finance","amount":"1000000.00","date":"2014-01-15","grant":"G-2013-)" + std::to_string(seq) +
             R"(","prev_hash":")" + e.prev_hash + R"(","recorded_at":"2024-05-01T12:00:00.123456Z","seq":)" +
             std::to_string(seq) + R"(,"type":"grant.disbursed"})";
    return e;
}

std::string postgres_url() {
    for (const char* name : {"SIFUND_BENCH_POSTGRES_URL", "SIFUND_TEST_POSTGRES_URL"})
        if (const char* url = std::getenv(name); url && *url && std::string(url) != "skip") return url;
    return "";
}

std::string with_database(const std::string& url, const std::string& database) {
    const auto path = url.find_first_of("/?", url.find("://") + 3);
    if (path == std::string::npos) return url + "/" + database;
    const auto query = url.find('?', path);
    return url.substr(0, path) + "/" + database + (query == std::string::npos ? "" : url.substr(query));
}

std::string unique_name() {
    static std::atomic<unsigned> counter{0};
    return "sifund_bench_" + std::to_string(std::random_device{}()) + "_" + std::to_string(counter.fetch_add(1));
}

// One store for all the threads of one run: thread 0 creates it, the others
// wait for it and open their own handle.
struct Shared {
    std::mutex mutex;
    std::string where;  // path or URL
    std::atomic<int> generation{0};
};

enum class Kind { sqlite, postgres };

std::unique_ptr<sifund::Store> open(Kind kind, const std::string& where, sifund::StoreOpen mode) {
    if (kind == Kind::sqlite) return std::make_unique<sifund::SqliteStore>(where, mode);
    return std::make_unique<sifund::PostgresStore>(where, mode);
}

enum class Retry { now, backoff };

template <Kind kind, Retry retry>
void BM_DurableAppend(benchmark::State& state) {
    static Shared shared;
    static std::atomic<int> ready{0};
    if (kind == Kind::postgres && postgres_url().empty()) {
        state.SkipWithError("no PostgreSQL: set SIFUND_BENCH_POSTGRES_URL");
        return;
    }
    // Thread 0 makes a new store for this run; the others wait until it exists.
    if (state.thread_index() == 0) {
        std::lock_guard lock(shared.mutex);
        shared.where = kind == Kind::sqlite
                           ? (std::filesystem::temp_directory_path() / (unique_name() + ".db")).string()
                           : with_database(postgres_url(), unique_name());
        open(kind, shared.where, sifund::StoreOpen::create_new);
        ready.store(state.threads());
    }
    while (ready.load() == 0) std::this_thread::yield();
    std::string where;
    {
        std::lock_guard lock(shared.mutex);
        where = shared.where;
    }
    auto store = open(kind, where, sifund::StoreOpen::existing);

    std::vector<double> latencies;  // microseconds
    latencies.reserve(1 << 16);
    std::int64_t conflicts = 0;
    std::minstd_rand random(std::random_device{}());
    std::int64_t next = store->count() + 1;
    std::vector<sifund::StoredEvent> batch{event(next)};
    Clock::time_point began{};
    for (auto _ : state) {
        const auto start = Clock::now();
        if (began == Clock::time_point{}) began = start;  // after the barrier that starts every writer
        for (int attempt = 1;; ++attempt) {
            batch[0] = event(next);
            try {
                store->append(batch);
                ++next;
                break;
            } catch (const sifund::ConcurrencyError&) {
                ++conflicts;
                if (retry == Retry::backoff) {  // as src/cli/retry.hpp: 1 + [0, 4) ms, doubling
                    const int cap_ms = std::min(2 << std::min(attempt, 7), 200);
                    std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(random() % static_cast<unsigned>(cap_ms))));
                }
                next = store->count() + 1;  // another writer appended: continue after it
            }
        }
        latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    // All writers together: every one did the same number of appends, and
    // the loop ends on a barrier, so thread 0's span covers them all.
    if (state.thread_index() == 0) {
        const double seconds = std::chrono::duration<double>(Clock::now() - began).count();
        state.counters["appends_per_s"] =
            static_cast<double>(state.iterations()) * static_cast<double>(state.threads()) / seconds;
    }
    std::sort(latencies.begin(), latencies.end());
    const auto at = [&](double q) {
        return latencies.empty() ? 0.0 : latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(q * static_cast<double>(latencies.size())))];
    };
    using benchmark::Counter;
    state.counters["p50_us"] = Counter(at(0.50), Counter::kAvgThreads);
    state.counters["p99_us"] = Counter(at(0.99), Counter::kAvgThreads);
    state.counters["max_us"] = Counter(latencies.empty() ? 0.0 : latencies.back(), Counter::kAvgThreads);
    state.counters["conflicts"] = Counter(static_cast<double>(conflicts));  // summed over the writers
    store.reset();
    // Every thread read `ready` before the loop began (the loop starts and
    // ends on a barrier), so thread 0 may reset it for the next run.
    if (state.thread_index() == 0) ready.store(0);
}

// A fixed number of appends per writer: time-based runs would let the first
// calibration runs grow the store before the measured one.
void args(benchmark::internal::Benchmark* b) {
    b->Iterations(1000)->UseRealTime()->Unit(benchmark::kMicrosecond);
    b->Threads(1)->Threads(2)->Threads(4);
}

BENCHMARK_TEMPLATE(BM_DurableAppend, Kind::sqlite, Retry::now)->Name("BM_DurableAppend/sqlite/retry_now")->Apply(args);
BENCHMARK_TEMPLATE(BM_DurableAppend, Kind::sqlite, Retry::backoff)->Name("BM_DurableAppend/sqlite/retry_backoff")->Apply(args);
BENCHMARK_TEMPLATE(BM_DurableAppend, Kind::postgres, Retry::now)->Name("BM_DurableAppend/postgres/retry_now")->Apply(args);
BENCHMARK_TEMPLATE(BM_DurableAppend, Kind::postgres, Retry::backoff)->Name("BM_DurableAppend/postgres/retry_backoff")->Apply(args);

}  // namespace

BENCHMARK_MAIN();
