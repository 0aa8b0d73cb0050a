#pragma once
// What a forecast assumes about the years ahead: the tax revenue path, the
// allocation rate path, how likely projects are to succeed and how far their
// savings stray from what the applications expected, the grants still to be
// made, the discount rate of an evaluation, who bears which unit's savings,
// and the vision → strategic areas → focus areas the reports group by.
//
// Read strictly from JSON (examples/orebro/assumptions.json documents every
// field): a field nobody reads is an error, and every error is a FieldError
// naming the field's path ("success.promising", "tax_revenue.figures.2025").
// Amounts are strings of kronor and rates decimal strings, as in commands.
// Every field may be left out; without any the forecast is the plan as the
// history has it: every project succeeds with the savings it expected, no
// grants are added, the tax revenue stays at its last recorded figure.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sifund/detail/fields.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/money/rounding.hpp"
#include "sifund/rules/evidence.hpp"
#include "sifund/rules/rulebook.hpp"

namespace sifund::forecast {

// A rate that may be negative: tax revenue can fall ("-0.01").
struct SignedRate {
    bool negative = false;
    Rate magnitude;

    // amount ± magnitude × amount, the product rounded to the öre by `mode`.
    [[nodiscard]] Money grow(Money amount, Rounding mode) const {
        const Money change = magnitude.of(amount, mode);
        return negative ? amount - change : amount + change;
    }
    [[nodiscard]] std::string to_string() const { return (negative && !magnitude.is_zero() ? "-" : "") + magnitude.to_string(); }
};

// How a successful project's savings stray from the figure it expected: a
// factor on that figure drawn from a distribution.
struct SavingsSpread {
    enum class Kind { none, uniform, triangular };
    Kind kind = Kind::none;  // none: the factor is 1
    Rate low = Rate::one(), mode = Rate::one(), high = Rate::one();

    // The mean factor: 1, (low + high) / 2 or (low + mode + high) / 3, in
    // units of 10^-18 (rounded down there).
    [[nodiscard]] Rate mean() const {
        using U = Rate::units_type;
        switch (kind) {
            case Kind::none: return Rate::one();
            case Kind::uniform: return Rate::from_units(U((low.units() + high.units()) / 2));
            case Kind::triangular: return Rate::from_units(U((low.units() + mode.units() + high.units()) / 3));
        }
        return Rate::one();
    }
    [[nodiscard]] bool is_certain() const { return kind == Kind::none || (low == high); }
};

[[nodiscard]] inline std::string_view to_string(SavingsSpread::Kind k) noexcept {
    switch (k) {
        case SavingsSpread::Kind::none: return "none";
        case SavingsSpread::Kind::uniform: return "uniform";
        case SavingsSpread::Kind::triangular: return "triangular";
    }
    return "?";
}

// What is assumed of one project (a grant or its application, by id).
struct ProjectAssumption {
    std::optional<Rate> p_success;
    std::optional<SavingsSpread> savings_spread;
};

// Grants not yet decided: a volume a year, each year's grant paid out evenly
// over its duration and saving savings_ratio × its amount, spread evenly over
// savings_years budget years from savings_start_after_years after its decision.
struct NewGrants {
    Money yearly_volume;
    std::optional<int> first_year;  // the first projected year when absent
    std::optional<int> last_year;   // the forecast's last year when absent
    int duration_years = 3;
    Rate savings_ratio = Rate::one();
    std::optional<int> savings_start_after_years;  // duration_years when absent: the year after the project
    int savings_years = 3;
    Evidence evidence = Evidence::promising;
    std::string focus_area = "new";
    std::string unit = "new";
};

// Vision → strategic areas → focus areas (DESIGN §1).
struct StrategicArea {
    std::string name;
    std::vector<std::string> focus_areas;
};
struct Vision {
    std::string name;
    std::vector<StrategicArea> strategic_areas;
};

enum class Bearer { municipality, region, state };
[[nodiscard]] inline std::string_view to_string(Bearer b) noexcept {
    switch (b) {
        case Bearer::municipality: return "municipality";
        case Bearer::region: return "region";
        case Bearer::state: return "state";
    }
    return "?";
}
inline constexpr Bearer all_bearers[] = {Bearer::municipality, Bearer::region, Bearer::state};

struct Assumptions {
    std::optional<int> from;  // the first projected budget year; the year after the history's last when absent

    // Tax revenue: recorded figures, then these assumed ones, then growth a year.
    SignedRate tax_growth;
    std::map<int, Money> tax_revenue;

    // The allocation rate: explicit rates by year, else a phase-in from `start`
    // (the last decided rate when absent) to `target` (the rulebook's
    // target_rate when absent) in phase_in_years equal steps (0: at once).
    std::map<int, Rate> rates;
    std::optional<Rate> rate_start, rate_target;
    int phase_in_years = 0;

    // A saving for budget year Y is verified in Y + verification_lag_years.
    int verification_lag_years = 1;

    std::map<Evidence, Rate> p_success;  // a level left out succeeds with probability 1
    SavingsSpread savings_spread;
    std::map<std::string, ProjectAssumption> projects;  // by grant or application id
    std::optional<NewGrants> new_grants;

    Rate discount_rate = Rate::parse("0.03");
    Rounding rounding = Rounding::half_even;  // every projected amount and evaluated sum
    std::map<std::string, Bearer> bearers;    // unit -> who bears its savings (municipality when absent)
    std::optional<Vision> vision;

    [[nodiscard]] Rate success_of(Evidence e) const {
        const auto it = p_success.find(e);
        return it == p_success.end() ? Rate::one() : it->second;
    }
    [[nodiscard]] Bearer bearer_of(const std::string& unit) const {
        const auto it = bearers.find(unit);
        return it == bearers.end() ? Bearer::municipality : it->second;
    }

    // Reads an assumptions object; FieldError names the field at fault.
    [[nodiscard]] static Assumptions parse(const nlohmann::json& j);
};

namespace detail {

using sifund::detail::Fields;

inline int year_key(const Fields& f, const std::string& key) {
    int y = 0;
    bool digits = key.size() == 4;
    for (char c : key) {
        if (c < '0' || c > '9') digits = false;
        else y = y * 10 + (c - '0');
    }
    if (!digits || y < 1900 || y > 2199) f.invalid(key, "a budget year between 1900 and 2199 is written as four digits");
    return y;
}

inline int year_field(Fields& f, std::string_view name) { return static_cast<int>(f.integer(name, 1900, 2199)); }

template <class T, class Read>
std::map<int, T> by_year(Fields& parent, std::string_view name, Read read) {
    std::map<int, T> out;
    if (const nlohmann::json* v = parent.raw(name)) {
        Fields map(*v, parent.path_of(name));
        for (auto it = v->begin(); it != v->end(); ++it) out.emplace(year_key(map, it.key()), read(map, it.key()));
        map.finish();
    }
    return out;
}

inline Rate probability(Fields& f, std::string_view name) {
    Rate p = f.rate(name);
    if (p > Rate::one()) f.invalid(name, "a probability is at most 1, not " + p.to_string());
    return p;
}

inline SignedRate signed_rate(Fields& f, std::string_view name) {
    const nlohmann::json& v = f.required(name);
    if (!v.is_string()) f.wrong_type(name, v, "a string such as \"0.03\" or \"-0.01\"");
    std::string_view s = v.get_ref<const std::string&>();
    SignedRate out;
    if (s.starts_with('-')) {
        out.negative = true;
        s.remove_prefix(1);
    } else if (s.starts_with("\xE2\x88\x92")) {
        out.negative = true;
        s.remove_prefix(3);
    }
    try {
        out.magnitude = Rate::parse(s);
    } catch (const Error& e) {
        throw FieldError(e.id(), f.path_of(name), "field \"" + f.path_of(name) + "\": " + e.what());
    }
    if (out.negative && out.magnitude > Rate::one()) f.invalid(name, "tax revenue cannot fall by more than all of it");
    return out;
}

// A factor of at most 9 keeps every draw in a 64-bit count of 10^-18.
inline Rate factor(Fields& f, std::string_view name) {
    Rate r = f.rate(name);
    if (r > Rate::parse("9")) f.invalid(name, "a savings factor is at most 9, not " + r.to_string());
    return r;
}

inline SavingsSpread spread(Fields& f) {
    SavingsSpread s;
    const std::string kind = f.one_of("distribution", {"none", "uniform", "triangular"});
    if (kind == "none") return s;
    s.kind = kind == "uniform" ? SavingsSpread::Kind::uniform : SavingsSpread::Kind::triangular;
    s.low = factor(f, "low");
    s.high = factor(f, "high");
    if (s.kind == SavingsSpread::Kind::triangular) s.mode = factor(f, "mode");
    else s.mode = Rate::from_units(Rate::units_type((s.low.units() + s.high.units()) / 2));
    if (s.high < s.low) f.invalid("high", "must not be below low (" + s.low.to_string() + ")");
    if (s.mode < s.low || s.high < s.mode) f.invalid("mode", "must lie between low and high");
    return s;
}

inline SavingsSpread spread_section(Fields& parent, std::string_view name) {
    Fields f(parent.required(name), parent.path_of(name));
    SavingsSpread s = spread(f);
    f.finish();
    return s;
}

inline int small_count(Fields& f, std::string_view name, int min, int max, int fallback) {
    if (!f.has(name)) return (void)f.raw(name), fallback;
    return static_cast<int>(f.integer(name, min, max));
}

}  // namespace detail

inline Assumptions Assumptions::parse(const nlohmann::json& j) {
    using detail::Fields;
    Fields f(j, "");
    Assumptions a;
    if (f.has("from")) a.from = detail::year_field(f, "from");
    else (void)f.raw("from");

    if (const nlohmann::json* v = f.raw("tax_revenue")) {
        Fields t(*v, "tax_revenue");
        if (t.has("growth")) a.tax_growth = detail::signed_rate(t, "growth");
        else (void)t.raw("growth");
        a.tax_revenue = detail::by_year<Money>(t, "figures", [](Fields& m, const std::string& k) {
            return m.money(k, Fields::Sign::non_negative);
        });
        t.finish();
    }
    if (const nlohmann::json* v = f.raw("allocation_rate")) {
        Fields r(*v, "allocation_rate");
        a.rate_start = r.optional_rate("start");
        a.rate_target = r.optional_rate("target");
        a.phase_in_years = detail::small_count(r, "phase_in_years", 0, 100, 0);
        a.rates = detail::by_year<Rate>(r, "rates", [](Fields& m, const std::string& k) { return m.rate(k); });
        r.finish();
    }
    a.verification_lag_years = detail::small_count(f, "verification_lag_years", 0, 10, 1);
    if (const nlohmann::json* v = f.raw("success")) {
        Fields s(*v, "success");
        for (Evidence e : {Evidence::idea, Evidence::promising, Evidence::established}) {
            const std::string_view name = to_string(e);
            if (s.has(name)) a.p_success[e] = detail::probability(s, name);
            else (void)s.raw(name);
        }
        s.finish();
    }
    if (f.has("savings_spread")) a.savings_spread = detail::spread_section(f, "savings_spread");
    else (void)f.raw("savings_spread");
    if (const nlohmann::json* v = f.raw("projects")) {
        Fields p(*v, "projects");
        for (auto it = v->begin(); it != v->end(); ++it) {
            Fields one(p.required(it.key()), p.path_of(it.key()));
            ProjectAssumption pa;
            if (one.has("p_success")) pa.p_success = detail::probability(one, "p_success");
            else (void)one.raw("p_success");
            if (one.has("savings_spread")) pa.savings_spread = detail::spread_section(one, "savings_spread");
            else (void)one.raw("savings_spread");
            one.finish();
            a.projects[it.key()] = pa;
        }
        p.finish();
    }
    if (const nlohmann::json* v = f.raw("new_grants")) {
        Fields n(*v, "new_grants");
        NewGrants ng;
        ng.yearly_volume = n.money("yearly_volume", Fields::Sign::non_negative);
        if (n.has("first_year")) ng.first_year = detail::year_field(n, "first_year");
        else (void)n.raw("first_year");
        if (n.has("last_year")) ng.last_year = detail::year_field(n, "last_year");
        else (void)n.raw("last_year");
        ng.duration_years = detail::small_count(n, "duration_years", 1, 10, 3);
        if (auto r = n.optional_rate("savings_ratio")) ng.savings_ratio = *r;
        if (n.has("savings_start_after_years"))
            ng.savings_start_after_years = static_cast<int>(n.integer("savings_start_after_years", 0, 20));
        else (void)n.raw("savings_start_after_years");
        ng.savings_years = detail::small_count(n, "savings_years", 1, 30, 3);
        if (n.has("evidence"))
            ng.evidence = *evidence_from_string(n.one_of("evidence", {"idea", "promising", "established"}));
        else (void)n.raw("evidence");
        if (auto s = n.optional_string("focus_area")) ng.focus_area = *s;
        if (auto s = n.optional_string("unit")) ng.unit = *s;
        if (ng.first_year && ng.last_year && *ng.last_year < *ng.first_year)
            n.invalid("last_year", "must not be before first_year");
        n.finish();
        a.new_grants = ng;
    }
    if (auto r = f.optional_rate("discount_rate")) a.discount_rate = *r;
    if (f.has("rounding")) {
        const std::string s = f.string("rounding");
        const auto mode = rounding_from_string(s);
        if (!mode) f.invalid("rounding", sifund::detail::quoted(s) + " is not a rounding mode (half_even, half_up, half_down, up, down, ceiling, floor)");
        a.rounding = *mode;
    } else (void)f.raw("rounding");
    if (const nlohmann::json* v = f.raw("bearers")) {
        Fields b(*v, "bearers");
        for (auto it = v->begin(); it != v->end(); ++it) {
            const std::string who = b.one_of(it.key(), {"municipality", "region", "state"});
            a.bearers[it.key()] = who == "region" ? Bearer::region : who == "state" ? Bearer::state : Bearer::municipality;
        }
        b.finish();
    }
    if (const nlohmann::json* v = f.raw("vision")) {
        Fields vf(*v, "vision");
        Vision vision;
        vision.name = vf.string("name");
        vision.strategic_areas = vf.objects("strategic_areas", [](Fields& s) {
            return StrategicArea{s.string("name"), s.strings("focus_areas", false)};
        });
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < vision.strategic_areas.size(); ++i)
            for (const auto& fa : vision.strategic_areas[i].focus_areas)
                if (!seen.emplace(fa, vision.strategic_areas[i].name).second)
                    vf.invalid("strategic_areas[" + std::to_string(i) + "].focus_areas",
                               sifund::detail::quoted(fa) + " is already under " + sifund::detail::quoted(seen[fa]));
        vf.finish();
        a.vision = std::move(vision);
    }
    f.finish();
    return a;
}

}  // namespace sifund::forecast
