#pragma once
// segregation.conflicting_roles: a rulebook that lets one actor both decide and pay.

#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/fund/checks/check.hpp"
#include "sifund/fund/checks/permissions.hpp"

namespace sifund::detail {

// segregation.conflicting_roles: a revision that lets one actor decide grants and pay them out.
inline void conflicting_roles(const Event& e, const cmd::RulebookAdopted& r, std::vector<Finding>& out) {
    for (const auto& [actor, roles] : r.rules.roles) {
        std::vector<std::string> deciding, paying;
        for (const auto& role : roles) {
            if (role == "board" || role == "board-delegate" || role == "council" ||
                checks::role_may(r.rules, role, "grant.decided"))
                deciding.push_back(role);
            if (role == "finance" || checks::role_may(r.rules, role, "grant.disbursed")) paying.push_back(role);
        }
        if (deciding.empty() || paying.empty()) continue;
        out.push_back(hindsight("segregation.conflicting_roles", Severity::warning, e.seq, {},
                                "rulebook " + r.version + " (event " + std::to_string(e.seq) + ", in force from " +
                                    e.command.date.to_string() + ") gives " + actor + " (roles: " +
                                    checks::joined(roles) + ") both a deciding role (" + checks::joined(deciding) +
                                    ") and the power to pay (" + checks::joined(paying) +
                                    "): one actor may decide a grant and pay it out"));
    }
}

}  // namespace sifund::detail

namespace sifund::hindsight {

class ConflictingRoles final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"segregation.conflicting_roles"}; }
    void before_fold(const Seen& seen, Findings& out) override {
        if (const auto* r = seen.event.command.as<cmd::RulebookAdopted>()) detail::conflicting_roles(seen.event, *r, out);
    }
};

}  // namespace sifund::hindsight
