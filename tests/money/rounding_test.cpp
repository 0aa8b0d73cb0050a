// Rounding: the seven modes, which mean what Python's decimal means by them.
// Every rounding in sifund goes through one of two doors, Rate::of and
// Money::round_to; both are checked here against the same table.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <array>
#include <cstdint>
#include <optional>

using sifund::Money;
using sifund::Rate;
using sifund::Rounding;

namespace {

constexpr std::array modes = {Rounding::half_even, Rounding::half_up, Rounding::half_down, Rounding::up,
                              Rounding::down,      Rounding::ceiling, Rounding::floor};

// One exact value in tenths of an öre and its result in each mode, in the
// order of `modes`. The results are Python's:
//   Decimal("-2.5").quantize(Decimal(1), rounding=ROUND_HALF_EVEN) == Decimal("-2")
struct Row {
    std::int64_t tenths;
    std::array<std::int64_t, 7> expected;  // half_even, half_up, half_down, up, down, ceiling, floor
};
constexpr Row table[] = {
    // exact ties
    {25, {2, 3, 2, 3, 2, 3, 2}},
    {35, {4, 4, 3, 4, 3, 4, 3}},
    {5, {0, 1, 0, 1, 0, 1, 0}},
    {-25, {-2, -3, -2, -3, -2, -2, -3}},
    {-35, {-4, -4, -3, -4, -3, -3, -4}},
    {-5, {0, -1, 0, -1, 0, 0, -1}},
    // not ties
    {24, {2, 2, 2, 3, 2, 3, 2}},
    {26, {3, 3, 3, 3, 2, 3, 2}},
    {-24, {-2, -2, -2, -3, -2, -2, -3}},
    {-26, {-3, -3, -3, -3, -2, -2, -3}},
    {1, {0, 0, 0, 1, 0, 1, 0}},
    {-1, {0, 0, 0, -1, 0, 0, -1}},
    // already whole: nothing to round
    {20, {2, 2, 2, 2, 2, 2, 2}},
    {-20, {-2, -2, -2, -2, -2, -2, -2}},
    {0, {0, 0, 0, 0, 0, 0, 0}},
};

// The rules from their definitions: the two whole numbers around the exact
// value num/den, and which of them each mode takes. Written independently of
// sifund's divide_rounded, to check it.
std::int64_t reference(std::int64_t num, std::int64_t den, Rounding mode) {
    std::int64_t below = num / den;
    if (num % den != 0 && num < 0) --below;  // C++ truncates; we want the floor
    const std::int64_t rest = num - below * den;  // 0 <= rest < den
    if (rest == 0) return below;
    const std::int64_t above = below + 1;
    const std::int64_t toward_zero = num < 0 ? above : below;
    const std::int64_t away_from_zero = num < 0 ? below : above;
    switch (mode) {
        case Rounding::floor: return below;
        case Rounding::ceiling: return above;
        case Rounding::down: return toward_zero;
        case Rounding::up: return away_from_zero;
        case Rounding::half_even:
        case Rounding::half_up:
        case Rounding::half_down:
            if (2 * rest < den) return below;
            if (2 * rest > den) return above;
            if (mode == Rounding::half_up) return away_from_zero;
            if (mode == Rounding::half_down) return toward_zero;
            return below % 2 == 0 ? below : above;
    }
    FAIL("unknown rounding mode");
    return 0;
}

}  // namespace

TEST_CASE("Each rounding mode has a name, and the name reads back") {
    CHECK(sifund::to_string(Rounding::half_even) == "half_even");
    CHECK(sifund::to_string(Rounding::half_up) == "half_up");
    CHECK(sifund::to_string(Rounding::half_down) == "half_down");
    CHECK(sifund::to_string(Rounding::up) == "up");
    CHECK(sifund::to_string(Rounding::down) == "down");
    CHECK(sifund::to_string(Rounding::ceiling) == "ceiling");
    CHECK(sifund::to_string(Rounding::floor) == "floor");
    CHECK(std::size(sifund::all_roundings) == 7);
    for (Rounding mode : sifund::all_roundings) CHECK(sifund::rounding_from_string(sifund::to_string(mode)) == mode);

    CHECK(sifund::rounding_from_string("HALF_EVEN") == std::nullopt);
    CHECK(sifund::rounding_from_string("ROUND_HALF_EVEN") == std::nullopt);
    CHECK(sifund::rounding_from_string("bankers") == std::nullopt);
    CHECK(sifund::rounding_from_string("") == std::nullopt);
    static_assert(sifund::rounding_from_string("half_up") == Rounding::half_up);
}

TEST_CASE("Rate::of rounds to the öre as Python's decimal does, in every mode") {
    // A tenth of the amount in öre is the exact value in tenths of an öre.
    const Rate tenth = Rate::parse("0.1");
    for (const Row& row : table)
        for (std::size_t i = 0; i < modes.size(); ++i) {
            INFO(row.tenths << " tenths of an öre, " << sifund::to_string(modes[i]));
            CHECK(tenth.of(Money::from_minor(row.tenths), modes[i]).minor() == row.expected[i]);
        }
}

TEST_CASE("Money::round_to whole kronor follows the same table") {
    // 2,50 kr to whole kronor is the same question as 2.5 öre to whole öre.
    for (const Row& row : table)
        for (std::size_t i = 0; i < modes.size(); ++i) {
            INFO(row.tenths << " tenths of a krona, " << sifund::to_string(modes[i]));
            const Money amount = Money::from_minor(row.tenths * 10);
            CHECK(amount.round_to(Money::kronor(1), modes[i]) == Money::kronor(row.expected[i]));
        }
}

TEST_CASE("Rate::of to a coarser step follows the same table") {
    // 0.1 × 25 000 kr = 2 500 kr: a tie between two thousands.
    const Rate tenth = Rate::parse("0.1");
    for (const Row& row : table)
        for (std::size_t i = 0; i < modes.size(); ++i) {
            INFO(row.tenths << " hundreds of kronor, " << sifund::to_string(modes[i]));
            const Money amount = Money::kronor(row.tenths * 1000);
            CHECK(tenth.of(amount, modes[i], Money::kronor(1000)) == Money::kronor(row.expected[i] * 1000));
        }
}

TEST_CASE("Rounding agrees with its definition for every amount, step and mode") {
    const std::int64_t steps[] = {1, 2, 3, 5, 7, 10, 100, 1000};
    long compared = 0;
    for (Rounding mode : sifund::all_roundings)
        for (std::int64_t step : steps)
            for (std::int64_t n = -1500; n <= 1500; ++n) {
                const Money amount = Money::from_minor(n);
                const Money expected = Money::from_minor(reference(n, step, mode) * step);
                const Money rounded = amount.round_to(Money::from_minor(step), mode);
                if (rounded != expected) {  // one CHECK per failure, not 168 000 passing ones
                    INFO(n << " öre to a step of " << step << " öre, " << sifund::to_string(mode));
                    CHECK(rounded == expected);
                }
                // Rate 1 to a step is the same rounding as round_to.
                if (Rate::one().of(amount, mode, Money::from_minor(step)) != expected) {
                    INFO("1 × " << n << " öre to a step of " << step << ", " << sifund::to_string(mode));
                    CHECK(Rate::one().of(amount, mode, Money::from_minor(step)) == expected);
                }
                ++compared;
            }
    CHECK(compared == 7 * 8 * 3001);
}

TEST_CASE("Rate::of agrees with its definition for rates that leave a remainder") {
    struct Case {
        const char* rate;
        std::int64_t num_per_ore;  // the rate as num_per_ore / den
        std::int64_t den;
    };
    const Case cases[] = {{"0.37", 37, 100}, {"0.005", 5, 1000}, {"2 %", 2, 100}, {"1.125", 1125, 1000},
                          {"0.3333", 3333, 10000}, {"12.5", 125, 10}};
    long compared = 0;
    for (const Case& c : cases) {
        const Rate rate = Rate::parse(c.rate);
        for (Rounding mode : sifund::all_roundings)
            for (std::int64_t n = -2000; n <= 2000; n += 7) {
                const std::int64_t expected = reference(n * c.num_per_ore, c.den, mode);
                const Money got = rate.of(Money::from_minor(n), mode);
                if (got.minor() != expected) {
                    INFO(c.rate << " × " << n << " öre, " << sifund::to_string(mode));
                    CHECK(got.minor() == expected);
                }
                ++compared;
            }
    }
    CHECK(compared == 6 * 7 * 572);
}
