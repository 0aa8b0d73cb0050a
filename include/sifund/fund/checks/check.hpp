#pragma once
// What a check is (DESIGN §2, §4.2): a named, pure function of the state
// before a command, the command and the rulebook in force on its date, that
// either passes or refuses. The fund runs the checks before appending
// (prevention); the auditor runs them again over a stored history (detection).
//
// A check is registered once, in fund/checks.hpp, with its id, its stage and
// the command types it applies to:
//
//   on<grant_max_amount>("grant.max_amount", Stage::limit)           // the type its body names
//   on<grant_transition>("grant.transition", Stage::lifecycle, on_grant)
//   on<fund_before_establishment>("fund.before_establishment", Stage::lifecycle, every_type)
//
// A check of one type is given the command's body of that type; the id is
// written only in the registry (the runner puts it on the refusal).

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "sifund/fund/state.hpp"
#include "sifund/ledger/event.hpp"

namespace sifund {

// What a check asks, which is also what a refusal by it means:
//   precondition — whether the command can be folded at all: the fund and the
//                  ids it names exist, or do not yet (an event refused here
//                  is not applied by the auditor either);
//   lifecycle    — whether it comes at its time: dates, statuses, the rulebook in force;
//   authority    — who may give it (roles, segregation of duties, delegation);
//   eligibility  — who and what may apply;
//   limit        — the rulebook's limits and conditions: amounts, shares,
//                  durations, floors, no money while a report is overdue;
//   invariant    — sifund's own arithmetic: what is paid, owed and repaid adds up.
// Authority, eligibility and limit are the rulebook's rules: a refusal by one
// cites the rulebook's paragraph, and they do not run when no rulebook is in
// force (rulebook.none_in_force says so). The others are sifund's own.
enum class Stage { precondition, lifecycle, authority, eligibility, limit, invariant };

[[nodiscard]] constexpr bool is_rule_stage(Stage s) {
    return s == Stage::authority || s == Stage::eligibility || s == Stage::limit;
}
[[nodiscard]] constexpr std::string_view to_string(Stage s) {
    switch (s) {
        case Stage::precondition: return "precondition";
        case Stage::lifecycle: return "lifecycle";
        case Stage::authority: return "authority";
        case Stage::eligibility: return "eligibility";
        case Stage::limit: return "limit";
        case Stage::invariant: return "invariant";
    }
    return "?";
}

struct Refusal {
    std::string rule_id;  // the check's id, put on by the runner
    std::string message;
    std::string expected, actual;
    Stage stage = Stage::invariant;  // the check's stage, put on by the runner

    [[nodiscard]] bool is_rule() const { return is_rule_stage(stage); }
};

struct CheckContext {
    const FundState& state;             // everything recorded before the command
    std::span<const Event> history;     // the events before it, indexed by seq - 1
    const Command& command;
    const Rulebook* rules;              // the revision in force on the command's date, or nullptr;
                                        // never nullptr in a check of a rule stage

    // The grant and application the command names, looked up once for all
    // the checks (each asked for them; the lookups were a tenth of an audit).
    mutable std::optional<const GrantRecord*> grant_named;
    mutable std::optional<const ApplicationRecord*> application_named;
};

struct Check {
    using Run = std::optional<Refusal> (*)(const CheckContext&);

    std::string_view id;  // the rule's path in the rulebook, or an invariant's own
    Stage stage;
    // The check for each command type, by the type's index in CommandBody;
    // nullptr where it does not apply.
    std::array<Run, std::variant_size_v<CommandBody>> run_for{};

    [[nodiscard]] bool is_rule() const { return is_rule_stage(stage); }
    [[nodiscard]] bool applies_to(std::size_t type_index) const { return run_for.at(type_index) != nullptr; }
    [[nodiscard]] std::vector<std::string_view> types() const {
        std::vector<std::string_view> out;
        for (std::size_t i = 0; i < run_for.size(); ++i)
            if (run_for[i]) out.push_back(command_types()[i]);
        return out;
    }
};

namespace checks {

using Result = std::optional<Refusal>;

// A refusal: why, and what the rule expected against what the command has.
inline Result refuse(std::string message, std::string expected = {}, std::string actual = {}) {
    return Refusal{{}, std::move(message), std::move(expected), std::move(actual)};
}

// --- registering a check ---------------------------------------------------------------------

template <class... T>
struct Types {};
template <class... T>
inline constexpr Types<T...> types{};
struct EveryType {};
inline constexpr EveryType every_type{};

namespace registering {

template <class T, class... A>
constexpr std::size_t index_in(const std::variant<A...>*) {
    constexpr bool same[] = {std::is_same_v<T, A>...};
    for (std::size_t i = 0; i < sizeof...(A); ++i)
        if (same[i]) return i;
    return sizeof...(A);
}
template <class T>
inline constexpr std::size_t type_index = index_in<T>(static_cast<const CommandBody*>(nullptr));

template <class F>
struct body_of {};  // a check is Result(const CheckContext&) or Result(const CheckContext&, const T&)
template <>
struct body_of<Result (*)(const CheckContext&)> {
    using type = void;
};
template <class T>
struct body_of<Result (*)(const CheckContext&, const T&)> {
    using type = T;
};

template <auto fn, class T>
Result run_on(const CheckContext& c) {
    if constexpr (std::is_invocable_v<decltype(fn), const CheckContext&, const T&>)
        return fn(c, *std::get_if<T>(&c.command.body));  // checks_for dispatches by the body's index
    else
        return fn(c);
}

template <auto fn, class... T>
Check make(std::string_view id, Stage stage) {
    static_assert(((type_index<T> < std::variant_size_v<CommandBody>) && ...), "not a command type");
    Check check{id, stage, {}};
    ((check.run_for[type_index<T>] = &run_on<fn, T>), ...);
    return check;
}

template <auto fn, class... A>
Check make_every(std::string_view id, Stage stage, const std::variant<A...>*) {
    return make<fn, A...>(id, stage);
}

}  // namespace registering

// A check of the one command type whose body it takes.
template <auto fn>
Check on(std::string_view id, Stage stage) {
    using T = typename registering::body_of<decltype(fn)>::type;
    static_assert(!std::is_void_v<T>, "a check of no body names the types it applies to");
    return registering::make<fn, T>(id, stage);
}
// A check of the command types listed.
template <auto fn, class... T>
Check on(std::string_view id, Stage stage, Types<T...>) {
    return registering::make<fn, T...>(id, stage);
}
// A check of every command type.
template <auto fn>
Check on(std::string_view id, Stage stage, EveryType) {
    return registering::make_every<fn>(id, stage, static_cast<const CommandBody*>(nullptr));
}

// --- what the checks look up --------------------------------------------------------------------

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

// The application a command submits or concerns.
inline const cmd::ApplicationSubmitted* application_in(const CheckContext& c) {
    if (const auto* s = c.command.as<cmd::ApplicationSubmitted>()) return s;
    const ApplicationRecord* app = named_application(c);
    return app ? &app->application : nullptr;
}

// The event a reversal names, if there is one.
inline const Event* reversal_target(const CheckContext& c) {
    const auto* r = c.command.as<cmd::EventReversed>();
    return r ? find_event(c.history, r->seq) : nullptr;
}

}  // namespace checks
}  // namespace sifund
