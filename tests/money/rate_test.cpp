// Rate: an exact, non-negative decimal with 18 places, and its one way to an
// amount, rate.of(money, mode), which names how the öre is rounded.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include "error_matcher.hpp"

using sifund::InputError;
using sifund::Money;
using sifund::OverflowError;
using sifund::Rate;
using sifund::Rounding;
using sifund_test::IsError;
using sifund_test::in_quotes;
using units = Rate::units_type;

namespace {
Money kr(std::int64_t whole) { return Money::kronor(whole); }
Money ore(std::int64_t minor) { return Money::from_minor(minor); }
}  // namespace

TEST_CASE("Rate reads a share as a decimal or a percentage") {
    // Örebro sets aside 2 % of its tax revenue; the rulebook may write it either way.
    const Rate share = Rate::parse("0.02");
    CHECK(share.units() == units("20000000000000000"));
    CHECK(Rate::parse("2%") == share);
    CHECK(Rate::parse("2 %") == share);
    CHECK(Rate::parse("2\u00A0%") == share);
    CHECK(Rate::parse("0,02") == share);
    CHECK(Rate::parse("0.020") == share);

    CHECK(Rate::parse("0,5") == Rate::parse("0.5"));
    CHECK(Rate::parse("50 %") == Rate::parse("0.5"));
    CHECK(Rate::parse("0.0075").units() == units("7500000000000000"));
    CHECK(Rate::parse("0.75 %") == Rate::parse("0.0075"));
    CHECK(Rate::parse("1.25").units() == units("1250000000000000000"));
    CHECK(Rate::parse("3") == Rate::parse("300 %"));
    CHECK(Rate::parse("1") == Rate::one());
    CHECK(Rate::parse("0").is_zero());
    CHECK(Rate::parse("0.000").is_zero());
    CHECK(Rate().is_zero());
    CHECK_FALSE(share.is_zero());
}

TEST_CASE("Rate keeps 18 decimals, 16 in a percentage, and refuses more") {
    CHECK(Rate::parse("0.000000000000000001").units() == 1);   // 18 decimals
    CHECK(Rate::parse("0.0000000000000001 %").units() == 1);   // 16 decimals and a percent sign
    CHECK(Rate::parse("1.000000000000000000") == Rate::one());
    for (const std::string text : {"0.0000000000000000001", "0.0000000000000000000", "0.00000000000000001 %",
                                   "0.00000000000000001%"}) {
        INFO("input: " << in_quotes(text));
        CHECK_THROWS_MATCHES(Rate::parse(text), InputError, IsError("rate.parse", in_quotes(text)));
    }
    CHECK_THROWS_WITH(Rate::parse("0.00000000000000001%"), Catch::Contains("more than 16 decimals in a percentage"));
    CHECK_THROWS_WITH(Rate::parse("0.0000000000000000001"), Catch::Contains("more than 18 decimals"));
}

TEST_CASE("Rate refuses negative, empty and malformed text and quotes it") {
    for (const std::string text : {"-0.02", "-2 %", "\u22122 %", "", "%", " %", "abc", "two percent", ".5", "5.",
                                   "0.02 kr", "2 %%", "2 % ", " 0.02", "1 000", "0.02.", "1e-2", "+0.02", "2  %"}) {
        INFO("input: " << in_quotes(text));
        CHECK_THROWS_MATCHES(Rate::parse(text), InputError, IsError("rate.parse", in_quotes(text)));
    }
    CHECK_THROWS_WITH(Rate::parse("-0.02"), Catch::Contains("cannot be negative"));
    CHECK_THROWS_WITH(Rate::parse(""), Catch::Contains("empty"));

    // A hostile rulebook cannot make the parser build an enormous number.
    const std::string sixty(60, '9');
    CHECK_NOTHROW(Rate::parse(sixty));
    CHECK_THROWS_MATCHES(Rate::parse(sixty + "9"), InputError, IsError("rate.parse", "more than 60 digits"));
}

TEST_CASE("Rate::from_units builds a rate from its 10^-18 units, never a negative one") {
    CHECK(Rate::from_units(units(20'000'000'000'000'000)) == Rate::parse("0.02"));
    CHECK(Rate::from_units(units(0)).is_zero());
    CHECK_THROWS_MATCHES(Rate::from_units(units(-1)), InputError, IsError("rate.negative", "-1"));
}

TEST_CASE("Rate prints its shortest exact decimal, or a percentage") {
    CHECK(Rate::parse("0.020").to_string() == "0.02");
    CHECK(Rate::parse("2 %").to_string() == "0.02");
    CHECK(Rate::parse("0.0075").to_string() == "0.0075");
    CHECK(Rate::parse("1.25").to_string() == "1.25");
    CHECK(Rate::parse("1.00").to_string() == "1");
    CHECK(Rate::parse("3").to_string() == "3");
    CHECK(Rate().to_string() == "0");
    CHECK(Rate::parse("0.000000000000000001").to_string() == "0.000000000000000001");
    CHECK(Rate::parse("123456789012345678901234567890.5").to_string() == "123456789012345678901234567890.5");

    CHECK(Rate::parse("0.02").to_percent_string() == "2 %");
    CHECK(Rate::parse("0.0075").to_percent_string() == "0.75 %");
    CHECK(Rate::parse("1.25").to_percent_string() == "125 %");
    CHECK(Rate().to_percent_string() == "0 %");
    CHECK(Rate::parse("0.000000000000000001").to_percent_string() == "0.0000000000000001 %");

    std::ostringstream os;
    os << Rate::parse("0,5");
    CHECK(os.str() == "0.5");

    for (const char* text : {"0.02", "0.0075", "1.25", "9.23", "0.000000000000000001", "1000000000000"}) {
        const Rate rate = Rate::parse(text);
        CHECK(Rate::parse(rate.to_string()) == rate);
        CHECK(Rate::parse(rate.to_percent_string()) == rate);
    }
}

TEST_CASE("Rate::of: a share of tax revenue, exact when it can be") {
    // Örebro: 2 % of 6 512 000 000 kr tax revenue is exactly 130 240 000 kr, in every mode.
    const Money tax_revenue = Money::parse("6 512 000 000 kr");
    const Rate share = Rate::parse("2 %");
    for (Rounding mode : sifund::all_roundings) CHECK(share.of(tax_revenue, mode) == kr(130'240'000));

    CHECK(Rate::one().of(Money::parse("65 000 000 kr"), Rounding::half_even) == kr(65'000'000));
    CHECK(Rate().of(Money::parse("65 000 000 kr"), Rounding::up) == Money());
    CHECK(Rate::parse("1.25").of(kr(2'800'000), Rounding::half_even) == kr(3'500'000));  // a cap factor
    CHECK(Rate::parse("0.75 %").of(kr(65'000'000), Rounding::half_even) == kr(487'500));
    CHECK(share.of(-tax_revenue, Rounding::floor) == kr(-130'240'000));
}

TEST_CASE("Rate::of: a product between two öre is rounded by the named mode") {
    // 0.5 % of 6 512 345 678,90 kr = 32 561 728,3945 kr: not a tie.
    const Money revenue = Money::parse("6512345678.90");
    const Rate half_percent = Rate::parse("0.005");
    CHECK(half_percent.of(revenue, Rounding::half_even).to_string() == "32561728.39");
    CHECK(half_percent.of(revenue, Rounding::half_up).to_string() == "32561728.39");
    CHECK(half_percent.of(revenue, Rounding::half_down).to_string() == "32561728.39");
    CHECK(half_percent.of(revenue, Rounding::up).to_string() == "32561728.40");
    CHECK(half_percent.of(revenue, Rounding::down).to_string() == "32561728.39");
    CHECK(half_percent.of(revenue, Rounding::ceiling).to_string() == "32561728.40");
    CHECK(half_percent.of(revenue, Rounding::floor).to_string() == "32561728.39");
    CHECK(half_percent.of(-revenue, Rounding::ceiling).to_string() == "-32561728.39");
    CHECK(half_percent.of(-revenue, Rounding::floor).to_string() == "-32561728.40");
    CHECK(half_percent.of(-revenue, Rounding::up).to_string() == "-32561728.40");

    // 0.5 % of 3,00 kr = 1,5 öre: an exact tie.
    const Money three = kr(3);
    CHECK(half_percent.of(three, Rounding::half_even) == ore(2));
    CHECK(half_percent.of(three, Rounding::half_up) == ore(2));
    CHECK(half_percent.of(three, Rounding::half_down) == ore(1));
    CHECK(half_percent.of(three, Rounding::up) == ore(2));
    CHECK(half_percent.of(three, Rounding::down) == ore(1));
    CHECK(half_percent.of(three, Rounding::ceiling) == ore(2));
    CHECK(half_percent.of(three, Rounding::floor) == ore(1));
    CHECK(half_percent.of(-three, Rounding::half_even) == ore(-2));
    CHECK(half_percent.of(-three, Rounding::half_up) == ore(-2));
    CHECK(half_percent.of(-three, Rounding::half_down) == ore(-1));
    CHECK(half_percent.of(-three, Rounding::up) == ore(-2));
    CHECK(half_percent.of(-three, Rounding::down) == ore(-1));
    CHECK(half_percent.of(-three, Rounding::ceiling) == ore(-1));
    CHECK(half_percent.of(-three, Rounding::floor) == ore(-2));
}

TEST_CASE("Rate::of rounds to whole kronor or thousands when given a step") {
    // 2 % of 6 512 345 678,90 kr = 130 246 913,578 kr.
    const Money revenue = Money::parse("6512345678.90");
    const Rate share = Rate::parse("0.02");
    CHECK(share.of(revenue, Rounding::half_even) == Money::parse("130246913.58"));
    CHECK(share.of(revenue, Rounding::half_even, kr(1)) == kr(130'246'914));
    CHECK(share.of(revenue, Rounding::down, kr(1)) == kr(130'246'913));
    CHECK(share.of(revenue, Rounding::half_even, kr(1000)) == kr(130'247'000));
    CHECK(share.of(revenue, Rounding::down, kr(1000)) == kr(130'246'000));
    CHECK(share.of(revenue, Rounding::floor, kr(1000)) == kr(130'246'000));
    CHECK(share.of(-revenue, Rounding::floor, kr(1000)) == kr(-130'247'000));
    CHECK(share.of(-revenue, Rounding::ceiling, kr(1000)) == kr(-130'246'000));

    // Half of 3 000 kr is 1 500 kr: a tie between one and two thousand.
    const Rate half = Rate::parse("0.5");
    CHECK(half.of(kr(3000), Rounding::half_even, kr(1000)) == kr(2000));
    CHECK(half.of(kr(3000), Rounding::half_up, kr(1000)) == kr(2000));
    CHECK(half.of(kr(3000), Rounding::half_down, kr(1000)) == kr(1000));
    CHECK(half.of(kr(5000), Rounding::half_even, kr(1000)) == kr(2000));  // 2 500: 2 is even
    CHECK(half.of(kr(-5000), Rounding::half_even, kr(1000)) == kr(-2000));
    CHECK(half.of(kr(-5000), Rounding::half_up, kr(1000)) == kr(-3000));

    CHECK_THROWS_MATCHES(share.of(revenue, Rounding::half_even, Money()), InputError, IsError("money.round_step"));
    CHECK_THROWS_MATCHES(share.of(revenue, Rounding::half_even, kr(-1)), InputError, IsError("money.round_step"));
}

TEST_CASE("Rates from 9.23 up take the arbitrary-precision path and round the same") {
    // Rates up to 9.223372036854775807 (10^-18 units that fit an int64) use a
    // 128-bit product; above that, cpp_int. A rate ten times larger times an
    // amount ten times smaller is the same exact product, so the two paths
    // must agree in every mode, ties included (12.5 × 1 öre = 12.5 öre).
    const Rate slow = Rate::parse("12.5");
    const Rate fast = Rate::parse("1.25");
    long compared = 0;
    for (Rounding mode : sifund::all_roundings)
        for (std::int64_t n = -50; n <= 50; ++n) {
            INFO(n << " öre, " << sifund::to_string(mode));
            CHECK(slow.of(ore(n), mode) == fast.of(ore(n * 10), mode));
            ++compared;
        }
    CHECK(compared == 7 * 101);
    CHECK(slow.of(ore(1), Rounding::half_even) == ore(12));
    CHECK(slow.of(ore(1), Rounding::half_up) == ore(13));
    CHECK(slow.of(ore(-1), Rounding::ceiling) == ore(-12));
    CHECK(slow.of(ore(-1), Rounding::floor) == ore(-13));

    CHECK(Rate::parse("9.23").of(kr(100'000), Rounding::half_even) == kr(923'000));

    // Either side of the boundary, one unit apart.
    const Rate last_fast = Rate::from_units(units(std::numeric_limits<std::int64_t>::max()));
    const Rate first_slow = last_fast + Rate::from_units(units(1));
    CHECK(last_fast.to_string() == "9.223372036854775807");
    CHECK(first_slow.to_string() == "9.223372036854775808");
    // × 10 000 kr: 9 223 372,036854775807 öre and 9 223 372,036854775808 öre.
    for (const Rate& rate : {last_fast, first_slow}) {
        INFO("rate " << rate);
        CHECK(rate.of(kr(10'000), Rounding::half_even) == ore(9'223'372));
        CHECK(rate.of(kr(10'000), Rounding::up) == ore(9'223'373));
        CHECK(rate.of(kr(-10'000), Rounding::floor) == ore(-9'223'373));
        CHECK(rate.of(kr(-10'000), Rounding::down) == ore(-9'223'372));
    }
}

TEST_CASE("Huge rates are exact, and a product that does not fit is an overflow") {
    const Rate trillion = Rate::parse("1000000000000");
    CHECK(trillion.of(ore(1), Rounding::half_even) == kr(10'000'000'000));
    CHECK(trillion.of(Money(), Rounding::half_even) == Money());
    CHECK_THROWS_MATCHES(trillion.of(kr(65'000'000), Rounding::half_even), OverflowError,
                         IsError("money.overflow", "rate × amount"));
    CHECK_THROWS_MATCHES(trillion.of(kr(-65'000'000), Rounding::half_even), OverflowError,
                         IsError("money.overflow"));

    // The largest amount as a rate of one krona: exactly Money::max(), and one öre more overflows.
    const Rate max_as_rate = Rate::parse("92233720368547758.07");
    CHECK(max_as_rate.of(kr(1), Rounding::half_even) == Money::max());
    CHECK_THROWS_AS(max_as_rate.of(ore(101), Rounding::half_even), OverflowError);
    CHECK(Rate::parse("92233720368547758.08").of(kr(-1), Rounding::half_even) == Money::min());

    // The 128-bit path refuses a result beyond int64 too.
    CHECK_THROWS_MATCHES(Rate::parse("2").of(Money::max(), Rounding::half_even), OverflowError,
                         IsError("money.overflow"));
    CHECK_THROWS_AS(Rate::parse("9").of(Money::min(), Rounding::down), OverflowError);
    CHECK(Rate::parse("0.5").of(Money::max(), Rounding::down) == ore(std::numeric_limits<std::int64_t>::max() / 2));
    CHECK(Rate::one().of(Money::max(), Rounding::half_even) == Money::max());
    CHECK(Rate::one().of(Money::min(), Rounding::half_even) == Money::min());
    // Rounding can leave the range too: max() rounded up to whole kronor does not fit.
    CHECK_THROWS_AS(Rate::one().of(Money::max(), Rounding::up, kr(1)), OverflowError);
}

TEST_CASE("Rates add, and subtract down to zero but not below") {
    const Rate base = Rate::parse("2 %");
    const Rate extra = Rate::parse("0.5 %");
    CHECK(base + extra == Rate::parse("0.025"));
    CHECK(base - extra == Rate::parse("1.5 %"));
    CHECK(base - base == Rate());
    CHECK(Rate::parse("9") + Rate::parse("0.5") == Rate::parse("9.5"));  // into the cpp_int range
    CHECK(Rate::parse("9.5") - Rate::parse("0.5") == Rate::parse("9"));  // and out of it
    CHECK((Rate::parse("9.5") - Rate::parse("0.5")).of(kr(1), Rounding::half_even) == kr(9));
    CHECK_THROWS_MATCHES(extra - base, InputError, IsError("rate.negative"));
}

TEST_CASE("Rates order by value, however they were written") {
    CHECK(Rate() < Rate::parse("0.000000000000000001"));
    CHECK(Rate::parse("0.5 %") < Rate::parse("2 %"));
    CHECK(Rate::parse("2 %") < Rate::one());
    CHECK(Rate::one() < Rate::parse("9.23"));
    CHECK(Rate::parse("9.23") < Rate::parse("1000000000000"));
    CHECK(Rate::parse("50 %") == Rate::parse("0,50"));
    CHECK(Rate::parse("50 %") <= Rate::parse("0.5"));
    CHECK(Rate::parse("50 %") >= Rate::parse("0.5"));
    CHECK(Rate::parse("2 %") != Rate::parse("0.2"));
    CHECK((Rate::parse("9.23") <=> Rate::parse("9.2300")) == std::strong_ordering::equal);
    CHECK((Rate::parse("12") <=> Rate::parse("9.23")) == std::strong_ordering::greater);
}
