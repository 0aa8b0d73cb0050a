#pragma once
// BudgetYear: the year a budget frame covers. Swedish municipalities budget by
// calendar year, which is the default; a fund whose budget year starts in
// another month (July, say) gives that month, and its year is named by the
// calendar year in which it starts: BudgetYear(2014, 7) runs 2014-07-01 to
// 2015-06-30 and prints as "2014/15".

#include <compare>
#include <ostream>
#include <string>

#include "sifund/time/date.hpp"
#include "sifund/time/period.hpp"

namespace sifund {

class BudgetYear {
public:
    // Throws InputError "budget_year.invalid" for a start month outside 1-12
    // or a year outside the calendar.
    explicit BudgetYear(int year, unsigned start_month = 1) : year_(year), start_month_(start_month) {
        if (start_month < 1 || start_month > 12)
            throw InputError("budget_year.invalid", "a budget year cannot start in month " + std::to_string(start_month));
        if (year < Date::min_year || year >= Date::max_year)
            throw InputError("budget_year.invalid", "budget year " + std::to_string(year) + " is outside the calendar");
    }

    // The budget year a day falls in.
    [[nodiscard]] static BudgetYear containing(const Date& day, unsigned start_month = 1) {
        return BudgetYear(day.month() >= start_month ? day.year() : day.year() - 1, start_month);
    }

    [[nodiscard]] int year() const noexcept { return year_; }
    [[nodiscard]] unsigned start_month() const noexcept { return start_month_; }

    [[nodiscard]] Date first_day() const { return Date(year_, start_month_, 1); }
    [[nodiscard]] Date last_day() const { return first_day().add_months(12).add_days(-1); }
    [[nodiscard]] Period period() const { return Period(first_day(), last_day()); }
    [[nodiscard]] bool contains(const Date& d) const { return period().contains(d); }

    [[nodiscard]] BudgetYear next() const { return BudgetYear(year_ + 1, start_month_); }
    [[nodiscard]] BudgetYear previous() const { return BudgetYear(year_ - 1, start_month_); }
    [[nodiscard]] BudgetYear operator+(int years) const { return BudgetYear(year_ + years, start_month_); }

    // "2014", or "2014/15" for a year that does not start in January.
    [[nodiscard]] std::string to_string() const {
        if (start_month_ == 1) return std::to_string(year_);
        const int next = (year_ + 1) % 100;
        return std::to_string(year_) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
    }

    // Years of different start months do not compare: that is a mix-up, not an order.
    friend bool operator==(const BudgetYear&, const BudgetYear&) = default;
    friend std::strong_ordering operator<=>(const BudgetYear& a, const BudgetYear& b) {
        if (a.start_month_ != b.start_month_)
            throw InputError("budget_year.mixed", "budget years " + a.to_string() + " and " + b.to_string() +
                                                      " start in different months");
        return a.year_ <=> b.year_;
    }
    friend std::ostream& operator<<(std::ostream& os, const BudgetYear& y) { return os << y.to_string(); }

private:
    int year_;
    unsigned start_month_;
};

}  // namespace sifund
