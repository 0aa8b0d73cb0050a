// The Monte Carlo at the size the issue sets: 10 000 runs × 30 budget years ×
// 100 projects, each with three expected savings under a triangular spread
// and a 60 % chance of success, on 1 and 2 threads; and the projection of the
// same plan. The plan is built directly (what make_plan would lay out for a
// fund with 100 open grants), so the figure is the simulation alone.
#include <benchmark/benchmark.h>

#include <sifund/forecast/monte_carlo.hpp>
#include <sifund/forecast/projection.hpp>

namespace {

using namespace sifund;
using namespace sifund::forecast;

Plan big_plan(int years, int projects) {
    Plan plan;
    plan.base_year = 2024;
    plan.from = 2025;
    plan.until = plan.from + years - 1;
    plan.reserve_floor = Money::kronor(8'000'000);
    plan.opening.cash = Money::kronor(150'000'000);
    plan.opening.committed_undisbursed = Money::kronor(60'000'000);
    for (int i = 0; i < years; ++i) {
        PlanYear y;
        y.budget_year = plan.from + i;
        y.allocation = Money::kronor(12'000'000);
        y.disbursed = Money::kronor(14'000'000);
        y.committed = Money::kronor(60'000'000 - std::min(i, 4) * 12'000'000);
        plan.years.push_back(y);
    }
    SavingsSpread spread;
    spread.kind = SavingsSpread::Kind::triangular;
    spread.low = Rate::parse("0.3");
    spread.mode = Rate::parse("0.9");
    spread.high = Rate::parse("1.5");
    for (int k = 0; k < projects; ++k) {
        Project p;
        p.grant = "G-" + std::to_string(k);
        p.approved = Money::kronor(3'000'000 + 10'000 * k);
        p.p_units = 600'000'000'000'000'000;
        p.spread = spread;
        p.mean_units = 900'000'000'000'000'000;
        const int start = plan.from + k % (years - 4);
        for (int s = 0; s < 3; ++s)
            p.savings.push_back({"unit", start + s, start + s + 1, start + s + 2, Money::kronor(1'200'000 + 1000 * k),
                                 Money::kronor(3'000'000)});
        plan.projects.push_back(std::move(p));
    }
    return plan;
}

void BM_MonteCarlo(benchmark::State& state) {
    const Plan plan = big_plan(30, 100);
    const auto runs = static_cast<std::size_t>(state.range(0));
    const auto threads = static_cast<unsigned>(state.range(1));
    for (auto _ : state) {
        MonteCarloResult r = monte_carlo(plan, {runs, 20240618, threads});
        benchmark::DoNotOptimize(r.p_breach_reserve_floor);
    }
    state.counters["runs/s"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_MonteCarlo)->Args({10'000, 1})->Args({10'000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Projection(benchmark::State& state) {
    const Plan plan = big_plan(30, 100);
    for (auto _ : state) {
        Projection p = project(plan);
        benchmark::DoNotOptimize(p.first_breach_year);
    }
}
BENCHMARK(BM_Projection)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
