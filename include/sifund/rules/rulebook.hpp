#pragma once
// A rulebook revision (DESIGN §4.2): parameters, each a rule whose id is its
// path ("grant.max_amount"), and the paragraph each cites. A decision is
// judged by the revision in force on its date; see RulebookHistory.
//
// A section or leaf left out takes the permissive default (no limit); null
// means "no limit" too. A key that is not a rule is an error, so a misspelt
// limit cannot silently switch a rule off.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sifund/detail/fields.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/money/rounding.hpp"
#include "sifund/rules/evidence.hpp"
#include "sifund/time/date.hpp"

namespace sifund {

struct Rulebook {
    struct Allocation {
        std::optional<Rate> target_rate;  // guides forecasts; refuses nothing
        std::string basis = "budget";     // the tax revenue figure an allocation rests on
        bool true_up = false;             // true up to the outcome when it is known
        Rounding rounding = Rounding::half_even;
        Money round_to = Money::from_minor(1);

        // What a rate of a year's tax revenue allocates, rounded to `round_to`
        // by `rounding`: the one formula the fund's check, its true-up and the
        // forecast all use (DESIGN §4.2).
        [[nodiscard]] Money of(const Rate& rate, Money tax_revenue) const {
            return rate.of(tax_revenue, rounding, round_to);
        }
    };
    struct Eligibility {
        int min_applicants = 1;
        std::vector<std::string> focus_areas;  // empty: any
        Evidence min_evidence = Evidence::idea;
    };
    struct GrantLimits {
        std::optional<Money> max_amount;
        std::optional<Rate> max_share_of_free_capital;
        std::optional<int> max_duration_months;
        std::optional<Rate> min_co_financing_share;
        std::optional<Money> max_per_year;
    };
    struct Delegation {
        std::optional<Money> up_to;  // nullopt: no upper limit
        std::string role;
    };
    struct Reporting {
        std::optional<int> interim_every_months;
        int final_within_months = 3;
        bool block_disbursement_when_overdue = false;
    };
    struct Repayment {
        Rate share_of_savings = Rate::one();
        Rate cap_factor = Rate::one();
        int due_lag_years = 1;
        Rounding rounding = Rounding::half_even;

        // The formulas of repayment (DESIGN §4.2), the one place the fold, the
        // checks and the forecast take them from. The cap on a grant's
        // obligations: cap_factor × what was disbursed, rounded down so that it
        // is never passed.
        [[nodiscard]] Money cap(Money disbursed) const { return cap_factor.of(disbursed, Rounding::floor); }
        // The share of a verified saving owed back, rounded by `rounding`.
        [[nodiscard]] Money share_of(Money saving) const { return share_of_savings.of(saving, rounding); }
        // What a saving's share adds to the obligations when `arisen` have
        // arisen already: as much as the cap leaves room for, never below zero.
        [[nodiscard]] static Money within_cap(Money share, Money cap, Money arisen) {
            return min(share, max(Money(), cap - arisen));
        }
    };

    std::map<std::string, std::vector<std::string>> roles;        // actor -> roles
    std::map<std::string, std::vector<std::string>> permissions;  // role -> command types (overrides the default table)
    Allocation allocation;
    Eligibility eligibility;
    GrantLimits grant;
    Money reserve_floor;  // commitments.reserve_floor
    std::vector<Delegation> delegation;
    Reporting reporting;
    Repayment repayment;
    std::map<std::string, std::string> citations;  // rule id -> paragraph

    // The paragraph a rule cites, or "" when the rulebook gives none.
    [[nodiscard]] std::string cite(const std::string& rule_id) const {
        const auto it = citations.find(rule_id);
        return it == citations.end() ? std::string() : it->second;
    }

    [[nodiscard]] std::vector<std::string> roles_of(const std::string& actor) const {
        const auto it = roles.find(actor);
        return it == roles.end() ? std::vector<std::string>{} : it->second;
    }

    // Reads the "rules" object of a rulebook.adopted command.
    [[nodiscard]] static Rulebook parse(const nlohmann::json& rules, const std::string& path = "rules");
    [[nodiscard]] static Rulebook parse(const detail::JsonNode& rules, const std::string& path = "rules");
    [[nodiscard]] nlohmann::json to_json() const;
};

namespace detail {

template <class F>
Rounding read_rounding(F& f, std::string_view name) {
    const std::string s = f.string(name);
    if (auto r = rounding_from_string(s)) return *r;
    f.invalid(name, sifund::detail::quoted(s) + " is not a rounding mode (half_even, half_up, half_down, up, down, ceiling, floor)");
}

template <class Fs, class T, class F>
void read_section(Fs& parent, std::string_view name, T& out, F read) {
    if (const auto* v = parent.raw(name)) {
        Fs section(*v, parent.path_of(name));
        read(section, out);
        section.finish();
    }
}

template <class F>
std::optional<int> optional_int(F& f, std::string_view name, int min, int max) {
    if (!f.has(name)) return (void)f.raw(name), std::nullopt;
    return static_cast<int>(f.integer(name, min, max));
}

template <class F>
std::map<std::string, std::vector<std::string>> read_string_lists(F& parent, std::string_view name) {
    std::map<std::string, std::vector<std::string>> out;
    // Keys and values alike are ids: actors and their roles, roles and command types.
    parent.entries(name, [&](F& map, std::string_view key) {
        if (const std::string why = id_problem(key); !why.empty())
            throw FieldError("input.invalid_id", parent.path_of(name),
                             "a key of field \"" + parent.path_of(name) + "\": " + why);
        out[std::string(key)] = map.ids(key, false);
    });
    return out;
}

template <class Fs>
Rulebook parse_rulebook(const typename Fs::Value& rules, const std::string& path) {
    Fs f(rules, path);
    Rulebook rb;
    rb.roles = detail::read_string_lists(f, "roles");
    rb.permissions = detail::read_string_lists(f, "permissions");
    detail::read_section(f, "allocation", rb.allocation, [](Fs& s, Rulebook::Allocation& a) {
        a.target_rate = s.optional_rate("target_rate");
        if (s.has("basis")) a.basis = s.one_of("basis", {"budget", "outcome"});
        else (void)s.raw("basis");
        if (s.has("true_up")) a.true_up = s.boolean("true_up");
        else (void)s.raw("true_up");
        if (s.has("rounding")) a.rounding = detail::read_rounding(s, "rounding");
        else (void)s.raw("rounding");
        if (auto step = s.optional_money("round_to", Fs::Sign::positive)) a.round_to = *step;
    });
    detail::read_section(f, "eligibility", rb.eligibility, [](Fs& s, Rulebook::Eligibility& e) {
        if (auto n = detail::optional_int(s, "min_applicants", 1, 1000)) e.min_applicants = *n;
        e.focus_areas = s.optional_ids("focus_areas");
        if (s.has("min_evidence"))
            e.min_evidence = *evidence_from_string(s.one_of("min_evidence", {"idea", "promising", "established"}));
        else (void)s.raw("min_evidence");
    });
    detail::read_section(f, "grant", rb.grant, [](Fs& s, Rulebook::GrantLimits& g) {
        g.max_amount = s.optional_money("max_amount", Fs::Sign::positive);
        g.max_share_of_free_capital = s.optional_rate("max_share_of_free_capital");
        g.max_duration_months = detail::optional_int(s, "max_duration_months", 1, 1200);
        g.min_co_financing_share = s.optional_rate("min_co_financing_share");
        g.max_per_year = s.optional_money("max_per_year", Fs::Sign::positive);
    });
    detail::read_section(f, "commitments", rb.reserve_floor, [](Fs& s, Money& floor) {
        if (auto m = s.optional_money("reserve_floor", Fs::Sign::non_negative)) floor = *m;
    });
    if (const auto* v = f.raw("delegation")) {
        if (json_kind(*v) != JsonKind::array) f.wrong_type("delegation", *v, "an array of {\"up_to\", \"role\"}");
        rb.delegation = f.objects("delegation", [](Fs& s) {
            return Rulebook::Delegation{s.optional_money("up_to", Fs::Sign::positive), s.id("role")};
        });
        for (std::size_t i = 1; i < rb.delegation.size(); ++i) {
            const auto& prev = rb.delegation[i - 1].up_to;
            const auto& cur = rb.delegation[i].up_to;
            if (!prev || (cur && *cur <= *prev))
                f.invalid("delegation", "levels must rise: each up_to above the one before, null (no limit) last");
        }
    }
    detail::read_section(f, "reporting", rb.reporting, [](Fs& s, Rulebook::Reporting& r) {
        r.interim_every_months = detail::optional_int(s, "interim_every_months", 1, 120);
        if (auto n = detail::optional_int(s, "final_within_months", 0, 120)) r.final_within_months = *n;
        if (s.has("block_disbursement_when_overdue"))
            r.block_disbursement_when_overdue = s.boolean("block_disbursement_when_overdue");
        else (void)s.raw("block_disbursement_when_overdue");
    });
    detail::read_section(f, "repayment", rb.repayment, [](Fs& s, Rulebook::Repayment& r) {
        if (auto x = s.optional_rate("share_of_savings")) r.share_of_savings = *x;
        if (auto x = s.optional_rate("cap_factor")) r.cap_factor = *x;
        if (auto n = detail::optional_int(s, "due_lag_years", 0, 50)) r.due_lag_years = *n;
        if (s.has("rounding")) r.rounding = detail::read_rounding(s, "rounding");
        else (void)s.raw("rounding");
    });
    f.entries("citations", [&](Fs& c, std::string_view key) { rb.citations[std::string(key)] = c.string(key); });
    f.finish();
    return rb;
}

}  // namespace detail

inline Rulebook Rulebook::parse(const nlohmann::json& rules, const std::string& path) {
    return detail::parse_rulebook<detail::Fields>(rules, path);
}
inline Rulebook Rulebook::parse(const detail::JsonNode& rules, const std::string& path) {
    return detail::parse_rulebook<detail::NodeFields>(rules, path);
}

inline nlohmann::json Rulebook::to_json() const {
    using nlohmann::json;
    auto opt_money = [](const std::optional<Money>& m) { return m ? json(m->to_string()) : json(nullptr); };
    auto opt_rate = [](const std::optional<Rate>& r) { return r ? json(r->to_string()) : json(nullptr); };
    json j;
    j["roles"] = roles;
    if (!permissions.empty()) j["permissions"] = permissions;
    j["allocation"] = {{"target_rate", opt_rate(allocation.target_rate)},
                       {"basis", allocation.basis},
                       {"true_up", allocation.true_up},
                       {"rounding", std::string(to_string(allocation.rounding))},
                       {"round_to", allocation.round_to.to_string()}};
    j["eligibility"] = {{"min_applicants", eligibility.min_applicants},
                        {"focus_areas", eligibility.focus_areas},
                        {"min_evidence", std::string(to_string(eligibility.min_evidence))}};
    j["grant"] = {{"max_amount", opt_money(grant.max_amount)},
                  {"max_share_of_free_capital", opt_rate(grant.max_share_of_free_capital)},
                  {"max_duration_months", grant.max_duration_months ? json(*grant.max_duration_months) : json(nullptr)},
                  {"min_co_financing_share", opt_rate(grant.min_co_financing_share)},
                  {"max_per_year", opt_money(grant.max_per_year)}};
    j["commitments"] = {{"reserve_floor", reserve_floor.to_string()}};
    j["delegation"] = json::array();
    for (const auto& d : delegation) j["delegation"].push_back({{"up_to", opt_money(d.up_to)}, {"role", d.role}});
    j["reporting"] = {
        {"interim_every_months", reporting.interim_every_months ? json(*reporting.interim_every_months) : json(nullptr)},
        {"final_within_months", reporting.final_within_months},
        {"block_disbursement_when_overdue", reporting.block_disbursement_when_overdue}};
    j["repayment"] = {{"share_of_savings", repayment.share_of_savings.to_string()},
                      {"cap_factor", repayment.cap_factor.to_string()},
                      {"due_lag_years", repayment.due_lag_years},
                      {"rounding", std::string(to_string(repayment.rounding))}};
    j["citations"] = citations;
    return j;
}

}  // namespace sifund
