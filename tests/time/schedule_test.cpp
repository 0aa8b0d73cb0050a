// Schedules: the dates of tranches and the periods of reports, every one
// counted from the start so that nothing drifts.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include <string>
#include <vector>

#include "error_matcher.hpp"

using sifund::BudgetYear;
using sifund::Date;
using sifund::Frequency;
using sifund::InputError;
using sifund::Period;
using sifund::periods;
using sifund::schedule;
using sifund_test::IsError;

namespace {
Date d(const char* iso) { return Date::parse(iso); }

std::vector<std::string> texts(const std::vector<Date>& dates) {
    std::vector<std::string> out;
    for (const Date& date : dates) out.push_back(date.to_string());
    return out;
}
std::vector<std::string> texts(const std::vector<Period>& spans) {
    std::vector<std::string> out;
    for (const Period& span : spans) out.push_back(span.to_string());
    return out;
}
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("Frequencies are counted in months") {
    CHECK(sifund::months_in(Frequency::monthly) == 1);
    CHECK(sifund::months_in(Frequency::quarterly) == 3);
    CHECK(sifund::months_in(Frequency::half_yearly) == 6);
    CHECK(sifund::months_in(Frequency::yearly) == 12);
    CHECK(sifund::to_string(Frequency::monthly) == "monthly");
    CHECK(sifund::to_string(Frequency::quarterly) == "quarterly");
    CHECK(sifund::to_string(Frequency::half_yearly) == "half_yearly");
    CHECK(sifund::to_string(Frequency::yearly) == "yearly");
}

TEST_CASE("A monthly schedule from the 31st falls on each month's last day up to the 31st") {
    CHECK(texts(schedule(d("2024-01-31"), d("2024-06-30"), Frequency::monthly)) ==
          Strings{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"});
    // Not a leap year: 28 February, and back to the 31st in March.
    CHECK(texts(schedule(d("2023-01-31"), d("2023-03-31"), Frequency::monthly)) ==
          Strings{"2023-01-31", "2023-02-28", "2023-03-31"});
}

TEST_CASE("Quarterly tranches of a grant over 2014-2016") {
    const std::vector<Date> tranches = schedule(d("2014-01-01"), d("2016-12-31"), Frequency::quarterly);
    CHECK(tranches.size() == 12);
    CHECK(tranches.front() == d("2014-01-01"));
    CHECK(tranches[1] == d("2014-04-01"));
    CHECK(tranches[4] == d("2015-01-01"));
    CHECK(tranches.back() == d("2016-10-01"));

    // A quarterly schedule anchored on the 31st.
    CHECK(texts(schedule(d("2023-08-31"), d("2024-08-31"), Frequency::quarterly)) ==
          Strings{"2023-08-31", "2023-11-30", "2024-02-29", "2024-05-31", "2024-08-31"});
}

TEST_CASE("Half-yearly and yearly schedules") {
    CHECK(texts(schedule(d("2014-01-01"), d("2015-12-31"), Frequency::half_yearly)) ==
          Strings{"2014-01-01", "2014-07-01", "2015-01-01", "2015-07-01"});
    CHECK(texts(schedule(d("2023-08-31"), d("2025-02-28"), Frequency::half_yearly)) ==
          Strings{"2023-08-31", "2024-02-29", "2024-08-31", "2025-02-28"});
    // From a leap day: 28 February in common years, 29 February when it exists again.
    CHECK(texts(schedule(d("2024-02-29"), d("2028-03-01"), Frequency::yearly)) ==
          Strings{"2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"});
    // Any number of months.
    CHECK(texts(schedule(d("2014-01-15"), d("2014-12-31"), 5u)) == Strings{"2014-01-15", "2014-06-15", "2014-11-15"});
}

TEST_CASE("A schedule includes its last day, and is empty when it ends before it starts") {
    CHECK(schedule(d("2014-01-01"), d("2014-03-01"), Frequency::monthly).size() == 3);
    CHECK(schedule(d("2014-01-01"), d("2014-02-28"), Frequency::monthly).size() == 2);
    CHECK(texts(schedule(d("2014-01-01"), d("2014-01-01"), Frequency::yearly)) == Strings{"2014-01-01"});
    CHECK(schedule(d("2014-01-02"), d("2014-01-01"), Frequency::monthly).empty());
    CHECK_THROWS_MATCHES(schedule(d("2014-01-01"), d("2014-12-31"), 0u), InputError, IsError("schedule.step"));
}

TEST_CASE("periods() cuts a span into consecutive periods; the last may be shorter") {
    // The example in schedule.hpp.
    CHECK(texts(periods(Period(d("2014-01-01"), d("2015-03-31")), sifund::months_in(Frequency::half_yearly))) ==
          Strings{"2014-01-01..2014-06-30", "2014-07-01..2014-12-31", "2015-01-01..2015-03-31"});

    // The quarters of budget year 2014/15.
    CHECK(texts(periods(BudgetYear(2014, 7).period(), sifund::months_in(Frequency::quarterly))) ==
          Strings{"2014-07-01..2014-09-30", "2014-10-01..2014-12-31", "2015-01-01..2015-03-31",
                  "2015-04-01..2015-06-30"});

    // The grant's run in years.
    CHECK(texts(periods(Period(d("2014-01-01"), d("2016-12-31")), sifund::months_in(Frequency::yearly))) ==
          Strings{"2014-01-01..2014-12-31", "2015-01-01..2015-12-31", "2016-01-01..2016-12-31"});

    // Monthly from the 31st: each period runs to the day before the next anchor.
    CHECK(texts(periods(Period(d("2024-01-31"), d("2024-04-29")), sifund::months_in(Frequency::monthly))) ==
          Strings{"2024-01-31..2024-02-28", "2024-02-29..2024-03-30", "2024-03-31..2024-04-29"});

    // A span shorter than one step is one period.
    CHECK(texts(periods(Period(d("2014-03-10"), d("2014-03-20")), 12u)) == Strings{"2014-03-10..2014-03-20"});
    CHECK_THROWS_MATCHES(periods(Period(d("2014-01-01"), d("2014-12-31")), 0u), InputError,
                         IsError("schedule.step"));
}

TEST_CASE("Periods cover their span exactly: no gap, no overlap") {
    const Period spans[] = {Period(d("2014-01-01"), d("2016-12-31")), Period(d("2023-01-31"), d("2024-12-30")),
                            Period(d("2024-02-29"), d("2029-03-01")), Period(d("2014-07-01"), d("2014-07-01"))};
    const unsigned steps[] = {1, 2, 3, 6, 12, 7};
    int cuts = 0;
    for (const Period& span : spans)
        for (unsigned step : steps) {
            INFO(span << " in steps of " << step << " months");
            const std::vector<Period> parts = periods(span, step);
            REQUIRE_FALSE(parts.empty());
            CHECK(parts.front().first() == span.first());
            CHECK(parts.back().last() == span.last());
            long days = 0;
            for (std::size_t i = 0; i < parts.size(); ++i) {
                days += parts[i].days();
                if (i > 0) CHECK(parts[i].first() == parts[i - 1].last().add_days(1));
                CHECK(parts[i].first() == span.first().add_months(static_cast<long>(i * step)));
            }
            CHECK(days == span.days());
            ++cuts;
        }
    CHECK(cuts == 4 * 6);
}
