#pragma once
// What an audit is told: the date hindsight is judged on, and the thresholds
// of the findings that are a matter of degree.

#include "sifund/money/rate.hpp"
#include "sifund/time/date.hpp"

namespace sifund {

struct AuditOptions {
    Date as_of;                  // hindsight is judged on this date (the CLI passes today)
    long backdating_days = 31;   // an event recorded more than this long after its date is reported
    // An allocation rate above this many times the rulebook's target_rate is
    // reported (allocation.rate_implausible), or above implausible_rate when
    // the rulebook sets no target.
    int implausible_rate_factor = 10;
    Rate implausible_rate = Rate::from_units(Rate::scale / 10);  // 0.10: a tenth of tax revenue
};

}  // namespace sifund
