#pragma once
// Schedules: the dates of tranches and the periods of reports.
//
// Every date is counted from the start (start + k months), never from the
// previous one, so a schedule starting 31 January falls on 28/29 February,
// 31 March, 30 April, 31 May, ...

#include <string_view>
#include <vector>

#include "sifund/time/date.hpp"
#include "sifund/time/period.hpp"

namespace sifund {

enum class Frequency : unsigned { monthly = 1, quarterly = 3, half_yearly = 6, yearly = 12 };

[[nodiscard]] constexpr unsigned months_in(Frequency f) noexcept { return static_cast<unsigned>(f); }

[[nodiscard]] constexpr std::string_view to_string(Frequency f) noexcept {
    switch (f) {
        case Frequency::monthly: return "monthly";
        case Frequency::quarterly: return "quarterly";
        case Frequency::half_yearly: return "half_yearly";
        case Frequency::yearly: return "yearly";
    }
    return "?";
}

// first, first + 1 step, ... up to and including last.
[[nodiscard]] inline std::vector<Date> schedule(const Date& first, const Date& last, unsigned step_months) {
    if (step_months == 0) throw InputError("schedule.step", "a schedule needs a step of at least one month");
    std::vector<Date> out;
    for (long k = 0;; ++k) {
        const Date d = first.add_months(k * static_cast<long>(step_months));
        if (last < d) break;
        out.push_back(d);
    }
    return out;
}
[[nodiscard]] inline std::vector<Date> schedule(const Date& first, const Date& last, Frequency f) {
    return schedule(first, last, months_in(f));
}

// Cuts [first, last] into consecutive periods of `step_months` months counted
// from `first`; the last period ends at `last` and may be shorter.
// Periods of 6 months from 2014-01-01 to 2015-03-31: 2014-01-01..2014-06-30,
// 2014-07-01..2014-12-31, 2015-01-01..2015-03-31.
[[nodiscard]] inline std::vector<Period> periods(const Period& span, unsigned step_months) {
    if (step_months == 0) throw InputError("schedule.step", "a period needs at least one month");
    std::vector<Period> out;
    for (long k = 0;; ++k) {
        const Date start = span.first().add_months(k * static_cast<long>(step_months));
        if (span.last() < start) break;
        const Date next = span.first().add_months((k + 1) * static_cast<long>(step_months));
        const Date end = next.add_days(-1) < span.last() ? next.add_days(-1) : span.last();
        out.emplace_back(start, end);
    }
    return out;
}

}  // namespace sifund
