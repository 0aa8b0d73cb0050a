#pragma once
// The projection: the fund year by year on the expected path (plan.hpp says
// how a year is modelled). Each project's expected savings are weighted by
// its probability of success times the mean of its savings factor, so the
// projection is the Monte Carlo with every chance replaced by its expected
// value; with no uncertainty (every probability 0 or 1, no spread) the two
// are the same to the öre.
//
// The result is a statement (DESIGN §4.3 keys, without grant lines) as of
// 31 December of each projected year, the flows of the year, and the first
// year whose free capital would fall below the reserve floor.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sifund/detail/text.hpp"
#include "sifund/forecast/plan.hpp"

namespace sifund::forecast {

struct ProjectedYear {
    int budget_year = 0;
    Money tax_revenue;
    std::optional<Rate> allocation_rate;
    bool allocation_recorded = false;
    Money allocation, new_grants, disbursed, savings, obligations_arisen, repayments;
    Statement statement;  // as of 31 December
    bool below_reserve_floor = false;
};

struct Projection {
    int base_year = 0, from = 0, until = 0;
    std::string rulebook_version;
    Money reserve_floor;
    Statement opening;
    std::vector<ProjectedYear> years;
    std::optional<int> first_breach_year;  // the first year free capital ends below the reserve floor

    [[nodiscard]] nlohmann::json to_json() const;
    [[nodiscard]] std::string to_text() const;
};

[[nodiscard]] inline Projection project(const Plan& plan) {
    const std::size_t n = plan.year_count();
    std::vector<Money> savings(n), arisen(n), repaid(n);
    for (const Project& p : plan.projects) (void)settle(plan, p, expected_weight(p), savings, arisen, repaid);

    Projection out;
    out.base_year = plan.base_year;
    out.from = plan.from;
    out.until = plan.until;
    out.rulebook_version = plan.rulebook_version;
    out.reserve_floor = plan.reserve_floor;
    out.opening = plan.opening;
    Statement st = plan.opening;
    st.grants.clear();
    st.obligations_overdue = Money();
    for (std::size_t i = 0; i < n; ++i) {
        const PlanYear& y = plan.years[i];
        ProjectedYear py;
        py.budget_year = y.budget_year;
        py.tax_revenue = y.tax_revenue;
        py.allocation_rate = y.allocation_rate;
        py.allocation_recorded = y.allocation_recorded;
        py.allocation = y.allocation;
        py.new_grants = y.new_grants;
        py.disbursed = y.disbursed;
        py.savings = savings[i];
        py.obligations_arisen = arisen[i];
        py.repayments = y.repayments_due + repaid[i];
        st.as_of = Date(y.budget_year, 12, 31);
        st.allocations += y.allocation;
        st.repayments += py.repayments;
        st.disbursed += y.disbursed;
        st.cash = st.capital_contributed + st.allocations + st.repayments - st.disbursed;
        st.committed_undisbursed = y.committed;
        st.free_capital = st.cash - st.committed_undisbursed;
        st.obligations_outstanding += py.obligations_arisen - py.repayments;
        py.statement = st;
        py.below_reserve_floor = st.free_capital < plan.reserve_floor;
        if (py.below_reserve_floor && !out.first_breach_year) out.first_breach_year = y.budget_year;
        out.years.push_back(std::move(py));
    }
    return out;
}

[[nodiscard]] inline Projection project(std::span<const Event> events, const Assumptions& a, int until) {
    return project(make_plan(events, a, until));
}

inline nlohmann::json Projection::to_json() const {
    using nlohmann::json;
    json j;
    j["base_year"] = base_year;
    j["from"] = from;
    j["until"] = until;
    j["rulebook"] = rulebook_version;
    j["reserve_floor"] = reserve_floor.to_string();
    j["first_breach_year"] = first_breach_year ? json(*first_breach_year) : json(nullptr);
    j["opening"] = {{"as_of", opening.as_of.to_string()}};
    opening.write_amounts(j["opening"], {&Statement::cash, &Statement::committed_undisbursed, &Statement::free_capital,
                                         &Statement::obligations_outstanding});
    j["years"] = json::array();
    for (const ProjectedYear& y : years) {
        const Statement& s = y.statement;
        j["years"].push_back({{"budget_year", y.budget_year},
                              {"tax_revenue", y.tax_revenue.to_string()},
                              {"allocation_rate", y.allocation_rate ? json(y.allocation_rate->to_string()) : json(nullptr)},
                              {"allocation_recorded", y.allocation_recorded},
                              {"allocation", y.allocation.to_string()},
                              {"new_grants", y.new_grants.to_string()},
                              {"disbursed", y.disbursed.to_string()},
                              {"savings", y.savings.to_string()},
                              {"obligations_arisen", y.obligations_arisen.to_string()},
                              {"repayments", y.repayments.to_string()},
                              {"below_reserve_floor", y.below_reserve_floor},
                              {"statement", {{"as_of", s.as_of.to_string()}}}});
        s.write_amounts(j["years"].back()["statement"]);
    }
    return j;
}

inline std::string Projection::to_text() const {
    using sifund::detail::msek;
    using sifund::detail::pad_left;
    std::string out = "Projection " + std::to_string(from) + "-" + std::to_string(until) + " (MSEK), from the books as of " +
                      opening.as_of.to_string() + ", rulebook " + rulebook_version + ", reserve floor " +
                      reserve_floor.to_swedish() + "\n\n";
    out += "  year    tax rev.     rate   alloc.  granted  disbursed  savings  obligations  repaid   free cap.  outstanding\n";
    for (const ProjectedYear& y : years) {
        std::string rate = y.allocation_rate ? y.allocation_rate->to_percent_string() : "-";
        out += "  " + std::to_string(y.budget_year) + pad_left(msek(y.tax_revenue), 12) + pad_left(rate, 9) +
               pad_left(msek(y.allocation), 9) + pad_left(msek(y.new_grants), 9) +
               pad_left(msek(y.disbursed), 11) + pad_left(msek(y.savings), 9) +
               pad_left(msek(y.obligations_arisen), 13) + pad_left(msek(y.repayments), 8) +
               pad_left(msek(y.statement.free_capital), 12) +
               pad_left(msek(y.statement.obligations_outstanding), 13) + (y.below_reserve_floor ? "  below floor" : "") +
               "\n";
    }
    out += first_breach_year ? "\nFree capital falls below the reserve floor in " + std::to_string(*first_breach_year) + ".\n"
                             : "\nFree capital stays at or above the reserve floor through " + std::to_string(until) + ".\n";
    return out;
}

}  // namespace sifund::forecast
