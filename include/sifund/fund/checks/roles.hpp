#pragma once
// Who may give a command (DESIGN §4.2): the roles the rulebook in force
// gives the actor, the segregation of duties (nobody acts on their own
// application or grant) and the delegation of decisions by amount.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"
#include "sifund/fund/checks/permissions.hpp"

namespace sifund::checks {

inline Result roles_permission(const CheckContext& c) {
    const std::string_view type = c.command.type();
    if (c.command.as<cmd::FundEstablished>() || !c.rules) return {};
    if (command_info(c.command).appended_by_fund) {
        if (c.command.actor == "sifund") return {};
        return refuse(std::string(type) + " is appended by sifund itself, not by " + c.command.actor, "sifund",
                      c.command.actor);
    }
    const auto roles = c.rules->roles_of(c.command.actor);
    // Auditors check the books; whoever holds that role gives no command,
    // whatever another role or a permissions map would allow (DESIGN §4.2).
    if (std::find(roles.begin(), roles.end(), "auditor") != roles.end())
        return refuse(c.command.actor + " (roles: " + joined(roles) +
                          ") holds the auditor role, which reads and audits and never gives " + std::string(type) +
                          " or any other command",
                      "an actor without the auditor role", joined(roles));
    if (may_give(*c.rules, roles, type)) return {};
    // The body that made a decision may reverse it (reversal.decision_body
    // then checks the delegation).
    if (const Event* t = reversal_target(c);
        t && is_decision(t->command) && may_give(*c.rules, roles, t->command.type()))
        return {};
    return refuse(c.command.actor + " (roles: " + joined(roles) + ") may not give " + std::string(type) +
                      " under rulebook in force",
                  "a role that may give " + std::string(type), joined(roles));
}

inline Result roles_own_application(const CheckContext& c) {
    if (const auto* s = c.command.as<cmd::ApplicationSubmitted>()) {
        for (const auto& a : s->applicants)
            if (a == c.command.actor) return {};
        return refuse(c.command.actor + " is not one of the applicants (" + joined(s->applicants) + ")",
                      "one of " + joined(s->applicants), c.command.actor);
    }
    const ApplicationRecord* app = named_application(c);
    if (!app || app->is_applicant(c.command.actor)) return {};
    return refuse(c.command.actor + " is not one of the applicants of " + app->application.application + " (" +
                      joined(app->application.applicants) + ")",
                  "one of " + joined(app->application.applicants), c.command.actor);
}

inline Result segregation_own_application(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    return refuse(c.command.actor + " is an applicant of " + app->application.application +
                  " and may not decide on it");
}

inline Result segregation_own_savings(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    return refuse(c.command.actor + " is an applicant of " + app->application.application +
                  " and may not verify its savings");
}

// An applicant may hold other roles (a department's head on the board, its
// controller in finance), but never acts on its own grant in them.
inline Result on_own_grant(const CheckContext& c, std::string_view act) {
    const ApplicationRecord* app = named_application(c);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    const GrantRecord* g = named_grant(c);
    return refuse(c.command.actor + " is an applicant of " + app->application.application + " and may not " +
                      std::string(act) + " " + (g ? g->id : std::string("its grant")),
                  "an actor who is not an applicant (" + joined(app->application.applicants) + ")", c.command.actor);
}

inline Result segregation_own_disbursement(const CheckContext& c) { return on_own_grant(c, "pay out"); }

inline Result segregation_own_write_off(const CheckContext& c) { return on_own_grant(c, "write off what is owed on"); }

inline Result segregation_own_closing(const CheckContext& c) { return on_own_grant(c, "close"); }

// Reversing an event of one's own grant or application (a disbursement, a
// repayment, a saving verified) is acting on it again.
inline Result segregation_own_reversal(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t) return {};
    const ApplicationRecord* app = application_concerned(c.state, t->command);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    return refuse(c.command.actor + " is an applicant of " + app->application.application +
                      " and may not reverse event " + std::to_string(t->seq) + " (" + std::string(t->command.type()) +
                      ") that concerns it",
                  "an actor who is not an applicant (" + joined(app->application.applicants) + ")", c.command.actor);
}

inline Result delegation(const CheckContext& c) {
    if (c.rules->delegation.empty()) return {};
    Money amount;
    if (const auto* d = c.command.as<cmd::GrantDecided>())
        amount = d->amount;
    else if (const auto* a = application_in(c))
        amount = a->requested;
    else
        return {};
    const auto allowed = roles_for_amount(*c.rules, amount);
    for (const auto& role : c.rules->roles_of(c.command.actor))
        if (std::find(allowed.begin(), allowed.end(), role) != allowed.end()) return {};
    return refuse(c.command.actor + " (roles: " + joined(c.rules->roles_of(c.command.actor)) + ") may not decide on " +
                      amount.to_string() + "; that is for: " + joined(allowed),
                  joined(allowed), joined(c.rules->roles_of(c.command.actor)));
}

// A decision is undone by whoever may take it: the board reverses its grant
// within the same delegation, not finance alone.
inline Result reversal_decision_body(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !is_decision(t->command)) return {};
    const std::string_view type = t->command.type();
    const auto roles = c.rules->roles_of(c.command.actor);
    bool may = may_give(*c.rules, roles, type);
    std::string needed = "a role that may give " + std::string(type);
    const bool decided_by_amount = t->command.as<cmd::GrantDecided>() || t->command.as<cmd::ApplicationRejected>();
    if (!c.rules->delegation.empty() && decided_by_amount) {
        Money amount;
        if (const auto* d = t->command.as<cmd::GrantDecided>())
            amount = d->amount;
        else if (const auto* rejected = t->command.as<cmd::ApplicationRejected>())
            if (const ApplicationRecord* app = c.state.application(rejected->application))
                amount = app->application.requested;
        const auto allowed = roles_for_amount(*c.rules, amount);
        may = may && std::any_of(roles.begin(), roles.end(), [&](const std::string& r) {
                  return std::find(allowed.begin(), allowed.end(), r) != allowed.end();
              });
        needed = "a role that may decide " + amount.to_string() + ": " + joined(allowed);
    }
    if (may) return {};
    return refuse("event " + std::to_string(t->seq) + " (" + std::string(type) +
                      ") is a decision; reversing it takes " + needed + ", not " + c.command.actor +
                      " (roles: " + joined(roles) + ")",
                  needed, joined(roles));
}

}  // namespace sifund::checks
