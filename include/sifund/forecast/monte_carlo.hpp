#pragma once
// Monte Carlo over a plan: in each run every project succeeds or not (a draw
// against its probability) and a successful one's savings are its expected
// figures times a factor drawn from its spread; the run then settles like the
// projection (plan.hpp, settle). Per budget year the result gives P10, P50 and
// P90 of free capital, of obligations outstanding (at the year's end) and of
// repayments (received in the year), and the share of runs whose free capital
// ends the year below the reserve floor; over the whole forecast, the share
// of runs that fall below it in at least one year (p_breach_reserve_floor)
// and the expected share of the money granted that comes back.
//
// Percentiles are nearest-rank: P_k is the value at rank ceil(k × N / 100)
// (1-based) of the N runs sorted ascending, so every reported figure is one a
// run produced, to the öre.
//
// Determinism: run r draws from its own std::mt19937_64, seeded with the r-th
// output of a splitmix64 stream that starts at `seed`; each project takes two
// draws in a fixed order whatever happens to it. Runs are split among threads
// in contiguous blocks and each writes only its own slots, and everything is
// reduced afterwards in run order, so the same seed gives the same numbers
// whatever the number of threads. Money stays in int64 öre; only the draws
// and the reported probabilities are floating point.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <random>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "sifund/forecast/plan.hpp"

namespace sifund::forecast {

struct MonteCarloOptions {
    std::size_t runs = 1000;
    std::uint64_t seed = 1;
    unsigned threads = 2;
};

struct Band {
    Money p10, p50, p90;
};

struct MonteCarloYear {
    int budget_year = 0;
    Band free_capital, obligations, repayments;
    std::size_t runs_below_floor = 0;
    double p_breach = 0;
};

struct MonteCarloResult {
    std::size_t runs = 0;
    std::uint64_t seed = 0;
    Money reserve_floor;
    std::vector<MonteCarloYear> years;
    std::size_t runs_breaching = 0;     // below the floor in at least one year
    double p_breach_reserve_floor = 0;  // runs_breaching / runs
    Money approved_in_scope;            // grants open at the start and new ones
    double expected_share_repaid = 0;   // E[repaid by the end / approved], over those grants

    [[nodiscard]] nlohmann::json to_json() const;
};

namespace detail {

[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// The seed of run r: the r-th output of a splitmix64 stream from `seed`.
[[nodiscard]] constexpr std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) noexcept {
    return splitmix64(seed + 0x9E3779B97F4A7C15ull * run);
}

// A draw succeeds when it falls below p × 2^64 (p in 10^-18 units).
[[nodiscard]] inline bool succeeds(std::uint64_t draw, std::int64_t p_units) noexcept {
    if (p_units >= unit_scale) return true;
    if (p_units <= 0) return false;
    using sifund::detail::uint128;
    const auto threshold = static_cast<std::uint64_t>((uint128(static_cast<std::uint64_t>(p_units)) << 64) /
                                                      static_cast<std::uint64_t>(unit_scale));
    return draw < threshold;
}

// A factor (10^-18 units) drawn from a spread with one 64-bit draw.
[[nodiscard]] inline std::int64_t draw_factor(const SavingsSpread& s, std::int64_t low, std::int64_t mode,
                                              std::int64_t high, std::uint64_t draw) noexcept {
    using sifund::detail::uint128;
    if (s.kind == SavingsSpread::Kind::none || high <= low) return s.kind == SavingsSpread::Kind::none ? unit_scale : low;
    const auto width = static_cast<std::uint64_t>(high - low);
    if (s.kind == SavingsSpread::Kind::uniform)
        return low + static_cast<std::int64_t>((uint128(draw) * width) >> 64);
    // Triangular, by its inverse distribution function.
    const double u = static_cast<double>(draw >> 11) * 0x1.0p-53;
    const double lo = static_cast<double>(low), mo = static_cast<double>(mode), hi = static_cast<double>(high);
    const double cut = (mo - lo) / (hi - lo);
    const double x = u < cut ? lo + std::sqrt(u * (hi - lo) * (mo - lo)) : hi - std::sqrt((1 - u) * (hi - lo) * (hi - mo));
    const auto units = static_cast<std::int64_t>(std::llround(x));
    return std::clamp(units, low, high);
}

// Nearest rank: the value at rank ceil(k × n / 100), 1-based, of the sorted values.
[[nodiscard]] inline std::size_t nearest_rank_index(unsigned k, std::size_t n) {
    const std::size_t rank = (static_cast<std::size_t>(k) * n + 99) / 100;
    return rank == 0 ? 0 : rank - 1;
}

[[nodiscard]] inline Band band(std::vector<std::int64_t>& column) {
    std::sort(column.begin(), column.end());
    const std::size_t n = column.size();
    return {Money::from_minor(column[nearest_rank_index(10, n)]), Money::from_minor(column[nearest_rank_index(50, n)]),
            Money::from_minor(column[nearest_rank_index(90, n)])};
}

struct ProjectDraws {
    std::int64_t low, mode, high;
};

}  // namespace detail

// N runs of the plan. Throws InputError "forecast.runs" for zero runs.
[[nodiscard]] inline MonteCarloResult monte_carlo(const Plan& plan, const MonteCarloOptions& options) {
    if (options.runs == 0) throw InputError("forecast.runs", "a Monte Carlo needs at least one run");
    const std::size_t runs = options.runs, years = plan.year_count();

    // What no run changes: the fund's free capital and obligations without the
    // projects' savings, by year.
    std::vector<std::int64_t> base_free(years), base_obligations(years), base_repaid(years);
    {
        Money cash = plan.opening.cash, outstanding = plan.opening.obligations_outstanding;
        for (std::size_t i = 0; i < years; ++i) {
            const PlanYear& y = plan.years[i];
            cash += y.allocation + y.repayments_due - y.disbursed;
            outstanding -= y.repayments_due;
            base_free[i] = (cash - y.committed).minor();
            base_obligations[i] = outstanding.minor();
            base_repaid[i] = y.repayments_due.minor();
        }
    }
    std::vector<detail::ProjectDraws> spreads;
    for (const Project& p : plan.projects)
        spreads.push_back({detail::small_units(p.spread.low, "low"), detail::small_units(p.spread.mode, "mode"),
                           detail::small_units(p.spread.high, "high")});

    // Each run's figures, run-major: free capital, obligations, repayments.
    std::vector<std::int64_t> free(runs * years), obligations(runs * years), repayments(runs * years);
    std::vector<std::int64_t> repaid_total(runs);

    auto run_block = [&](std::size_t first, std::size_t last) {
        std::vector<Money> savings(years), arisen(years), repaid(years);
        for (std::size_t r = first; r < last; ++r) {
            std::fill(savings.begin(), savings.end(), Money());
            std::fill(arisen.begin(), arisen.end(), Money());
            std::fill(repaid.begin(), repaid.end(), Money());
            std::mt19937_64 rng(detail::run_seed(options.seed, r));
            Money back;
            for (std::size_t k = 0; k < plan.projects.size(); ++k) {
                const Project& p = plan.projects[k];
                const std::uint64_t success_draw = rng(), factor_draw = rng();
                if (!detail::succeeds(success_draw, p.p_units)) continue;
                const auto& d = spreads[k];
                back += settle(plan, p, detail::draw_factor(p.spread, d.low, d.mode, d.high, factor_draw), savings, arisen,
                               repaid);
            }
            repaid_total[r] = back.minor();
            Money cum_repaid, cum_arisen;
            for (std::size_t i = 0; i < years; ++i) {
                cum_repaid += repaid[i];
                cum_arisen += arisen[i];
                const std::size_t at = r * years + i;
                free[at] = (Money::from_minor(base_free[i]) + cum_repaid).minor();
                obligations[at] = (Money::from_minor(base_obligations[i]) + cum_arisen - cum_repaid).minor();
                repayments[at] = (Money::from_minor(base_repaid[i]) + repaid[i]).minor();
            }
        }
    };

    const std::size_t workers = std::clamp<std::size_t>(options.threads, 1, std::min<std::size_t>(runs, 64));
    if (workers == 1) {
        run_block(0, runs);
    } else {
        std::vector<std::thread> pool;
        std::vector<std::exception_ptr> errors(workers);
        const std::size_t per = runs / workers, extra = runs % workers;
        std::size_t start = 0;
        for (std::size_t w = 0; w < workers; ++w) {
            const std::size_t count = per + (w < extra ? 1 : 0);
            pool.emplace_back([&, w, start, count] {
                try {
                    run_block(start, start + count);
                } catch (...) {
                    errors[w] = std::current_exception();
                }
            });
            start += count;
        }
        for (auto& t : pool) t.join();
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
    }

    MonteCarloResult out;
    out.runs = runs;
    out.seed = options.seed;
    out.reserve_floor = plan.reserve_floor;
    out.approved_in_scope = plan.approved_in_scope();
    const std::int64_t floor = plan.reserve_floor.minor();
    std::vector<char> breached(runs, 0);
    std::vector<std::int64_t> column(runs);
    for (std::size_t i = 0; i < years; ++i) {
        MonteCarloYear y;
        y.budget_year = plan.years[i].budget_year;
        for (std::size_t r = 0; r < runs; ++r) {
            column[r] = free[r * years + i];
            if (column[r] < floor) {
                ++y.runs_below_floor;
                breached[r] = 1;
            }
        }
        y.free_capital = detail::band(column);
        for (std::size_t r = 0; r < runs; ++r) column[r] = obligations[r * years + i];
        y.obligations = detail::band(column);
        for (std::size_t r = 0; r < runs; ++r) column[r] = repayments[r * years + i];
        y.repayments = detail::band(column);
        y.p_breach = static_cast<double>(y.runs_below_floor) / static_cast<double>(runs);
        out.years.push_back(y);
    }
    for (char b : breached) out.runs_breaching += static_cast<std::size_t>(b);
    out.p_breach_reserve_floor = static_cast<double>(out.runs_breaching) / static_cast<double>(runs);
    if (out.approved_in_scope.is_positive()) {
        using sifund::detail::int128;
        int128 sum = 0;
        for (std::int64_t v : repaid_total) sum += v;
        sum += int128(plan.repaid_before_in_scope().minor()) * static_cast<std::int64_t>(runs);
        out.expected_share_repaid = static_cast<double>(sum) /
                                    (static_cast<double>(out.approved_in_scope.minor()) * static_cast<double>(runs));
    }
    return out;
}

namespace detail {
// A probability with six fixed decimals, as a JSON number: 0.123457.
[[nodiscard]] inline double fixed6(double p) { return static_cast<double>(std::llround(p * 1e6)) / 1e6; }
inline nlohmann::json band_json(const Band& b) {
    return {{"p10", b.p10.to_string()}, {"p50", b.p50.to_string()}, {"p90", b.p90.to_string()}};
}
}  // namespace detail

inline nlohmann::json MonteCarloResult::to_json() const {
    nlohmann::json j;
    j["runs"] = runs;
    j["seed"] = seed;
    j["percentiles"] = "nearest-rank";
    j["reserve_floor"] = reserve_floor.to_string();
    j["years"] = nlohmann::json::array();
    for (const MonteCarloYear& y : years)
        j["years"].push_back({{"budget_year", y.budget_year},
                              {"free_capital", detail::band_json(y.free_capital)},
                              {"obligations", detail::band_json(y.obligations)},
                              {"repayments", detail::band_json(y.repayments)},
                              {"p_breach", detail::fixed6(y.p_breach)}});
    j["p_breach_reserve_floor"] = detail::fixed6(p_breach_reserve_floor);
    j["approved_in_scope"] = approved_in_scope.to_string();
    j["expected_share_repaid"] = detail::fixed6(expected_share_repaid);
    return j;
}

}  // namespace sifund::forecast
