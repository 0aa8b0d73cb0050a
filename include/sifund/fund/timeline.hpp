#pragma once
// Timeline: cash and commitments by the date they take effect, so that the
// checks can ask "what was free capital on the decision's date?" without
// replaying the ledger. A Fenwick tree over the days 1900-01-01..2199-12-31
// (the years a fund's dates may take; see detail/fields.hpp): adding a
// dated amount and summing up to a date are both O(log days).

#include <vector>

#include "sifund/money/money.hpp"
#include "sifund/time/date.hpp"

namespace sifund {

class Timeline {
public:
    struct Totals {
        Money cash;
        Money committed;  // approved, not yet paid out, not released by closing
    };

    Timeline() : tree_(static_cast<std::size_t>(days) + 1) {}

    void add(const Date& on, Money cash, Money committed) {
        for (std::size_t i = index(on); i < tree_.size(); i += i & (~i + 1)) {
            tree_[i].cash += cash;
            tree_[i].committed += committed;
        }
    }

    // Everything that took effect on or before `on`.
    [[nodiscard]] Totals as_of(const Date& on) const {
        Totals t;
        for (std::size_t i = index(on); i > 0; i -= i & (~i + 1)) {
            t.cash += tree_[i].cash;
            t.committed += tree_[i].committed;
        }
        return t;
    }

private:
    static inline const Date first_day{1900, 1, 1};
    static constexpr long days = 109'573;  // 1900-01-01 .. 2199-12-31
    [[nodiscard]] static std::size_t index(const Date& d) {
        const long i = first_day.days_until(d) + 1;
        if (i < 1 || i > days)
            throw InputError("date.out_of_range", d.to_string() + " is outside the years 1900-2199 that sifund keeps");
        return static_cast<std::size_t>(i);
    }
    std::vector<Totals> tree_;
};

}  // namespace sifund
