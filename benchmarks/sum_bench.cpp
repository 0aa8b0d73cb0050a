// Summing 10 million amounts: Money (checked int64) against a plain int64_t
// loop, in the same run and over the same data, with the wider types for
// reference. The aim in money.hpp: Money's sum within 2x of int64's.
//
// Fairness:
//  * every sum reads the same 10 M int64 values (80 MB, larger than the caches),
//    Money ones through Money::from_minor, which is free; one variant reads a
//    std::vector<Money> holding the same values, as real code would;
//  * each sum is a noinline function called once an iteration with a pointer
//    laundered through DoNotOptimize (whose asm clobbers memory), so the
//    compiler can neither hoist the sum out of the timed loop nor drop it;
//  * each sum function starts on a 64-byte boundary. Without that, where the
//    linker happens to put a 4-instruction loop decides the result: the same
//    machine code ran in 3.1 ms or in 5.8 ms depending on whether the loop
//    straddled a 64-byte line (see README.md);
//  * the compiler may vectorize the plain int64 loop: that is what plain int64
//    code gets, so it is the baseline. GCC 12 does not at -O2 (its "very cheap"
//    cost model), it does at -O3; a scalar int64 loop (vectorizer off for that
//    function only) is shown beside it either way.

#include <benchmark/benchmark.h>
#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "sifund/money/detail/int128.hpp"
#include "sifund/money/money.hpp"

namespace {

using sifund::Money;
constexpr std::size_t count = 10'000'000;

// Amounts up to ±10 M kr, in öre; their sum cannot overflow any of the types.
const std::vector<std::int64_t>& data() {
    static const std::vector<std::int64_t> values = [] {
        std::mt19937_64 gen(2024);
        std::uniform_int_distribution<std::int64_t> dist(-1'000'000'000, 1'000'000'000);
        std::vector<std::int64_t> v(count);
        for (auto& x : v) x = dist(gen);
        return v;
    }();
    return values;
}

const std::vector<Money>& money_data() {
    static const std::vector<Money> values = [] {
        std::vector<Money> v;
        v.reserve(count);
        for (std::int64_t x : data()) v.push_back(Money::from_minor(x));
        return v;
    }();
    return values;
}

[[gnu::noinline, gnu::aligned(64)]] std::int64_t sum_int64(const std::int64_t* p, std::size_t n) {
    std::int64_t s = 0;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    return s;
}

[[gnu::noinline, gnu::aligned(64), gnu::optimize("no-tree-vectorize")]]
std::int64_t sum_int64_scalar(const std::int64_t* p, std::size_t n) {
    std::int64_t s = 0;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    return s;
}

[[gnu::noinline, gnu::aligned(64)]] std::int64_t sum_int64_checked(const std::int64_t* p, std::size_t n) {
    std::int64_t s = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (__builtin_add_overflow(s, p[i], &s)) throw std::overflow_error("sum");
    return s;
}

[[gnu::noinline, gnu::aligned(64)]] Money sum_money(const std::int64_t* p, std::size_t n) {
    Money s;
    for (std::size_t i = 0; i < n; ++i) s += Money::from_minor(p[i]);
    return s;
}

[[gnu::noinline, gnu::aligned(64)]] Money sum_money_vector(const Money* p, std::size_t n) {
    Money s;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    return s;
}

[[gnu::noinline, gnu::aligned(64)]]
sifund::detail::int128 sum_int128(const std::int64_t* p, std::size_t n) {
    sifund::detail::int128 s = 0;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    return s;
}

[[gnu::noinline, gnu::aligned(64)]]
boost::multiprecision::checked_int128_t sum_checked_int128(const std::int64_t* p, std::size_t n) {
    boost::multiprecision::checked_int128_t s = 0;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    return s;
}

template <auto Sum, class T>
void run(benchmark::State& state, const std::vector<T>& values) {
    for (auto _ : state) {
        const T* p = values.data();
        benchmark::DoNotOptimize(p);
        auto s = Sum(p, values.size());
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * values.size()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * values.size() * sizeof(T)));
}

void BM_Sum10M_Int64(benchmark::State& s) { run<sum_int64>(s, data()); }
void BM_Sum10M_Int64Scalar(benchmark::State& s) { run<sum_int64_scalar>(s, data()); }
void BM_Sum10M_Int64Checked(benchmark::State& s) { run<sum_int64_checked>(s, data()); }
void BM_Sum10M_Money(benchmark::State& s) { run<sum_money>(s, data()); }
void BM_Sum10M_MoneyVector(benchmark::State& s) { run<sum_money_vector>(s, money_data()); }
void BM_Sum10M_Int128(benchmark::State& s) { run<sum_int128>(s, data()); }
void BM_Sum10M_CheckedInt128(benchmark::State& s) { run<sum_checked_int128>(s, data()); }

// A sanity check before timing: all the sums agree.
[[maybe_unused]] const bool checked_once = [] {
    const auto& d = data();
    const std::int64_t expect = sum_int64_scalar(d.data(), d.size());
    if (sum_int64(d.data(), d.size()) != expect || sum_int64_checked(d.data(), d.size()) != expect ||
        sum_money(d.data(), d.size()).minor() != expect ||
        sum_money_vector(money_data().data(), d.size()).minor() != expect ||
        sum_int128(d.data(), d.size()) != expect ||
        sum_checked_int128(d.data(), d.size()) != boost::multiprecision::checked_int128_t(expect))
        throw std::logic_error("the sums disagree");
    return true;
}();

}  // namespace

BENCHMARK(BM_Sum10M_Int64)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum10M_Int64Scalar)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum10M_Int64Checked)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum10M_Money)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum10M_MoneyVector)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum10M_Int128)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Sum10M_CheckedInt128)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
