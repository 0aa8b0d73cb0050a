// allocate: splitting an amount into parts that add up to it, to the öre.
// Largest remainder: each part gets the floor of its exact share, and the öre
// left over go one each to the largest remainders, ties to the earlier part.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "error_matcher.hpp"

using sifund::allocate;
using sifund::InputError;
using sifund::Money;
using sifund::Rate;
using sifund_test::IsError;

namespace {
Money kr(std::int64_t whole) { return Money::kronor(whole); }
Money ore(std::int64_t minor) { return Money::from_minor(minor); }

Money sum(const std::vector<Money>& parts) {
    Money total;
    for (Money p : parts) total += p;
    return total;
}

std::vector<Money> negated(const std::vector<Money>& parts) {
    std::vector<Money> out;
    for (Money p : parts) out.push_back(-p);
    return out;
}
}  // namespace

TEST_CASE("A grant of 2 800 000 kr over 2014-2016 in three equal parts") {
    const std::vector<Money> years = allocate(kr(2'800'000), 3);
    // 933 333,333... kr each: the one öre left over goes to the first year.
    CHECK(years == std::vector<Money>{Money::parse("933 333,34"), Money::parse("933 333,33"),
                                      Money::parse("933 333,33")});
    CHECK(sum(years) == kr(2'800'000));

    CHECK(allocate(kr(2'800'000), 1) == std::vector<Money>{kr(2'800'000)});
    CHECK(allocate(kr(2'800'000), 4) == std::vector<Money>(4, kr(700'000)));
    // 1 200,04 kr in twelve monthly payments: 100,01 kr for the first four, then 100,00 kr.
    const std::vector<Money> months = allocate(Money::parse("1 200,04"), 12);
    CHECK(months.front() == Money::parse("100,01"));
    CHECK(months[3] == Money::parse("100,01"));
    CHECK(months[4] == kr(100));
    CHECK(months.back() == kr(100));
    CHECK(sum(months) == Money::parse("1 200,04"));
    // Fewer öre than parts: the later parts get nothing.
    CHECK(allocate(ore(2), 3) == std::vector<Money>{ore(1), ore(1), ore(0)});
    CHECK(allocate(Money(), 3) == std::vector<Money>(3, Money()));
}

TEST_CASE("A grant split by each year's budget, in proportion to the amounts") {
    // Budgets of 900 000, 1 100 000 and 1 000 000 kr: shares 30 %, 36,67 %, 33,33 %.
    const std::vector<Money> budgets = {kr(900'000), kr(1'100'000), kr(1'000'000)};
    const std::vector<Money> parts = allocate(kr(2'800'000), budgets);
    // Exact shares: 840 000, 1 026 666,666..., 933 333,333... kr: the left-over
    // öre goes to 2015, whose remainder (2/3 öre) is the largest.
    CHECK(parts == std::vector<Money>{kr(840'000), Money::parse("1 026 666,67"), Money::parse("933 333,33")});
    CHECK(sum(parts) == kr(2'800'000));

    // Örebro's 65 000 000 kr lump sum in proportion to three projects' budgets.
    const std::vector<Money> projects = {kr(12'500'000), kr(30'000'000), kr(7'500'000)};
    CHECK(allocate(kr(65'000'000), projects) ==
          std::vector<Money>{kr(16'250'000), kr(39'000'000), kr(9'750'000)});
}

TEST_CASE("Parts in proportion to integer weights; a tie in remainders goes to the earlier part") {
    // 1 kr by 3 : 2 : 2 is 42,857 + 28,571 + 28,571 öre. Floors 42 + 28 + 28 = 98;
    // the first öre goes to the largest remainder (part 1), the second to the
    // tie between parts 2 and 3, which the earlier one wins.
    const std::vector<std::int64_t> weights = {3, 2, 2};
    CHECK(allocate(kr(1), weights) == std::vector<Money>{ore(43), ore(29), ore(28)});

    // The order of the weights decides the tie, not their size or position alone.
    const std::vector<std::int64_t> reordered = {2, 2, 3};
    CHECK(allocate(kr(1), reordered) == std::vector<Money>{ore(29), ore(28), ore(43)});

    // Weights in öre, as a budget would give them.
    const std::vector<std::int64_t> budget_ore = {90'000'000, 110'000'000, 100'000'000};
    CHECK(allocate(kr(2'800'000), budget_ore) ==
          std::vector<Money>{kr(840'000), Money::parse("1 026 666,67"), Money::parse("933 333,33")});
}

TEST_CASE("Parts in proportion to rates, which need not add up to one") {
    // 1 000,01 kr by 50 % / 30 % / 20 %: 500,005 + 300,003 + 200,002 kr.
    const std::vector<Rate> shares = {Rate::parse("50 %"), Rate::parse("30 %"), Rate::parse("20 %")};
    CHECK(allocate(Money::parse("1 000,01"), shares) ==
          std::vector<Money>{Money::parse("500,01"), kr(300), kr(200)});

    // Two funds that each take 2 %: the amount is split in halves.
    const std::vector<Rate> equal = {Rate::parse("2 %"), Rate::parse("0.02")};
    CHECK(allocate(ore(101), equal) == std::vector<Money>{ore(51), ore(50)});

    // Rates beyond the int64 range of units are weights like any other.
    const std::vector<Rate> large = {Rate::parse("1000000000000"), Rate::parse("3000000000000")};
    CHECK(allocate(kr(100), large) == std::vector<Money>{kr(25), kr(75)});
}

TEST_CASE("A part with zero weight gets nothing, not even a left-over öre") {
    const std::vector<std::int64_t> weights = {0, 1, 0, 2, 0};
    const std::vector<Money> parts = allocate(ore(100), weights);
    // 33,33 and 66,67 öre: the left-over öre goes to the larger remainder.
    CHECK(parts == std::vector<Money>{ore(0), ore(33), ore(0), ore(67), ore(0)});

    const std::vector<Money> budgets = {Money(), kr(1), Money()};
    CHECK(allocate(kr(65'000'000), budgets) == std::vector<Money>{Money(), kr(65'000'000), Money()});
}

TEST_CASE("A negative total is split like the positive one, with the sign applied last") {
    CHECK(allocate(kr(-1), 3) == std::vector<Money>{ore(-34), ore(-33), ore(-33)});
    const std::vector<std::int64_t> weights = {3, 2, 2};
    CHECK(allocate(kr(-1), weights) == std::vector<Money>{ore(-43), ore(-29), ore(-28)});

    for (Money total : {ore(1), ore(7), Money::parse("2 800 000"), Money::parse("6512345678.91")}) {
        INFO("total " << total);
        CHECK(allocate(-total, 7) == negated(allocate(total, 7)));
        CHECK(allocate(-total, weights) == negated(allocate(total, weights)));
    }
}

TEST_CASE("Allocation holds at the limits of Money") {
    const std::vector<Money> halves = allocate(Money::max(), 2);
    CHECK(halves == std::vector<Money>{ore(4'611'686'018'427'387'904), ore(4'611'686'018'427'387'903)});
    CHECK(sum(halves) == Money::max());

    CHECK(allocate(Money::min(), 1) == std::vector<Money>{Money::min()});
    const std::vector<Money> thirds = allocate(Money::min(), 3);
    CHECK(sum(thirds) == Money::min());
    CHECK(thirds[0] == ore(-3'074'457'345'618'258'603));

    const std::vector<std::int64_t> extreme = {std::numeric_limits<std::int64_t>::max(), 1};
    const std::vector<Money> parts = allocate(Money::max(), extreme);
    CHECK(parts == std::vector<Money>{ore(std::numeric_limits<std::int64_t>::max() - 1), ore(1)});
}

TEST_CASE("Allocation refuses no parts, zero weights and negative weights") {
    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), 0), InputError, IsError("allocate.no_parts", "2800000.00"));
    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<std::int64_t>{}), InputError,
                         IsError("allocate.no_parts"));
    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<Money>{}), InputError, IsError("allocate.no_parts"));
    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<Rate>{}), InputError, IsError("allocate.no_parts"));

    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<std::int64_t>{0, 0, 0}), InputError,
                         IsError("allocate.zero_weights"));
    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<Rate>{Rate(), Rate()}), InputError,
                         IsError("allocate.zero_weights"));
    CHECK_THROWS_MATCHES(allocate(Money(), std::vector<Money>{Money()}), InputError,
                         IsError("allocate.zero_weights"));

    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<std::int64_t>{3, -1}), InputError,
                         IsError("allocate.negative_weight"));
    CHECK_THROWS_MATCHES(allocate(kr(2'800'000), std::vector<Money>{kr(1'000'000), kr(-500'000)}), InputError,
                         IsError("allocate.negative_weight"));
}

TEST_CASE("Every allocation adds up to its total and gives each part its share to within one öre") {
    using boost::multiprecision::cpp_int;
    // A small deterministic generator: the same weights on every run.
    std::uint64_t state = 0x5eed'2014'2016;
    auto next = [&state](std::uint64_t bound) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        return (state >> 33) % bound;
    };
    const Money totals[] = {ore(1), ore(99), kr(2'800'000), Money::parse("6512345678.91"), kr(-65'000'000),
                            Money::max(), Money::min()};
    int allocations = 0;
    for (Money total : totals)
        for (int trial = 0; trial < 40; ++trial) {
            std::vector<std::int64_t> weights(1 + next(12));
            for (auto& w : weights) w = static_cast<std::int64_t>(next(trial % 2 == 0 ? 10 : 1'000'000'000));
            weights[next(weights.size())] += 1;  // never all zero
            const std::vector<Money> parts = allocate(total, weights);
            REQUIRE(parts.size() == weights.size());
            CHECK(sum(parts) == total);

            cpp_int weight_sum = 0;
            for (auto w : weights) weight_sum += w;
            const cpp_int whole = total.is_negative() ? -cpp_int(total.minor()) : cpp_int(total.minor());
            for (std::size_t i = 0; i < parts.size(); ++i) {
                const cpp_int share_floor = whole * weights[i] / weight_sum;
                const cpp_int got = total.is_negative() ? -cpp_int(parts[i].minor()) : cpp_int(parts[i].minor());
                if (got < share_floor || got > share_floor + 1 || (weights[i] == 0 && got != 0)) {
                    INFO("total " << total << ", part " << i << " of " << parts.size());
                    CHECK(got == share_floor);
                }
            }
            ++allocations;
        }
    CHECK(allocations == 7 * 40);
}
