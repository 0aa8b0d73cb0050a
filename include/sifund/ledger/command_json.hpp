#pragma once
// Commands to and from their JSON form (DESIGN §4.1). Reading is strict:
// wrong types, missing or unknown fields and impossible values are
// FieldErrors naming the field; writing gives the canonical form that the
// ledger stores and hashes (amounts as "1234.50", keys sorted).

#include <nlohmann/json.hpp>
#include <string>

#include "sifund/detail/fields.hpp"
#include "sifund/ledger/commands.hpp"

namespace sifund {

namespace detail {

using Sign = Fields::Sign;

inline int budget_year_field(Fields& f, std::string_view name) {
    return static_cast<int>(f.integer(name, 1900, 2199));
}

inline Evidence evidence_field(Fields& f, std::string_view name) {
    return *evidence_from_string(f.one_of(name, {"idea", "promising", "established"}));
}

template <class T>
struct CommandCodec;

template <>
struct CommandCodec<cmd::FundEstablished> {
    static cmd::FundEstablished read(Fields& f, Currency) {
        cmd::FundEstablished c{f.string("fund"), f.string("name"), f.string("owner"), f.string("decision"), {}};
        if (f.has("currency")) {
            const std::string code = f.string("currency");
            try {
                c.currency = Currency::parse(code);
            } catch (const Error& e) {
                throw FieldError(e.id(), "currency", std::string("field \"currency\": ") + e.what());
            }
        } else {
            (void)f.raw("currency");
        }
        return c;
    }
    static void write(json& j, const cmd::FundEstablished& c) {
        j["fund"] = c.fund;
        j["name"] = c.name;
        j["owner"] = c.owner;
        j["decision"] = c.decision;
        j["currency"] = c.currency.code();
    }
};

template <>
struct CommandCodec<cmd::RulebookAdopted> {
    static cmd::RulebookAdopted read(Fields& f, Currency) {
        cmd::RulebookAdopted c{f.string("version"), f.string("decision"), {}};
        c.rules = Rulebook::parse(f.required("rules"), "rules");
        return c;
    }
    static void write(json& j, const cmd::RulebookAdopted& c) {
        j["version"] = c.version;
        j["decision"] = c.decision;
        j["rules"] = c.rules.to_json();
    }
};

inline void put_optional(json& j, const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
}

template <>
struct CommandCodec<cmd::CapitalContributed> {
    static cmd::CapitalContributed read(Fields& f, Currency cur) {
        return {f.money("amount", Sign::positive, cur), f.optional_string("source"), f.optional_string("decision")};
    }
    static void write(json& j, const cmd::CapitalContributed& c) {
        j["amount"] = c.amount.to_string();
        put_optional(j, "source", c.source);
        put_optional(j, "decision", c.decision);
    }
};

template <>
struct CommandCodec<cmd::TaxRevenueRecorded> {
    static cmd::TaxRevenueRecorded read(Fields& f, Currency cur) {
        cmd::TaxRevenueRecorded c;
        c.budget_year = budget_year_field(f, "budget_year");
        c.kind = f.one_of("kind", {"budget", "outcome"});
        c.amount = f.money("amount", Sign::positive, cur);
        return c;
    }
    static void write(json& j, const cmd::TaxRevenueRecorded& c) {
        j["budget_year"] = c.budget_year;
        j["kind"] = c.kind;
        j["amount"] = c.amount.to_string();
    }
};

template <>
struct CommandCodec<cmd::AllocationDecided> {
    static cmd::AllocationDecided read(Fields& f, Currency cur) {
        cmd::AllocationDecided c;
        c.budget_year = budget_year_field(f, "budget_year");
        c.rate = f.optional_rate("rate");
        if (f.has("basis")) c.basis = f.one_of("basis", {"budget", "outcome"});
        else (void)f.raw("basis");
        // With a rate the fund computes the amount (rate × tax revenue, rounded
        // as the rulebook says), and that may round to zero: a stored
        // allocation of "0.00" must read back, or the store could not be opened.
        auto amount = f.optional_money("amount", c.rate ? Sign::non_negative : Sign::positive, cur);
        if (!c.rate && !amount) f.invalid("amount", "an allocation needs a rate or an amount");
        if (amount) c.amount = *amount;
        c.decision = f.string("decision");
        return c;
    }
    static void write(json& j, const cmd::AllocationDecided& c) {
        j["budget_year"] = c.budget_year;
        if (c.rate) j["rate"] = c.rate->to_string();
        j["basis"] = c.basis;
        j["amount"] = c.amount.to_string();
        j["decision"] = c.decision;
    }
};

template <>
struct CommandCodec<cmd::AllocationTruedUp> {
    static cmd::AllocationTruedUp read(Fields& f, Currency cur) {
        cmd::AllocationTruedUp c;
        c.budget_year = budget_year_field(f, "budget_year");
        c.rate = f.rate("rate");
        c.outcome = f.money("outcome", Sign::positive, cur);
        c.allocated_before = f.money("allocated_before", Sign::non_negative, cur);
        c.amount = f.money("amount", Sign::any_nonzero, cur);
        return c;
    }
    static void write(json& j, const cmd::AllocationTruedUp& c) {
        j["budget_year"] = c.budget_year;
        j["rate"] = c.rate.to_string();
        j["outcome"] = c.outcome.to_string();
        j["allocated_before"] = c.allocated_before.to_string();
        j["amount"] = c.amount.to_string();
    }
};

template <>
struct CommandCodec<cmd::ApplicationSubmitted> {
    static cmd::ApplicationSubmitted read(Fields& f, Currency cur) {
        cmd::ApplicationSubmitted c;
        c.application = f.string("application");
        c.title = f.string("title");
        c.applicants = f.strings("applicants", false);
        c.focus_area = f.string("focus_area");
        c.target_group = f.optional_string("target_group");
        c.evidence = evidence_field(f, "evidence");
        c.requested = f.money("requested", Sign::positive, cur);
        if (const json* b = f.raw("budget")) {
            Fields years(*b, "budget");
            for (auto it = b->begin(); it != b->end(); ++it) {
                const std::string& key = it.key();
                int year = 0;
                const auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), year);
                if (ec != std::errc() || p != key.data() + key.size() || key.size() != 4 || year < 1900 || year > 2199)
                    f.invalid("budget", "keys are budget years such as \"2014\", not " + sifund::detail::quoted(key));
                c.budget[year] = years.money(key, Sign::non_negative, cur);
            }
            years.finish();
        }
        c.start = f.date("start");
        c.end = f.date("end");
        if (c.end < c.start) f.invalid("end", "the project ends (" + c.end.to_string() + ") before it starts (" + c.start.to_string() + ")");
        if (auto co = f.optional_money("co_financing", Sign::non_negative, cur)) c.co_financing = *co;
        if (f.has("indicators"))
            c.indicators = f.objects("indicators", [](Fields& i) {
                return cmd::Indicator{i.string("name"), i.string("baseline"), i.string("target")};
            });
        else (void)f.raw("indicators");
        if (f.has("expected_savings"))
            c.expected_savings = f.objects("expected_savings", [cur](Fields& s) {
                cmd::ExpectedSaving e;
                e.unit = s.string("unit");
                e.budget_year = budget_year_field(s, "budget_year");
                e.amount = s.money("amount", Sign::positive, cur);
                return e;
            });
        else (void)f.raw("expected_savings");
        if (const json* e = f.raw("evaluation")) {
            Fields ev(*e, "evaluation");
            c.evaluation_method = ev.optional_string("method");
            c.evaluator = ev.optional_string("evaluator");
            ev.finish();
        }
        return c;
    }
    static void write(json& j, const cmd::ApplicationSubmitted& c) {
        j["application"] = c.application;
        j["title"] = c.title;
        j["applicants"] = c.applicants;
        j["focus_area"] = c.focus_area;
        put_optional(j, "target_group", c.target_group);
        j["evidence"] = to_string(c.evidence);
        j["requested"] = c.requested.to_string();
        if (!c.budget.empty()) {
            json b = json::object();
            for (const auto& [year, amount] : c.budget) b[std::to_string(year)] = amount.to_string();
            j["budget"] = b;
        }
        j["start"] = c.start.to_string();
        j["end"] = c.end.to_string();
        j["co_financing"] = c.co_financing.to_string();
        if (!c.indicators.empty()) {
            j["indicators"] = json::array();
            for (const auto& i : c.indicators)
                j["indicators"].push_back({{"name", i.name}, {"baseline", i.baseline}, {"target", i.target}});
        }
        if (!c.expected_savings.empty()) {
            j["expected_savings"] = json::array();
            for (const auto& s : c.expected_savings)
                j["expected_savings"].push_back(
                    {{"unit", s.unit}, {"budget_year", s.budget_year}, {"amount", s.amount.to_string()}});
        }
        if (c.evaluation_method || c.evaluator) {
            json e = json::object();
            put_optional(e, "method", c.evaluation_method);
            put_optional(e, "evaluator", c.evaluator);
            j["evaluation"] = e;
        }
    }
};

template <>
struct CommandCodec<cmd::ApplicationWithdrawn> {
    static cmd::ApplicationWithdrawn read(Fields& f, Currency) { return {f.string("application")}; }
    static void write(json& j, const cmd::ApplicationWithdrawn& c) { j["application"] = c.application; }
};

template <>
struct CommandCodec<cmd::ApplicationRejected> {
    static cmd::ApplicationRejected read(Fields& f, Currency) {
        return {f.string("application"), f.string("body"), f.string("decision"), f.strings("reasons", false)};
    }
    static void write(json& j, const cmd::ApplicationRejected& c) {
        j["application"] = c.application;
        j["body"] = c.body;
        j["decision"] = c.decision;
        j["reasons"] = c.reasons;
    }
};

template <>
struct CommandCodec<cmd::GrantDecided> {
    static cmd::GrantDecided read(Fields& f, Currency cur) {
        cmd::GrantDecided c;
        c.grant = f.string("grant");
        c.application = f.string("application");
        c.amount = f.money("amount", Sign::positive, cur);
        if (f.has("tranches"))
            c.tranches = f.objects("tranches", [cur](Fields& t) {
                return cmd::Tranche{t.date("date"), t.money("amount", Sign::positive, cur)};
            });
        else (void)f.raw("tranches");
        c.body = f.string("body");
        c.decision = f.string("decision");
        c.conditions = f.optional_strings("conditions");
        return c;
    }
    static void write(json& j, const cmd::GrantDecided& c) {
        j["grant"] = c.grant;
        j["application"] = c.application;
        j["amount"] = c.amount.to_string();
        if (!c.tranches.empty()) {
            j["tranches"] = json::array();
            for (const auto& t : c.tranches)
                j["tranches"].push_back({{"date", t.date.to_string()}, {"amount", t.amount.to_string()}});
        }
        j["body"] = c.body;
        j["decision"] = c.decision;
        if (!c.conditions.empty()) j["conditions"] = c.conditions;
    }
};

template <>
struct CommandCodec<cmd::GrantDisbursed> {
    static cmd::GrantDisbursed read(Fields& f, Currency cur) {
        return {f.string("grant"), f.money("amount", Sign::positive, cur)};
    }
    static void write(json& j, const cmd::GrantDisbursed& c) {
        j["grant"] = c.grant;
        j["amount"] = c.amount.to_string();
    }
};

template <>
struct CommandCodec<cmd::ReportSubmitted> {
    static cmd::ReportSubmitted read(Fields& f, Currency cur) {
        cmd::ReportSubmitted c;
        c.grant = f.string("grant");
        c.kind = f.one_of("kind", {"interim", "final"});
        c.period_end = f.date("period_end");
        c.costs = f.optional_money("costs", Sign::non_negative, cur);
        if (const json* v = f.raw("indicators")) {
            Fields ind(*v, "indicators");
            for (auto it = v->begin(); it != v->end(); ++it) c.indicators[it.key()] = ind.string(it.key());
            ind.finish();
        }
        return c;
    }
    static void write(json& j, const cmd::ReportSubmitted& c) {
        j["grant"] = c.grant;
        j["kind"] = c.kind;
        j["period_end"] = c.period_end.to_string();
        if (c.costs) j["costs"] = c.costs->to_string();
        if (!c.indicators.empty()) j["indicators"] = c.indicators;
    }
};

template <>
struct CommandCodec<cmd::SavingsVerified> {
    static cmd::SavingsVerified read(Fields& f, Currency cur) {
        cmd::SavingsVerified c;
        c.grant = f.string("grant");
        c.unit = f.string("unit");
        c.budget_year = budget_year_field(f, "budget_year");
        c.amount = f.money("amount", Sign::positive, cur);
        c.method = f.string("method");
        c.verifier = f.string("verifier");
        c.obligation = f.optional_money("obligation", Sign::non_negative, cur);
        if (f.has("due")) c.due = f.date("due");
        else (void)f.raw("due");
        return c;
    }
    static void write(json& j, const cmd::SavingsVerified& c) {
        j["grant"] = c.grant;
        j["unit"] = c.unit;
        j["budget_year"] = c.budget_year;
        j["amount"] = c.amount.to_string();
        j["method"] = c.method;
        j["verifier"] = c.verifier;
        if (c.obligation) j["obligation"] = c.obligation->to_string();
        if (c.due) j["due"] = c.due->to_string();
    }
};

template <>
struct CommandCodec<cmd::RepaymentReceived> {
    static cmd::RepaymentReceived read(Fields& f, Currency cur) {
        cmd::RepaymentReceived c;
        c.grant = f.string("grant");
        c.unit = f.string("unit");
        c.budget_year = budget_year_field(f, "budget_year");
        c.amount = f.money("amount", Sign::positive, cur);
        return c;
    }
    static void write(json& j, const cmd::RepaymentReceived& c) {
        j["grant"] = c.grant;
        j["unit"] = c.unit;
        j["budget_year"] = c.budget_year;
        j["amount"] = c.amount.to_string();
    }
};

template <>
struct CommandCodec<cmd::ObligationWrittenOff> {
    static cmd::ObligationWrittenOff read(Fields& f, Currency cur) {
        return {f.string("grant"), f.money("amount", Sign::positive, cur), f.string("decision"), f.string("reason")};
    }
    static void write(json& j, const cmd::ObligationWrittenOff& c) {
        j["grant"] = c.grant;
        j["amount"] = c.amount.to_string();
        j["decision"] = c.decision;
        j["reason"] = c.reason;
    }
};

template <>
struct CommandCodec<cmd::GrantClosed> {
    static cmd::GrantClosed read(Fields& f, Currency) { return {f.string("grant"), f.string("decision")}; }
    static void write(json& j, const cmd::GrantClosed& c) {
        j["grant"] = c.grant;
        j["decision"] = c.decision;
    }
};

// A command file names the event to reverse by "seq" (DESIGN §4.1); a stored
// event has a "seq" of its own, so there the target is written "reverses".
// Reading takes either, never both.
template <>
struct CommandCodec<cmd::EventReversed> {
    static cmd::EventReversed read(Fields& f, Currency) {
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        const std::int64_t target = f.has("reverses") ? f.integer("reverses", 1, max) : f.integer("seq", 1, max);
        return {target, f.string("reason")};
    }
    static void write(json& j, const cmd::EventReversed& c) {
        j["reverses"] = c.seq;
        j["reason"] = c.reason;
    }
};

template <std::size_t I = 0>
CommandBody read_body(std::string_view type, Fields& f, Currency cur) {
    if constexpr (I == std::variant_size_v<CommandBody>) {
        std::string known;
        for (std::string_view t : command_types()) known += (known.empty() ? "" : ", ") + std::string(t);
        throw FieldError("input.unknown_type", "type", "unknown command type " + sifund::detail::quoted(type) + "; known: " + known);
    } else {
        using T = std::variant_alternative_t<I, CommandBody>;
        if (type == T::type) return CommandBody(std::in_place_index<I>, CommandCodec<T>::read(f, cur));
        return read_body<I + 1>(type, f, cur);
    }
}

}  // namespace detail

// Reads one command object. Amounts are read in the fund's currency (a
// figure marked with another is refused).
[[nodiscard]] inline Command command_from_json(const nlohmann::json& object, Currency currency = Currency::sek()) {
    detail::Fields f(object);
    const std::string type = f.string("type");
    Command c;
    c.date = f.date("date");
    c.actor = f.string("actor");
    c.body = detail::read_body(type, f, currency);
    f.finish();
    return c;
}

// The canonical JSON of a command: type, date, actor and its own fields.
[[nodiscard]] inline nlohmann::json to_json(const Command& c) {
    nlohmann::json j = nlohmann::json::object();
    j["type"] = c.type();
    j["date"] = c.date.to_string();
    j["actor"] = c.actor;
    std::visit([&](const auto& b) { detail::CommandCodec<std::remove_cvref_t<decltype(b)>>::write(j, b); }, c.body);
    return j;
}

}  // namespace sifund
