#pragma once
// The statement of DESIGN §4.3: where the fund stands on a date, as known at
// a time. Built from the state of an as-of view (fund/apply.hpp: fold).

#include <algorithm>
#include <array>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/detail/printable.hpp"
#include "sifund/detail/text.hpp"
#include "sifund/fund/state.hpp"

namespace sifund {

struct GrantLine {
    std::string grant, application, status, focus_area, title;
    Money approved, disbursed, repaid, obligation, written_off, outstanding, overdue;
};

struct Statement {
    Date as_of;
    std::optional<Timestamp> known_at;
    std::string fund, name;
    Currency currency;
    Money capital_contributed, allocations, repayments;
    Money disbursed, written_off;
    Money cash, committed_undisbursed, free_capital;
    Money obligations_outstanding, obligations_overdue;
    std::vector<GrantLine> grants;

    // The amounts above, each under its DESIGN §4.3 key, in the order written.
    struct Amount {
        std::string_view key;
        Money Statement::*member;
    };
    static const std::array<Amount, 10> amounts;

    [[nodiscard]] nlohmann::json to_json() const;
    // Writes into `j` each of `amounts` (or those of `only`) as a decimal
    // string: to_json() and the projection's statements (forecast/projection.hpp)
    // name the keys here and nowhere else.
    void write_amounts(nlohmann::json& j, std::initializer_list<Money Statement::*> only = {}) const;
    // A page a person reads: the totals, then one line a grant.
    [[nodiscard]] std::string to_text() const;
};

// The statement of a state folded as of `as_of`.
[[nodiscard]] inline Statement make_statement(const FundState& s, const Date& as_of,
                                              std::optional<Timestamp> known_at = {}) {
    Statement st;
    st.as_of = as_of;
    st.known_at = known_at;
    if (s.fund) {
        st.fund = s.fund->fund;
        st.name = s.fund->name;
        st.currency = s.fund->currency;
    }
    st.capital_contributed = s.capital_contributed;
    st.allocations = s.allocated;
    st.repayments = s.repaid;
    st.disbursed = s.disbursed;
    st.written_off = s.written_off;
    st.cash = st.capital_contributed + st.allocations + st.repayments - st.disbursed;
    for (const auto& [id, g] : s.grants) {
        if (g.reversed) continue;
        GrantLine line;
        line.grant = id;
        line.application = g.application;
        line.status = std::string(to_string(g.status));
        if (const ApplicationRecord* app = s.application_of(g)) {
            line.focus_area = app->application.focus_area;
            line.title = app->application.title;
        }
        line.approved = g.approved;
        line.disbursed = g.disbursed;
        line.repaid = g.repaid;
        line.obligation = g.obligations_total();
        line.written_off = g.written_off;
        line.outstanding = g.outstanding();
        // Repayments and write-offs settle the oldest-due obligations first.
        line.overdue = g.overdue_on(as_of);
        st.committed_undisbursed += g.committed();
        st.obligations_outstanding += line.outstanding;
        st.obligations_overdue += line.overdue;
        st.grants.push_back(std::move(line));
    }
    st.free_capital = st.cash - st.committed_undisbursed;
    return st;
}

inline const std::array<Statement::Amount, 10> Statement::amounts = {{
    {"capital_contributed", &Statement::capital_contributed},
    {"allocations", &Statement::allocations},
    {"repayments", &Statement::repayments},
    {"disbursed", &Statement::disbursed},
    {"written_off", &Statement::written_off},
    {"cash", &Statement::cash},
    {"committed_undisbursed", &Statement::committed_undisbursed},
    {"free_capital", &Statement::free_capital},
    {"obligations_outstanding", &Statement::obligations_outstanding},
    {"obligations_overdue", &Statement::obligations_overdue},
}};

inline void Statement::write_amounts(nlohmann::json& j, std::initializer_list<Money Statement::*> only) const {
    for (const Amount& a : amounts)
        if (only.size() == 0 || std::find(only.begin(), only.end(), a.member) != only.end())
            j[std::string(a.key)] = (this->*a.member).to_string();
}

inline nlohmann::json Statement::to_json() const {
    nlohmann::json j;
    j["fund"] = fund;
    j["currency"] = currency.code();
    j["as_of"] = as_of.to_string();
    j["known_at"] = known_at ? nlohmann::json(known_at->to_string()) : nlohmann::json(nullptr);
    write_amounts(j);
    j["grants"] = nlohmann::json::array();
    for (const auto& g : grants)
        j["grants"].push_back({{"grant", g.grant},
                               {"application", g.application},
                               {"status", g.status},
                               {"approved", g.approved.to_string()},
                               {"disbursed", g.disbursed.to_string()},
                               {"repaid", g.repaid.to_string()},
                               {"obligation", g.obligation.to_string()},
                               {"written_off", g.written_off.to_string()},
                               {"focus_area", g.focus_area}});
    return j;
}

inline std::string Statement::to_text() const {
    using detail::pad_left;
    using detail::pad_right;
    auto amount = [&](Money m) { return pad_left(m.to_swedish(currency, false), 18); };
    // Names, ids and titles come from the history: shown, never run by the terminal.
    using detail::printable;
    std::string out;
    out += name.empty() ? "Statement" : printable(name);
    out += "\nas of " + as_of.to_string();
    if (known_at) out += ", as known at " + known_at->to_string();
    out += " (" + std::string(currency.code()) + ")\n\n";
    auto row = [&](const std::string& label, Money m) { out += "  " + pad_right(label, 34) + amount(m) + "\n"; };
    out += "Money in\n";
    row("Capital contributed", capital_contributed);
    row("Allocations from tax revenue", allocations);
    row("Repayments", repayments);
    out += "Money out\n";
    row("Disbursed to projects", disbursed);
    out += "Position\n";
    row("Cash", cash);
    row("Committed, not yet paid out", committed_undisbursed);
    row("Free capital", free_capital);
    out += "Obligations to repay\n";
    row("Outstanding", obligations_outstanding);
    row("  of which overdue", obligations_overdue);
    row("Written off (to date)", written_off);
    out += "\nGrants\n";
    out += "  " + pad_right("grant", 12) + pad_right("status", 10) + pad_left("approved", 16) + pad_left("disbursed", 16) +
           pad_left("obligation", 16) + pad_left("repaid", 16) + pad_left("written off", 16) + "  title\n";
    auto cell = [&](Money m) { return pad_left(m.to_swedish(currency, false), 16); };
    for (const auto& g : grants)
        out += "  " + pad_right(printable(g.grant), 12) + pad_right(printable(g.status), 10) + cell(g.approved) +
               cell(g.disbursed) + cell(g.obligation) + cell(g.repaid) + cell(g.written_off) + "  " +
               printable(g.title) + "\n";
    if (grants.empty()) out += "  (none)\n";
    return out;
}

}  // namespace sifund
