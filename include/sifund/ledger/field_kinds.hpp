#pragma once
// The kinds of field a command has, each knowing how it is read (strictly,
// through detail::BasicFields), how it is written (through the writers of
// detail/canonical_writer.hpp) and how it is described in the command
// reference. A command's descriptor (ledger/descriptor.hpp) is a list of
// fields, each a name, a member and one of these kinds: reading, writing and
// documenting a command all walk that one list, so a field cannot be read
// under one name and written under another.
//
// A kind reads with `read(F& fields, name, currency, const C& so_far)`, where
// `so_far` is the command with the fields before it already read (an
// allocation's amount depends on whether it has a rate); most kinds ignore it.

#include <array>
#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/detail/fields.hpp"
#include "sifund/money/currency.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/rules/evidence.hpp"
#include "sifund/rules/rulebook.hpp"
#include "sifund/time/date.hpp"

namespace sifund::field {

using Sign = detail::FieldSign;

// How a kind is shown in docs/commands.md: the JSON it takes and whether it
// may be left out.
struct Shape {
    std::string_view json;  // "id", "amount > 0", "YYYY-MM-DD", …
    bool required = true;
};

[[nodiscard]] constexpr std::string_view amount_shape(Sign s) {
    switch (s) {
        case Sign::positive: return "amount > 0";
        case Sign::non_negative: return "amount >= 0";
        case Sign::any_nonzero: return "amount, not 0";
        case Sign::any: return "amount";
    }
    return "amount";
}

// --- text ----------------------------------------------------------------------

// A name (detail/id_text.hpp): no control, zero-width or bidirectional characters.
struct Id {
    [[nodiscard]] constexpr Shape shape() const { return {"id"}; }
    template <class F, class C>
    std::string read(F& f, std::string_view n, Currency, const C&) const { return f.id(n); }
    template <class W>
    void write(W& w, std::string_view n, const std::string& v) const { w.put(n, v); }
};
struct Text {
    [[nodiscard]] constexpr Shape shape() const { return {"text"}; }
    template <class F, class C>
    std::string read(F& f, std::string_view n, Currency, const C&) const { return f.string(n); }
    template <class W>
    void write(W& w, std::string_view n, const std::string& v) const { w.put(n, v); }
};
struct OptionalText {
    [[nodiscard]] constexpr Shape shape() const { return {"text", false}; }
    template <class F, class C>
    std::optional<std::string> read(F& f, std::string_view n, Currency, const C&) const { return f.optional_string(n); }
    template <class W>
    void write(W& w, std::string_view n, const std::optional<std::string>& v) const {
        if (v) w.put(n, *v);
    }
};
// One of a few words; with a fallback, it may be left out (and is always written).
struct OneOf {
    std::array<std::string_view, 3> words;
    std::string_view fallback = {};
    [[nodiscard]] constexpr Shape shape() const { return {"word", fallback.empty()}; }
    template <class F, class C>
    std::string read(F& f, std::string_view n, Currency, const C&) const {
        if (!fallback.empty() && !f.has(n)) return (void)f.raw(n), std::string(fallback);
        const std::size_t count = words[2].empty() ? 2 : 3;
        return f.one_of(n, std::span<const std::string_view>(words.data(), count));
    }
    template <class W>
    void write(W& w, std::string_view n, const std::string& v) const { w.put(n, v); }
};
struct Ids {
    bool allow_empty = false;
    [[nodiscard]] constexpr Shape shape() const { return {"[id, …]"}; }
    template <class F, class C>
    std::vector<std::string> read(F& f, std::string_view n, Currency, const C&) const { return f.ids(n, allow_empty); }
    template <class W>
    void write(W& w, std::string_view n, const std::vector<std::string>& v) const { w.put(n, v); }
};
struct Texts {
    bool allow_empty = false;
    [[nodiscard]] constexpr Shape shape() const { return {"[text, …]"}; }
    template <class F, class C>
    std::vector<std::string> read(F& f, std::string_view n, Currency, const C&) const {
        return f.strings(n, allow_empty);
    }
    template <class W>
    void write(W& w, std::string_view n, const std::vector<std::string>& v) const { w.put(n, v); }
};
// A list that may be left out, and is left out when empty.
struct OptionalTexts {
    [[nodiscard]] constexpr Shape shape() const { return {"[text, …]", false}; }
    template <class F, class C>
    std::vector<std::string> read(F& f, std::string_view n, Currency, const C&) const { return f.optional_strings(n); }
    template <class W>
    void write(W& w, std::string_view n, const std::vector<std::string>& v) const {
        if (!v.empty()) w.put(n, v);
    }
};
// Named texts ({"fall": "90"}), left out when empty.
struct TextsByName {
    [[nodiscard]] constexpr Shape shape() const { return {"{name: text}", false}; }
    template <class F, class C>
    std::map<std::string, std::string> read(F& f, std::string_view n, Currency, const C&) const {
        std::map<std::string, std::string> out;
        f.entries(n, [&](F& m, std::string_view key) { out[std::string(key)] = m.string(key); });
        return out;
    }
    template <class W>
    void write(W& w, std::string_view n, const std::map<std::string, std::string>& v) const {
        if (!v.empty()) w.put(n, v);
    }
};

// --- money, rates, years and dates ---------------------------------------------

// Amounts are read in the fund's currency and written as "1234.50".
struct Amount {
    Sign sign = Sign::positive;
    [[nodiscard]] constexpr Shape shape() const { return {amount_shape(sign)}; }
    template <class F, class C>
    Money read(F& f, std::string_view n, Currency cur, const C&) const { return f.money(n, sign, cur); }
    template <class W>
    void write(W& w, std::string_view n, const Money& v) const { w.put(n, v.to_string()); }
};
struct OptionalAmount {
    Sign sign = Sign::positive;
    [[nodiscard]] constexpr Shape shape() const { return {amount_shape(sign), false}; }
    template <class F, class C>
    std::optional<Money> read(F& f, std::string_view n, Currency cur, const C&) const {
        return f.optional_money(n, sign, cur);
    }
    template <class W>
    void write(W& w, std::string_view n, const std::optional<Money>& v) const {
        if (v) w.put(n, v->to_string());
    }
};
// An amount that may be left out for zero, and is always written.
struct AmountOrZero {
    Sign sign = Sign::non_negative;
    [[nodiscard]] constexpr Shape shape() const { return {amount_shape(sign), false}; }
    template <class F, class C>
    Money read(F& f, std::string_view n, Currency cur, const C&) const {
        return f.optional_money(n, sign, cur).value_or(Money());
    }
    template <class W>
    void write(W& w, std::string_view n, const Money& v) const { w.put(n, v.to_string()); }
};
struct RateField {
    [[nodiscard]] constexpr Shape shape() const { return {"rate such as \"0.005\""}; }
    template <class F, class C>
    Rate read(F& f, std::string_view n, Currency, const C&) const { return f.rate(n); }
    template <class W>
    void write(W& w, std::string_view n, const Rate& v) const { w.put(n, v.to_string()); }
};
struct OptionalRate {
    [[nodiscard]] constexpr Shape shape() const { return {"rate such as \"0.005\"", false}; }
    template <class F, class C>
    std::optional<Rate> read(F& f, std::string_view n, Currency, const C&) const { return f.optional_rate(n); }
    template <class W>
    void write(W& w, std::string_view n, const std::optional<Rate>& v) const {
        if (v) w.put(n, v->to_string());
    }
};
struct BudgetYear {
    [[nodiscard]] constexpr Shape shape() const { return {"year such as 2014"}; }
    template <class F, class C>
    int read(F& f, std::string_view n, Currency, const C&) const { return static_cast<int>(f.integer(n, 1900, 2199)); }
    template <class W>
    void write(W& w, std::string_view n, int v) const { w.put(n, v); }
};
struct DateField {
    [[nodiscard]] constexpr Shape shape() const { return {"YYYY-MM-DD"}; }
    template <class F, class C>
    Date read(F& f, std::string_view n, Currency, const C&) const { return f.date(n); }
    template <class W>
    void write(W& w, std::string_view n, const Date& v) const { w.put(n, v.to_string()); }
};
struct OptionalDate {
    [[nodiscard]] constexpr Shape shape() const { return {"YYYY-MM-DD", false}; }
    template <class F, class C>
    std::optional<Date> read(F& f, std::string_view n, Currency, const C&) const {
        if (!f.has(n)) return (void)f.raw(n), std::nullopt;
        return f.date(n);
    }
    template <class W>
    void write(W& w, std::string_view n, const std::optional<Date>& v) const {
        if (v) w.put(n, v->to_string());
    }
};
// Amounts by budget year ({"2014": "1500000.00"}), left out when empty.
struct AmountsByYear {
    [[nodiscard]] constexpr Shape shape() const { return {"{year: amount >= 0}", false}; }
    template <class F, class C>
    std::map<int, Money> read(F& f, std::string_view n, Currency cur, const C&) const {
        std::map<int, Money> out;
        f.entries(n, [&](F& years, std::string_view key) {
            int year = 0;
            const auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), year);
            if (ec != std::errc() || p != key.data() + key.size() || key.size() != 4 || year < 1900 || year > 2199)
                f.invalid(n, "keys are budget years such as \"2014\", not " + sifund::detail::quoted(key));
            out[year] = years.money(key, Sign::non_negative, cur);
        });
        return out;
    }
    template <class W>
    void write(W& w, std::string_view n, const std::map<int, Money>& v) const {
        if (!v.empty())
            w.put_object(n, [&](auto& b) {
                for (const auto& [year, amount] : v) b.put(std::to_string(year), amount.to_string());
            });
    }
};

// --- the fund's own ----------------------------------------------------------

struct EvidenceField {
    [[nodiscard]] constexpr Shape shape() const { return {"idea, promising or established"}; }
    template <class F, class C>
    Evidence read(F& f, std::string_view n, Currency, const C&) const {
        return *evidence_from_string(f.one_of(n, {"idea", "promising", "established"}));
    }
    template <class W>
    void write(W& w, std::string_view n, Evidence v) const { w.put(n, to_string(v)); }
};
// A currency code; left out, the fund keeps SEK.
struct CurrencyField {
    [[nodiscard]] constexpr Shape shape() const { return {"ISO 4217 code", false}; }
    template <class F, class C>
    Currency read(F& f, std::string_view n, Currency, const C&) const {
        if (!f.has(n)) return (void)f.raw(n), Currency();
        const std::string code = f.string(n);
        try {
            return Currency::parse(code);
        } catch (const Error& e) {
            throw FieldError(e.id(), std::string(n), "field \"" + std::string(n) + "\": " + e.what());
        }
    }
    template <class W>
    void write(W& w, std::string_view n, const Currency& v) const { w.put(n, v.code()); }
};
struct RulebookField {
    [[nodiscard]] constexpr Shape shape() const { return {"rulebook object (as in examples/orebro/fund.jsonl)"}; }
    template <class F, class C>
    Rulebook read(F& f, std::string_view n, Currency, const C&) const { return Rulebook::parse(f.required(n), std::string(n)); }
    template <class W>
    void write(W& w, std::string_view n, const Rulebook& v) const { w.put_json(n, v.to_json()); }
};

}  // namespace sifund::field
