#pragma once
// The values of a verb's arguments, read strictly. The parser (CLI11, in
// main.cpp) has already refused unknown flags, missing values and missing
// positionals as usage errors; a flag's value that is not what it must be is
// an OptionError naming the flag, what it accepts and the value.

#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sifund/detail/printable.hpp>
#include <sifund/error.hpp>
#include <sifund/money/rate.hpp>
#include <sifund/time/timestamp.hpp>

namespace sifund::cli {

class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error("cli.usage", message) {}
};

// A flag given a value it cannot take: "--runs must be a whole number from 1
// to 10000000, not \"abc\"" [cli.option].
class OptionError : public Error {
public:
    OptionError(const std::string& name, const std::string& value, const std::string& must)
        : Error("cli.option", "--" + name + " " + must + ", not " + detail::quoted(detail::printable(value))) {}
};

// The years sifund keeps (DESIGN §4.1: every date of a fund lies in them).
inline constexpr int first_kept_year = 1900;
inline constexpr int last_kept_year = 2199;

class Options {
public:
    // The verb's positionals in order, and its flags by name (without the
    // dashes; a switch given maps to ""), as the parser (main.cpp) read them.
    Options(std::vector<std::string> positional, std::map<std::string, std::string> flags)
        : positional_(std::move(positional)), flags_(std::move(flags)) {}

    [[nodiscard]] const std::string& arg(std::size_t i) const { return positional_.at(i); }
    // Whether a switch (or a flag) was given.
    [[nodiscard]] bool given(const std::string& name) const { return flags_.count(name) > 0; }
    [[nodiscard]] std::optional<std::string> flag(const std::string& name) const {
        const auto it = flags_.find(name);
        return it == flags_.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    [[nodiscard]] std::string flag_or(const std::string& name, std::string fallback) const {
        return flag(name).value_or(std::move(fallback));
    }
    // A flag whose value must be one of `choices`.
    [[nodiscard]] std::string choice(const std::string& name, const std::vector<std::string>& choices) const {
        const std::string v = flag_or(name, choices.front());
        for (const auto& c : choices)
            if (c == v) return v;
        std::string list;
        for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
        throw OptionError(name, v, "must be one of " + list);
    }

    // A whole number in [min, max], or `fallback` when the flag is not given.
    template <class Int>
    [[nodiscard]] Int integer(const std::string& name, Int fallback, Int min, Int max) const {
        const auto text = flag(name);
        if (!text) return fallback;
        Int value{};
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max)
            throw OptionError(name, *text,
                              "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
        return value;
    }

    // A date YYYY-MM-DD within the years sifund keeps, or `fallback`.
    [[nodiscard]] Date date(const std::string& name, const Date& fallback) const {
        const auto text = flag(name);
        if (!text) return fallback;
        const std::string must = "must be a date YYYY-MM-DD from " + std::to_string(first_kept_year) +
                                 "-01-01 to " + std::to_string(last_kept_year) + "-12-31";
        Date d;
        try {
            d = Date::parse(*text);
        } catch (const InputError&) {
            throw OptionError(name, *text, must);
        }
        if (d.year() < first_kept_year || d.year() > last_kept_year) throw OptionError(name, *text, must);
        return d;
    }

    // A time in UTC (2026-11-25T14:34:58Z, or a date for the end of that
    // day) within the years sifund keeps, or nothing when the flag is not given.
    [[nodiscard]] std::optional<Timestamp> timestamp(const std::string& name) const {
        const auto text = flag(name);
        if (!text) return std::nullopt;
        const std::string must = "must be a time in UTC such as 2026-11-25T14:34:58Z (or a date), from " +
                                 std::to_string(first_kept_year) + " to " + std::to_string(last_kept_year);
        Timestamp t;
        try {
            t = Timestamp::parse(*text);
        } catch (const InputError&) {
            throw OptionError(name, *text, must);
        }
        if (t.date().year() < first_kept_year || t.date().year() > last_kept_year) throw OptionError(name, *text, must);
        return t;
    }

    // A decimal rate ("0.035"), or `fallback`.
    [[nodiscard]] Rate rate(const std::string& name, const Rate& fallback) const {
        const auto text = flag(name);
        if (!text) return fallback;
        try {
            return Rate::parse(*text);
        } catch (const InputError&) {
            throw OptionError(name, *text, "must be a decimal rate such as 0.035");
        }
    }

private:
    std::vector<std::string> positional_;
    std::map<std::string, std::string> flags_;
};

}  // namespace sifund::cli
