// The fund at scale: applying generated commands into a SQLite store, opening
// a store (reading and verifying every event), and a statement over a long
// ledger, and auditing it. The history is tests/support/history.hpp's: every command valid.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <sifund/sifund.hpp>

#include "history.hpp"

namespace {

using namespace sifund;

const std::vector<nlohmann::json>& history(std::size_t n) {
    static std::map<std::size_t, std::vector<nlohmann::json>> cache;
    auto& h = cache[n];
    if (h.empty()) h = testing::HistoryGenerator(1).generate(n);
    return h;
}

std::string fresh_path(const char* name) {
    const auto p = std::filesystem::temp_directory_path() / (std::string("sifund-bench-") + name + "-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(p);
    return p.string();
}

// Commands/s into SQLite, through Fund::apply (checks, hashing, one transaction).
void BM_ApplyToSqlite(benchmark::State& state) {
    const auto& h = history(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        state.PauseTiming();
        const std::string path = fresh_path("apply");
        state.ResumeTiming();
        {
            SqliteStore store(path, SqliteStore::Open::create_new);
            Fund fund(store);
            fund.apply(h, Timestamp::parse("2024-01-01T00:00:00Z"));
        }
        state.PauseTiming();
        std::filesystem::remove(path);
        state.ResumeTiming();
    }
    state.counters["commands/s"] = benchmark::Counter(static_cast<double>(h.size()) * static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

// Opening a stored fund: read every row, verify its hash and place in the chain, fold.
void BM_OpenStore(benchmark::State& state) {
    const auto& h = history(static_cast<std::size_t>(state.range(0)));
    const std::string path = fresh_path("open");
    {
        SqliteStore store(path, SqliteStore::Open::create_new);
        Fund(store).apply(h, Timestamp::parse("2024-01-01T00:00:00Z"));
    }
    std::int64_t events = 0;
    for (auto _ : state) {
        SqliteStore store(path, SqliteStore::Open::read_only);
        const Fund fund(store);
        events = static_cast<std::int64_t>(fund.events().size());
        benchmark::DoNotOptimize(fund.state().last_seq);
    }
    std::filesystem::remove(path);
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events) * static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

// A statement over a fund already open. As of a date after every event (as
// of today, the usual question) it comes from the fund's state; as of a date
// inside the history (range(1) == 1) it is the as-of fold over every event.
void BM_Statement(benchmark::State& state) {
    const auto& h = history(static_cast<std::size_t>(state.range(0)));
    MemoryStore store;
    Fund fund(store);
    fund.apply(h, Timestamp::parse("2024-01-01T00:00:00Z"));
    const Date as_of = state.range(1) == 1 ? Date(2030, 12, 31) : Date(2199, 12, 31);
    for (auto _ : state) benchmark::DoNotOptimize(fund.statement(as_of).free_capital);
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(fund.events().size()) * static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

// Auditing a stored history: read every row, verify hashes and the chain,
// re-check every event against the rules, hindsight, the statement.
void BM_AuditStore(benchmark::State& state) {
    const auto& h = history(static_cast<std::size_t>(state.range(0)));
    const std::string path = fresh_path("audit");
    {
        SqliteStore store(path, SqliteStore::Open::create_new);
        Fund(store).apply(h, Timestamp::parse("2024-01-01T00:00:00Z"));
    }
    std::size_t events = 0;
    for (auto _ : state) {
        SqliteStore store(path, SqliteStore::Open::read_only);
        const AuditReport report = Auditor(AuditOptions{Date(2199, 12, 31)}).audit(store.load());
        events = report.events;
        benchmark::DoNotOptimize(report.findings.size());
    }
    std::filesystem::remove(path);
    state.counters["events/s"] = benchmark::Counter(static_cast<double>(events) * static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_AuditStore)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ApplyToSqlite)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_OpenStore)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Statement)->ArgsProduct({{100'000, 1'000'000}, {0, 1}})->ArgNames({"events", "as_of_inside"})->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
