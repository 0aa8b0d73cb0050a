#pragma once
// Period: the days from `first` to `last`, both included (a budget year, a
// reporting period, a project's run).

#include <ostream>
#include <string>

#include "sifund/time/date.hpp"

namespace sifund {

class Period {
public:
    // Throws InputError "period.invalid" when last comes before first.
    Period(Date first, Date last) : first_(first), last_(last) {
        if (last < first)
            throw InputError("period.invalid",
                             "a period cannot end (" + last.to_string() + ") before it starts (" + first.to_string() + ")");
    }

    [[nodiscard]] const Date& first() const noexcept { return first_; }
    [[nodiscard]] const Date& last() const noexcept { return last_; }
    [[nodiscard]] bool contains(const Date& d) const { return first_ <= d && d <= last_; }
    [[nodiscard]] bool overlaps(const Period& other) const { return first_ <= other.last_ && other.first_ <= last_; }
    [[nodiscard]] long days() const { return first_.days_until(last_) + 1; }

    // Whole calendar months covered, counting a started month: 2014-01-01 to
    // 2016-12-31 is 36 months, 2014-01-15 to 2014-02-14 is 2.
    [[nodiscard]] long months() const {
        return (static_cast<long>(last_.year()) - first_.year()) * 12 + static_cast<long>(last_.month()) -
               static_cast<long>(first_.month()) + 1;
    }

    // How long the period runs, in months, counting a begun month as a whole:
    // the fewest n with first + n months past last. 2014-01-01 to 2016-12-31
    // and 2014-01-15 to 2017-01-14 are both 36; 2014-01-15 to 2017-01-15 is 37.
    [[nodiscard]] long duration_months() const {
        long n = months() - 1;
        if (n < 1) n = 1;
        while (!(last_ < first_.add_months(n))) ++n;
        return n;
    }

    // "2014-01-01..2014-06-30".
    [[nodiscard]] std::string to_string() const { return first_.to_string() + ".." + last_.to_string(); }

    friend bool operator==(const Period&, const Period&) = default;
    friend std::ostream& operator<<(std::ostream& os, const Period& p) { return os << p.to_string(); }

private:
    Date first_;
    Date last_;
};

}  // namespace sifund
