#pragma once
// The commands of DESIGN §4.1, one struct each. A command file line is read
// into one of these (strictly: see detail/fields.hpp) and written back as the
// canonical JSON that is stored and hashed.

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/rules/evidence.hpp"
#include "sifund/rules/rulebook.hpp"
#include "sifund/time/date.hpp"

namespace sifund {

namespace cmd {

struct FundEstablished {
    static constexpr std::string_view type = "fund.established";
    std::string fund, name, owner, decision;
    Currency currency;
};
struct RulebookAdopted {
    static constexpr std::string_view type = "rulebook.adopted";
    std::string version, decision;
    Rulebook rules;
};
struct CapitalContributed {
    static constexpr std::string_view type = "capital.contributed";
    Money amount;
    std::optional<std::string> source, decision;
};
struct TaxRevenueRecorded {
    static constexpr std::string_view type = "tax_revenue.recorded";
    int budget_year = 0;
    std::string kind;  // "budget" or "outcome"
    Money amount;
};
struct AllocationDecided {
    static constexpr std::string_view type = "allocation.decided";
    int budget_year = 0;
    std::optional<Rate> rate;
    std::string basis = "budget";
    Money amount;  // given, or rate × tax revenue as the fund computed it on acceptance
    std::string decision;
};
struct AllocationTruedUp {  // appended by the fund itself (actor "sifund")
    static constexpr std::string_view type = "allocation.trued_up";
    int budget_year = 0;
    Rate rate;
    Money outcome;            // the tax revenue outcome it rests on
    Money allocated_before;   // what was allocated for the year before this true-up
    Money amount;             // round(rate × outcome) − allocated_before; may be negative
};
struct Indicator {
    std::string name, baseline, target;
};
struct ExpectedSaving {
    std::string unit;
    int budget_year = 0;
    Money amount;
};
struct ApplicationSubmitted {
    static constexpr std::string_view type = "application.submitted";
    std::string application, title;
    std::vector<std::string> applicants;
    std::string focus_area;
    std::optional<std::string> target_group;
    Evidence evidence = Evidence::idea;
    Money requested;
    std::map<int, Money> budget;  // budget year -> amount
    Date start, end;
    Money co_financing;
    std::vector<Indicator> indicators;
    std::vector<ExpectedSaving> expected_savings;
    std::optional<std::string> evaluation_method, evaluator;
};
struct ApplicationWithdrawn {
    static constexpr std::string_view type = "application.withdrawn";
    std::string application;
};
struct ApplicationRejected {
    static constexpr std::string_view type = "application.rejected";
    std::string application, body, decision;
    std::vector<std::string> reasons;
};
struct Tranche {
    Date date;
    Money amount;
};
struct GrantDecided {
    static constexpr std::string_view type = "grant.decided";
    std::string grant, application;
    Money amount;
    std::vector<Tranche> tranches;
    std::string body, decision;
    std::vector<std::string> conditions;
};
struct GrantDisbursed {
    static constexpr std::string_view type = "grant.disbursed";
    std::string grant;
    Money amount;
};
struct ReportSubmitted {
    static constexpr std::string_view type = "report.submitted";
    std::string grant, kind;  // "interim" or "final"
    Date period_end;
    std::optional<Money> costs;
    std::map<std::string, std::string> indicators;
};
struct SavingsVerified {
    static constexpr std::string_view type = "savings.verified";
    std::string grant, unit;
    int budget_year = 0;
    Money amount;
    std::string method, verifier;
    // The obligation it creates under the grant's repayment terms, and when it
    // falls due: computed by the fund on acceptance and stored with the event,
    // so that one saving owes the same in every view of the ledger.
    std::optional<Money> obligation;
    std::optional<Date> due;
};
struct RepaymentReceived {
    static constexpr std::string_view type = "repayment.received";
    std::string grant, unit;
    int budget_year = 0;
    Money amount;
};
struct ObligationWrittenOff {
    static constexpr std::string_view type = "obligation.written_off";
    std::string grant;
    Money amount;
    std::string decision, reason;
};
struct GrantClosed {
    static constexpr std::string_view type = "grant.closed";
    std::string grant, decision;
};
struct EventReversed {
    static constexpr std::string_view type = "event.reversed";
    std::int64_t seq = 0;
    std::string reason;
};

}  // namespace cmd

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

}  // namespace sifund
