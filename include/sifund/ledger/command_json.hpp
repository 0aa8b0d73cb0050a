#pragma once
// Commands to and from their JSON form (DESIGN §4.1). Reading is strict:
// wrong types, missing or unknown fields and impossible values are
// FieldErrors naming the field; writing gives the canonical form that the
// ledger stores and hashes (amounts as "1234.50", keys sorted).

#include <nlohmann/json.hpp>
#include <string>

#include "sifund/detail/fields.hpp"
#include "sifund/ledger/commands.hpp"
#include "sifund/ledger/detail/canonical_writer.hpp"

namespace sifund {

namespace detail {

using Sign = FieldSign;

template <class F>
int budget_year_field(F& f, std::string_view name) {
    return static_cast<int>(f.integer(name, 1900, 2199));
}

template <class F>
Evidence evidence_field(F& f, std::string_view name) {
    return *evidence_from_string(f.one_of(name, {"idea", "promising", "established"}));
}

template <class T>
struct CommandCodec;

template <>
struct CommandCodec<cmd::FundEstablished> {
    template <class F>
    static cmd::FundEstablished read(F& f, Currency) {
        cmd::FundEstablished c{f.id("fund"), f.string("name"), f.string("owner"), f.string("decision"), {}};
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
    template <class W>
    static void write(W& w, const cmd::FundEstablished& c) {
        w.put("fund", c.fund);
        w.put("name", c.name);
        w.put("owner", c.owner);
        w.put("decision", c.decision);
        w.put("currency", c.currency.code());
    }
};

template <>
struct CommandCodec<cmd::RulebookAdopted> {
    template <class F>
    static cmd::RulebookAdopted read(F& f, Currency) {
        cmd::RulebookAdopted c{f.id("version"), f.string("decision"), {}};
        c.rules = Rulebook::parse(f.required("rules"), "rules");
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::RulebookAdopted& c) {
        w.put("version", c.version);
        w.put("decision", c.decision);
        w.put_json("rules", c.rules.to_json());
    }
};

template <class W>
void put_optional(W& w, std::string_view key, const std::optional<std::string>& v) {
    if (v) w.put(key, *v);
}

template <>
struct CommandCodec<cmd::CapitalContributed> {
    template <class F>
    static cmd::CapitalContributed read(F& f, Currency cur) {
        return {f.money("amount", Sign::positive, cur), f.optional_string("source"), f.optional_string("decision")};
    }
    template <class W>
    static void write(W& w, const cmd::CapitalContributed& c) {
        w.put("amount", c.amount.to_string());
        put_optional(w, "source", c.source);
        put_optional(w, "decision", c.decision);
    }
};

template <>
struct CommandCodec<cmd::TaxRevenueRecorded> {
    template <class F>
    static cmd::TaxRevenueRecorded read(F& f, Currency cur) {
        cmd::TaxRevenueRecorded c;
        c.budget_year = budget_year_field(f, "budget_year");
        c.kind = f.one_of("kind", {"budget", "outcome"});
        c.amount = f.money("amount", Sign::positive, cur);
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::TaxRevenueRecorded& c) {
        w.put("budget_year", c.budget_year);
        w.put("kind", c.kind);
        w.put("amount", c.amount.to_string());
    }
};

template <>
struct CommandCodec<cmd::AllocationDecided> {
    template <class F>
    static cmd::AllocationDecided read(F& f, Currency cur) {
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
    template <class W>
    static void write(W& w, const cmd::AllocationDecided& c) {
        w.put("budget_year", c.budget_year);
        if (c.rate) w.put("rate", c.rate->to_string());
        w.put("basis", c.basis);
        w.put("amount", c.amount.to_string());
        w.put("decision", c.decision);
    }
};

template <>
struct CommandCodec<cmd::AllocationTruedUp> {
    template <class F>
    static cmd::AllocationTruedUp read(F& f, Currency cur) {
        cmd::AllocationTruedUp c;
        c.budget_year = budget_year_field(f, "budget_year");
        c.rate = f.rate("rate");
        c.outcome = f.money("outcome", Sign::positive, cur);
        c.allocated_before = f.money("allocated_before", Sign::non_negative, cur);
        c.amount = f.money("amount", Sign::any_nonzero, cur);
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::AllocationTruedUp& c) {
        w.put("budget_year", c.budget_year);
        w.put("rate", c.rate.to_string());
        w.put("outcome", c.outcome.to_string());
        w.put("allocated_before", c.allocated_before.to_string());
        w.put("amount", c.amount.to_string());
    }
};

template <>
struct CommandCodec<cmd::ApplicationSubmitted> {
    template <class F>
    static cmd::ApplicationSubmitted read(F& f, Currency cur) {
        cmd::ApplicationSubmitted c;
        c.application = f.id("application");
        c.title = f.string("title");
        c.applicants = f.ids("applicants", false);
        c.focus_area = f.id("focus_area");
        c.target_group = f.optional_string("target_group");
        c.evidence = evidence_field(f, "evidence");
        c.requested = f.money("requested", Sign::positive, cur);
        f.entries("budget", [&](F& years, std::string_view key) {
            int year = 0;
            const auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), year);
            if (ec != std::errc() || p != key.data() + key.size() || key.size() != 4 || year < 1900 || year > 2199)
                f.invalid("budget", "keys are budget years such as \"2014\", not " + sifund::detail::quoted(key));
            c.budget[year] = years.money(key, Sign::non_negative, cur);
        });
        c.start = f.date("start");
        c.end = f.date("end");
        if (c.end < c.start) f.invalid("end", "the project ends (" + c.end.to_string() + ") before it starts (" + c.start.to_string() + ")");
        if (auto co = f.optional_money("co_financing", Sign::non_negative, cur)) c.co_financing = *co;
        if (f.has("indicators"))
            c.indicators = f.objects("indicators", [](F& i) {
                return cmd::Indicator{i.string("name"), i.string("baseline"), i.string("target")};
            });
        else (void)f.raw("indicators");
        if (f.has("expected_savings"))
            c.expected_savings = f.objects("expected_savings", [cur](F& s) {
                cmd::ExpectedSaving e;
                e.unit = s.id("unit");
                e.budget_year = budget_year_field(s, "budget_year");
                e.amount = s.money("amount", Sign::positive, cur);
                return e;
            });
        else (void)f.raw("expected_savings");
        if (const auto* e = f.raw("evaluation")) {
            F ev(*e, "evaluation");
            c.evaluation_method = ev.optional_string("method");
            c.evaluator = ev.optional_string("evaluator");
            ev.finish();
        }
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::ApplicationSubmitted& c) {
        w.put("application", c.application);
        w.put("title", c.title);
        w.put("applicants", c.applicants);
        w.put("focus_area", c.focus_area);
        put_optional(w, "target_group", c.target_group);
        w.put("evidence", to_string(c.evidence));
        w.put("requested", c.requested.to_string());
        if (!c.budget.empty())
            w.put_object("budget", [&](auto& b) {
                for (const auto& [year, amount] : c.budget) b.put(std::to_string(year), amount.to_string());
            });
        w.put("start", c.start.to_string());
        w.put("end", c.end.to_string());
        w.put("co_financing", c.co_financing.to_string());
        if (!c.indicators.empty())
            w.put_objects("indicators", c.indicators, [](auto& o, const cmd::Indicator& i) {
                o.put("name", i.name);
                o.put("baseline", i.baseline);
                o.put("target", i.target);
            });
        if (!c.expected_savings.empty())
            w.put_objects("expected_savings", c.expected_savings, [](auto& o, const cmd::ExpectedSaving& e) {
                o.put("unit", e.unit);
                o.put("budget_year", e.budget_year);
                o.put("amount", e.amount.to_string());
            });
        if (c.evaluation_method || c.evaluator)
            w.put_object("evaluation", [&](auto& e) {
                put_optional(e, "method", c.evaluation_method);
                put_optional(e, "evaluator", c.evaluator);
            });
    }
};

template <>
struct CommandCodec<cmd::ApplicationWithdrawn> {
    template <class F>
    static cmd::ApplicationWithdrawn read(F& f, Currency) { return {f.id("application")}; }
    template <class W>
    static void write(W& w, const cmd::ApplicationWithdrawn& c) { w.put("application", c.application); }
};

template <>
struct CommandCodec<cmd::ApplicationRejected> {
    template <class F>
    static cmd::ApplicationRejected read(F& f, Currency) {
        return {f.id("application"), f.id("body"), f.string("decision"), f.strings("reasons", false)};
    }
    template <class W>
    static void write(W& w, const cmd::ApplicationRejected& c) {
        w.put("application", c.application);
        w.put("body", c.body);
        w.put("decision", c.decision);
        w.put("reasons", c.reasons);
    }
};

template <>
struct CommandCodec<cmd::GrantDecided> {
    template <class F>
    static cmd::GrantDecided read(F& f, Currency cur) {
        cmd::GrantDecided c;
        c.grant = f.id("grant");
        c.application = f.id("application");
        c.amount = f.money("amount", Sign::positive, cur);
        if (f.has("tranches"))
            c.tranches = f.objects("tranches", [cur](F& t) {
                return cmd::Tranche{t.date("date"), t.money("amount", Sign::positive, cur)};
            });
        else (void)f.raw("tranches");
        c.body = f.id("body");
        c.decision = f.string("decision");
        c.conditions = f.optional_strings("conditions");
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::GrantDecided& c) {
        w.put("grant", c.grant);
        w.put("application", c.application);
        w.put("amount", c.amount.to_string());
        if (!c.tranches.empty())
            w.put_objects("tranches", c.tranches, [](auto& o, const cmd::Tranche& t) {
                o.put("date", t.date.to_string());
                o.put("amount", t.amount.to_string());
            });
        w.put("body", c.body);
        w.put("decision", c.decision);
        if (!c.conditions.empty()) w.put("conditions", c.conditions);
    }
};

template <>
struct CommandCodec<cmd::GrantDisbursed> {
    template <class F>
    static cmd::GrantDisbursed read(F& f, Currency cur) {
        return {f.id("grant"), f.money("amount", Sign::positive, cur)};
    }
    template <class W>
    static void write(W& w, const cmd::GrantDisbursed& c) {
        w.put("grant", c.grant);
        w.put("amount", c.amount.to_string());
    }
};

template <>
struct CommandCodec<cmd::ReportSubmitted> {
    template <class F>
    static cmd::ReportSubmitted read(F& f, Currency cur) {
        cmd::ReportSubmitted c;
        c.grant = f.id("grant");
        c.kind = f.one_of("kind", {"interim", "final"});
        c.period_end = f.date("period_end");
        c.costs = f.optional_money("costs", Sign::non_negative, cur);
        f.entries("indicators", [&](F& ind, std::string_view key) { c.indicators[std::string(key)] = ind.string(key); });
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::ReportSubmitted& c) {
        w.put("grant", c.grant);
        w.put("kind", c.kind);
        w.put("period_end", c.period_end.to_string());
        if (c.costs) w.put("costs", c.costs->to_string());
        if (!c.indicators.empty()) w.put("indicators", c.indicators);
    }
};

template <>
struct CommandCodec<cmd::SavingsVerified> {
    template <class F>
    static cmd::SavingsVerified read(F& f, Currency cur) {
        cmd::SavingsVerified c;
        c.grant = f.id("grant");
        c.unit = f.id("unit");
        c.budget_year = budget_year_field(f, "budget_year");
        c.amount = f.money("amount", Sign::positive, cur);
        c.method = f.string("method");
        c.verifier = f.string("verifier");
        c.obligation = f.optional_money("obligation", Sign::non_negative, cur);
        if (f.has("due")) c.due = f.date("due");
        else (void)f.raw("due");
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::SavingsVerified& c) {
        w.put("grant", c.grant);
        w.put("unit", c.unit);
        w.put("budget_year", c.budget_year);
        w.put("amount", c.amount.to_string());
        w.put("method", c.method);
        w.put("verifier", c.verifier);
        if (c.obligation) w.put("obligation", c.obligation->to_string());
        if (c.due) w.put("due", c.due->to_string());
    }
};

template <>
struct CommandCodec<cmd::RepaymentReceived> {
    template <class F>
    static cmd::RepaymentReceived read(F& f, Currency cur) {
        cmd::RepaymentReceived c;
        c.grant = f.id("grant");
        c.unit = f.id("unit");
        c.budget_year = budget_year_field(f, "budget_year");
        c.amount = f.money("amount", Sign::positive, cur);
        return c;
    }
    template <class W>
    static void write(W& w, const cmd::RepaymentReceived& c) {
        w.put("grant", c.grant);
        w.put("unit", c.unit);
        w.put("budget_year", c.budget_year);
        w.put("amount", c.amount.to_string());
    }
};

template <>
struct CommandCodec<cmd::ObligationWrittenOff> {
    template <class F>
    static cmd::ObligationWrittenOff read(F& f, Currency cur) {
        return {f.id("grant"), f.money("amount", Sign::positive, cur), f.string("decision"), f.string("reason")};
    }
    template <class W>
    static void write(W& w, const cmd::ObligationWrittenOff& c) {
        w.put("grant", c.grant);
        w.put("amount", c.amount.to_string());
        w.put("decision", c.decision);
        w.put("reason", c.reason);
    }
};

template <>
struct CommandCodec<cmd::GrantClosed> {
    template <class F>
    static cmd::GrantClosed read(F& f, Currency) { return {f.id("grant"), f.string("decision")}; }
    template <class W>
    static void write(W& w, const cmd::GrantClosed& c) {
        w.put("grant", c.grant);
        w.put("decision", c.decision);
    }
};

// A command file names the event to reverse by "seq" (DESIGN §4.1); a stored
// event has a "seq" of its own, so there the target is written "reverses".
// Reading takes either, never both.
template <>
struct CommandCodec<cmd::EventReversed> {
    template <class F>
    static cmd::EventReversed read(F& f, Currency) {
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        const std::int64_t target = f.has("reverses") ? f.integer("reverses", 1, max) : f.integer("seq", 1, max);
        return {target, f.string("reason")};
    }
    template <class W>
    static void write(W& w, const cmd::EventReversed& c) {
        w.put("reverses", c.seq);
        w.put("reason", c.reason);
    }
};

template <std::size_t I = 0, class F>
CommandBody read_body(std::string_view type, F& f, Currency cur) {
    if constexpr (I == std::variant_size_v<CommandBody>) {
        std::string known;
        for (std::string_view t : command_types()) known += (known.empty() ? "" : ", ") + std::string(t);
        throw FieldError("input.unknown_type", "type", "unknown command type " + sifund::detail::quoted(type) + "; known: " + known);
    } else {
        using T = std::variant_alternative_t<I, CommandBody>;
        if (type == T::type) return CommandBody(std::in_place_index<I>, CommandCodec<T>::read(f, cur));
        return read_body<I + 1, F>(type, f, cur);
    }
}


// Reads the command fields of an object whose reader `f` has already taken
// any others (an event's seq, recording time and hashes).
template <class F>
Command read_command(F& f, Currency currency) {
    const std::string type = f.string("type");
    Command c;
    c.date = f.date("date");
    c.actor = f.id("actor");
    c.body = read_body(type, f, currency);
    f.finish();
    return c;
}

}  // namespace detail

// Reads one command object. Amounts are read in the fund's currency (a
// figure marked with another is refused).
[[nodiscard]] inline Command command_from_json(const nlohmann::json& object, Currency currency = Currency::sek()) {
    detail::Fields f(object);
    return detail::read_command(f, currency);
}
[[nodiscard]] inline Command command_from_json(const detail::JsonNode& object, Currency currency = Currency::sek()) {
    detail::NodeFields f(object);
    return detail::read_command(f, currency);
}

// Reads one command from its JSON text (a line of a command file).
[[nodiscard]] inline Command command_from_text(std::string_view text, Currency currency = Currency::sek()) {
    detail::JsonDocument doc;
    return command_from_json(doc.parse(text), currency);
}

// The canonical JSON of a command: type, date, actor and its own fields.
namespace detail {
template <class W>
void write_command(W& w, const Command& c) {
    w.put("type", c.type());
    w.put("date", c.date.to_string());
    w.put("actor", c.actor);
    std::visit([&](const auto& b) { CommandCodec<std::remove_cvref_t<decltype(b)>>::write(w, b); }, c.body);
}
}  // namespace detail

[[nodiscard]] inline nlohmann::json to_json(const Command& c) {
    nlohmann::json j = nlohmann::json::object();
    detail::NlohmannWriter w(j);
    detail::write_command(w, c);
    return j;
}

}  // namespace sifund
