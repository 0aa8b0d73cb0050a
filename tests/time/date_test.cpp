// Date: a day in the Gregorian calendar. Strict ISO parsing, and month
// arithmetic that clamps to the end of a shorter month without drifting.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <sstream>
#include <string>
#include <unordered_set>

#include "error_matcher.hpp"

using sifund::Date;
using sifund::InputError;
using sifund_test::IsError;
using sifund_test::in_quotes;

namespace {
Date d(const char* iso) { return Date::parse(iso); }
}  // namespace

TEST_CASE("Date reads and writes exactly YYYY-MM-DD") {
    const Date start = Date::parse("2014-01-15");
    CHECK(start.year() == 2014);
    CHECK(start.month() == 1);
    CHECK(start.day() == 15);
    CHECK(start.to_string() == "2014-01-15");
    CHECK(start == Date(2014, 1, 15));
    CHECK(Date::parse("1400-01-01").to_string() == "1400-01-01");
    CHECK(Date::parse("9999-12-31").to_string() == "9999-12-31");
    CHECK(Date().to_string() == "1970-01-01");

    std::ostringstream os;
    os << Date(2016, 12, 31);
    CHECK(os.str() == "2016-12-31");
}

TEST_CASE("Date refuses anything but an existing day in ISO form, and quotes the text") {
    for (const std::string text : {
             "2020-02-30",   // February never has 30 days: an error, not 1 March
             "2021-02-29",   // 2021 is not a leap year
             "2020-04-31",   // April has 30 days
             "2020-13-01", "2020-00-10", "2020-01-00", "2020-01-32",
             "2020-1-01", "2020-01-1", "20200101", "2020/01/01", "2020-01-01T00:00", "2020-01-01 ",
             " 2020-01-01", "01-01-2020", "2020-0a-01", "+020-01-01", "-020-01-01", "", "today",
             "1399-12-31",   // before the calendar sifund keeps
             "0000-01-01"}) {
        INFO("input: " << in_quotes(text));
        CHECK_THROWS_MATCHES(Date::parse(text), InputError, IsError("date.parse", in_quotes(text)));
    }
    CHECK_THROWS_WITH(Date::parse("2020-02-30"), Catch::Contains("no day 30"));
    CHECK_THROWS_WITH(Date::parse("2020-13-01"), Catch::Contains("no month 13"));
    CHECK_THROWS_WITH(Date::parse("20200101"), Catch::Contains("YYYY-MM-DD"));
}

TEST_CASE("Date built from numbers refuses a day that does not exist") {
    CHECK_THROWS_MATCHES(Date(2021, 2, 29), InputError, IsError("date.invalid", "no day 29"));
    CHECK_THROWS_MATCHES(Date(2020, 13, 1), InputError, IsError("date.invalid", "month 13"));
    CHECK_THROWS_MATCHES(Date(2020, 0, 1), InputError, IsError("date.invalid"));
    CHECK_THROWS_MATCHES(Date(2020, 1, 0), InputError, IsError("date.invalid"));
    CHECK_THROWS_MATCHES(Date(1399, 12, 31), InputError, IsError("date.invalid", "1399"));
    CHECK_THROWS_MATCHES(Date(10000, 1, 1), InputError, IsError("date.invalid", "10000"));
    CHECK_THROWS_MATCHES(Date(boost::gregorian::date(boost::gregorian::not_a_date_time)), InputError,
                         IsError("date.invalid"));
    CHECK(Date(boost::gregorian::date(2014, 7, 1)) == Date(2014, 7, 1));
}

TEST_CASE("Leap years: every fourth year, but not centuries unless divisible by 400") {
    CHECK(Date::parse("2020-02-29").day() == 29);
    CHECK(Date::parse("2024-02-29").day() == 29);
    CHECK(Date::parse("2000-02-29").day() == 29);
    CHECK_THROWS_AS(Date::parse("1900-02-29"), InputError);
    CHECK_THROWS_AS(Date::parse("2100-02-29"), InputError);
    CHECK_THROWS_AS(Date::parse("2023-02-29"), InputError);

    CHECK(sifund::days_in_month(2024, 2) == 29);
    CHECK(sifund::days_in_month(2023, 2) == 28);
    CHECK(sifund::days_in_month(1900, 2) == 28);
    CHECK(sifund::days_in_month(2000, 2) == 29);
    CHECK(sifund::days_in_month(2023, 4) == 30);
    CHECK(sifund::days_in_month(2023, 12) == 31);
}

TEST_CASE("add_months keeps the day of the month and clamps it to a shorter month") {
    CHECK(d("2024-01-31").add_months(1) == d("2024-02-29"));
    CHECK(d("2023-01-31").add_months(1) == d("2023-02-28"));
    CHECK(d("2023-01-31").add_months(2) == d("2023-03-31"));  // counted from the 31st, not from 28 Feb
    CHECK(d("2023-01-31").add_months(3) == d("2023-04-30"));
    CHECK(d("2024-02-29").add_months(12) == d("2025-02-28"));
    CHECK(d("2024-02-29").add_months(48) == d("2028-02-29"));
    CHECK(d("2014-01-15").add_months(0) == d("2014-01-15"));
    CHECK(d("2014-11-15").add_months(2) == d("2015-01-15"));  // across the year
    CHECK(d("2014-01-15").add_months(36) == d("2017-01-15"));

    // Backwards too.
    CHECK(d("2024-03-31").add_months(-1) == d("2024-02-29"));
    CHECK(d("2024-05-31").add_months(-3) == d("2024-02-29"));
    CHECK(d("2024-01-15").add_months(-1) == d("2023-12-15"));
    CHECK(d("2024-01-31").add_months(-13) == d("2022-12-31"));
    CHECK(d("2024-02-29").add_months(-12) == d("2023-02-28"));

    CHECK(d("2024-02-29").add_years(1) == d("2025-02-28"));
    CHECK(d("2024-02-29").add_years(4) == d("2028-02-29"));
    CHECK(d("2024-02-29").add_years(-1) == d("2023-02-28"));
}

TEST_CASE("Regression: month arithmetic from the start does not drift, step by step would") {
    const Date start = d("2023-01-31");
    const Date step_by_step = start.add_months(1).add_months(1);
    CHECK(step_by_step == d("2023-03-28"));          // 31 Jan -> 28 Feb -> 28 Mar: drifted
    CHECK(start.add_months(2) == d("2023-03-31"));   // what sifund's schedules use
}

TEST_CASE("add_months refuses a result outside 1400-9999") {
    CHECK(d("9999-12-01").add_months(0) == d("9999-12-01"));
    CHECK_THROWS_MATCHES(d("9999-12-01").add_months(1), InputError, IsError("date.invalid", "9999-12-01 + 1 months"));
    CHECK_THROWS_MATCHES(d("1400-01-31").add_months(-1), InputError, IsError("date.invalid", "1400-01-31"));
    CHECK_THROWS_AS(d("2024-01-01").add_years(8000), InputError);
}

TEST_CASE("add_days and days_until count calendar days") {
    CHECK(d("2024-02-28").add_days(1) == d("2024-02-29"));
    CHECK(d("2024-02-28").add_days(2) == d("2024-03-01"));
    CHECK(d("2023-02-28").add_days(1) == d("2023-03-01"));
    CHECK(d("2023-12-31").add_days(1) == d("2024-01-01"));
    CHECK(d("2024-01-01").add_days(-1) == d("2023-12-31"));
    CHECK(d("2024-01-01").add_days(0) == d("2024-01-01"));

    // The grant's three years, 2014-2016: 1 096 days including both ends.
    CHECK(d("2014-01-01").days_until(d("2016-12-31")) == 1095);
    CHECK(d("2016-12-31").days_until(d("2014-01-01")) == -1095);
    CHECK(d("2024-01-01").days_until(d("2025-01-01")) == 366);
    CHECK(d("2023-01-01").days_until(d("2024-01-01")) == 365);
    CHECK(d("2014-07-01").days_until(d("2014-07-01")) == 0);
    CHECK(d("2014-07-01").add_days(d("2014-07-01").days_until(d("2020-02-29"))) == d("2020-02-29"));
}

TEST_CASE("The first and last day of a month") {
    CHECK(d("2024-02-10").end_of_month() == d("2024-02-29"));
    CHECK(d("2023-02-10").end_of_month() == d("2023-02-28"));
    CHECK(d("2024-04-01").end_of_month() == d("2024-04-30"));
    CHECK(d("2024-12-31").end_of_month() == d("2024-12-31"));
    CHECK(d("2024-02-29").first_of_month() == d("2024-02-01"));

    CHECK(d("2024-02-29").is_end_of_month());
    CHECK(d("2024-04-30").is_end_of_month());
    CHECK_FALSE(d("2024-02-28").is_end_of_month());
    CHECK(d("2023-02-28").is_end_of_month());
    CHECK_FALSE(d("2024-05-30").is_end_of_month());
}

TEST_CASE("Dates order by day, count days from 1970 and hash by day") {
    CHECK(d("2014-01-01") < d("2014-01-02"));
    CHECK(d("2013-12-31") < d("2014-01-01"));
    CHECK(d("2014-02-01") > d("2014-01-31"));
    CHECK(d("2014-01-01") <= d("2014-01-01"));
    CHECK(d("2014-01-01") != d("2015-01-01"));
    CHECK((d("2014-01-01") <=> d("2014-01-01")) == std::strong_ordering::equal);
    CHECK((d("2016-12-31") <=> d("2014-01-01")) == std::strong_ordering::greater);

    CHECK(d("1970-01-01").days_since_epoch() == 0);
    CHECK(d("1969-12-31").days_since_epoch() == -1);
    CHECK(d("2000-01-01").days_since_epoch() == 10957);
    CHECK(d("2014-01-01").days_since_epoch() == 16071);
    CHECK(d("1400-01-01").days_since_epoch() == -208188);
    CHECK(d("9999-12-31").days_since_epoch() == 2932896);
    for (const char* text : {"1400-01-01", "1969-12-31", "2014-01-15", "2024-02-29", "9999-12-31"})
        CHECK(Date::from_days_since_epoch(d(text).days_since_epoch()) == d(text));

    std::unordered_set<Date> days = {d("2014-01-01"), Date(2014, 1, 1), d("2014-01-02")};
    CHECK(days.size() == 2);
    CHECK(std::hash<Date>{}(d("2024-02-29")) == std::hash<Date>{}(Date(2024, 2, 29)));
}
