#pragma once
// Flows by budget year: what came in and went out of the fund in each year,
// the commitments made and released, the obligations that arose, were repaid
// and written off, and where the fund stood at the year's end.
//
// A year's flows are the difference between the statements at the end of it
// and at the end of the year before (31 December, as the statement of DESIGN
// §4.3 sees them: the one fold, as of that date, as known at a time). So the
// years add up to the statement exactly, by construction: the opening
// statement (the end of the year before the first) plus every year's flows
// is the statement at the end of the last year, to the öre.
//
// A budget year is the calendar year: money counts in the year the statement
// counts it (an allocation from 1 January of its budget year, a true-up from
// the day its outcome was recorded).

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sifund/detail/text.hpp"
#include "sifund/error.hpp"
#include "sifund/fund/apply.hpp"
#include "sifund/fund/statement.hpp"
#include "sifund/ledger/event.hpp"

namespace sifund {

struct YearFlows {
    int budget_year = 0;
    // Money in and out during the year.
    Money capital_contributed, allocations, repayments;
    Money disbursed;
    Money net_cash;  // in − out: the change of cash
    // Commitments: grants decided (an increase of a grant's approved total),
    // and released (closed, reversed or cut) rather than paid out.
    Money commitments_made, commitments_released;
    // Obligations to repay: arisen from verified savings, repaid, written off.
    Money obligations_arisen, obligations_repaid, written_off;
    // Where the fund stood at the year's end (31 December).
    Money cash, committed_undisbursed, free_capital, obligations_outstanding;
};

struct Flows {
    std::string fund, name;
    Currency currency;
    int from = 0, until = 0;
    std::optional<Timestamp> known_at;
    Statement opening;  // as of 31 December of the year before `from`
    Statement closing;  // as of 31 December of `until`
    std::vector<YearFlows> years;

    [[nodiscard]] nlohmann::json to_json() const;
    [[nodiscard]] std::string to_text() const;
    // One row a year, a column a figure (the keys of to_json's years), for a spreadsheet.
    [[nodiscard]] std::string to_csv() const;
};

namespace detail::flows {

inline std::map<std::string, Money> approved_by_grant(const Statement& s) {
    std::map<std::string, Money> out;
    for (const GrantLine& g : s.grants) out[g.grant] = g.approved;
    return out;
}

inline Money obligations_arisen_by(const Statement& s) {
    Money total;
    for (const GrantLine& g : s.grants) total += g.obligation;
    return total;
}

// The figures of one year, from the statements at its end and at the end of the year before.
inline YearFlows year_between(int year, const Statement& before, const Statement& after) {
    YearFlows y;
    y.budget_year = year;
    y.capital_contributed = after.capital_contributed - before.capital_contributed;
    y.allocations = after.allocations - before.allocations;
    y.repayments = after.repayments - before.repayments;
    y.disbursed = after.disbursed - before.disbursed;
    y.net_cash = after.cash - before.cash;
    // Made: each grant's approved total where it grew. Released: what left the
    // commitments other than by being paid out.
    const auto was = approved_by_grant(before);
    for (const GrantLine& g : after.grants) {
        const auto it = was.find(g.grant);
        const Money growth = g.approved - (it == was.end() ? Money() : it->second);
        if (Money() < growth) y.commitments_made += growth;
    }
    y.commitments_released =
        y.commitments_made - y.disbursed - (after.committed_undisbursed - before.committed_undisbursed);
    y.obligations_arisen = obligations_arisen_by(after) - obligations_arisen_by(before);
    y.obligations_repaid = y.repayments;
    y.written_off = after.written_off - before.written_off;
    y.cash = after.cash;
    y.committed_undisbursed = after.committed_undisbursed;
    y.free_capital = after.free_capital;
    y.obligations_outstanding = after.obligations_outstanding;
    return y;
}

}  // namespace detail::flows

// The flows of the budget years `from` to `until` (inclusive) of a verified
// history, as known at `known_at` (everything recorded when absent).
[[nodiscard]] inline Flows make_flows(std::span<const Event> events, int from, int until,
                                      std::optional<Timestamp> known_at = {}) {
    if (until < from)
        throw InputError("flows.years", "the years run from " + std::to_string(from) + " to " + std::to_string(until) +
                                            ": the last comes before the first");
    if (from < 1901 || until > 2199)
        throw InputError("flows.years", "the years of flows lie from 1901 to 2199, not " + std::to_string(from) + "-" +
                                            std::to_string(until));
    const auto year_end = [&](int year) {
        const Date end{year, 12, 31};
        return make_statement(fold(events, View{end, known_at}), end, known_at);
    };
    Flows f;
    f.from = from;
    f.until = until;
    f.known_at = known_at;
    f.opening = year_end(from - 1);
    Statement before = f.opening;
    for (int year = from; year <= until; ++year) {
        Statement after = year_end(year);
        f.years.push_back(detail::flows::year_between(year, before, after));
        before = std::move(after);
    }
    f.closing = std::move(before);
    f.fund = f.closing.fund;
    f.name = f.closing.name;
    f.currency = f.closing.currency;
    return f;
}

// The budget years a history's flows cover by default: from the year of its
// earliest effective date to `until` (the year of "today", or of its last event if later).
[[nodiscard]] inline int first_budget_year(std::span<const Event> events, int fallback) {
    int first = fallback;
    for (const Event& e : events) first = std::min(first, e.command.date.year());
    return first;
}

// The figures of a year, by their keys, in the order every format writes them.
template <class F>
void for_each_flow_figure(const YearFlows& y, F&& f) {
    f("capital_contributed", y.capital_contributed);
    f("allocations", y.allocations);
    f("repayments", y.repayments);
    f("disbursed", y.disbursed);
    f("net_cash", y.net_cash);
    f("commitments_made", y.commitments_made);
    f("commitments_released", y.commitments_released);
    f("obligations_arisen", y.obligations_arisen);
    f("obligations_repaid", y.obligations_repaid);
    f("written_off", y.written_off);
    f("cash", y.cash);
    f("committed_undisbursed", y.committed_undisbursed);
    f("free_capital", y.free_capital);
    f("obligations_outstanding", y.obligations_outstanding);
}

inline nlohmann::json Flows::to_json() const {
    nlohmann::json j;
    j["fund"] = fund;
    j["currency"] = currency.code();
    j["from"] = from;
    j["until"] = until;
    j["known_at"] = known_at ? nlohmann::json(known_at->to_string()) : nlohmann::json(nullptr);
    j["years"] = nlohmann::json::array();
    for (const YearFlows& y : years) {
        nlohmann::json row;
        row["budget_year"] = y.budget_year;
        for_each_flow_figure(y, [&](const char* key, const Money& m) { row[key] = m.to_string(); });
        j["years"].push_back(std::move(row));
    }
    j["opening"] = opening.to_json();
    j["closing"] = closing.to_json();
    return j;
}

inline std::string Flows::to_csv() const {
    std::string out = "budget_year";
    if (!years.empty()) for_each_flow_figure(years.front(), [&](const char* key, const Money&) { out += std::string(",") + key; });
    out += "\r\n";
    for (const YearFlows& y : years) {
        out += std::to_string(y.budget_year);
        for_each_flow_figure(y, [&](const char*, const Money& m) { out += "," + m.to_string(); });
        out += "\r\n";
    }
    return out;
}

inline std::string Flows::to_text() const {
    using detail::pad_left;
    using detail::pad_right;
    std::string out = (name.empty() ? std::string("Flows") : detail::printable(name)) + "\nflows by budget year " +
                      std::to_string(from) + "-" + std::to_string(until);
    if (known_at) out += ", as known at " + known_at->to_string();
    out += " (" + std::string(currency.code()) + "; each year from 1 January to 31 December)\n";
    const auto row = [&](const std::string& label, Money m) {
        out += "  " + pad_right(label, 34) + pad_left(m.to_swedish(currency, false), 18) + "\n";
    };
    for (const YearFlows& y : years) {
        out += "\n" + std::to_string(y.budget_year) + "\n";
        row("Capital contributed", y.capital_contributed);
        row("Allocations", y.allocations);
        row("Repayments", y.repayments);
        row("Disbursed", y.disbursed);
        row("Net change of cash", y.net_cash);
        row("Commitments made", y.commitments_made);
        row("Commitments released", y.commitments_released);
        row("Obligations arisen", y.obligations_arisen);
        row("Obligations written off", y.written_off);
        row("Cash at the year's end", y.cash);
        row("Free capital at the year's end", y.free_capital);
        row("Obligations outstanding", y.obligations_outstanding);
    }
    return out;
}

}  // namespace sifund
