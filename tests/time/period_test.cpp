// Period: the days from `first` to `last`, both included.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <sstream>

#include "error_matcher.hpp"

using sifund::Date;
using sifund::InputError;
using sifund::Period;
using sifund_test::IsError;

namespace {
Date d(const char* iso) { return Date::parse(iso); }
}  // namespace

TEST_CASE("A grant's run from 2014 to 2016 includes both ends") {
    const Period run(d("2014-01-01"), d("2016-12-31"));
    CHECK(run.first() == d("2014-01-01"));
    CHECK(run.last() == d("2016-12-31"));
    CHECK(run.days() == 1096);
    CHECK(run.months() == 36);
    CHECK(run.to_string() == "2014-01-01..2016-12-31");

    CHECK(run.contains(d("2014-01-01")));
    CHECK(run.contains(d("2015-06-15")));
    CHECK(run.contains(d("2016-12-31")));
    CHECK_FALSE(run.contains(d("2013-12-31")));
    CHECK_FALSE(run.contains(d("2017-01-01")));

    std::ostringstream os;
    os << run;
    CHECK(os.str() == "2014-01-01..2016-12-31");
}

TEST_CASE("months() counts every calendar month the period touches") {
    CHECK(Period(d("2014-01-15"), d("2014-02-14")).months() == 2);
    CHECK(Period(d("2014-01-01"), d("2014-01-31")).months() == 1);
    CHECK(Period(d("2014-01-31"), d("2014-01-31")).months() == 1);
    CHECK(Period(d("2014-12-31"), d("2015-01-01")).months() == 2);
    CHECK(Period(d("2014-07-01"), d("2015-06-30")).months() == 12);
    CHECK(Period(d("2014-07-01"), d("2015-06-30")).days() == 365);
}

TEST_CASE("A one-day period, and periods that touch or overlap") {
    const Period day(d("2024-02-29"), d("2024-02-29"));
    CHECK(day.days() == 1);
    CHECK(day.contains(d("2024-02-29")));
    CHECK_FALSE(day.contains(d("2024-03-01")));

    const Period first_half(d("2014-01-01"), d("2014-06-30"));
    const Period second_half(d("2014-07-01"), d("2014-12-31"));
    const Period summer(d("2014-06-01"), d("2014-08-31"));
    CHECK_FALSE(first_half.overlaps(second_half));   // adjacent is not overlapping
    CHECK(first_half.overlaps(summer));
    CHECK(summer.overlaps(second_half));
    CHECK(first_half.overlaps(Period(d("2014-06-30"), d("2014-07-01"))));  // one shared day is enough
    CHECK(first_half.overlaps(first_half));

    CHECK(first_half == Period(d("2014-01-01"), d("2014-06-30")));
    CHECK_FALSE(first_half == second_half);
}

TEST_CASE("A period cannot end before it starts") {
    CHECK_THROWS_MATCHES(Period(d("2014-12-31"), d("2014-01-01")), InputError,
                         IsError("period.invalid", "cannot end (2014-01-01) before it starts (2014-12-31)"));
    CHECK_THROWS_MATCHES(Period(d("2014-01-02"), d("2014-01-01")), InputError, IsError("period.invalid"));
}
