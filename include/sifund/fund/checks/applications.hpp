#pragma once
// Applications: submitted once, decided in their lifecycle's order, and
// eligible under the rulebook in force: enough applicants, each one who may
// apply, a focus area of the fund's, enough evidence.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"
#include "sifund/fund/lifecycle.hpp"

namespace sifund::checks {

inline Result application_duplicate(const CheckContext& c, const cmd::ApplicationSubmitted& s) {
    const auto& id = s.application;
    if (!c.state.application(id)) return {};
    return refuse("application " + id + " is already submitted");
}

inline Result application_unknown(const CheckContext& c) {
    const std::string id = std::visit(
        [](const auto& b) -> std::string {
            if constexpr (requires { b.application; })
                return b.application;
            else
                return {};
        },
        c.command.body);
    if (c.state.application(id)) return {};
    return refuse("no application " + id + " has been submitted");
}

inline Result application_transition(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app) return {};
    if (next_status(application_transitions, app->status, c.command.type())) return {};
    return refuse("application " + app->application.application + " is " + std::string(to_string(app->status)) +
                      "; from there it allows: " + allowed_from(application_transitions, app->status),
                  allowed_from(application_transitions, app->status), std::string(c.command.type()));
}

inline Result application_before_submission(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app) return {};
    if (!(c.command.date < app->submitted_on)) return {};
    return refuse("application " + app->application.application + " was submitted on " + app->submitted_on.to_string() +
                  ", after this command's date " + c.command.date.to_string());
}

inline Result eligibility_min_applicants(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    const auto* submitted = c.command.as<cmd::ApplicationSubmitted>();
    const auto& a = submitted ? *submitted : (app ? app->application : cmd::ApplicationSubmitted{});
    if (!submitted && !app) return {};
    std::set<std::string> distinct(a.applicants.begin(), a.applicants.end());
    const auto need = static_cast<std::size_t>(c.rules->eligibility.min_applicants);
    if (distinct.size() >= need) return {};
    return refuse("application " + a.application + " has " + std::to_string(distinct.size()) +
                      " applicant(s); the rulebook asks for at least " + std::to_string(need),
                  ">= " + std::to_string(need), std::to_string(distinct.size()));
}

inline Result eligibility_focus_areas(const CheckContext& c) {
    const auto* a = application_in(c);
    const auto& areas = c.rules->eligibility.focus_areas;
    if (!a || areas.empty() || std::find(areas.begin(), areas.end(), a->focus_area) != areas.end()) return {};
    return refuse(
        "focus area " + a->focus_area + " of " + a->application + " is not one of the fund's: " + joined(areas),
        joined(areas), a->focus_area);
}

inline Result eligibility_min_evidence(const CheckContext& c) {
    const auto* a = application_in(c);
    const Evidence need = c.rules->eligibility.min_evidence;
    if (!a || a->evidence >= need) return {};
    return refuse("the evidence for " + a->application + " is \"" + std::string(to_string(a->evidence)) +
                      "\"; the rulebook asks for at least \"" + std::string(to_string(need)) + "\"",
                  ">= " + std::string(to_string(need)), std::string(to_string(a->evidence)));
}

// Every applicant is an actor the rulebook in force knows as one who may
// apply: "vof " (a trailing space), "VOF" or "nobody-at-all" meets a minimum
// of applicants only on paper.
inline Result eligibility_applicant_role(const CheckContext& c) {
    const auto* a = application_in(c);
    if (!a) return {};
    for (const auto& who : a->applicants) {
        const auto roles = c.rules->roles_of(who);
        if (std::find(roles.begin(), roles.end(), "unit") != roles.end() ||
            std::find(roles.begin(), roles.end(), "partner") != roles.end())
            continue;
        return refuse("applicant " + sifund::detail::quoted(who) + " of " + a->application +
                          (roles.empty() ? " has no role in the rulebook in force"
                                         : " holds " + joined(roles) + ", not the role of an applicant") +
                          "; every applicant must be a unit or partner",
                      "unit or partner", roles.empty() ? "no role" : joined(roles));
    }
    return {};
}

}  // namespace sifund::checks
