// The cost of one Money operation: checked add, rate × money with rounding
// (the 128-bit fast path and the cpp_int path), parse and format.
//
// Each benchmark walks a small array of varied inputs (in L1, so the figures
// are the operation and not the memory) and reports items per second; the
// inputs go through benchmark::DoNotOptimize so that nothing is folded at
// compile time or hoisted out of the timed loop.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/money/rounding.hpp"

namespace {

using sifund::Money;
using sifund::Rate;
using sifund::Rounding;

constexpr std::size_t batch = 1024;

// Amounts up to ±10 M kr, in öre: the size of a municipal budget line.
std::vector<std::int64_t> amounts(std::size_t n, std::int64_t bound = 1'000'000'000, unsigned seed = 42) {
    std::mt19937_64 gen(seed);
    std::uniform_int_distribution<std::int64_t> dist(-bound, bound);
    std::vector<std::int64_t> out(n);
    for (auto& v : out) v = dist(gen);
    return out;
}

// ---- add ----------------------------------------------------------------

// A dependent chain of adds over the batch, Money += (with its overflow check)
// against plain unchecked int64_t. Each chain is a noinline function on a
// 64-byte boundary, so that both loops sit alike in the instruction cache
// (see sum_bench.cpp on what a loop straddling a line costs).
[[gnu::noinline, gnu::aligned(64)]] Money add_money(const Money* p, std::size_t n) {
    Money acc;
    for (std::size_t i = 0; i < n; ++i) acc += p[i];
    return acc;
}

[[gnu::noinline, gnu::aligned(64)]] std::int64_t add_int64(const std::int64_t* p, std::size_t n) {
    std::int64_t acc = 0;
    for (std::size_t i = 0; i < n; ++i) acc += p[i];
    return acc;
}

void BM_MoneyAdd(benchmark::State& state) {
    std::vector<Money> xs;
    for (std::int64_t v : amounts(batch)) xs.push_back(Money::from_minor(v));
    for (auto _ : state) {
        const Money* p = xs.data();
        benchmark::DoNotOptimize(p);
        Money acc = add_money(p, batch);
        benchmark::DoNotOptimize(acc);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
BENCHMARK(BM_MoneyAdd);

void BM_Int64Add(benchmark::State& state) {
    const std::vector<std::int64_t> xs = amounts(batch);
    for (auto _ : state) {
        const std::int64_t* p = xs.data();
        benchmark::DoNotOptimize(p);
        std::int64_t acc = add_int64(p, batch);
        benchmark::DoNotOptimize(acc);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
BENCHMARK(BM_Int64Add);

// ---- rate × money ---------------------------------------------------------

// rate.of(amount, mode, step) over the batch. Arguments: which rate (0: 0.02,
// the small-rate 128-bit path; 1: 12.5, the cpp_int path), which step (0: öre,
// 1: 1000 kr).
void BM_RateOf(benchmark::State& state) {
    const Rate rate = Rate::parse(state.range(0) == 0 ? "0.02" : "12.5");
    const Money step = state.range(1) == 0 ? Money::from_minor(1) : Money::kronor(1000);
    std::vector<Money> xs;
    for (std::int64_t v : amounts(batch)) xs.push_back(Money::from_minor(v));
    const Rounding modes[] = {Rounding::half_up, Rounding::half_even, Rounding::floor, Rounding::down};
    std::size_t m = 0;
    for (auto _ : state) {
        const Rounding mode = modes[m++ % 4];
        for (std::size_t i = 0; i < batch; ++i) {
            Money x = xs[i];
            benchmark::DoNotOptimize(x);
            Money r = rate.of(x, mode, step);
            benchmark::DoNotOptimize(r);
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    state.SetLabel(std::string(state.range(0) == 0 ? "rate 0.02 (int128 path)" : "rate 12.5 (cpp_int path)") +
                   (state.range(1) == 0 ? ", to the öre" : ", to 1000 kr"));
}
BENCHMARK(BM_RateOf)->ArgNames({"large_rate", "step_1000kr"})->Args({0, 0})->Args({0, 1})->Args({1, 0})->Args({1, 1});

// ---- parse and format -------------------------------------------------------

std::vector<std::string> texts(bool swedish) {
    std::vector<std::string> out;
    for (std::int64_t v : amounts(batch)) {
        const Money m = Money::from_minor(v);
        out.push_back(swedish ? m.to_swedish() : m.to_string());  // "-1234567.89" / "-1 234 567,89 kr"
    }
    return out;
}

void BM_Parse(benchmark::State& state) {
    const bool swedish = state.range(0) != 0;
    const std::vector<std::string> in = texts(swedish);
    for (auto _ : state) {
        for (const std::string& s : in) {
            const char* p = s.data();
            benchmark::DoNotOptimize(p);
            Money m = Money::parse(std::string_view(p, s.size()));
            benchmark::DoNotOptimize(m);
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
    state.SetLabel(swedish ? "\"-1 234 567,89 kr\"" : "\"-1234567.89\"");
}
BENCHMARK(BM_Parse)->ArgName("swedish")->Arg(0)->Arg(1);

// to_string: a new std::string each time (short enough for the small-string
// buffer, so no heap allocation).
void BM_ToString(benchmark::State& state) {
    std::vector<Money> xs;
    for (std::int64_t v : amounts(batch)) xs.push_back(Money::from_minor(v));
    for (auto _ : state) {
        for (Money x : xs) {
            benchmark::DoNotOptimize(x);
            std::string s = x.to_string();
            benchmark::DoNotOptimize(s.data());
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
BENCHMARK(BM_ToString);

// append_to into one reused buffer, as a report writer would.
void BM_AppendTo(benchmark::State& state) {
    std::vector<Money> xs;
    for (std::int64_t v : amounts(batch)) xs.push_back(Money::from_minor(v));
    std::string out;
    out.reserve(batch * 24);
    for (auto _ : state) {
        out.clear();
        for (Money x : xs) {
            benchmark::DoNotOptimize(x);
            x.append_to(out);
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
}
BENCHMARK(BM_AppendTo);

}  // namespace

BENCHMARK_MAIN();
