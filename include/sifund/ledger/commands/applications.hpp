#pragma once
// The commands of an application's life before it is a grant (DESIGN §4.1):
// submitted, withdrawn, rejected. Each with its descriptor (ledger/descriptor.hpp).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sifund/ledger/descriptor.hpp"

namespace sifund::cmd {

struct Indicator {
    std::string name, baseline, target;
    static constexpr auto fields() {
        return std::tuple{field::of("name", &Indicator::name, field::Text{}),
                          field::of("baseline", &Indicator::baseline, field::Text{}),
                          field::of("target", &Indicator::target, field::Text{})};
    }
};
struct ExpectedSaving {
    std::string unit;
    int budget_year = 0;
    Money amount;
    static constexpr auto fields() {
        return std::tuple{field::of("unit", &ExpectedSaving::unit, field::Id{}),
                          field::of("budget_year", &ExpectedSaving::budget_year, field::BudgetYear{}),
                          field::of("amount", &ExpectedSaving::amount, field::Amount{})};
    }
};

namespace custom {
// A project ends on or after the day it starts.
struct ProjectEnd {
    [[nodiscard]] constexpr field::Shape shape() const { return {"YYYY-MM-DD, not before start"}; }
    template <class F, class C>
    Date read(F& f, std::string_view n, Currency, const C& a) const {
        const Date end = f.date(n);
        if (end < a.start)
            f.invalid(n, "the project ends (" + end.to_string() + ") before it starts (" + a.start.to_string() + ")");
        return end;
    }
    template <class W>
    void write(W& w, std::string_view n, const Date& v) const { w.put(n, v.to_string()); }
};
// "evaluation": {"method", "evaluator"}, both optional, onto two members.
template <class C>
struct EvaluationGroup {
    std::string_view name = "evaluation";
    std::string_view doc = "how the effect is evaluated: {\"method\": text, \"evaluator\": text}, both optional";
    [[nodiscard]] constexpr field::Shape shape() const { return {"{method, evaluator}", false}; }
    template <class F>
    void read(F& f, C& c, Currency) const {
        if (const auto* e = f.raw(name)) {
            F ev(*e, std::string(name));
            c.evaluation_method = ev.optional_string("method");
            c.evaluator = ev.optional_string("evaluator");
            ev.finish();
        }
    }
    template <class W>
    void write(W& w, const C& c) const {
        if (c.evaluation_method || c.evaluator)
            w.put_object(name, [&](auto& e) {
                if (c.evaluation_method) e.put("method", *c.evaluation_method);
                if (c.evaluator) e.put("evaluator", *c.evaluator);
            });
    }
};
}  // namespace custom

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

    static constexpr CommandInfo info{
        .summary = "A unit (with its partners) applies for money for a preventive project.",
        .default_roles = {"unit"},
        .example = R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2013-01","title":"Stå stadigt – fallprevention","applicants":["vof","hsn"],"focus_area":"äldre","evidence":"promising","requested":"3000000.00","budget":{"2014":"1500000.00","2015":"1500000.00"},"start":"2014-01-01","end":"2015-12-31","expected_savings":[{"unit":"vof","budget_year":2016,"amount":"1500000.00"}]})"};
    static constexpr auto fields() {
        using F = ApplicationSubmitted;
        using namespace field;
        return std::tuple{
            of("application", &F::application, Id{}, "the application's id"),
            of("title", &F::title, Text{}, "the project's title"),
            of("applicants", &F::applicants, Ids{}, "the units (and partners) applying"),
            of("focus_area", &F::focus_area, Id{}, "the rulebook's focus area it belongs to"),
            of("target_group", &F::target_group, OptionalText{}, "who the project is for"),
            of("evidence", &F::evidence, EvidenceField{}, "how well the method is known to work"),
            of("requested", &F::requested, Amount{}, "what is applied for"),
            of("budget", &F::budget, AmountsByYear{}, "the request by budget year"),
            of("start", &F::start, DateField{}, "the project's first day"),
            of("end", &F::end, custom::ProjectEnd{}, "its last day"),
            of("co_financing", &F::co_financing, AmountOrZero{}, "what the applicants pay themselves (0 if left out)"),
            of("indicators", &F::indicators, Objects<Indicator>{"[{name, baseline, target}, …]"}, "what is measured"),
            of("expected_savings", &F::expected_savings,
               Objects<ExpectedSaving>{"[{unit, budget_year, amount > 0}, …]"}, "the savings it expects, by unit and year"),
            custom::EvaluationGroup<F>{}};
    }
    [[nodiscard]] std::string label() const { return application; }
};

struct ApplicationWithdrawn {
    static constexpr std::string_view type = "application.withdrawn";
    std::string application;

    static constexpr CommandInfo info{
        .summary = "The applicants withdraw an application that is not yet decided.",
        .default_roles = {"unit"},
        .example = R"({"type":"application.withdrawn","date":"2013-10-01","actor":"vof","application":"A-2013-01"})"};
    static constexpr auto fields() {
        return std::tuple{field::of("application", &ApplicationWithdrawn::application, field::Id{}, "the application")};
    }
    [[nodiscard]] std::string label() const { return application; }
};

struct ApplicationRejected {
    static constexpr std::string_view type = "application.rejected";
    std::string application, body, decision;
    std::vector<std::string> reasons;

    static constexpr CommandInfo info{
        .summary = "The deciding body rejects an application, with its reasons.",
        .reversible = true,
        .decision = true,
        .default_roles = {"board", "board-delegate"},
        .example = R"({"type":"application.rejected","date":"2013-11-20","actor":"ksau","application":"A-2013-01","body":"ksau","decision":"KSAU 2013-11-20 §140","reasons":["the savings are not shown"]})"};
    static constexpr auto fields() {
        using F = ApplicationRejected;
        return std::tuple{field::of("application", &F::application, field::Id{}, "the application"),
                          field::of("body", &F::body, field::Id{}, "the body that decided"),
                          field::of("decision", &F::decision, field::Text{}, "the decision"),
                          field::of("reasons", &F::reasons, field::Texts{}, "why")};
    }
    [[nodiscard]] std::string label() const { return application; }
};

}  // namespace sifund::cmd
