#pragma once
// The rules as a registry of named, pure checks (DESIGN §2, §4.2). Each check
// has a stable id — the rule's path in the rulebook ("grant.max_amount"), or
// for invariants that are not the rulebook's to set, a path of its own
// ("grant.disbursement_exceeds_approval") — and is a pure function of the
// state before the command, the command and the rulebook in force on the
// command's date. The fund runs them before appending (prevention); the
// auditor runs them again over a stored history (detection).
//
// A check that needs something another check guarantees (the grant exists,
// a rulebook is in force) passes quietly when it is missing, so that running
// every check over a bad history reports each fault once.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <span>

#include "sifund/fund/reporting.hpp"
#include "sifund/ledger/event.hpp"
#include "sifund/fund/state.hpp"

namespace sifund {

struct Refusal {
    std::string rule_id;
    std::string message;
    std::string expected, actual;
    bool is_rule = false;  // a rulebook rule (set by run_checks), not an invariant of sifund's own
};

struct CheckContext {
    const FundState& state;             // everything recorded before the command
    std::span<const Event> history;     // the events before it, indexed by seq - 1
    const Command& command;
    const Rulebook* rules;              // the revision in force on the command's date, or nullptr

    // The grant and application the command names, looked up once for all
    // the checks (each asked for them; the lookups were a tenth of an audit).
    mutable std::optional<const GrantRecord*> grant_named;
    mutable std::optional<const ApplicationRecord*> application_named;
};

struct Check {
    std::string_view id;
    std::vector<std::string_view> applies_to;  // command types; empty: every type
    bool is_rule;                              // a rulebook rule (cited), not an invariant
    std::optional<Refusal> (*run)(const CheckContext&);
};

namespace checks {

using Result = std::optional<Refusal>;

inline Result refuse(std::string_view id, std::string message, std::string expected = {}, std::string actual = {}) {
    return Refusal{std::string(id), std::move(message), std::move(expected), std::move(actual)};
}

// The default table of DESIGN §4.2, which role may give which command: the
// default_roles of the commands' descriptors, gathered by role.
inline const std::map<std::string, std::vector<std::string>, std::less<>>& default_permissions() {
    static const auto table = [] {
        std::map<std::string, std::vector<std::string>, std::less<>> t;
        for (std::string_view role : default_role_names) t[std::string(role)];
        for_each_command_type([&](auto tag) {
            using T = typename decltype(tag)::type;
            for (std::string_view role : T::info.default_roles)
                if (!role.empty()) t.at(std::string(role)).emplace_back(T::type);
        });
        return t;
    }();
    return table;
}

inline bool role_may(const Rulebook& rb, const std::string& role, std::string_view type) {
    const auto own = rb.permissions.find(role);
    const std::vector<std::string>* allowed = nullptr;
    if (own != rb.permissions.end()) {
        allowed = &own->second;
    } else {
        const auto& table = default_permissions();
        const auto it = table.find(role);
        if (it == table.end()) return false;
        allowed = &it->second;
    }
    return std::find(allowed->begin(), allowed->end(), type) != allowed->end();
}

inline std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? "none" : out;
}

// The grant a command names, if it names one that exists.
inline const GrantRecord* named_grant(const CheckContext& c) {
    if (c.grant_named) return *c.grant_named;
    return *(c.grant_named = std::visit(
        [&](const auto& b) -> const GrantRecord* {
            if constexpr (requires { b.grant; }) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(b)>, cmd::GrantDecided>) return nullptr;
                else return c.state.grant(b.grant);
            } else {
                return nullptr;
            }
        },
        c.command.body));
}

// The application a command concerns: the one it names, or the one of the grant it names.
inline const ApplicationRecord* application_concerned(const FundState& s, const Command& command) {
    return std::visit(
        [&](const auto& b) -> const ApplicationRecord* {
            if constexpr (requires { b.application; }) return s.application(b.application);
            else if constexpr (requires { b.grant; }) {
                const GrantRecord* g = s.grant(b.grant);
                return g ? s.application_of(*g) : nullptr;
            } else return nullptr;
        },
        command.body);
}

inline const ApplicationRecord* named_application(const CheckContext& c) {
    if (c.application_named) return *c.application_named;
    return *(c.application_named = application_concerned(c.state, c.command));
}

// --- the fund and its rulebooks ---------------------------------------------------------------

inline Result fund_not_established(const CheckContext& c) {
    if (c.state.fund || c.command.as<cmd::FundEstablished>()) return {};
    return refuse("fund.not_established", "no fund is established yet: the first command must be fund.established");
}
inline Result fund_already_established(const CheckContext& c) {
    if (!c.state.fund) return {};
    return refuse("fund.already_established",
                  "the fund " + c.state.fund->fund + " is already established; a store holds one fund");
}
inline Result fund_before_establishment(const CheckContext& c) {
    if (!c.state.fund || !(c.command.date < c.state.established_on)) return {};
    return refuse("fund.before_establishment",
                  "the command is dated " + c.command.date.to_string() + ", before the fund was established on " +
                      c.state.established_on.to_string(),
                  ">= " + c.state.established_on.to_string(), c.command.date.to_string());
}
inline Result rulebook_none_in_force(const CheckContext& c) {
    if (c.rules || c.command.as<cmd::FundEstablished>()) return {};
    if (c.command.as<cmd::RulebookAdopted>() && c.state.rulebooks.empty()) return {};
    return refuse("rulebook.none_in_force", "no rulebook is in force on " + c.command.date.to_string() +
                                                (c.state.rulebooks.empty()
                                                     ? ": adopt one first"
                                                     : ": the first was adopted on " +
                                                           c.state.rulebooks.front().in_force_from.to_string()));
}
inline Result rulebook_duplicate_version(const CheckContext& c) {
    const auto& v = c.command.as<cmd::RulebookAdopted>()->version;
    for (const auto& r : c.state.rulebooks)
        if (r.version == v) return refuse("rulebook.duplicate_version", "rulebook version " + v + " is already adopted");
    return {};
}

// --- reversals of decisions ---------------------------------------------------------------------

inline const Event* reversal_target(const CheckContext& c) {
    const auto* r = c.command.as<cmd::EventReversed>();
    return r ? find_event(c.history, r->seq) : nullptr;
}

// The commands that record a decision of a body (the board, its delegate,
// the council) rather than a movement of money finance books. Undoing one is
// deciding again: it takes the body that may make it (DESIGN §4.2).
inline bool is_decision(std::string_view type) {
    static constexpr std::string_view types[] = {"grant.decided", "application.rejected", "grant.closed",
                                                 "obligation.written_off", "allocation.decided"};
    return std::find(std::begin(types), std::end(types), type) != std::end(types);
}

inline bool may_give(const Rulebook& rb, const std::vector<std::string>& roles, std::string_view type) {
    for (const auto& role : roles)
        if (role_may(rb, role, type)) return true;
    return false;
}

// --- roles ---------------------------------------------------------------------------------------

inline Result roles_permission(const CheckContext& c) {
    const std::string_view type = c.command.type();
    if (type == "fund.established" || !c.rules) return {};
    if (command_info(c.command).appended_by_fund) {
        if (c.command.actor == "sifund") return {};
        return refuse("roles.permission", std::string(type) + " is appended by sifund itself, not by " + c.command.actor,
                      "sifund", c.command.actor);
    }
    const auto roles = c.rules->roles_of(c.command.actor);
    // Auditors check the books; whoever holds that role gives no command,
    // whatever another role or a permissions map would allow (DESIGN §4.2).
    if (std::find(roles.begin(), roles.end(), "auditor") != roles.end())
        return refuse("roles.permission",
                      c.command.actor + " (roles: " + joined(roles) + ") holds the auditor role, which reads and audits and never gives " +
                          std::string(type) + " or any other command",
                      "an actor without the auditor role", joined(roles));
    if (may_give(*c.rules, roles, type)) return {};
    // The body that made a decision may reverse it (reversal.decision_body
    // then checks the delegation).
    if (const Event* t = reversal_target(c); t && is_decision(t->command.type()) &&
                                             may_give(*c.rules, roles, t->command.type()))
        return {};
    return refuse("roles.permission",
                  c.command.actor + " (roles: " + joined(roles) + ") may not give " + std::string(type) +
                      " under rulebook in force",
                  "a role that may give " + std::string(type), joined(roles));
}

inline Result roles_own_application(const CheckContext& c) {
    if (const auto* s = c.command.as<cmd::ApplicationSubmitted>()) {
        for (const auto& a : s->applicants)
            if (a == c.command.actor) return {};
        return refuse("roles.own_application",
                      c.command.actor + " is not one of the applicants (" + joined(s->applicants) + ")",
                      "one of " + joined(s->applicants), c.command.actor);
    }
    const ApplicationRecord* app = named_application(c);
    if (!app || app->is_applicant(c.command.actor)) return {};
    return refuse("roles.own_application",
                  c.command.actor + " is not one of the applicants of " + app->application.application + " (" +
                      joined(app->application.applicants) + ")",
                  "one of " + joined(app->application.applicants), c.command.actor);
}

// --- applications ------------------------------------------------------------------------------------

inline Result application_duplicate(const CheckContext& c) {
    const auto& id = c.command.as<cmd::ApplicationSubmitted>()->application;
    if (!c.state.application(id)) return {};
    return refuse("application.duplicate", "application " + id + " is already submitted");
}
inline Result application_unknown(const CheckContext& c) {
    const std::string id = std::visit(
        [](const auto& b) -> std::string {
            if constexpr (requires { b.application; }) return b.application;
            else return {};
        },
        c.command.body);
    if (c.state.application(id)) return {};
    return refuse("application.unknown", "no application " + id + " has been submitted");
}
inline Result application_transition(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app) return {};
    if (next_status(application_transitions, app->status, c.command.type())) return {};
    return refuse("application.transition",
                  "application " + app->application.application + " is " + std::string(to_string(app->status)) +
                      "; from there it allows: " + allowed_from(application_transitions, app->status),
                  allowed_from(application_transitions, app->status), std::string(c.command.type()));
}
inline Result application_before_submission(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app) return {};
    if (!(c.command.date < app->submitted_on)) return {};
    return refuse("application.before_submission",
                  "application " + app->application.application + " was submitted on " +
                      app->submitted_on.to_string() + ", after this command's date " + c.command.date.to_string());
}

inline Result eligibility_min_applicants(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    const auto* submitted = c.command.as<cmd::ApplicationSubmitted>();
    const auto& a = submitted ? *submitted : (app ? app->application : cmd::ApplicationSubmitted{});
    if (!submitted && !app) return {};
    std::set<std::string> distinct(a.applicants.begin(), a.applicants.end());
    const auto need = static_cast<std::size_t>(c.rules->eligibility.min_applicants);
    if (distinct.size() >= need) return {};
    return refuse("eligibility.min_applicants",
                  "application " + a.application + " has " + std::to_string(distinct.size()) +
                      " applicant(s); the rulebook asks for at least " + std::to_string(need),
                  ">= " + std::to_string(need), std::to_string(distinct.size()));
}
inline const cmd::ApplicationSubmitted* application_in(const CheckContext& c) {
    if (const auto* s = c.command.as<cmd::ApplicationSubmitted>()) return s;
    const ApplicationRecord* app = named_application(c);
    return app ? &app->application : nullptr;
}
inline Result eligibility_focus_areas(const CheckContext& c) {
    const auto* a = application_in(c);
    const auto& areas = c.rules->eligibility.focus_areas;
    if (!a || areas.empty() || std::find(areas.begin(), areas.end(), a->focus_area) != areas.end()) return {};
    return refuse("eligibility.focus_areas",
                  "focus area " + a->focus_area + " of " + a->application + " is not one of the fund's: " + joined(areas),
                  joined(areas), a->focus_area);
}
inline Result eligibility_min_evidence(const CheckContext& c) {
    const auto* a = application_in(c);
    const Evidence need = c.rules->eligibility.min_evidence;
    if (!a || a->evidence >= need) return {};
    return refuse("eligibility.min_evidence",
                  "the evidence for " + a->application + " is \"" + std::string(to_string(a->evidence)) +
                      "\"; the rulebook asks for at least \"" + std::string(to_string(need)) + "\"",
                  ">= " + std::string(to_string(need)), std::string(to_string(a->evidence)));
}

// --- grant decisions -------------------------------------------------------------------------------------

inline Result grant_duplicate(const CheckContext& c) {
    const auto& id = c.command.as<cmd::GrantDecided>()->grant;
    if (!c.state.grant(id)) return {};
    return refuse("grant.duplicate", "grant " + id + " is already decided");
}
inline Result grant_exceeds_request(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    const ApplicationRecord* app = c.state.application(d.application);
    if (!app || d.amount <= app->application.requested) return {};
    return refuse("grant.exceeds_request",
                  "the grant of " + d.amount.to_string() + " is more than " + d.application + " asked for, " +
                      app->application.requested.to_string(),
                  "<= " + app->application.requested.to_string(), d.amount.to_string());
}
inline Result grant_tranches(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    if (d.tranches.empty()) return {};
    Money sum;
    for (const auto& t : d.tranches) sum += t.amount;
    if (sum == d.amount) return {};
    return refuse("grant.tranches",
                  "the tranches add up to " + sum.to_string() + ", not the grant's " + d.amount.to_string(),
                  d.amount.to_string(), sum.to_string());
}
inline Result grant_max_amount(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    const auto& max = c.rules->grant.max_amount;
    if (!max || d.amount <= *max) return {};
    return refuse("grant.max_amount",
                  "the grant of " + d.amount.to_string() + " is more than a grant may be, " + max->to_string(),
                  "<= " + max->to_string(), d.amount.to_string());
}
inline Result grant_max_share_of_free_capital(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    const auto& share = c.rules->grant.max_share_of_free_capital;
    if (!share) return {};
    const Money free = c.state.free_capital_on(c.command.date);
    // amount <= share × free exactly: amount is whole öre, so compare with the product rounded down.
    const Money limit = free.is_negative() ? Money() : share->of(free, Rounding::floor);
    if (d.amount <= limit) return {};
    return refuse("grant.max_share_of_free_capital",
                  "the grant of " + d.amount.to_string() + " is more than " + share->to_percent_string() +
                      " of the free capital on " + c.command.date.to_string() + " (" + free.to_string() + ")",
                  "<= " + limit.to_string(), d.amount.to_string());
}
inline Result grant_max_duration_months(const CheckContext& c) {
    const auto* a = application_in(c);
    const auto& max = c.rules->grant.max_duration_months;
    if (!a || !max) return {};
    const long months = Period(a->start, a->end).duration_months();
    if (months <= *max) return {};
    return refuse("grant.max_duration_months",
                  a->application + " runs " + std::to_string(months) + " months (" + a->start.to_string() + " to " +
                      a->end.to_string() + "); a project may run at most " + std::to_string(*max),
                  "<= " + std::to_string(*max), std::to_string(months));
}
inline Result grant_min_co_financing_share(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    const auto* a = application_in(c);
    const auto& share = c.rules->grant.min_co_financing_share;
    if (!a || !share || share->is_zero()) return {};
    // co_financing / (co_financing + grant) >= share, i.e. co_financing >= share × total, exactly.
    const Money total = a->co_financing + d.amount;
    const Money needed = share->of(total, Rounding::ceiling);
    if (a->co_financing >= needed) return {};
    return refuse("grant.min_co_financing_share",
                  "co-financing of " + a->co_financing.to_string() + " is less than " + share->to_percent_string() +
                      " of the project's " + total.to_string(),
                  ">= " + needed.to_string(), a->co_financing.to_string());
}
inline Result grant_max_per_year(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    const auto& max = c.rules->grant.max_per_year;
    const auto* a = application_in(c);
    if (!max) return {};
    std::map<int, Money> per_year;
    if (!d.tranches.empty()) {
        for (const auto& t : d.tranches) per_year[t.date.year()] += t.amount;
    } else if (a) {
        per_year = a->budget;
    }
    for (const auto& [year, amount] : per_year)
        if (amount > *max)
            return refuse("grant.max_per_year",
                          "the grant pays " + amount.to_string() + " in " + std::to_string(year) +
                              "; a project may have at most " + max->to_string() + " a year",
                          "<= " + max->to_string(), amount.to_string());
    return {};
}
inline Result commitments_reserve_floor(const CheckContext& c) {
    const auto& d = *c.command.as<cmd::GrantDecided>();
    const Money free_after = c.state.free_capital_on(c.command.date) - d.amount;
    const Money floor = c.rules->reserve_floor;
    if (free_after >= floor) return {};
    return refuse("commitments.reserve_floor",
                  "after the grant of " + d.amount.to_string() + " free capital would be " + free_after.to_string() +
                      ", below the reserve floor of " + floor.to_string(),
                  ">= " + floor.to_string(), free_after.to_string());
}

// The roles that may decide an amount: the first level that covers it and every higher one.
inline std::vector<std::string> roles_for_amount(const Rulebook& rb, Money amount) {
    std::vector<std::string> out;
    for (const auto& level : rb.delegation)
        if (!level.up_to || amount <= *level.up_to) out.push_back(level.role);
    return out;
}
inline Result delegation(const CheckContext& c) {
    if (c.rules->delegation.empty()) return {};
    Money amount;
    if (const auto* d = c.command.as<cmd::GrantDecided>()) amount = d->amount;
    else if (const auto* a = application_in(c)) amount = a->requested;
    else return {};
    const auto allowed = roles_for_amount(*c.rules, amount);
    for (const auto& role : c.rules->roles_of(c.command.actor))
        if (std::find(allowed.begin(), allowed.end(), role) != allowed.end()) return {};
    return refuse("delegation",
                  c.command.actor + " (roles: " + joined(c.rules->roles_of(c.command.actor)) + ") may not decide on " +
                      amount.to_string() + "; that is for: " + joined(allowed),
                  joined(allowed), joined(c.rules->roles_of(c.command.actor)));
}
inline Result segregation_own_application(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    return refuse("segregation.own_application",
                  c.command.actor + " is an applicant of " + app->application.application +
                      " and may not decide on it");
}

// --- grants after the decision ------------------------------------------------------------------

inline Result grant_unknown(const CheckContext& c) {
    const std::string id = std::visit(
        [](const auto& b) -> std::string {
            if constexpr (requires { b.grant; }) return b.grant;
            else return {};
        },
        c.command.body);
    const GrantRecord* g = c.state.grant(id);
    if (g && !g->reversed) return {};
    return refuse("grant.unknown", g ? "grant " + id + " was reversed" : "no grant " + id + " has been decided");
}
inline Result grant_transition(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g || g->reversed || next_status(grant_transitions, g->status, c.command.type())) return {};
    return refuse("grant.transition",
                  "grant " + g->id + " is " + std::string(to_string(g->status)) +
                      "; from there it allows: " + allowed_from(grant_transitions, g->status),
                  allowed_from(grant_transitions, g->status), std::string(c.command.type()));
}
inline Result grant_before_decision(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g || !(c.command.date < g->decided_on)) return {};
    return refuse("grant.before_decision", "grant " + g->id + " was decided on " + g->decided_on.to_string() +
                                               ", after this command's date " + c.command.date.to_string());
}
inline Result grant_disbursement_exceeds_approval(const CheckContext& c) {
    const auto& p = *c.command.as<cmd::GrantDisbursed>();
    const GrantRecord* g = named_grant(c);
    if (!g || g->disbursed + p.amount <= g->approved) return {};
    return refuse("grant.disbursement_exceeds_approval",
                  "paying " + p.amount.to_string() + " would bring " + g->id + " to " +
                      (g->disbursed + p.amount).to_string() + ", more than the " + g->approved.to_string() + " approved",
                  "<= " + (g->approved - g->disbursed).to_string(), p.amount.to_string());
}
inline Result reporting_block_disbursement(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    const ApplicationRecord* app = named_application(c);
    if (!g || !app || !c.rules->reporting.block_disbursement_when_overdue) return {};
    const auto overdue = reports_overdue(*g, app->application, c.rules->reporting, c.command.date);
    if (overdue.empty()) return {};
    const DueReport& first = overdue.front();
    return refuse("reporting.block_disbursement_when_overdue",
                  "the " + first.kind + " report of " + g->id + " for " + first.period.to_string() + " was due on " +
                      first.due.to_string() + " and has not come; no tranche is paid while a report is overdue",
                  "report by " + first.due.to_string(), "none on " + c.command.date.to_string());
}
inline Result segregation_own_savings(const CheckContext& c) {
    const ApplicationRecord* app = named_application(c);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    return refuse("segregation.own_savings", c.command.actor + " is an applicant of " + app->application.application +
                                                 " and may not verify its savings");
}
// A saving's stored obligation and due date are what the grant's repayment
// terms give (the fund fills them in; an imported history may disagree).
inline Result repayment_obligation(const CheckContext& c) {
    const auto& v = *c.command.as<cmd::SavingsVerified>();
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const auto owed = obligation_for(*g, v, c.command.date);
    if (v.obligation && *v.obligation != owed.amount)
        return refuse("repayment.obligation",
                      "the saving of " + v.amount.to_string() + " creates an obligation of " + owed.amount.to_string() +
                          " under the terms of " + g->id + ", not " + v.obligation->to_string(),
                      owed.amount.to_string(), v.obligation->to_string());
    if (v.due && *v.due != owed.due)
        return refuse("repayment.obligation",
                      "the obligation falls due on " + owed.due.to_string() + ", not " + v.due->to_string(),
                      owed.due.to_string(), v.due->to_string());
    return {};
}
inline Result repayment_budget_year(const CheckContext& c) {
    const auto& r = *c.command.as<cmd::RepaymentReceived>();
    if (r.budget_year == c.command.date.year()) return {};
    return refuse("repayment.budget_year",
                  "a repayment dated " + c.command.date.to_string() + " is taken from the " +
                      std::to_string(c.command.date.year()) + " frame, not " + std::to_string(r.budget_year),
                  std::to_string(c.command.date.year()), std::to_string(r.budget_year));
}
inline Result repayment_exceeds_owed(const CheckContext& c) {
    const auto& r = *c.command.as<cmd::RepaymentReceived>();
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const Money owed = g->owed_on(c.command.date);
    if (r.amount <= owed) return {};
    return refuse("repayment.exceeds_owed",
                  "a repayment of " + r.amount.to_string() + " is more than " + g->id + " owes on " +
                      c.command.date.to_string() + ", " + owed.to_string(),
                  "<= " + owed.to_string(), r.amount.to_string());
}
inline Result obligation_exceeds_outstanding(const CheckContext& c) {
    const auto& w = *c.command.as<cmd::ObligationWrittenOff>();
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const Money owed = g->owed_on(c.command.date);
    if (w.amount <= owed) return {};
    return refuse("obligation.exceeds_outstanding",
                  "writing off " + w.amount.to_string() + " is more than " + g->id + " owes, " + owed.to_string(),
                  "<= " + owed.to_string(), w.amount.to_string());
}
inline Result grant_close_with_outstanding(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g || g->outstanding().is_zero()) return {};
    return refuse("grant.close_with_outstanding",
                  g->id + " still owes " + g->outstanding().to_string() +
                      "; repay or write it off before closing the grant",
                  "0.00", g->outstanding().to_string());
}

// --- allocations ----------------------------------------------------------------------------------------

inline Result allocation_duplicate_year(const CheckContext& c) {
    const auto& a = *c.command.as<cmd::AllocationDecided>();
    const auto it = c.state.allocations.find(a.budget_year);
    if (it == c.state.allocations.end() || it->second.reversed) return {};
    return refuse("allocation.duplicate_year", "an allocation for " + std::to_string(a.budget_year) +
                                                   " was already decided (seq " + std::to_string(it->second.seq) +
                                                   "); reverse it to decide anew");
}
// rate × recorded tax revenue of the year and basis, rounded as the rulebook says.
inline std::optional<Money> allocation_due(const FundState& s, const Rulebook& rb, int year, const std::string& basis,
                                           const Rate& rate) {
    const auto it = s.tax_revenue.find({year, basis});
    if (it == s.tax_revenue.end()) return std::nullopt;
    return rb.allocation.of(rate, it->second);
}
inline Result allocation_basis(const CheckContext& c) {
    const auto& a = *c.command.as<cmd::AllocationDecided>();
    if (!a.rate) return {};
    const auto due = allocation_due(c.state, *c.rules, a.budget_year, a.basis, *a.rate);
    if (!due)
        return refuse("allocation.basis", "no " + a.basis + " tax revenue is recorded for " +
                                              std::to_string(a.budget_year) + " to take " + a.rate->to_string() + " of");
    if (*due == a.amount) return {};
    return refuse("allocation.basis",
                  "the allocation of " + a.amount.to_string() + " is not " + a.rate->to_string() + " of the " + a.basis +
                      " tax revenue for " + std::to_string(a.budget_year) + " rounded as the rulebook says (" +
                      due->to_string() + ")",
                  due->to_string(), a.amount.to_string());
}

// --- reversals ----------------------------------------------------------------------------------------------

inline Result reversal_unknown(const CheckContext& c) {
    if (reversal_target(c)) return {};
    return refuse("reversal.unknown", "there is no event " + std::to_string(c.command.as<cmd::EventReversed>()->seq) +
                                          " to reverse; the ledger holds " + std::to_string(c.history.size()));
}
inline Result reversal_of_reversal(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !t->command.as<cmd::EventReversed>()) return {};
    return refuse("reversal.of_reversal", "event " + std::to_string(t->seq) +
                                              " is itself a reversal; a reversal cannot be reversed");
}
inline Result reversal_already_reversed(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !c.state.reversed.count(t->seq)) return {};
    return refuse("reversal.already_reversed", "event " + std::to_string(t->seq) + " is already reversed");
}
inline Result reversal_not_reversible(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || t->command.as<cmd::EventReversed>() || reversible(t->command.type())) return {};
    return refuse("reversal.not_reversible",
                  "event " + std::to_string(t->seq) + " (" + std::string(t->command.type()) +
                      ") is neither money nor a decision and cannot be reversed; record the right figure instead");
}
inline Result reversal_before_event(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !(c.command.date < t->command.date)) return {};
    return refuse("reversal.before_event", "the reversal is dated " + c.command.date.to_string() +
                                               ", before the event it reverses (" + t->command.date.to_string() + ")");
}
inline Result reversal_has_dependents(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || c.state.reversed.count(t->seq)) return {};
    const Command& o = t->command;
    std::string why;
    if (const auto* d = o.as<cmd::GrantDecided>()) {
        const GrantRecord* g = c.state.grant(d->grant);
        if (g && (!g->disbursed.is_zero() || !g->obligations.empty() || g->status == GrantStatus::closed))
            why = "grant " + g->id + " has disbursements, obligations or is closed; reverse those first";
    } else if (const auto* a = o.as<cmd::AllocationDecided>()) {
        const auto it = c.state.allocations.find(a->budget_year);
        if (it != c.state.allocations.end() && !it->second.true_up_seqs.empty())
            why = "the allocation for " + std::to_string(a->budget_year) + " has been trued up since";
    } else if (const auto* v = o.as<cmd::SavingsVerified>()) {
        const GrantRecord* g = c.state.grant(v->grant);
        if (g) {
            Money kept;
            for (const auto& ob : g->obligations)
                if (ob.seq != t->seq) kept += ob.amount;
            if (kept < g->repaid + g->written_off)
                why = "repayments and write-offs of " + g->id + " rest on the obligation it created";
        }
    } else if (const auto* p = o.as<cmd::GrantDisbursed>()) {
        const GrantRecord* g = c.state.grant(p->grant);
        if (g && g->status == GrantStatus::closed) why = "grant " + g->id + " is closed";
    }
    if (why.empty()) return {};
    return refuse("reversal.has_dependents", "event " + std::to_string(t->seq) + " cannot be reversed: " + why);
}

// --- segregation beyond deciding and verifying ------------------------------------------------

// An applicant may hold other roles (a department's head on the board, its
// controller in finance), but never acts on its own grant in them.
inline Result on_own_grant(const CheckContext& c, std::string_view id, std::string_view act) {
    const ApplicationRecord* app = named_application(c);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    const GrantRecord* g = named_grant(c);
    return refuse(id, c.command.actor + " is an applicant of " + app->application.application + " and may not " +
                          std::string(act) + " " + (g ? g->id : std::string("its grant")),
                  "an actor who is not an applicant (" + joined(app->application.applicants) + ")", c.command.actor);
}
inline Result segregation_own_disbursement(const CheckContext& c) {
    return on_own_grant(c, "segregation.own_disbursement", "pay out");
}
inline Result segregation_own_write_off(const CheckContext& c) {
    return on_own_grant(c, "segregation.own_write_off", "write off what is owed on");
}
inline Result segregation_own_closing(const CheckContext& c) { return on_own_grant(c, "segregation.own_closing", "close"); }

// Reversing an event of one's own grant or application (a disbursement, a
// repayment, a saving verified) is acting on it again.
inline Result segregation_own_reversal(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t) return {};
    const ApplicationRecord* app = application_concerned(c.state, t->command);
    if (!app || !app->is_applicant(c.command.actor)) return {};
    return refuse("segregation.own_reversal",
                  c.command.actor + " is an applicant of " + app->application.application + " and may not reverse event " +
                      std::to_string(t->seq) + " (" + std::string(t->command.type()) + ") that concerns it",
                  "an actor who is not an applicant (" + joined(app->application.applicants) + ")", c.command.actor);
}

// A decision is undone by whoever may take it: the board reverses its grant
// within the same delegation, not finance alone.
inline Result reversal_decision_body(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || !is_decision(t->command.type())) return {};
    const std::string_view type = t->command.type();
    const auto roles = c.rules->roles_of(c.command.actor);
    bool may = may_give(*c.rules, roles, type);
    std::string needed = "a role that may give " + std::string(type);
    if (!c.rules->delegation.empty() && (type == "grant.decided" || type == "application.rejected")) {
        Money amount;
        if (const auto* d = t->command.as<cmd::GrantDecided>()) amount = d->amount;
        else if (const ApplicationRecord* app = c.state.application(t->command.as<cmd::ApplicationRejected>()->application))
            amount = app->application.requested;
        const auto allowed = roles_for_amount(*c.rules, amount);
        may = may && std::any_of(roles.begin(), roles.end(), [&](const std::string& r) {
            return std::find(allowed.begin(), allowed.end(), r) != allowed.end();
        });
        needed = "a role that may decide " + amount.to_string() + ": " + joined(allowed);
    }
    if (may) return {};
    return refuse("reversal.decision_body",
                  "event " + std::to_string(t->seq) + " (" + std::string(type) + ") is a decision; reversing it takes " +
                      needed + ", not " + c.command.actor + " (roles: " + joined(roles) + ")",
                  needed, joined(roles));
}

// --- who may apply ---------------------------------------------------------------------------------

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
        return refuse("eligibility.applicant_role",
                      "applicant " + sifund::detail::quoted(who) + " of " + a->application +
                          (roles.empty() ? " has no role in the rulebook in force"
                                         : " holds " + joined(roles) + ", not the role of an applicant") +
                          "; every applicant must be a unit or partner",
                      "unit or partner", roles.empty() ? "no role" : joined(roles));
    }
    return {};
}

// --- reports ------------------------------------------------------------------------------------------

// A report tells of what has happened: its period ends by its own date and,
// for an interim report, by the project's end (the last period is the final
// report's).
inline Result reporting_period_end(const CheckContext& c) {
    const auto& r = *c.command.as<cmd::ReportSubmitted>();
    if (c.command.date < r.period_end)
        return refuse("reporting.period_end",
                      "the " + r.kind + " report of " + c.command.date.to_string() + " covers a period ending " +
                          r.period_end.to_string() + ", after the report's own date",
                      "<= " + c.command.date.to_string(), r.period_end.to_string());
    const ApplicationRecord* app = named_application(c);
    if (r.kind == "interim" && app && app->application.end < r.period_end)
        return refuse("reporting.period_end",
                      "an interim report's period ends by the project's end (" + app->application.end.to_string() +
                          "), not " + r.period_end.to_string() + "; what comes after the end is the final report's",
                      "<= " + app->application.end.to_string(), r.period_end.to_string());
    return {};
}

// --- closing and reversals that would break an invariant ---------------------------------------

inline Result grant_closed_before_disbursement(const CheckContext& c) {
    const GrantRecord* g = named_grant(c);
    if (!g) return {};
    const Disbursement* latest = nullptr;
    for (const auto& d : g->disbursements)
        if (d.amount.is_positive() && !c.state.reversed.count(d.seq) && (!latest || latest->date < d.date)) latest = &d;
    if (!latest || !(c.command.date < latest->date)) return {};
    return refuse("grant.closed_before_disbursement",
                  g->id + " was paid a tranche on " + latest->date.to_string() + " (event " + std::to_string(latest->seq) +
                      "); it cannot be closed on an earlier date, " + c.command.date.to_string(),
                  ">= " + latest->date.to_string(), c.command.date.to_string());
}

// Money in that a reversal takes away on its date: what free capital loses.
inline Money money_in_reversed(const CheckContext& c, const Event& t) {
    if (const auto* x = t.command.as<cmd::CapitalContributed>()) return x->amount;
    if (const auto* x = t.command.as<cmd::RepaymentReceived>()) return x->amount;
    if (const auto* x = t.command.as<cmd::AllocationDecided>()) {
        const auto it = c.state.allocations.find(x->budget_year);
        if (it != c.state.allocations.end() && it->second.available_from() <= c.command.date) return x->amount;
    }
    return {};
}
inline Result reversal_reserve_floor(const CheckContext& c) {
    const Event* t = reversal_target(c);
    if (!t || c.state.reversed.count(t->seq)) return {};
    const Money loss = money_in_reversed(c, *t);
    if (!loss.is_positive()) return {};
    const auto on = c.state.timeline.as_of(c.command.date);
    const Money free_after = on.cash - loss - on.committed;
    const Money floor = c.rules->reserve_floor;
    if (!on.committed.is_positive() || free_after >= floor) return {};
    return refuse("reversal.reserve_floor",
                  "reversing event " + std::to_string(t->seq) + " (" + std::string(t->command.type()) + " of " +
                      loss.to_string() + ") would leave free capital at " + free_after.to_string() +
                      " while grants of " + on.committed.to_string() + " stand, below the reserve floor of " +
                      floor.to_string(),
                  ">= " + floor.to_string(), free_after.to_string());
}
// A grant's obligations never pass cap_factor × what was paid (DESIGN §4.2);
// taking a tranche back must not leave more owed than what remains allows.
inline Result reversal_obligation_cap(const CheckContext& c) {
    const Event* t = reversal_target(c);
    const auto* p = t ? t->command.as<cmd::GrantDisbursed>() : nullptr;
    if (!p || c.state.reversed.count(t->seq)) return {};
    const GrantRecord* g = c.state.grant(p->grant);
    if (!g) return {};
    const Money remaining = g->disbursed - p->amount;
    const Money cap = g->terms.cap_factor.of(remaining, Rounding::floor);
    const Money owed = g->obligations_total();
    if (owed <= cap) return {};
    return refuse("reversal.obligation_cap",
                  "with the tranche of " + p->amount.to_string() + " (event " + std::to_string(t->seq) + ") reversed, " +
                      g->id + " would have been paid " + remaining.to_string() + ", on which at most " +
                      cap.to_string() + " may be owed; its obligations are " + owed.to_string() +
                      ": reverse the savings verified first",
                  "<= " + cap.to_string(), owed.to_string());
}

}  // namespace checks

// Every check, in the order they run: first whether the command can be
// understood at all (the fund, the rulebook, the ids it names, the lifecycle),
// then who may give it, then the rulebook's limits.
[[nodiscard]] inline const std::vector<Check>& all_checks() {
    using namespace checks;
    static const std::vector<Check> registry{
        {"fund.not_established", {}, false, fund_not_established},
        {"fund.already_established", {"fund.established"}, false, fund_already_established},
        {"fund.before_establishment", {}, false, fund_before_establishment},
        {"rulebook.none_in_force", {}, false, rulebook_none_in_force},
        {"rulebook.duplicate_version", {"rulebook.adopted"}, false, rulebook_duplicate_version},
        {"application.duplicate", {"application.submitted"}, false, application_duplicate},
        {"application.unknown", {"application.withdrawn", "application.rejected", "grant.decided"}, false,
         application_unknown},
        {"application.transition", {"application.withdrawn", "application.rejected", "grant.decided"}, false,
         application_transition},
        {"application.before_submission", {"application.withdrawn", "application.rejected", "grant.decided"}, false,
         application_before_submission},
        {"grant.duplicate", {"grant.decided"}, false, grant_duplicate},
        {"grant.unknown",
         {"grant.disbursed", "report.submitted", "savings.verified", "repayment.received", "obligation.written_off",
          "grant.closed"},
         false, grant_unknown},
        {"grant.transition",
         {"grant.disbursed", "report.submitted", "savings.verified", "repayment.received", "obligation.written_off",
          "grant.closed"},
         false, grant_transition},
        {"grant.before_decision",
         {"grant.disbursed", "report.submitted", "savings.verified", "repayment.received", "obligation.written_off",
          "grant.closed"},
         false, grant_before_decision},
        {"reversal.unknown", {"event.reversed"}, false, reversal_unknown},
        {"reversal.of_reversal", {"event.reversed"}, false, reversal_of_reversal},
        {"reversal.already_reversed", {"event.reversed"}, false, reversal_already_reversed},
        {"reversal.not_reversible", {"event.reversed"}, false, reversal_not_reversible},
        {"reversal.before_event", {"event.reversed"}, false, reversal_before_event},
        {"reversal.has_dependents", {"event.reversed"}, false, reversal_has_dependents},
        // who may give the command
        {"roles.permission", {}, true, roles_permission},
        {"reversal.decision_body", {"event.reversed"}, true, reversal_decision_body},
        {"roles.own_application", {"application.submitted", "application.withdrawn", "report.submitted"}, true,
         roles_own_application},
        {"segregation.own_application", {"grant.decided", "application.rejected"}, true, segregation_own_application},
        {"segregation.own_savings", {"savings.verified"}, true, segregation_own_savings},
        {"segregation.own_disbursement", {"grant.disbursed"}, true, segregation_own_disbursement},
        {"segregation.own_write_off", {"obligation.written_off"}, true, segregation_own_write_off},
        {"segregation.own_closing", {"grant.closed"}, true, segregation_own_closing},
        {"segregation.own_reversal", {"event.reversed"}, true, segregation_own_reversal},
        {"delegation", {"grant.decided", "application.rejected"}, true, delegation},
        // the rulebook's limits
        {"eligibility.min_applicants", {"application.submitted", "grant.decided"}, true, eligibility_min_applicants},
        {"eligibility.focus_areas", {"application.submitted", "grant.decided"}, true, eligibility_focus_areas},
        {"eligibility.min_evidence", {"application.submitted", "grant.decided"}, true, eligibility_min_evidence},
        {"eligibility.applicant_role", {"application.submitted", "grant.decided"}, true, eligibility_applicant_role},
        {"grant.exceeds_request", {"grant.decided"}, false, grant_exceeds_request},
        {"grant.tranches", {"grant.decided"}, false, grant_tranches},
        {"grant.max_amount", {"grant.decided"}, true, grant_max_amount},
        {"grant.max_duration_months", {"grant.decided"}, true, grant_max_duration_months},
        {"grant.min_co_financing_share", {"grant.decided"}, true, grant_min_co_financing_share},
        {"grant.max_per_year", {"grant.decided"}, true, grant_max_per_year},
        {"grant.max_share_of_free_capital", {"grant.decided"}, true, grant_max_share_of_free_capital},
        {"commitments.reserve_floor", {"grant.decided"}, true, commitments_reserve_floor},
        {"grant.disbursement_exceeds_approval", {"grant.disbursed"}, false, grant_disbursement_exceeds_approval},
        {"reporting.block_disbursement_when_overdue", {"grant.disbursed"}, true, reporting_block_disbursement},
        {"repayment.obligation", {"savings.verified"}, false, repayment_obligation},
        {"repayment.budget_year", {"repayment.received"}, false, repayment_budget_year},
        {"repayment.exceeds_owed", {"repayment.received"}, false, repayment_exceeds_owed},
        {"obligation.exceeds_outstanding", {"obligation.written_off"}, false, obligation_exceeds_outstanding},
        {"grant.close_with_outstanding", {"grant.closed"}, false, grant_close_with_outstanding},
        {"grant.closed_before_disbursement", {"grant.closed"}, false, grant_closed_before_disbursement},
        {"reporting.period_end", {"report.submitted"}, false, reporting_period_end},
        {"reversal.reserve_floor", {"event.reversed"}, true, reversal_reserve_floor},
        {"reversal.obligation_cap", {"event.reversed"}, false, reversal_obligation_cap},
        {"allocation.duplicate_year", {"allocation.decided"}, false, allocation_duplicate_year},
        {"allocation.basis", {"allocation.decided"}, true, allocation_basis},
    };
    return registry;
}

// Runs the checks that apply to the command; stops at the first refusal
// unless `all` is set. Checks that need a rulebook are skipped when none is
// in force (rulebook.none_in_force reports that).
namespace detail {
// The checks that apply to each type of command (by its index in
// CommandBody), in registry order: worked out once, not per command.
inline const std::vector<const Check*>& checks_for(std::size_t type_index) {
    static const auto table = [] {
        std::array<std::vector<const Check*>, std::variant_size_v<CommandBody>> t;
        const auto& types = command_types();
        for (const Check& check : all_checks())
            for (std::size_t i = 0; i < t.size(); ++i)
                if (check.applies_to.empty() ||
                    std::find(check.applies_to.begin(), check.applies_to.end(), types[i]) != check.applies_to.end())
                    t[i].push_back(&check);
        return t;
    }();
    return table.at(type_index);
}
}  // namespace detail

[[nodiscard]] inline std::vector<Refusal> run_checks(const CheckContext& c, bool all = false) {
    std::vector<Refusal> out;
    for (const Check* check_ptr : detail::checks_for(c.command.body.index())) {
        const Check& check = *check_ptr;
        if (check.is_rule && !c.rules && check.id != "roles.permission") continue;
        if (auto r = check.run(c)) {
            r->is_rule = check.is_rule;
            out.push_back(std::move(*r));
            if (!all) break;
        }
    }
    return out;
}

}  // namespace sifund
