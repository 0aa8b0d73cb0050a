#pragma once
// The commands of a grant's life (DESIGN §4.1): decided, paid out, reported
// on, closed. Each with its descriptor (ledger/descriptor.hpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sifund/ledger/descriptor.hpp"

namespace sifund::cmd {

struct Tranche {
    Date date;
    Money amount;
    static constexpr auto fields() {
        return std::tuple{field::of("date", &Tranche::date, field::DateField{}),
                          field::of("amount", &Tranche::amount, field::Amount{})};
    }
};

struct GrantDecided {
    static constexpr std::string_view type = "grant.decided";
    std::string grant, application;
    Money amount;
    std::vector<Tranche> tranches;
    std::string body, decision;
    std::vector<std::string> conditions;

    static constexpr CommandInfo info{
        .summary = "The deciding body grants money to an application; it is committed from the decision's date.",
        .reversible = true,
        .decision = true,
        .default_roles = {"board", "board-delegate"},
        .example = R"({"type":"grant.decided","date":"2013-11-20","actor":"ksau","grant":"G-2013-01","application":"A-2013-01","amount":"3000000.00","tranches":[{"date":"2014-01-15","amount":"1500000.00"},{"date":"2015-01-15","amount":"1500000.00"}],"body":"ksau","decision":"KSAU 2013-11-20 §139"})"};
    static constexpr auto fields() {
        using F = GrantDecided;
        using namespace field;
        return std::tuple{of("grant", &F::grant, Id{}, "the grant's id"),
                          of("application", &F::application, Id{}, "the application it grants"),
                          of("amount", &F::amount, Amount{}, "what is granted"),
                          of("tranches", &F::tranches, Objects<Tranche>{"[{date, amount > 0}, …]"},
                             "the payments planned, summing to the amount"),
                          of("body", &F::body, Id{}, "the body that decided"),
                          of("decision", &F::decision, Text{}, "the decision"),
                          of("conditions", &F::conditions, OptionalTexts{}, "conditions of the grant")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

struct GrantDisbursed {
    static constexpr std::string_view type = "grant.disbursed";
    std::string grant;
    Money amount;

    static constexpr CommandInfo info{
        .summary = "Pays out (part of) a grant.",
        .moves_money = true,
        .reversible = true,
        .default_roles = {"finance"},
        .example = R"({"type":"grant.disbursed","date":"2014-01-15","actor":"ekonomi","grant":"G-2013-01","amount":"1500000.00"})"};
    static constexpr auto fields() {
        return std::tuple{field::of("grant", &GrantDisbursed::grant, field::Id{}, "the grant"),
                          field::of("amount", &GrantDisbursed::amount, field::Amount{}, "what is paid")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

struct ReportSubmitted {
    static constexpr std::string_view type = "report.submitted";
    std::string grant, kind;  // "interim" or "final"
    Date period_end;
    std::optional<Money> costs;
    std::map<std::string, std::string> indicators;

    static constexpr CommandInfo info{
        .summary = "A project reports on a period: interim, or final after its end.",
        .default_roles = {"unit"},
        .example = R"({"type":"report.submitted","date":"2016-02-15","actor":"vof","grant":"G-2013-01","kind":"final","period_end":"2015-12-31","costs":"2950000.00","indicators":{"fall":"84"}})"};
    static constexpr auto fields() {
        using F = ReportSubmitted;
        using namespace field;
        return std::tuple{of("grant", &F::grant, Id{}, "the grant reported on"),
                          of("kind", &F::kind, OneOf{{"interim", "final"}}, "interim or final"),
                          of("period_end", &F::period_end, DateField{}, "the last day the report covers"),
                          of("costs", &F::costs, OptionalAmount{Sign::non_negative}, "the project's costs so far"),
                          of("indicators", &F::indicators, TextsByName{}, "the indicators' values")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

struct GrantClosed {
    static constexpr std::string_view type = "grant.closed";
    std::string grant, decision;

    static constexpr CommandInfo info{
        .summary = "Closes a grant once nothing more is paid or owed.",
        .reversible = true,
        .decision = true,
        .default_roles = {"board"},
        .example = R"({"type":"grant.closed","date":"2019-06-01","actor":"ksau","grant":"G-2013-01","decision":"KSAU 2019-06-01 §70"})"};
    static constexpr auto fields() {
        return std::tuple{field::of("grant", &GrantClosed::grant, field::Id{}, "the grant"),
                          field::of("decision", &GrantClosed::decision, field::Text{}, "the decision")};
    }
    [[nodiscard]] std::string label() const { return grant; }
};

}  // namespace sifund::cmd
