#pragma once
// Did a project pay? Net present value of its savings against its costs at
// a discount rate, internal rate of return, payback year and benefit–cost
// ratio, with the savings split by who bears them (municipality, region,
// state).
//
// Flows are by budget year; a flow of year y is discounted by (1 + r)^(y −
// base_year), base_year being the year the grant was decided (t = 0). The
// arithmetic is exact decimal (Boost.Multiprecision cpp_dec_float_50): each
// flow's present value is kept unrounded, sums are taken, and only then is a
// money result rounded to the öre by the named mode; npv is round(PV savings
// − PV costs), not the difference of two rounded figures.
//
// Rounding treats a value within 10^-30 (relative) of a rounding boundary as
// lying on it, so that exact results reached through inexact divisions round
// as the exact value would.
//
//   * IRR: the rate r > −1 at which the net present value is zero, searched
//     for a sign change of the NPV on a fixed grid of rates (−0.99 … 1000, in
//     ascending order) and then bisected to 50 digits; reported rounded to 8
//     decimals by the named mode. When the net flows never change sign there
//     is no such rate: irr is absent and irr_note says "no solution". With
//     several sign changes there may be several rates; the lowest the grid
//     brackets is given (irr_note says so).
//   * payback_year: the first year from which the cumulative net flow (savings
//     − costs, undiscounted) stays at or above zero through the last flow;
//     discounted_payback_year the same on present values. None when it never
//     does (or there are no costs).
//   * benefit_cost_ratio: PV savings / PV costs, 6 decimals, by the named mode;
//     absent when PV costs are zero.

#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sifund/detail/text.hpp"
#include "sifund/forecast/assumptions.hpp"
#include "sifund/fund/statement.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/money/rounding.hpp"

namespace sifund::forecast {

using Decimal = boost::multiprecision::number<boost::multiprecision::cpp_dec_float<50>, boost::multiprecision::et_off>;

struct Flow {
    int budget_year = 0;
    Money costs;
    std::map<Bearer, Money> savings;

    [[nodiscard]] Money total_savings() const {
        Money sum;
        for (const auto& [who, m] : savings) sum += m;
        return sum;
    }
};

struct CashFlows {
    std::string project;
    int base_year = 0;
    std::vector<Flow> flows;  // ascending budget years, at most one each
};

struct Evaluation {
    std::string project;
    int base_year = 0;
    Rate discount_rate;
    Rounding rounding = Rounding::half_even;
    Money costs, savings;                           // undiscounted totals
    Money pv_costs, pv_savings, npv;
    std::map<Bearer, Money> savings_by_bearer;      // undiscounted
    std::map<Bearer, Money> pv_savings_by_bearer;
    std::optional<std::string> irr;                 // "0.04512345"
    std::string irr_note;                           // why there is none, or a caveat
    std::optional<int> payback_year, discounted_payback_year;
    std::optional<std::string> benefit_cost_ratio;  // "1.234567"

    [[nodiscard]] nlohmann::json to_json() const;
    [[nodiscard]] std::string to_text() const;
};

namespace detail {

[[nodiscard]] inline Decimal decimal_of(Money m) { return Decimal(m.minor()) / 100; }
[[nodiscard]] inline Decimal decimal_of(const Rate& r) { return Decimal(r.to_string()); }

// v rounded to `places` decimals by `mode`, as an integer count of 10^-places.
[[nodiscard]] inline boost::multiprecision::cpp_int round_units(const Decimal& v, int places, Rounding mode) {
    using boost::multiprecision::cpp_int;
    Decimal scaled = v;
    for (int i = 0; i < places; ++i) scaled *= 10;
    // A value within 10^-30 (relative) of a multiple of one half is taken to be
    // on it: an exact result reached through an inexact division (5.637 as
    // 5.63699…9) then rounds as the exact one does, whatever the mode.
    const Decimal eps = Decimal("1e-30") * (1 + boost::multiprecision::abs(scaled));
    const Decimal nearest_half = boost::multiprecision::round(scaled * 2) / 2;
    if (boost::multiprecision::abs(scaled - nearest_half) < eps) scaled = nearest_half;
    const Decimal whole = boost::multiprecision::trunc(scaled);
    cpp_int q = whole.convert_to<cpp_int>();
    const Decimal frac = scaled - whole;  // the sign of v, |frac| < 1
    if (frac == 0) return q;
    const bool negative = frac < 0;
    const Decimal half("0.5");
    const Decimal m = negative ? Decimal(-frac) : frac;
    const cpp_int away = negative ? cpp_int(q - 1) : cpp_int(q + 1);
    switch (mode) {
        case Rounding::down: return q;
        case Rounding::up: return away;
        case Rounding::floor: return negative ? away : q;
        case Rounding::ceiling: return negative ? q : away;
        case Rounding::half_up: return m >= half ? away : q;
        case Rounding::half_down: return m > half ? away : q;
        case Rounding::half_even: return m > half ? away : (m < half ? q : (q % 2 == 0 ? q : away));
    }
    return q;
}

[[nodiscard]] inline Money money_of(const Decimal& v, Rounding mode) {
    const boost::multiprecision::cpp_int ore = round_units(v, 2, mode);
    if (ore > std::numeric_limits<std::int64_t>::max() || ore < std::numeric_limits<std::int64_t>::min())
        sifund::detail::throw_money_overflow("present value");
    return Money::from_minor(ore.convert_to<std::int64_t>());
}

// A fixed-point string of an integer count of 10^-places: "-0.01234567".
[[nodiscard]] inline std::string fixed_string(const boost::multiprecision::cpp_int& units, int places) {
    const bool negative = units < 0;
    std::string digits = (negative ? boost::multiprecision::cpp_int(-units) : units).str();
    const auto p = static_cast<std::size_t>(places);
    if (digits.size() <= p) digits.insert(0, p + 1 - digits.size(), '0');
    return (negative ? "-" : "") + digits.substr(0, digits.size() - p) + "." + digits.substr(digits.size() - p);
}

// (1 + r)^t for an integer t (negative too), by repeated multiplication.
[[nodiscard]] inline Decimal growth(const Decimal& one_plus_r, int t) {
    Decimal out = 1;
    for (int i = 0; i < (t < 0 ? -t : t); ++i) out *= one_plus_r;
    return t < 0 ? Decimal(1 / out) : out;
}

[[nodiscard]] inline Decimal npv_at(const std::vector<std::pair<int, Decimal>>& net, const Decimal& r) {
    const Decimal base = 1 + r;
    Decimal sum = 0;
    for (const auto& [t, v] : net) sum += v / growth(base, t);
    return sum;
}

[[nodiscard]] inline int sign(const Decimal& v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); }

// The grid of rates the IRR search brackets on, ascending.
inline const std::vector<Decimal>& irr_grid() {
    static const std::vector<Decimal> grid = [] {
        std::vector<Decimal> g;
        for (const char* s : {"-0.99", "-0.9", "-0.8", "-0.7", "-0.6", "-0.5", "-0.4", "-0.3", "-0.2", "-0.1", "0",
                              "0.05", "0.1", "0.15", "0.2", "0.3", "0.4", "0.5", "0.75", "1", "1.5", "2", "3", "5", "10",
                              "20", "50", "100", "1000"})
            g.emplace_back(s);
        return g;
    }();
    return grid;
}

}  // namespace detail

[[nodiscard]] inline Evaluation evaluate(const CashFlows& cf, const Rate& discount_rate, Rounding mode) {
    Evaluation e;
    e.project = cf.project;
    e.base_year = cf.base_year;
    e.discount_rate = discount_rate;
    e.rounding = mode;
    const Decimal base = 1 + detail::decimal_of(discount_rate);
    Decimal pv_costs = 0, pv_savings = 0;
    std::map<Bearer, Decimal> pv_by;
    std::vector<std::pair<int, Decimal>> net;  // (t, savings − costs), exact
    std::vector<std::pair<int, Decimal>> pv_net;
    for (const Flow& f : cf.flows) {
        const int t = f.budget_year - cf.base_year;
        const Decimal factor = detail::growth(base, t);
        const Decimal c = detail::decimal_of(f.costs) / factor;
        pv_costs += c;
        e.costs += f.costs;
        Decimal s_total = 0;
        for (const auto& [who, m] : f.savings) {
            const Decimal s = detail::decimal_of(m) / factor;
            pv_by[who] += s;
            s_total += s;
            e.savings_by_bearer[who] += m;
            e.savings += m;
        }
        pv_savings += s_total;
        net.emplace_back(t, detail::decimal_of(f.total_savings() - f.costs));
        pv_net.emplace_back(f.budget_year, s_total - c);
    }
    e.pv_costs = detail::money_of(pv_costs, mode);
    e.pv_savings = detail::money_of(pv_savings, mode);
    e.npv = detail::money_of(pv_savings - pv_costs, mode);
    for (Bearer b : all_bearers) {
        e.pv_savings_by_bearer[b] = detail::money_of(pv_by[b], mode);
        e.savings_by_bearer[b] += Money();
    }
    if (pv_costs != 0) e.benefit_cost_ratio = detail::fixed_string(detail::round_units(pv_savings / pv_costs, 6, mode), 6);

    // Payback: the first year from which the cumulative net stays >= 0.
    auto payback = [&](auto value_of) -> std::optional<int> {
        if (e.costs.is_zero() && pv_costs == 0) return std::nullopt;
        Decimal cumulative = 0;
        std::optional<int> from;
        for (std::size_t i = 0; i < cf.flows.size(); ++i) {
            cumulative += value_of(i);
            if (cumulative < 0) from.reset();
            else if (!from) from = cf.flows[i].budget_year;
        }
        return from;
    };
    e.payback_year = payback([&](std::size_t i) { return net[i].second; });
    e.discounted_payback_year = payback([&](std::size_t i) { return pv_net[i].second; });

    // IRR.
    int changes = 0, last = 0;
    for (const auto& [t, v] : net) {
        const int s = detail::sign(v);
        if (s == 0) continue;
        if (last != 0 && s != last) ++changes;
        last = s;
    }
    if (changes == 0) {
        e.irr_note = "no solution: the net flows never change sign";
        return e;
    }
    const auto& grid = detail::irr_grid();
    std::optional<std::pair<Decimal, Decimal>> bracket;
    Decimal prev_r = grid.front(), prev_v = detail::npv_at(net, prev_r);
    if (prev_v == 0) bracket = {{prev_r, prev_r}};
    for (std::size_t i = 1; i < grid.size() && !bracket; ++i) {
        const Decimal v = detail::npv_at(net, grid[i]);
        if (v == 0) bracket = {{grid[i], grid[i]}};
        else if (detail::sign(v) != detail::sign(prev_v)) bracket = {{prev_r, grid[i]}};
        prev_r = grid[i];
        prev_v = v;
    }
    if (!bracket) {
        e.irr_note = "no solution: no rate between -0.99 and 1000 makes the net present value zero";
        return e;
    }
    Decimal lo = bracket->first, hi = bracket->second;
    const int lo_sign = detail::sign(detail::npv_at(net, lo));
    for (int i = 0; i < 200 && lo != hi; ++i) {
        const Decimal mid = (lo + hi) / 2;
        const int s = detail::sign(detail::npv_at(net, mid));
        if (s == 0) {
            lo = hi = mid;
            break;
        }
        if (s == lo_sign) lo = mid;
        else hi = mid;
    }
    e.irr = detail::fixed_string(detail::round_units((lo + hi) / 2, 8, mode), 8);
    if (changes > 1) e.irr_note = "the net flows change sign " + std::to_string(changes) + " times: other rates may solve it too";
    return e;
}

inline nlohmann::json Evaluation::to_json() const {
    using nlohmann::json;
    json j;
    j["project"] = project;
    j["base_year"] = base_year;
    j["discount_rate"] = discount_rate.to_string();
    j["rounding"] = std::string(to_string(rounding));
    j["costs"] = costs.to_string();
    j["savings"] = savings.to_string();
    j["pv_costs"] = pv_costs.to_string();
    j["pv_savings"] = pv_savings.to_string();
    j["npv"] = npv.to_string();
    json by = json::object(), pv_by = json::object();
    for (const auto& [b, m] : savings_by_bearer) by[std::string(to_string(b))] = m.to_string();
    for (const auto& [b, m] : pv_savings_by_bearer) pv_by[std::string(to_string(b))] = m.to_string();
    j["savings_by_bearer"] = by;
    j["pv_savings_by_bearer"] = pv_by;
    j["irr"] = irr ? json(*irr) : json(nullptr);
    j["irr_note"] = irr_note;
    j["payback_year"] = payback_year ? json(*payback_year) : json(nullptr);
    j["discounted_payback_year"] = discounted_payback_year ? json(*discounted_payback_year) : json(nullptr);
    j["benefit_cost_ratio"] = benefit_cost_ratio ? json(*benefit_cost_ratio) : json(nullptr);
    return j;
}

inline std::string Evaluation::to_text() const {
    std::string out = "Evaluation of " + project + " (decided " + std::to_string(base_year) + "), discounted at " +
                      discount_rate.to_percent_string() + " a year to " + std::to_string(base_year) + ", rounded " +
                      std::string(to_string(rounding)) + "\n\n";
    auto row = [&](const std::string& label, const std::string& value) {
        out += "  " + sifund::detail::pad_right(label, 36) + value + "\n";
    };
    row("Costs (undiscounted)", costs.to_swedish());
    row("Savings (undiscounted)", savings.to_swedish());
    for (const auto& [b, m] : savings_by_bearer) row("  borne by the " + std::string(to_string(b)), m.to_swedish());
    row("Present value of costs", pv_costs.to_swedish());
    row("Present value of savings", pv_savings.to_swedish());
    for (const auto& [b, m] : pv_savings_by_bearer) row("  borne by the " + std::string(to_string(b)), m.to_swedish());
    row("Net present value", npv.to_swedish());
    row("Internal rate of return", irr ? *irr : "no solution");
    if (!irr_note.empty()) row("", irr_note);
    row("Payback year", payback_year ? std::to_string(*payback_year) : "none");
    row("Discounted payback year", discounted_payback_year ? std::to_string(*discounted_payback_year) : "none");
    row("Benefit-cost ratio", benefit_cost_ratio ? *benefit_cost_ratio : "none (no costs)");
    return out;
}

}  // namespace sifund::forecast
