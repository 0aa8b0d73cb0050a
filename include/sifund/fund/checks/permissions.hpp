#pragma once
// Who may give which command (DESIGN §4.2): the rulebook's permissions, or the
// default table gathered from the commands' descriptors; and who may decide
// an amount under the rulebook's delegation.

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/ledger/commands.hpp"
#include "sifund/money/money.hpp"
#include "sifund/rules/rulebook.hpp"

namespace sifund::checks {

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

inline bool may_give(const Rulebook& rb, const std::vector<std::string>& roles, std::string_view type) {
    for (const auto& role : roles)
        if (role_may(rb, role, type)) return true;
    return false;
}

// Whether a command records a decision of a body (the board, its delegate,
// the council) rather than a movement of money finance books, as its
// descriptor says. Undoing one is deciding again: it takes the body that may
// make it (DESIGN §4.2).
inline bool is_decision(const Command& c) { return command_info(c).decision; }

// The roles that may decide an amount: the first level that covers it and every higher one.
inline std::vector<std::string> roles_for_amount(const Rulebook& rb, Money amount) {
    std::vector<std::string> out;
    for (const auto& level : rb.delegation)
        if (!level.up_to || amount <= *level.up_to) out.push_back(level.role);
    return out;
}

}  // namespace sifund::checks
