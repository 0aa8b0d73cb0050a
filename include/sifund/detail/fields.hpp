#pragma once
// Reading a JSON object field by field, strictly: every field has the JSON
// type it should, required ones are there, and one that nobody asked for is
// an error (a misspelt "amout" must not pass silently). Errors are
// FieldErrors that name the field's path.

#include <nlohmann/json.hpp>
#include <optional>
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/error.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"
#include "sifund/time/date.hpp"

namespace sifund::detail {

using json = nlohmann::json;

[[nodiscard]] inline std::string_view json_type_name(const json& v) noexcept {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number with a fraction";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "something else";
    }
}

class Fields {
public:
    // `path` prefixes field names in errors ("rules.grant" → "rules.grant.max_amount").
    Fields(const json& object, std::string path = {}) : object_(object), path_(std::move(path)) {
        if (!object.is_object())
            throw FieldError("input.wrong_type", path_.empty() ? "(line)" : path_,
                             where() + "must be a JSON object, not " + std::string(json_type_name(object)));
    }

    [[nodiscard]] std::string path_of(std::string_view name) const {
        return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
    }

    [[nodiscard]] bool has(std::string_view name) const {
        const auto it = object_.find(name);
        return it != object_.end() && !it->is_null();
    }

    // The raw value, marking it read; nullptr when absent or null.
    [[nodiscard]] const json* raw(std::string_view name) {
        seen_.push_back(name);
        const auto it = object_.find(name);
        if (it == object_.end() || it->is_null()) return nullptr;
        return &*it;
    }
    [[nodiscard]] const json& required(std::string_view name) {
        const json* v = raw(name);
        if (!v) throw FieldError("input.missing_field", path_of(name), "missing field \"" + path_of(name) + "\"");
        return *v;
    }

    [[noreturn]] void wrong_type(std::string_view name, const json& v, std::string_view wanted) const {
        throw FieldError("input.wrong_type", path_of(name),
                         "field \"" + path_of(name) + "\" must be " + std::string(wanted) + ", not " +
                             std::string(json_type_name(v)));
    }
    [[noreturn]] void invalid(std::string_view name, const std::string& why) const {
        throw FieldError("input.invalid_value", path_of(name), "field \"" + path_of(name) + "\": " + why);
    }

    std::string string(std::string_view name) {
        const json& v = required(name);
        if (!v.is_string()) wrong_type(name, v, "a string");
        auto s = v.get<std::string>();
        if (s.empty()) invalid(name, "must not be empty");
        return s;
    }
    std::optional<std::string> optional_string(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::nullopt;
        return string(name);
    }
    std::string one_of(std::string_view name, std::initializer_list<std::string_view> allowed) {
        std::string s = string(name);
        std::string list;
        for (std::string_view a : allowed) {
            if (a == s) return s;
            list += (list.empty() ? "" : ", ") + std::string(a);
        }
        invalid(name, sifund::detail::quoted(s) + " is not one of " + list);
    }

    std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max) {
        const json& v = required(name);
        if (!v.is_number_integer()) wrong_type(name, v, "an integer");
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
            invalid(name, "must be at most " + std::to_string(max));
        const auto n = v.get<std::int64_t>();
        if (n < min || n > max)
            invalid(name, std::to_string(n) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
        return n;
    }
    bool boolean(std::string_view name) {
        const json& v = required(name);
        if (!v.is_boolean()) wrong_type(name, v, "true or false");
        return v.get<bool>();
    }

    enum class Sign { positive, non_negative, any_nonzero, any };

    Money money(std::string_view name, Sign sign, Currency currency = Currency::sek()) {
        const json& v = required(name);
        if (!v.is_string()) wrong_type(name, v, "a string of kronor such as \"1000.00\"");
        Money m;
        try {
            m = Money::parse(v.get_ref<const std::string&>(), currency);
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
        const json& v = required(name);
        if (!v.is_string()) wrong_type(name, v, "a string such as \"0.02\"");
        try {
            return Rate::parse(v.get_ref<const std::string&>());
        } catch (const Error& e) {
            throw FieldError(e.id(), path_of(name), "field \"" + path_of(name) + "\": " + e.what());
        }
    }
    std::optional<Rate> optional_rate(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::nullopt;
        return rate(name);
    }

    Date date(std::string_view name) {
        const json& v = required(name);
        if (!v.is_string()) wrong_type(name, v, "a date string YYYY-MM-DD");
        Date d;
        try {
            d = Date::parse(v.get_ref<const std::string&>());
        } catch (const Error& e) {
            throw FieldError(e.id(), path_of(name), "field \"" + path_of(name) + "\": " + e.what());
        }
        // A fund's books live in these years; a date outside is a typo.
        if (d.year() < 1900 || d.year() > 2199)
            invalid(name, "sifund keeps funds between 1900 and 2199, not " + d.to_string());
        return d;
    }

    std::vector<std::string> strings(std::string_view name, bool allow_empty) {
        const json& v = required(name);
        if (!v.is_array()) wrong_type(name, v, "an array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const json& e = v[i];
            const std::string at = std::string(name) + "[" + std::to_string(i) + "]";
            if (!e.is_string()) wrong_type(at, e, "a string");
            if (e.get_ref<const std::string&>().empty()) invalid(at, "must not be empty");
            out.push_back(e.get<std::string>());
        }
        if (!allow_empty && out.empty()) invalid(name, "must not be empty");
        return out;
    }
    std::vector<std::string> optional_strings(std::string_view name) {
        if (!has(name)) return (void)raw(name), std::vector<std::string>{};
        return strings(name, true);
    }

    // An array of objects, each read by `read(Fields&)`.
    template <class F>
    auto objects(std::string_view name, F read) {
        const json& v = required(name);
        if (!v.is_array()) wrong_type(name, v, "an array of objects");
        std::vector<decltype(read(std::declval<Fields&>()))> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            Fields item(v[i], path_of(std::string(name) + "[" + std::to_string(i) + "]"));
            out.push_back(read(item));
            item.finish();
        }
        return out;
    }

    // Refuses any field that was not read.
    void finish() const {
        for (auto it = object_.begin(); it != object_.end(); ++it)
            if (std::find(seen_.begin(), seen_.end(), it.key()) == seen_.end())
                throw FieldError("input.unknown_field", path_of(it.key()),
                                 "unknown field \"" + path_of(it.key()) + "\"");
    }

    [[nodiscard]] const json& object() const noexcept { return object_; }

private:
    [[nodiscard]] std::string where() const { return path_.empty() ? "a command " : "\"" + path_ + "\" "; }
    const json& object_;
    std::string path_;
    // The names asked for: string literals of the readers, or keys of the
    // object itself, so views stay valid while this reader lives.
    std::vector<std::string_view> seen_;
};

}  // namespace sifund::detail
