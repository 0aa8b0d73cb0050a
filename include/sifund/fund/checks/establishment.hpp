#pragma once
// The fund and its rulebooks: a store holds one fund, established first;
// nothing is dated before it; a rulebook is in force for every command after
// the first adoption.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "sifund/fund/checks/check.hpp"

namespace sifund::checks {

inline Result fund_not_established(const CheckContext& c) {
    if (c.state.fund || c.command.as<cmd::FundEstablished>()) return {};
    return refuse("no fund is established yet: the first command must be fund.established");
}

inline Result fund_already_established(const CheckContext& c) {
    if (!c.state.fund) return {};
    return refuse("the fund " + c.state.fund->fund + " is already established; a store holds one fund");
}

inline Result fund_before_establishment(const CheckContext& c) {
    if (!c.state.fund || !(c.command.date < c.state.established_on)) return {};
    return refuse("the command is dated " + c.command.date.to_string() + ", before the fund was established on " +
                      c.state.established_on.to_string(),
                  ">= " + c.state.established_on.to_string(), c.command.date.to_string());
}

inline Result rulebook_none_in_force(const CheckContext& c) {
    if (c.rules || c.command.as<cmd::FundEstablished>()) return {};
    if (c.command.as<cmd::RulebookAdopted>() && c.state.rulebooks.empty()) return {};
    return refuse("no rulebook is in force on " + c.command.date.to_string() +
                  (c.state.rulebooks.empty()
                       ? ": adopt one first"
                       : ": the first was adopted on " + c.state.rulebooks.front().in_force_from.to_string()));
}

inline Result rulebook_duplicate_version(const CheckContext& c, const cmd::RulebookAdopted& adopted) {
    const auto& v = adopted.version;
    for (const auto& r : c.state.rulebooks)
        if (r.version == v) return refuse("rulebook version " + v + " is already adopted");
    return {};
}

}  // namespace sifund::checks
