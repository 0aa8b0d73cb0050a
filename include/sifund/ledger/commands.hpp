#pragma once
// The commands of DESIGN §4.1, one struct each with its descriptor
// (ledger/descriptor.hpp), grouped by what they concern in ledger/commands/.
// A command file line is read into one of these (strictly: see
// detail/fields.hpp) and written back as the canonical JSON that is stored
// and hashed (ledger/command_json.hpp).

#include <string>
#include <variant>
#include <vector>

#include "sifund/ledger/commands/applications.hpp"
#include "sifund/ledger/commands/fund.hpp"
#include "sifund/ledger/commands/grants.hpp"
#include "sifund/ledger/commands/repayment.hpp"
#include "sifund/ledger/commands/reversal.hpp"

namespace sifund {

using CommandBody =
    std::variant<cmd::FundEstablished, cmd::RulebookAdopted, cmd::CapitalContributed, cmd::TaxRevenueRecorded,
                 cmd::AllocationDecided, cmd::AllocationTruedUp, cmd::ApplicationSubmitted, cmd::ApplicationWithdrawn,
                 cmd::ApplicationRejected, cmd::GrantDecided, cmd::GrantDisbursed, cmd::ReportSubmitted,
                 cmd::SavingsVerified, cmd::RepaymentReceived, cmd::ObligationWrittenOff, cmd::GrantClosed,
                 cmd::EventReversed>;

// Every command has an effective date and an actor, whatever its type.
struct Command {
    Date date;
    std::string actor;
    CommandBody body;

    [[nodiscard]] std::string_view type() const {
        return std::visit([](const auto& b) { return std::remove_cvref_t<decltype(b)>::type; }, body);
    }
    template <class T>
    [[nodiscard]] const T* as() const noexcept {
        return std::get_if<T>(&body);
    }
};

// Every command type's name, in the order of CommandBody.
[[nodiscard]] inline const std::vector<std::string_view>& command_types() {
    static const std::vector<std::string_view> types = [] {
        std::vector<std::string_view> out;
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (out.push_back(std::variant_alternative_t<I, CommandBody>::type), ...);
        }(std::make_index_sequence<std::variant_size_v<CommandBody>>{});
        return out;
    }();
    return types;
}

// Calls `f` with a tag for every command type, in the order of CommandBody:
//   for_each_command_type([](auto tag) { using T = typename decltype(tag)::type; … });
template <class T>
struct CommandTag {
    using type = T;
};
template <class F>
void for_each_command_type(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(CommandTag<std::variant_alternative_t<I, CommandBody>>{}), ...);
    }(std::make_index_sequence<std::variant_size_v<CommandBody>>{});
}

// The descriptor of a command type by name, or nullptr for an unknown one.
[[nodiscard]] inline const CommandInfo* command_info(std::string_view type) {
    const CommandInfo* out = nullptr;
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        if (T::type == type) out = &T::info;
    });
    return out;
}
[[nodiscard]] inline const CommandInfo& command_info(const Command& c) {
    return std::visit([](const auto& b) -> const CommandInfo& { return std::remove_cvref_t<decltype(b)>::info; }, c.body);
}

// What a finding about a command is about: the grant or the application it
// concerns, or nothing (a top-up, an allocation, a reversal).
[[nodiscard]] inline std::string subject_of(const Command& c) {
    return std::visit(
        [](const auto& b) -> std::string {
            if constexpr (requires { b.grant; }) return b.grant;
            else if constexpr (requires { b.application; }) return b.application;
            else return {};
        },
        c.body);
}

// How the books name a command, as its descriptor says (label()): a grant,
// an application, a budget year, a source of capital, the fund or a rulebook
// version; empty for a reversal (the journal names the event it reverses).
[[nodiscard]] inline std::string label_of(const Command& c) {
    return std::visit([](const auto& b) { return b.label(); }, c.body);
}

// Whether event.reversed may take back a command of this type.
[[nodiscard]] inline bool reversible(std::string_view type) {
    const CommandInfo* info = command_info(type);
    return info && info->reversible;
}

}  // namespace sifund
