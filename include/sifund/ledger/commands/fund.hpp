#pragma once
// The commands that set up the fund and bring money into it (DESIGN §4.1):
// establishing it, its rulebook, capital, tax revenue and the allocations
// from it. Each with its descriptor (ledger/descriptor.hpp).

#include <optional>
#include <string>

#include "sifund/ledger/descriptor.hpp"

namespace sifund::cmd {

struct FundEstablished {
    static constexpr std::string_view type = "fund.established";
    std::string fund, name, owner, decision;
    Currency currency;

    static constexpr CommandInfo info{
        .summary = "Establishes the fund: its id, name, owner and currency. The first command of every ledger.",
        .default_roles = {"council"},
        .example = R"({"type":"fund.established","date":"2013-01-01","actor":"kf","fund":"orebro-sif","name":"Sociala investeringsfonden","owner":"Örebro kommun","decision":"KF 2012-12-18 §215"})"};
    static constexpr auto fields() {
        using F = FundEstablished;
        return std::tuple{field::of("fund", &F::fund, field::Id{}, "the fund's id"),
                          field::of("name", &F::name, field::Text{}, "its name"),
                          field::of("owner", &F::owner, field::Text{}, "the municipality or region that owns it"),
                          field::of("decision", &F::decision, field::Text{}, "the decision that established it"),
                          field::of("currency", &F::currency, field::CurrencyField{}, "its currency (SEK if left out)")};
    }
    [[nodiscard]] std::string label() const { return fund; }
};

struct RulebookAdopted {
    static constexpr std::string_view type = "rulebook.adopted";
    std::string version, decision;
    Rulebook rules;

    static constexpr CommandInfo info{
        .summary = "Adopts a revision of the rulebook, in force from the command's date.",
        .default_roles = {"board"},
        .example = R"({"type":"rulebook.adopted","date":"2013-01-01","actor":"kf","version":"2013.1","decision":"KF 2012-12-18 §215","rules":{"grant":{"max_amount":"5000000.00"}}})"};
    static constexpr auto fields() {
        using F = RulebookAdopted;
        return std::tuple{field::of("version", &F::version, field::Id{}, "the revision's name"),
                          field::of("decision", &F::decision, field::Text{}, "the decision that adopted it"),
                          field::of("rules", &F::rules, field::RulebookField{}, "the rules; what is left out takes its default")};
    }
    [[nodiscard]] std::string label() const { return version; }
};

struct CapitalContributed {
    static constexpr std::string_view type = "capital.contributed";
    Money amount;
    std::optional<std::string> source, decision;

    static constexpr CommandInfo info{
        .summary = "Brings capital into the fund (a lump sum, a gift), free from its date.",
        .moves_money = true,
        .reversible = true,
        .default_roles = {"finance"},
        .example = R"({"type":"capital.contributed","date":"2013-01-01","actor":"ekonomi","amount":"65000000.00","source":"Örebro kommun","decision":"KF 2012-12-18 §215"})"};
    static constexpr auto fields() {
        using F = CapitalContributed;
        return std::tuple{field::of("amount", &F::amount, field::Amount{}, "what comes in"),
                          field::of("source", &F::source, field::OptionalText{}, "where it comes from"),
                          field::of("decision", &F::decision, field::OptionalText{}, "the decision behind it")};
    }
    [[nodiscard]] std::string label() const { return source.value_or(""); }
};

struct TaxRevenueRecorded {
    static constexpr std::string_view type = "tax_revenue.recorded";
    int budget_year = 0;
    std::string kind;  // "budget" or "outcome"
    Money amount;

    static constexpr CommandInfo info{
        .summary = "Records a year's tax revenue, as budgeted or as the outcome, for allocations that are a share of it.",
        .default_roles = {"finance"},
        .example = R"({"type":"tax_revenue.recorded","date":"2013-06-01","actor":"ekonomi","budget_year":2014,"kind":"budget","amount":"6500000000.00"})"};
    static constexpr auto fields() {
        using F = TaxRevenueRecorded;
        return std::tuple{field::of("budget_year", &F::budget_year, field::BudgetYear{}, "the year it is for"),
                          field::of("kind", &F::kind, field::OneOf{{"budget", "outcome"}}, "budget or outcome"),
                          field::of("amount", &F::amount, field::Amount{}, "the tax revenue")};
    }
    [[nodiscard]] std::string label() const { return "budget year " + std::to_string(budget_year); }
};

namespace custom {
// An allocation names an amount, or a rate of which the fund computes it (and
// that may round to zero: a stored "0.00" must read back).
struct AllocationAmount {
    [[nodiscard]] constexpr field::Shape shape() const { return {"amount > 0; with a rate, computed by the fund", false}; }
    template <class F, class C>
    Money read(F& f, std::string_view n, Currency cur, const C& a) const {
        auto amount = f.optional_money(n, a.rate ? field::Sign::non_negative : field::Sign::positive, cur);
        if (!a.rate && !amount) f.invalid(n, "an allocation needs a rate or an amount");
        return amount.value_or(Money());
    }
    template <class W>
    void write(W& w, std::string_view n, const Money& v) const { w.put(n, v.to_string()); }
};
}  // namespace custom

struct AllocationDecided {
    static constexpr std::string_view type = "allocation.decided";
    int budget_year = 0;
    std::optional<Rate> rate;
    std::string basis = "budget";
    Money amount;  // given, or rate × tax revenue as the fund computed it on acceptance
    std::string decision;

    static constexpr CommandInfo info{
        .summary = "Allocates money to the fund for a budget year: an amount, or a rate of the year's tax revenue.",
        .moves_money = true,
        .reversible = true,
        .decision = true,
        .default_roles = {"council"},
        .example = R"({"type":"allocation.decided","date":"2013-06-15","actor":"kf","budget_year":2014,"rate":"0.005","basis":"budget","decision":"KF 2013-06-15 §88"})"};
    static constexpr auto fields() {
        using F = AllocationDecided;
        return std::tuple{field::of("budget_year", &F::budget_year, field::BudgetYear{}, "the year whose money it is"),
                          field::of("rate", &F::rate, field::OptionalRate{}, "a share of the year's tax revenue"),
                          field::of("basis", &F::basis, field::OneOf{{"budget", "outcome"}, "budget"},
                                    "which tax revenue the rate is of (budget if left out)"),
                          field::of("amount", &F::amount, custom::AllocationAmount{}, "the amount, without a rate"),
                          field::of("decision", &F::decision, field::Text{}, "the decision")};
    }
    [[nodiscard]] std::string label() const { return "budget year " + std::to_string(budget_year); }
};

struct AllocationTruedUp {  // appended by the fund itself (actor "sifund")
    static constexpr std::string_view type = "allocation.trued_up";
    int budget_year = 0;
    Rate rate;
    Money outcome;            // the tax revenue outcome it rests on
    Money allocated_before;   // what was allocated for the year before this true-up
    Money amount;             // round(rate × outcome) − allocated_before; may be negative

    static constexpr CommandInfo info{
        .summary = "Appended by sifund itself when the outcome is recorded: brings a rate allocation from budget to outcome.",
        .moves_money = true,
        .appended_by_fund = true,
        .example = R"({"type":"allocation.trued_up","date":"2015-03-31","actor":"sifund","budget_year":2014,"rate":"0.005","outcome":"6600000000.00","allocated_before":"32500000.00","amount":"500000.00"})"};
    static constexpr auto fields() {
        using F = AllocationTruedUp;
        return std::tuple{field::of("budget_year", &F::budget_year, field::BudgetYear{}, "the year trued up"),
                          field::of("rate", &F::rate, field::RateField{}, "the allocation's rate"),
                          field::of("outcome", &F::outcome, field::Amount{}, "the tax revenue outcome"),
                          field::of("allocated_before", &F::allocated_before, field::Amount{field::Sign::non_negative},
                                    "what was allocated for the year before"),
                          field::of("amount", &F::amount, field::Amount{field::Sign::any_nonzero},
                                    "rate × outcome, rounded, less what was allocated")};
    }
    [[nodiscard]] std::string label() const { return "budget year " + std::to_string(budget_year); }
};

}  // namespace sifund::cmd
