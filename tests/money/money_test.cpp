// Money: an exact amount of öre. How it is read, written, added and refused.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <unordered_set>

#include "error_matcher.hpp"

using sifund::Currency;
using sifund::CurrencyError;
using sifund::InputError;
using sifund::Money;
using sifund::OverflowError;
using sifund_test::IsError;
using sifund_test::in_quotes;

namespace {
Money kr(std::int64_t whole) { return Money::kronor(whole); }
Money ore(std::int64_t minor) { return Money::from_minor(minor); }
}  // namespace

TEST_CASE("Money reads the forms a finance office writes") {
    CHECK(Money::parse("1234567.89").minor() == 123456789);
    CHECK(Money::parse("-0.50").minor() == -50);
    CHECK(Money::parse("1234567").minor() == 123456700);
    CHECK(Money::parse("1 234 567,89").minor() == 123456789);
    CHECK(Money::parse("1 234 567,89 kr").minor() == 123456789);
    CHECK(Money::parse("65 000 000 kr").to_string() == "65000000.00");
}

TEST_CASE("Money reads one decimal, a decimal comma and no grouping at all") {
    CHECK(Money::parse("12.5").minor() == 1250);
    CHECK(Money::parse("0,5").minor() == 50);
    CHECK(Money::parse("1234,50").minor() == 123450);
    CHECK(Money::parse("0").minor() == 0);
    CHECK(Money::parse("-0").minor() == 0);
    CHECK(Money::parse("0.01").minor() == 1);
    CHECK(Money::parse("999").minor() == 99900);     // three digits are not yet a group
    CHECK(Money::parse("1 000").minor() == 100000);  // one group of thousands
}

TEST_CASE("Money reads the spaces and the minus sign of Swedish typesetting") {
    // A report copied from a word processor: no-break spaces (U+00A0) or
    // narrow no-break spaces (U+202F) between the groups and before "kr",
    // and the typographic minus U+2212 instead of a hyphen.
    CHECK(Money::parse("1\u00A0234\u00A0567,89\u00A0kr").minor() == 123456789);
    CHECK(Money::parse("1\u202F234\u202F567,89\u202Fkr").minor() == 123456789);
    CHECK(Money::parse("\u22121 234,50 kr").minor() == -123450);
    CHECK(Money::parse("\u22120,50").minor() == -50);
    CHECK(Money::parse("-1 234,50 kr").minor() == -123450);
    // The currency's code works as well as its sign, and the unit may touch the number.
    CHECK(Money::parse("1 234 567,89 SEK").minor() == 123456789);
    CHECK(Money::parse("6 512 000 000 SEK").minor() == 651200000000);
    CHECK(Money::parse("100kr").minor() == 10000);
}

TEST_CASE("Money refuses text that is not an amount and quotes the text") {
    auto refuses = [](const std::string& text) {
        INFO("input: " << in_quotes(text));
        CHECK_THROWS_MATCHES(Money::parse(text), InputError, IsError("money.parse", in_quotes(text)));
    };
    SECTION("more than two decimals: amounts are exact to the öre") {
        refuses("1.234");
        refuses("0.001");
        refuses("1.230");      // even a trailing zero: the writer meant a precision we do not keep
        refuses("12,345");     // not a thousands comma: a decimal comma with three decimals
    }
    SECTION("junk, empty, and half-written numbers") {
        refuses("");
        refuses("twelve");
        refuses("12 kronor");  // an unknown unit, not a currency
        refuses("12 sek");     // codes are upper case
        refuses("1e6");
        refuses("0x10");
        refuses("+5");
        refuses("-");
        refuses("kr");
        refuses("1.");
        refuses(".50");
        refuses(" 100");
        refuses("100 ");
        refuses("100  kr");    // one separator before the unit, not two
        refuses("- 5");
        refuses("1,234.56");   // the American form
        refuses("12.50.");
    }
    SECTION("a decimal point after Swedish groups is a mix of two conventions") {
        refuses("1 234.50");
        refuses("1\u00A0234.50 kr");
    }
    SECTION("groups of thousands have three digits") {
        refuses("12 34");
        refuses("1 2345");
        refuses("1234 567");
        refuses("1 23 456");
        refuses("1 234 56,00");
    }
    SECTION("the message says why") {
        CHECK_THROWS_WITH(Money::parse(""), Catch::Contains("empty"));
        CHECK_THROWS_WITH(Money::parse("1.234"), Catch::Contains("more than two decimals"));
        CHECK_THROWS_WITH(Money::parse("12 34"), Catch::Contains("three digits"));
        CHECK_THROWS_WITH(Money::parse("12 kronor"), Catch::Contains("unknown unit \"kronor\""));
    }
}

TEST_CASE("Money holds exactly ±2^63 öre and refuses one öre more") {
    CHECK(Money::parse("92233720368547758.07") == Money::max());
    CHECK(Money::parse("-92233720368547758.08") == Money::min());
    CHECK(Money::parse("92 233 720 368 547 758,07 kr") == Money::max());

    for (const std::string text : {"92233720368547758.08", "-92233720368547758.09", "92 233 720 368 547 759 kr",
                                   "100000000000000000", "99999999999999999999999999"}) {
        INFO("input: " << in_quotes(text));
        CHECK_THROWS_MATCHES(Money::parse(text), InputError, IsError("money.out_of_range", in_quotes(text)));
    }
}

TEST_CASE("Money refuses an amount in another currency than the fund's") {
    CHECK_THROWS_MATCHES(Money::parse("100 EUR"), CurrencyError, IsError("currency.mismatch", in_quotes("100 EUR")));
    CHECK_THROWS_MATCHES(Money::parse("1 234,50 USD"), CurrencyError,
                         IsError("currency.mismatch", in_quotes("1 234,50 USD")));

    const Currency eur = Currency::parse("EUR");
    CHECK(Money::parse("1 234,50 EUR", eur).minor() == 123450);
    CHECK(Money::parse("1234.50", eur).minor() == 123450);  // no unit: the fund's currency
    CHECK_THROWS_MATCHES(Money::parse("100 kr", eur), CurrencyError, IsError("currency.mismatch", in_quotes("100 kr")));
    CHECK_THROWS_MATCHES(Money::parse("100 SEK", eur), CurrencyError,
                         IsError("currency.mismatch", in_quotes("100 SEK")));

    // "kr" is the sign of all three Scandinavian kronor; the code tells them apart.
    const Currency nok = Currency::parse("NOK");
    CHECK(Money::parse("100 kr", nok).minor() == 10000);
    CHECK(Money::parse("100 NOK", nok).minor() == 10000);
    CHECK_THROWS_MATCHES(Money::parse("100 SEK", nok), CurrencyError,
                         IsError("currency.mismatch", in_quotes("100 SEK")));
}

TEST_CASE("Currency knows the codes a Nordic fund meets") {
    CHECK(Currency().code() == "SEK");
    CHECK(Currency::sek() == Currency::parse("SEK"));
    CHECK(Currency::sek().symbol() == "kr");
    CHECK(Currency::parse("DKK").symbol() == "kr");
    CHECK(Currency::parse("EUR").symbol() == "EUR");
    CHECK_FALSE(Currency::parse("EUR") == Currency::sek());
    CHECK_THROWS_MATCHES(Currency::parse("sek"), InputError, IsError("currency.unknown", in_quotes("sek")));
    CHECK_THROWS_MATCHES(Currency::parse("XYZ"), InputError, IsError("currency.unknown", in_quotes("XYZ")));

    CHECK_NOTHROW(sifund::require_same_currency(Currency::sek(), Currency::parse("SEK"), "the grant"));
    CHECK_THROWS_MATCHES(sifund::require_same_currency(Currency::sek(), Currency::parse("EUR"), "the grant"),
                         CurrencyError, IsError("currency.mismatch", "the grant is in EUR"));
}

TEST_CASE("Money::to_string is the plain form: two decimals, a point, no grouping") {
    CHECK(Money().to_string() == "0.00");
    CHECK(ore(5).to_string() == "0.05");
    CHECK(ore(-5).to_string() == "-0.05");
    CHECK(ore(-50).to_string() == "-0.50");
    CHECK(kr(-1).to_string() == "-1.00");
    CHECK(ore(123456789).to_string() == "1234567.89");
    CHECK(kr(65'000'000).to_string() == "65000000.00");
    CHECK(Money::max().to_string() == "92233720368547758.07");
    CHECK(Money::min().to_string() == "-92233720368547758.08");

    std::string line = "total: ";
    kr(1234).append_to(line);
    CHECK(line == "total: 1234.00");

    std::ostringstream os;
    os << ore(-123450);
    CHECK(os.str() == "-1234.50");

    for (Money m : {Money(), ore(1), ore(-1), ore(123456789), Money::max(), Money::min()})
        CHECK(Money::parse(m.to_string()) == m);
}

TEST_CASE("Money::to_swedish is the report form: spaces between thousands, a decimal comma, kr") {
    CHECK(ore(123456789).to_swedish() == "1 234 567,89 kr");
    CHECK(kr(6'512'000'000).to_swedish() == "6 512 000 000,00 kr");
    CHECK(kr(1000).to_swedish() == "1 000,00 kr");
    CHECK(ore(99999).to_swedish() == "999,99 kr");
    CHECK(ore(-5).to_swedish() == "-0,05 kr");
    CHECK(ore(-123450).to_swedish() == "-1 234,50 kr");
    CHECK(Money().to_swedish() == "0,00 kr");
    CHECK(ore(123456789).to_swedish(Currency::parse("EUR")) == "1 234 567,89 EUR");
    CHECK(ore(123456789).to_swedish(Currency::sek(), false) == "1 234 567,89");
    CHECK(Money::min().to_swedish() == "-92 233 720 368 547 758,08 kr");

    for (Money m : {ore(1), ore(-123450), kr(65'000'000), Money::max(), Money::min()})
        CHECK(Money::parse(m.to_swedish()) == m);
}

TEST_CASE("Money is built from öre or whole kronor, never from a bare number") {
    CHECK(Money().is_zero());
    CHECK(Money::kronor(65'000'000).minor() == 6'500'000'000);
    CHECK(Money::kronor(-3).minor() == -300);
    CHECK(Money::from_minor(-1).is_negative());
    CHECK(Money::from_minor(1).is_positive());
    CHECK_FALSE(Money().is_positive());
    CHECK_FALSE(Money().is_negative());
    // The largest whole number of kronor that fits, and the next.
    CHECK(Money::kronor(92'233'720'368'547'758).minor() == 9'223'372'036'854'775'800);
    CHECK_THROWS_MATCHES(Money::kronor(92'233'720'368'547'759), OverflowError, IsError("money.overflow", "kronor"));
    CHECK_THROWS_MATCHES(Money::kronor(std::numeric_limits<std::int64_t>::min()), OverflowError,
                         IsError("money.overflow"));
}

TEST_CASE("Money adds, subtracts and multiplies by a count exactly") {
    // Örebro's lump sum and its yearly 2 % of tax revenue.
    const Money lump_sum = Money::parse("65 000 000 kr");
    const Money yearly = Money::parse("130 240 000 kr");
    CHECK(lump_sum + yearly == Money::parse("195 240 000 kr"));
    CHECK(lump_sum - yearly == Money::parse("-65 240 000 kr"));
    CHECK(-lump_sum == Money::parse("-65000000"));
    CHECK((-lump_sum).abs() == lump_sum);
    CHECK(lump_sum.abs() == lump_sum);

    // 12 monthly payments of 233 333,33 kr, either way round.
    const Money monthly = Money::parse("233 333,33 kr");
    CHECK(monthly * 12 == Money::parse("2 799 999,96 kr"));
    CHECK(12 * monthly == monthly * 12);
    CHECK(monthly * -1 == -monthly);
    CHECK(monthly * 0 == Money());
    CHECK(monthly * std::int64_t{3} == Money::parse("699 999,99"));
    CHECK(monthly * 3u == Money::parse("699 999,99"));

    Money balance = lump_sum;
    balance += yearly;
    balance -= Money::parse("2 800 000");
    CHECK(balance == Money::parse("192 440 000"));

    // Money is a constant expression where it can be.
    constexpr Money tranche = Money::kronor(700'000) + Money::from_minor(50);
    static_assert(tranche.minor() == 70'000'050);
    static_assert((tranche * 4).minor() == 280'000'200);
}

TEST_CASE("Money overflow is an error, never a wrap or a clamp") {
    const Money one_ore = ore(1);
    CHECK(Money::max() - one_ore + one_ore == Money::max());
    CHECK(Money::min() + one_ore - one_ore == Money::min());

    CHECK_THROWS_MATCHES(Money::max() + one_ore, OverflowError, IsError("money.overflow", "addition"));
    CHECK_THROWS_MATCHES(Money::min() - one_ore, OverflowError, IsError("money.overflow", "subtraction"));
    CHECK_THROWS_MATCHES(Money::min() + -one_ore, OverflowError, IsError("money.overflow", "addition"));
    CHECK_THROWS_MATCHES(-Money::min(), OverflowError, IsError("money.overflow", "negation"));
    CHECK_THROWS_MATCHES(Money::min().abs(), OverflowError, IsError("money.overflow", "negation"));
    CHECK_THROWS_MATCHES(Money::max() * 2, OverflowError, IsError("money.overflow", "multiplication"));
    CHECK_THROWS_MATCHES(Money::min() * -1, OverflowError, IsError("money.overflow", "multiplication"));
    CHECK_THROWS_MATCHES(kr(1) * std::numeric_limits<std::int64_t>::max(), OverflowError,
                         IsError("money.overflow", "multiplication"));
    CHECK_THROWS_MATCHES(2 * Money::min(), OverflowError, IsError("money.overflow", "multiplication"));
    CHECK_THROWS_AS(kr(1) * std::numeric_limits<std::uint64_t>::max(), OverflowError);
    CHECK(-Money::max() == Money::min() + one_ore);
    CHECK(Money::max() * 1 == Money::max());
    CHECK(Money::min() * 1 == Money::min());
}

TEST_CASE("Regression: a += or -= that overflows leaves the amount unchanged") {
    // The overflow builtins store the wrapped result even when they report
    // overflow; an account caught in a failed += must not turn into -92 quadrillion.
    Money balance = Money::max();
    CHECK_THROWS_AS(balance += ore(1), OverflowError);
    CHECK(balance == Money::max());

    Money debt = Money::min();
    CHECK_THROWS_AS(debt -= ore(1), OverflowError);
    CHECK(debt == Money::min());
}

TEST_CASE("Money orders like the numbers it holds") {
    const Money small = Money::parse("-0.01");
    const Money large = Money::parse("65 000 000 kr");
    CHECK(Money::min() < small);
    CHECK(small < Money());
    CHECK(Money() < ore(1));
    CHECK(large < Money::max());
    CHECK(large > small);
    CHECK(large >= large);
    CHECK(small <= small);
    CHECK(large != small);
    CHECK((small <=> large) == std::strong_ordering::less);
    CHECK((large <=> Money::parse("65000000.00")) == std::strong_ordering::equal);
    CHECK(sifund::min(small, large) == small);
    CHECK(sifund::max(small, large) == large);
    CHECK(sifund::max(ore(7), ore(7)) == ore(7));
}

TEST_CASE("Equal amounts hash equally, however they were written") {
    const std::hash<Money> hash;
    CHECK(hash(Money::parse("1 234,50 kr")) == hash(Money::parse("1234.5")));

    std::unordered_set<Money> seen;
    seen.insert(Money::parse("1 234,50 kr"));
    seen.insert(Money::parse("1234.5"));
    seen.insert(Money::parse("1234.50 SEK"));
    seen.insert(Money::parse("-1234.50"));
    CHECK(seen.size() == 2);
    CHECK(seen.count(ore(123450)) == 1);
    CHECK(seen.count(ore(-123450)) == 1);
    CHECK(seen.count(ore(123451)) == 0);
}

TEST_CASE("Money::round_to rounds to whole kronor and thousands by the named mode") {
    using R = sifund::Rounding;
    // 1 234 567,50 kr is an exact tie between two whole kronor.
    const Money tie = Money::parse("1 234 567,50");
    CHECK(tie.round_to(kr(1), R::half_even) == kr(1'234'568));  // 1 234 567 is odd
    CHECK(tie.round_to(kr(1), R::half_up) == kr(1'234'568));
    CHECK(tie.round_to(kr(1), R::half_down) == kr(1'234'567));
    CHECK(tie.round_to(kr(1), R::up) == kr(1'234'568));
    CHECK(tie.round_to(kr(1), R::down) == kr(1'234'567));
    CHECK(tie.round_to(kr(1), R::ceiling) == kr(1'234'568));
    CHECK(tie.round_to(kr(1), R::floor) == kr(1'234'567));

    CHECK((-tie).round_to(kr(1), R::half_even) == kr(-1'234'568));
    CHECK((-tie).round_to(kr(1), R::half_up) == kr(-1'234'568));
    CHECK((-tie).round_to(kr(1), R::half_down) == kr(-1'234'567));
    CHECK((-tie).round_to(kr(1), R::up) == kr(-1'234'568));
    CHECK((-tie).round_to(kr(1), R::down) == kr(-1'234'567));
    CHECK((-tie).round_to(kr(1), R::ceiling) == kr(-1'234'567));
    CHECK((-tie).round_to(kr(1), R::floor) == kr(-1'234'568));

    // A budget frame in thousands: 65 432 500 kr is a tie between 65 432 and 65 433 thousand.
    const Money frame = kr(65'432'500);
    CHECK(frame.round_to(kr(1000), R::half_even) == kr(65'432'000));
    CHECK(frame.round_to(kr(1000), R::half_up) == kr(65'433'000));
    CHECK(frame.round_to(kr(1000), R::half_down) == kr(65'432'000));
    CHECK(frame.round_to(kr(1000), R::up) == kr(65'433'000));
    CHECK(frame.round_to(kr(1000), R::down) == kr(65'432'000));
    CHECK(frame.round_to(kr(1000), R::ceiling) == kr(65'433'000));
    CHECK(frame.round_to(kr(1000), R::floor) == kr(65'432'000));
    CHECK((-frame).round_to(kr(1000), R::ceiling) == kr(-65'432'000));
    CHECK((-frame).round_to(kr(1000), R::floor) == kr(-65'433'000));

    // Not a tie: 65 432 501 kr is nearer 65 433 thousand.
    CHECK(kr(65'432'501).round_to(kr(1000), R::half_down) == kr(65'433'000));
    CHECK(kr(65'432'499).round_to(kr(1000), R::half_up) == kr(65'432'000));

    // Already a multiple: every mode leaves it alone.
    for (R mode : sifund::all_roundings) {
        CHECK(kr(65'000'000).round_to(kr(1000), mode) == kr(65'000'000));
        CHECK(Money::max().round_to(ore(1), mode) == Money::max());
    }
}

TEST_CASE("Money::round_to refuses a step that is not positive and a result that does not fit") {
    using R = sifund::Rounding;
    CHECK_THROWS_MATCHES(kr(5).round_to(Money(), R::half_even), InputError, IsError("money.round_step"));
    CHECK_THROWS_MATCHES(kr(5).round_to(kr(-1), R::half_even), InputError, IsError("money.round_step", "-1.00"));
    CHECK_THROWS_MATCHES(Money::max().round_to(kr(1), R::up), OverflowError, IsError("money.overflow", "rounding"));
    CHECK_THROWS_MATCHES(Money::min().round_to(kr(1), R::floor), OverflowError, IsError("money.overflow"));
    CHECK(Money::max().round_to(kr(1), R::down) == kr(92'233'720'368'547'758));
}
