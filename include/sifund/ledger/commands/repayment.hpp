#pragma once
// The commands by which money flows back (DESIGN §4.1): savings verified,
// repayments received, obligations written off. Each with its descriptor
// (ledger/descriptor.hpp).

#include <optional>
#include <string>

#include "sifund/ledger/descriptor.hpp"

namespace sifund::cmd {

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

    static constexpr CommandInfo info{
        .summary = "Verifies a saving in a unit's budget year; under the grant's terms it creates an obligation to repay.",
        .moves_money = true,
        .reversible = true,
        .default_roles = {"finance", "evaluator"},
        .example = R"({"type":"savings.verified","date":"2017-03-01","actor":"ekonomi","grant":"G-2013-01","unit":"vof","budget_year":2016,"amount":"1200000.00","method":"matched comparison","verifier":"ekonomi"})"};
    static constexpr auto fields() {
        using F = SavingsVerified;
        using namespace field;
        return std::tuple{of("grant", &F::grant, Id{}, "the grant whose project saved"),
                          of("unit", &F::unit, Id{}, "the unit whose budget shows the saving"),
                          of("budget_year", &F::budget_year, field::BudgetYear{}, "the year of the saving"),
                          of("amount", &F::amount, Amount{}, "the saving"),
                          of("method", &F::method, Text{}, "how it was verified"),
                          of("verifier", &F::verifier, Text{}, "who verified it"),
                          of("obligation", &F::obligation, OptionalAmount{Sign::non_negative},
                             "stored by the fund: what it obliges the unit to repay"),
                          of("due", &F::due, OptionalDate{}, "stored by the fund: when that falls due")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

struct RepaymentReceived {
    static constexpr std::string_view type = "repayment.received";
    std::string grant, unit;
    int budget_year = 0;
    Money amount;

    static constexpr CommandInfo info{
        .summary = "A unit repays (part of) what its savings oblige it to.",
        .moves_money = true,
        .reversible = true,
        .default_roles = {"finance"},
        .example = R"({"type":"repayment.received","date":"2018-01-31","actor":"ekonomi","grant":"G-2013-01","unit":"vof","budget_year":2016,"amount":"1200000.00"})"};
    static constexpr auto fields() {
        using F = RepaymentReceived;
        using namespace field;
        return std::tuple{of("grant", &F::grant, Id{}, "the grant repaid"),
                          of("unit", &F::unit, Id{}, "the unit repaying"),
                          of("budget_year", &F::budget_year, field::BudgetYear{}, "the year of the saving repaid"),
                          of("amount", &F::amount, Amount{}, "what comes back")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

struct ObligationWrittenOff {
    static constexpr std::string_view type = "obligation.written_off";
    std::string grant;
    Money amount;
    std::string decision, reason;

    static constexpr CommandInfo info{
        .summary = "Writes off (part of) what a grant's units owe, by decision.",
        .moves_money = true,
        .reversible = true,
        .decision = true,
        .default_roles = {"board"},
        .example = R"({"type":"obligation.written_off","date":"2019-05-01","actor":"ksau","grant":"G-2013-01","amount":"200000.00","decision":"KSAU 2019-05-01 §61","reason":"the unit was reorganised"})"};
    static constexpr auto fields() {
        using F = ObligationWrittenOff;
        using namespace field;
        return std::tuple{of("grant", &F::grant, Id{}, "the grant"), of("amount", &F::amount, Amount{}, "what is written off"),
                          of("decision", &F::decision, Text{}, "the decision"), of("reason", &F::reason, Text{}, "why")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

}  // namespace sifund::cmd
