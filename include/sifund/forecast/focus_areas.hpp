#pragma once
// Reporting by focus area (DESIGN §1: vision → strategic areas → focus
// areas): per focus area and year what was granted (by the year of the
// decision), disbursed (by the year paid), verified as savings (by the budget
// year the saving concerns) and repaid (by the year received), summed up to
// each strategic area and the vision. Reversed events do not count. A focus
// area the vision does not place falls under the strategic area
// "(unplaced)"; without a vision every focus area is under "(all)".

#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "sifund/detail/text.hpp"
#include "sifund/forecast/assumptions.hpp"
#include "sifund/fund/apply.hpp"
#include "sifund/fund/statement.hpp"

namespace sifund::forecast {

struct AreaFigures {
    Money granted, disbursed, verified_savings, repaid;
    AreaFigures& operator+=(const AreaFigures& o) {
        granted += o.granted;
        disbursed += o.disbursed;
        verified_savings += o.verified_savings;
        repaid += o.repaid;
        return *this;
    }
};

struct AreaReport {
    std::string name;
    std::map<int, AreaFigures> by_year;
    AreaFigures total;
};

struct StrategicAreaReport {
    AreaReport area;                       // the strategic area's own sums
    std::vector<AreaReport> focus_areas;   // in the vision's order, then by name
};

struct FocusAreaReport {
    std::string vision;
    std::vector<int> years;  // every year with a figure, ascending
    std::vector<StrategicAreaReport> strategic_areas;
    AreaReport total;

    [[nodiscard]] nlohmann::json to_json() const;
    [[nodiscard]] std::string to_text() const;
};

[[nodiscard]] inline FocusAreaReport report_by_focus_area(std::span<const Event> events, const std::optional<Vision>& vision) {
    const FundState s = fold(events);
    auto focus_of_grant = [&](const std::string& grant) -> std::string {
        const GrantRecord* g = s.grant(grant);
        const ApplicationRecord* app = g ? s.application_of(*g) : nullptr;
        return app ? app->application.focus_area : std::string("(unknown)");
    };
    std::map<std::string, std::map<int, AreaFigures>> figures;  // focus area -> year -> figures
    for (const Event& e : events) {
        if (s.reversed.count(e.seq)) continue;
        const Command& c = e.command;
        const int year = c.date.year();
        if (const auto* d = c.as<cmd::GrantDecided>()) figures[focus_of_grant(d->grant)][year].granted += d->amount;
        else if (const auto* p = c.as<cmd::GrantDisbursed>()) figures[focus_of_grant(p->grant)][year].disbursed += p->amount;
        else if (const auto* v = c.as<cmd::SavingsVerified>())
            figures[focus_of_grant(v->grant)][v->budget_year].verified_savings += v->amount;
        else if (const auto* r = c.as<cmd::RepaymentReceived>()) figures[focus_of_grant(r->grant)][year].repaid += r->amount;
    }

    FocusAreaReport out;
    std::set<int> years;
    for (const auto& [fa, ys] : figures)
        for (const auto& [y, f] : ys) years.insert(y);
    out.years.assign(years.begin(), years.end());

    auto area_of = [&](const std::string& name) {
        AreaReport a;
        a.name = name;
        if (const auto it = figures.find(name); it != figures.end()) a.by_year = it->second;
        for (const auto& [y, f] : a.by_year) a.total += f;
        return a;
    };
    std::set<std::string> placed;
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    if (vision) {
        out.vision = vision->name;
        for (const StrategicArea& sa : vision->strategic_areas) {
            groups.emplace_back(sa.name, sa.focus_areas);
            placed.insert(sa.focus_areas.begin(), sa.focus_areas.end());
        }
    }
    std::vector<std::string> rest;
    for (const auto& [fa, ys] : figures)
        if (!placed.count(fa)) rest.push_back(fa);
    if (!rest.empty()) groups.emplace_back(vision ? "(unplaced)" : "(all)", rest);

    out.total.name = out.vision.empty() ? "(all)" : out.vision;
    for (const auto& [name, areas] : groups) {
        StrategicAreaReport sr;
        sr.area.name = name;
        for (const std::string& fa : areas) {
            AreaReport a = area_of(fa);
            for (const auto& [y, f] : a.by_year) {
                sr.area.by_year[y] += f;
                out.total.by_year[y] += f;
            }
            sr.area.total += a.total;
            out.total.total += a.total;
            sr.focus_areas.push_back(std::move(a));
        }
        out.strategic_areas.push_back(std::move(sr));
    }
    return out;
}

namespace detail {
inline nlohmann::json figures_json(const AreaFigures& f) {
    return {{"granted", f.granted.to_string()},
            {"disbursed", f.disbursed.to_string()},
            {"verified_savings", f.verified_savings.to_string()},
            {"repaid", f.repaid.to_string()}};
}
inline nlohmann::json area_json(const AreaReport& a, const char* key) {
    nlohmann::json j;
    j[key] = a.name;
    j["years"] = nlohmann::json::array();
    for (const auto& [y, f] : a.by_year) {
        nlohmann::json row = figures_json(f);
        row["budget_year"] = y;
        j["years"].push_back(row);
    }
    j["total"] = figures_json(a.total);
    return j;
}
}  // namespace detail

inline nlohmann::json FocusAreaReport::to_json() const {
    nlohmann::json j;
    j["vision"] = vision.empty() ? nlohmann::json(nullptr) : nlohmann::json(vision);
    j["strategic_areas"] = nlohmann::json::array();
    for (const StrategicAreaReport& sr : strategic_areas) {
        nlohmann::json s = detail::area_json(sr.area, "strategic_area");
        s["focus_areas"] = nlohmann::json::array();
        for (const AreaReport& a : sr.focus_areas) s["focus_areas"].push_back(detail::area_json(a, "focus_area"));
        j["strategic_areas"].push_back(s);
    }
    j["total"] = detail::area_json(total, "name");
    return j;
}

inline std::string FocusAreaReport::to_text() const {
    using sifund::detail::pad_left;
    using sifund::detail::pad_right;
    std::string out = vision.empty() ? "By focus area\n" : "By focus area, under the vision \"" + vision + "\"\n";
    out += "(granted by decision year, disbursed and repaid by year paid, savings by the budget year they concern)\n";
    auto rows = [&](const AreaReport& a, const std::string& indent) {
        out += indent + a.name + "\n";
        out += indent + "  " + pad_right("year", 8) + pad_left("granted", 18) + pad_left("disbursed", 18) +
               pad_left("verified savings", 18) + pad_left("repaid", 18) + "\n";
        auto line = [&](const std::string& label, const AreaFigures& f) {
            out += indent + "  " + pad_right(label, 8) + pad_left(f.granted.to_swedish(Currency::sek(), false), 18) +
                   pad_left(f.disbursed.to_swedish(Currency::sek(), false), 18) +
                   pad_left(f.verified_savings.to_swedish(Currency::sek(), false), 18) +
                   pad_left(f.repaid.to_swedish(Currency::sek(), false), 18) + "\n";
        };
        for (const auto& [y, f] : a.by_year) line(std::to_string(y), f);
        line("total", a.total);
    };
    for (const StrategicAreaReport& sr : strategic_areas) {
        out += "\n";
        rows(sr.area, "");
        for (const AreaReport& a : sr.focus_areas) rows(a, "    ");
    }
    out += "\n";
    rows(total, "");
    return out;
}

}  // namespace sifund::forecast
