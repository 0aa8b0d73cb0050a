// BudgetYear: the year a budget frame covers. Calendar years by default; a
// fund whose year starts in July names it by the year it starts: "2014/15".

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <sstream>

#include "error_matcher.hpp"

using sifund::BudgetYear;
using sifund::Date;
using sifund::InputError;
using sifund_test::IsError;

namespace {
Date d(const char* iso) { return Date::parse(iso); }
}  // namespace

TEST_CASE("A Swedish municipality budgets by calendar year") {
    const BudgetYear year(2014);
    CHECK(year.year() == 2014);
    CHECK(year.start_month() == 1);
    CHECK(year.to_string() == "2014");
    CHECK(year.first_day() == d("2014-01-01"));
    CHECK(year.last_day() == d("2014-12-31"));
    CHECK(year.period().days() == 365);
    CHECK(BudgetYear(2016).period().days() == 366);

    CHECK(BudgetYear::containing(d("2014-01-01")) == year);
    CHECK(BudgetYear::containing(d("2014-12-31")) == year);
    CHECK(BudgetYear::containing(d("2015-01-01")) == BudgetYear(2015));
    CHECK(year.contains(d("2014-06-15")));
    CHECK_FALSE(year.contains(d("2013-12-31")));
    CHECK_FALSE(year.contains(d("2015-01-01")));
}

TEST_CASE("A budget year that starts in July is named by the year it starts in") {
    const BudgetYear year(2014, 7);
    CHECK(year.to_string() == "2014/15");
    CHECK(year.first_day() == d("2014-07-01"));
    CHECK(year.last_day() == d("2015-06-30"));
    CHECK(year.period().to_string() == "2014-07-01..2015-06-30");
    CHECK(year.period().days() == 365);

    CHECK(BudgetYear::containing(d("2014-07-01"), 7) == year);
    CHECK(BudgetYear::containing(d("2015-06-30"), 7) == year);   // still 2014/15
    CHECK(BudgetYear::containing(d("2014-06-30"), 7) == BudgetYear(2013, 7));
    CHECK(BudgetYear::containing(d("2015-07-01"), 7) == BudgetYear(2015, 7));
    CHECK(year.contains(d("2015-01-01")));
    CHECK_FALSE(year.contains(d("2014-06-30")));
    CHECK_FALSE(year.contains(d("2015-07-01")));

    std::ostringstream os;
    os << year;
    CHECK(os.str() == "2014/15");
}

TEST_CASE("Budget year labels across a century and in other start months") {
    CHECK(BudgetYear(1999, 7).to_string() == "1999/00");
    CHECK(BudgetYear(2008, 9).to_string() == "2008/09");
    CHECK(BudgetYear(2009, 12).to_string() == "2009/10");
    // A year from March to February ends on the leap day when there is one.
    CHECK(BudgetYear(2023, 3).last_day() == d("2024-02-29"));
    CHECK(BudgetYear(2023, 3).period().days() == 366);
    CHECK(BudgetYear(2022, 3).last_day() == d("2023-02-28"));
    CHECK(BudgetYear(2014, 12).first_day() == d("2014-12-01"));
    CHECK(BudgetYear(2014, 12).last_day() == d("2015-11-30"));
}

TEST_CASE("Budget years step forward and back, keeping their start month") {
    const BudgetYear year(2014, 7);
    CHECK(year.next() == BudgetYear(2015, 7));
    CHECK(year.next().to_string() == "2015/16");
    CHECK(year.previous().to_string() == "2013/14");
    CHECK((year + 2).to_string() == "2016/17");
    CHECK((year + -1) == year.previous());
    CHECK(year.next().first_day() == year.last_day().add_days(1));
    CHECK(BudgetYear(2014).next() == BudgetYear(2015));
    CHECK(BudgetYear(2016).previous().last_day() == d("2015-12-31"));
}

TEST_CASE("Budget years of one start month order; of different start months they refuse to") {
    CHECK(BudgetYear(2014) < BudgetYear(2015));
    CHECK(BudgetYear(2016, 7) > BudgetYear(2014, 7));
    CHECK(BudgetYear(2014, 7) <= BudgetYear(2014, 7));
    CHECK((BudgetYear(2014) <=> BudgetYear(2014)) == std::strong_ordering::equal);

    // 2014 and 2014/15 overlap: neither comes first, and saying so is a mix-up.
    CHECK_THROWS_MATCHES(BudgetYear(2014) < BudgetYear(2014, 7), InputError,
                         IsError("budget_year.mixed", "budget years 2014 and 2014/15"));
    CHECK_THROWS_MATCHES(BudgetYear(2013, 7) < BudgetYear(2015), InputError, IsError("budget_year.mixed"));
    // Equality is an answer, not an order: different start months are simply not equal.
    CHECK_FALSE(BudgetYear(2014) == BudgetYear(2014, 7));
    CHECK(BudgetYear(2014) != BudgetYear(2014, 7));
}

TEST_CASE("A budget year needs a month 1-12 and a year in the calendar") {
    CHECK_THROWS_MATCHES(BudgetYear(2014, 0), InputError, IsError("budget_year.invalid", "month 0"));
    CHECK_THROWS_MATCHES(BudgetYear(2014, 13), InputError, IsError("budget_year.invalid", "month 13"));
    CHECK_THROWS_MATCHES(BudgetYear(1399), InputError, IsError("budget_year.invalid", "1399"));
    CHECK_THROWS_MATCHES(BudgetYear(9999), InputError, IsError("budget_year.invalid", "9999"));
    CHECK(BudgetYear(9998, 7).last_day() == d("9999-06-30"));
    CHECK(BudgetYear(1400).first_day() == d("1400-01-01"));
    CHECK_THROWS_MATCHES(BudgetYear(9998).next(), InputError, IsError("budget_year.invalid"));
    CHECK_THROWS_MATCHES(BudgetYear(1400).previous(), InputError, IsError("budget_year.invalid"));
}
