#pragma once
// Date: a day in the proleptic Gregorian calendar, on Boost.Date_Time.
//
// Parsing is strict ISO 8601 (YYYY-MM-DD, nothing else): 2020-02-30 is an
// error, not 1 March. Month arithmetic keeps the day of the month and clamps
// it to the last day of a shorter month (31 January + 1 month = 28 or 29
// February; 29 February + 1 year = 28 February), and it is always counted
// from the date given, never step by step, so nothing drifts: 31 January
// + 2 months is 31 March, not 28 or 29 March.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <compare>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "sifund/error.hpp"

namespace sifund {

class Date {
public:
    static constexpr int min_year = 1400;  // Boost.Date_Time's range
    static constexpr int max_year = 9999;

    // 1 January 1970; prefer parse() or a year, month and day.
    Date() : d_(1970, 1, 1) {}

    // Throws InputError "date.invalid" for a day that does not exist.
    Date(int year, unsigned month, unsigned day) : d_(checked(year, month, day)) {}

    explicit Date(boost::gregorian::date d) : d_(d) {
        if (d.is_special()) throw InputError("date.invalid", "not a calendar day (infinity or not-a-date)");
    }

    // Exactly "YYYY-MM-DD".
    [[nodiscard]] static Date parse(std::string_view text);

    [[nodiscard]] int year() const { return d_.year(); }
    [[nodiscard]] unsigned month() const { return d_.month(); }
    [[nodiscard]] unsigned day() const { return d_.day(); }

    // "2014-01-15".
    [[nodiscard]] std::string to_string() const;

    [[nodiscard]] Date add_days(long days) const {
        if (days > 4'000'000 || days < -4'000'000) throw out_of_calendar(std::to_string(days) + " days");
        try {
            return Date(d_ + boost::gregorian::date_duration(days));
        } catch (const std::out_of_range&) {  // Boost's bad_year and friends
            throw out_of_calendar(std::to_string(days) + " days");
        }
    }
    // Same day of the month, clamped to the month's end (see above).
    [[nodiscard]] Date add_months(long months) const;
    [[nodiscard]] Date add_years(long years) const { return add_months(years * 12); }

    // Days from this date to `later` (negative if `later` is earlier).
    [[nodiscard]] long days_until(const Date& later) const { return (later.d_ - d_).days(); }

    [[nodiscard]] Date first_of_month() const { return Date(year(), month(), 1); }
    [[nodiscard]] Date end_of_month() const { return Date(d_.end_of_month()); }
    [[nodiscard]] bool is_end_of_month() const { return d_ == d_.end_of_month(); }

    // Days since 1970-01-01: a compact, ordered key for storage.
    [[nodiscard]] std::int32_t days_since_epoch() const {
        return static_cast<std::int32_t>((d_ - boost::gregorian::date(1970, 1, 1)).days());
    }
    [[nodiscard]] static Date from_days_since_epoch(std::int32_t days) { return Date(1970, 1, 1).add_days(days); }

    [[nodiscard]] const boost::gregorian::date& boost_date() const noexcept { return d_; }

    friend bool operator==(const Date& a, const Date& b) { return a.d_ == b.d_; }
    friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
        return a.d_ < b.d_ ? std::strong_ordering::less
                           : (b.d_ < a.d_ ? std::strong_ordering::greater : std::strong_ordering::equal);
    }
    friend std::ostream& operator<<(std::ostream& os, const Date& d) { return os << d.to_string(); }

private:
    static boost::gregorian::date checked(int year, unsigned month, unsigned day);
    [[nodiscard]] InputError out_of_calendar(const std::string& step) const {
        return InputError("date.invalid", to_string() + " + " + step + " is outside 1400-9999");
    }
    boost::gregorian::date d_;
};

[[nodiscard]] inline unsigned days_in_month(int year, unsigned month) {
    return boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(year),
                                                                 static_cast<unsigned short>(month));
}

inline boost::gregorian::date Date::checked(int year, unsigned month, unsigned day) {
    if (year < min_year || year > max_year)
        throw InputError("date.invalid", "year " + std::to_string(year) + " is outside 1400-9999");
    if (month < 1 || month > 12)
        throw InputError("date.invalid", "month " + std::to_string(month) + " does not exist");
    if (day < 1 || day > days_in_month(year, month))
        throw InputError("date.invalid", std::to_string(year) + "-" + std::to_string(month) + " has no day " +
                                             std::to_string(day));
    return boost::gregorian::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                                  static_cast<unsigned short>(day));
}

inline Date Date::parse(std::string_view text) {
    auto refuse = [&](std::string_view why) -> void {
        throw InputError("date.parse", "not a date: " + detail::quoted(text) + ": " + std::string(why));
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') refuse("dates are written YYYY-MM-DD");
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (text[i] < '0' || text[i] > '9') refuse("dates are written YYYY-MM-DD");
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    if (parts[1] < 1 || parts[1] > 12) refuse("there is no month " + std::to_string(parts[1]));
    if (parts[0] < min_year) refuse("years before 1400 are outside the calendar sifund keeps");
    const auto month = static_cast<unsigned>(parts[1]);
    if (parts[2] < 1 || static_cast<unsigned>(parts[2]) > days_in_month(parts[0], month))
        refuse("that month has no day " + std::to_string(parts[2]));
    return Date(parts[0], month, static_cast<unsigned>(parts[2]));
}

inline std::string Date::to_string() const {
    std::string out(10, '-');
    auto put = [&](std::size_t at, unsigned value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(year()), 4);
    put(5, month(), 2);
    put(8, day(), 2);
    return out;
}

inline Date Date::add_months(long months) const {
    if (months > 120'000 || months < -120'000) throw out_of_calendar(std::to_string(months) + " months");
    const long index = static_cast<long>(year()) * 12 + static_cast<long>(month()) - 1 + months;
    const long y = index >= 0 ? index / 12 : (index - 11) / 12;
    if (y < min_year || y > max_year)
        throw out_of_calendar(std::to_string(months) + " months");
    const auto m = static_cast<unsigned>(index - y * 12 + 1);
    const unsigned last = days_in_month(static_cast<int>(y), m);
    return Date(static_cast<int>(y), m, day() < last ? day() : last);
}

}  // namespace sifund

template <>
struct std::hash<sifund::Date> {
    std::size_t operator()(const sifund::Date& d) const noexcept {
        return std::hash<std::int32_t>{}(d.days_since_epoch());
    }
};
