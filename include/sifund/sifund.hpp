#pragma once
// The whole public API of sifund. Parts, from the bottom up:
//   money/  exact amounts, rates, rounding, allocation
//   time/   dates, budget years, periods, schedules

#include "sifund/error.hpp"
#include "sifund/money/allocate.hpp"
#include "sifund/money/currency.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/money/rounding.hpp"
#include "sifund/time/budget_year.hpp"
#include "sifund/time/date.hpp"
#include "sifund/time/period.hpp"
#include "sifund/time/schedule.hpp"
