#pragma once
// Reading a JSON object field by field, strictly: every field has the JSON
// type it should, required ones are there, and one that nobody asked for is
// an error (a misspelt "amout" must not pass silently). Errors are
// FieldErrors that name the field's path.
//
// The same reader serves two kinds of JSON value: nlohmann::json (what
// callers hand in) and JsonNode (our one-pass reader, for stored events and
// command files). The adapters below are all it needs of either.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/detail/id_text.hpp"
#include "sifund/detail/json_document.hpp"
#include "sifund/error.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/time/date.hpp"

namespace sifund::detail {

using json = nlohmann::json;

// --- what the reader asks of a JSON value ---------------------------------

[[nodiscard]] inline JsonKind json_kind(const json& v) noexcept {
    switch (v.type()) {
        case json::value_t::boolean: return JsonKind::boolean;
        case json::value_t::number_integer: return JsonKind::integer;
        case json::value_t::number_unsigned: return JsonKind::unsigned_integer;
        case json::value_t::number_float: return JsonKind::number;
        case json::value_t::string: return JsonKind::string;
        case json::value_t::array: return JsonKind::array;
        case json::value_t::object: return JsonKind::object;
        default: return JsonKind::null;
    }
}
[[nodiscard]] inline JsonKind json_kind(const JsonNode& v) noexcept { return v.kind; }

[[nodiscard]] inline const json* json_find(const json& object, std::string_view name) {
    const auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}
[[nodiscard]] inline const JsonNode* json_find(const JsonNode& object, std::string_view name) noexcept {
    return object.find(name);
}

[[nodiscard]] inline std::string_view json_string(const json& v) { return v.get_ref<const std::string&>(); }
[[nodiscard]] inline std::string_view json_string(const JsonNode& v) noexcept { return v.text; }

[[nodiscard]] inline std::int64_t json_integer(const json& v) { return v.get<std::int64_t>(); }
[[nodiscard]] inline std::int64_t json_integer(const JsonNode& v) noexcept { return v.integer; }
[[nodiscard]] inline std::uint64_t json_unsigned(const json& v) { return v.get<std::uint64_t>(); }
[[nodiscard]] inline std::uint64_t json_unsigned(const JsonNode& v) noexcept { return v.unsigned_integer; }

[[nodiscard]] inline std::size_t json_size(const json& v) { return v.size(); }
[[nodiscard]] inline std::size_t json_size(const JsonNode& v) noexcept { return v.size; }

// Calls f(key, value) for each member of an object, f(value) for each element of an array.
template <class F>
void json_members(const json& object, F f) {
    for (auto it = object.begin(); it != object.end(); ++it) f(std::string_view(it.key()), *it);
}
template <class F>
void json_members(const JsonNode& object, F f) {
    object.for_each([&](const JsonNode& m) { f(m.key, m); });
}
template <class F>
void json_elements(const json& array, F f) {
    for (const json& e : array) f(e);
}
template <class F>
void json_elements(const JsonNode& array, F f) {
    array.for_each(f);
}

[[nodiscard]] inline std::string_view json_type_name(JsonKind kind) noexcept {
    switch (kind) {
        case JsonKind::null: return "null";
        case JsonKind::boolean: return "a boolean";
        case JsonKind::integer:
        case JsonKind::unsigned_integer: return "an integer";
        case JsonKind::number: return "a number with a fraction";
        case JsonKind::string: return "a string";
        case JsonKind::array: return "an array";
        case JsonKind::object: return "an object";
    }
    return "something else";
}
template <class V>
[[nodiscard]] std::string_view json_type_name(const V& v) noexcept {
    return json_type_name(json_kind(v));
}

// --- the reader --------------------------------------------------------------

// Which amounts a money field accepts.
enum class FieldSign { positive, non_negative, any_nonzero, any };

template <class V>
class BasicFields {
public:
    // `path` prefixes field names in errors ("rules.grant" → "rules.grant.max_amount").
    using Value = V;

    BasicFields(const V& object, std::string path = {}) : object_(object), path_(std::move(path)) {
        if (json_kind(object) != JsonKind::object)
            throw FieldError("input.wrong_type", path_.empty() ? "(line)" : path_,
                             where() + "must be a JSON object, not " + std::string(json_type_name(object)));
    }

    [[nodiscard]] std::string path_of(std::string_view name) const {
        return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
    }

    [[nodiscard]] bool has(std::string_view name) const {
        const V* v = json_find(object_, name);
        return v && json_kind(*v) != JsonKind::null;
    }

    // The raw value, marking it read; nullptr when absent or null.
    [[nodiscard]] const V* raw(std::string_view name) {
        seen_.push_back(name);
        const V* v = json_find(object_, name);
        if (!v || json_kind(*v) == JsonKind::null) return nullptr;
        return v;
    }
    // Marks a field as read without reading it (one read elsewhere).
    void skip(std::string_view name) { seen_.push_back(name); }

    [[nodiscard]] const V& required(std::string_view name) {
        const V* v = raw(name);
        if (!v) throw FieldError("input.missing_field", path_of(name), "missing field \"" + path_of(name) + "\"");
        return *v;
    }

    [[noreturn]] void wrong_type(std::string_view name, const V& v, std::string_view wanted) const {
        throw FieldError("input.wrong_type", path_of(name),
                         "field \"" + path_of(name) + "\" must be " + std::string(wanted) + ", not " +
                             std::string(json_type_name(v)));
    }
    [[noreturn]] void invalid(std::string_view name, const std::string& why) const {
        throw FieldError("input.invalid_value", path_of(name), "field \"" + path_of(name) + "\": " + why);
    }

    std::string string(std::string_view name) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::string) wrong_type(name, v, "a string");
        std::string s(json_string(v));
        if (s.empty()) invalid(name, "must not be empty");
        return s;
    }
    std::optional<std::string> optional_string(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::nullopt;
        return string(name);
    }
    // A string that names something (detail/id_text.hpp): no control,
    // line-break, zero-width or bidirectional characters, no edge spaces.
    std::string id(std::string_view name) {
        std::string s = string(name);
        check_id(name, s);
        return s;
    }
    std::optional<std::string> optional_id(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::nullopt;
        return id(name);
    }
    void check_id(std::string_view name, std::string_view s) const {
        if (const std::string why = id_problem(s); !why.empty())
            throw FieldError("input.invalid_id", path_of(name), "field \"" + path_of(name) + "\": " + why);
    }

    std::string one_of(std::string_view name, std::initializer_list<std::string_view> allowed) {
        return one_of(name, std::span<const std::string_view>(allowed.begin(), allowed.size()));
    }
    std::string one_of(std::string_view name, std::span<const std::string_view> allowed) {
        std::string s = string(name);
        std::string list;
        for (std::string_view a : allowed) {
            if (a == s) return s;
            list += (list.empty() ? "" : ", ") + std::string(a);
        }
        invalid(name, sifund::detail::quoted(s) + " is not one of " + list);
    }

    std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max) {
        const V& v = required(name);
        const JsonKind kind = json_kind(v);
        if (kind != JsonKind::integer && kind != JsonKind::unsigned_integer) wrong_type(name, v, "an integer");
        if (kind == JsonKind::unsigned_integer && json_unsigned(v) > static_cast<std::uint64_t>(max))
            invalid(name, "must be at most " + std::to_string(max));
        const std::int64_t n = json_integer(v);
        if (n < min || n > max)
            invalid(name, std::to_string(n) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
        return n;
    }
    bool boolean(std::string_view name) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::boolean) wrong_type(name, v, "true or false");
        if constexpr (std::is_same_v<V, json>) return v.template get<bool>();
        else return v.boolean;
    }

    using Sign = FieldSign;

    Money money(std::string_view name, Sign sign, Currency currency = Currency::sek()) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::string) wrong_type(name, v, "a string of kronor such as \"1000.00\"");
        Money m;
        try {
            m = Money::parse(json_string(v), currency);
        } catch (const Error& e) {
            throw FieldError(e.id(), path_of(name), "field \"" + path_of(name) + "\": " + e.what());
        }
        if (sign == Sign::positive && !m.is_positive()) invalid(name, "must be more than zero, not " + m.to_string());
        if (sign == Sign::non_negative && m.is_negative()) invalid(name, "must not be negative, not " + m.to_string());
        if (sign == Sign::any_nonzero && m.is_zero()) invalid(name, "must not be zero");
        return m;
    }
    std::optional<Money> optional_money(std::string_view name, Sign sign, Currency currency = Currency::sek()) {
        if (!has(name)) return (void)raw(name), std::nullopt;
        return money(name, sign, currency);
    }

    Rate rate(std::string_view name) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::string) wrong_type(name, v, "a string such as \"0.02\"");
        try {
            return Rate::parse(json_string(v));
        } catch (const Error& e) {
            throw FieldError(e.id(), path_of(name), "field \"" + path_of(name) + "\": " + e.what());
        }
    }
    std::optional<Rate> optional_rate(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::nullopt;
        return rate(name);
    }

    Date date(std::string_view name) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::string) wrong_type(name, v, "a date string YYYY-MM-DD");
        Date d;
        try {
            d = Date::parse(json_string(v));
        } catch (const Error& e) {
            throw FieldError(e.id(), path_of(name), "field \"" + path_of(name) + "\": " + e.what());
        }
        // A fund's books live in these years; a date outside is a typo.
        if (d.year() < 1900 || d.year() > 2199)
            invalid(name, "sifund keeps funds between 1900 and 2199, not " + d.to_string());
        return d;
    }

    std::vector<std::string> strings(std::string_view name, bool allow_empty) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::array) wrong_type(name, v, "an array of strings");
        std::vector<std::string> out;
        out.reserve(json_size(v));
        json_elements(v, [&](const V& e) {
            const auto at = [&] { return std::string(name) + "[" + std::to_string(out.size()) + "]"; };
            if (json_kind(e) != JsonKind::string) wrong_type(at(), e, "a string");
            if (json_string(e).empty()) invalid(at(), "must not be empty");
            out.emplace_back(json_string(e));
        });
        if (!allow_empty && out.empty()) invalid(name, "must not be empty");
        return out;
    }
    std::vector<std::string> ids(std::string_view name, bool allow_empty) {
        std::vector<std::string> out = strings(name, allow_empty);
        for (std::size_t i = 0; i < out.size(); ++i) check_id(std::string(name) + "[" + std::to_string(i) + "]", out[i]);
        return out;
    }
    std::vector<std::string> optional_ids(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::vector<std::string>{};
        return ids(name, true);
    }
    std::vector<std::string> optional_strings(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::vector<std::string>{};
        return strings(name, true);
    }

    // An array of objects, each read by `read(Fields&)`.
    template <class F>
    auto objects(std::string_view name, F read) {
        const V& v = required(name);
        if (json_kind(v) != JsonKind::array) wrong_type(name, v, "an array of objects");
        std::vector<decltype(read(std::declval<BasicFields&>()))> out;
        json_elements(v, [&](const V& e) {
            BasicFields item(e, path_of(std::string(name) + "[" + std::to_string(out.size()) + "]"));
            out.push_back(read(item));
            item.finish();
        });
        return out;
    }

    // An object of named entries, each read by `read(BasicFields& map, key)`
    // (for budgets by year, indicators by name, citations by rule).
    template <class F>
    void entries(std::string_view name, F read) {
        const V* v = raw(name);
        if (!v) return;
        BasicFields map(*v, path_of(name));
        json_members(*v, [&](std::string_view key, const V&) { read(map, key); });
        map.finish();
    }

    // Refuses any field that was not read.
    void finish() const {
        json_members(object_, [&](std::string_view key, const V&) {
            if (std::find(seen_.begin(), seen_.end(), key) == seen_.end())
                throw FieldError("input.unknown_field", path_of(key), "unknown field \"" + path_of(key) + "\"");
        });
    }

    [[nodiscard]] const V& object() const noexcept { return object_; }

private:
    [[nodiscard]] std::string where() const { return path_.empty() ? "a command " : "\"" + path_ + "\" "; }
    const V& object_;
    std::string path_;
    // The names asked for: string literals of the readers, or keys of the
    // object itself, so views stay valid while this reader lives.
    std::vector<std::string_view> seen_;
};

// The reader of nlohmann values, and of our own documents.
using Fields = BasicFields<json>;
using NodeFields = BasicFields<JsonNode>;

}  // namespace sifund::detail
