#pragma once
// The whole public API of sifund. Parts, from the bottom up:
//   money/  exact amounts, rates, rounding, allocation
//   time/   dates, budget years, periods, schedules, timestamps
//   rules/  rulebook revisions
//   ledger/ commands, events, the hash chain, the store port
//   fund/   state (one fold), checks, statement, Fund
//   audit/  the Auditor and its findings
//   forecast/ assumptions, projection, Monte Carlo, evaluation, focus areas
//   store/  the SQLite and PostgreSQL event stores (memory: ledger/store.hpp)

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
#include "sifund/time/timestamp.hpp"
#include "sifund/rules/evidence.hpp"
#include "sifund/rules/rulebook.hpp"
#include "sifund/ledger/commands.hpp"
#include "sifund/ledger/command_json.hpp"
#include "sifund/ledger/event.hpp"
#include "sifund/ledger/event_reader.hpp"
#include "sifund/ledger/recording_time.hpp"
#include "sifund/ledger/store.hpp"
#include "sifund/fund/state.hpp"
#include "sifund/fund/apply.hpp"
#include "sifund/fund/checks.hpp"
#include "sifund/fund/statement.hpp"
#include "sifund/fund/flows.hpp"
#include "sifund/fund/true_up.hpp"
#include "sifund/fund/fund.hpp"
#include "sifund/store/sqlite_store.hpp"
#include "sifund/store/postgres_store.hpp"
#include "sifund/store/open_store.hpp"
#include "sifund/audit/finding.hpp"
#include "sifund/audit/auditor.hpp"
#include "sifund/forecast/assumptions.hpp"
#include "sifund/forecast/plan.hpp"
#include "sifund/forecast/projection.hpp"
#include "sifund/forecast/monte_carlo.hpp"
#include "sifund/forecast/evaluation.hpp"
#include "sifund/forecast/grant_flows.hpp"
#include "sifund/forecast/focus_areas.hpp"
#include "sifund/io/html_report.hpp"
#include "sifund/io/fan_chart.hpp"
#include "sifund/io/command_reference.hpp"
