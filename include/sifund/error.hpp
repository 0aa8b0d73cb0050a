#pragma once
// Errors are data: every error sifund throws carries a stable id (such as
// "money.parse") so that callers, the CLI and the Python bindings can tell
// them apart without parsing the sentence meant for people.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace sifund {

class Error : public std::runtime_error {
public:
    Error(std::string id, const std::string& message)
        : std::runtime_error(message), id_(std::move(id)) {}

    // A stable identifier, dotted like a rule id: "money.parse", "date.parse", ...
    [[nodiscard]] const std::string& id() const noexcept { return id_; }

    // Which command of a batch it concerns (0-based), when it concerns one:
    // the CLI turns it into the line of the input file.
    [[nodiscard]] std::optional<std::size_t> index() const noexcept { return index_; }
    void set_index(std::size_t i) noexcept { index_ = i; }

private:
    std::string id_;
    std::optional<std::size_t> index_;
};

// Malformed input: text that is not an amount, a rate, a date, ...
class InputError : public Error {
public:
    using Error::Error;
};

// Malformed input in a named field of a command or rulebook: "amount",
// "rules.grant.max_amount", "tranches[1].date". The message names it too.
class FieldError : public InputError {
public:
    FieldError(std::string id, std::string field, const std::string& message)
        : InputError(std::move(id), message), field_(std::move(field)) {}
    [[nodiscard]] const std::string& field() const noexcept { return field_; }

private:
    std::string field_;
};

// A result that does not fit the representation (never a wrap or a clamp).
class OverflowError : public Error {
public:
    using Error::Error;
};

// Amounts of two currencies met where one was expected.
class CurrencyError : public Error {
public:
    using Error::Error;
};

namespace detail {
// Quote user input in messages so that empty strings and spaces are visible.
// Hostile input can be megabytes long: past 120 bytes the quote is cut (at a
// character boundary) and says how long the whole was.
inline std::string quoted(std::string_view text) {
    constexpr std::size_t shown = 120;
    std::string_view head = text;
    if (text.size() > shown) {
        std::size_t cut = shown;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        head = text.substr(0, cut);
    }
    std::string out;
    out.reserve(head.size() + 32);
    out.push_back('"');
    for (char c : head) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out.push_back(hex[(static_cast<unsigned char>(c) >> 4) & 0xf]);
            out.push_back(hex[static_cast<unsigned char>(c) & 0xf]);
            continue;
        }
        out.push_back(c);
    }
    if (head.size() < text.size()) out += "…";
    out.push_back('"');
    if (head.size() < text.size()) out += " (" + std::to_string(text.size()) + " bytes)";
    return out;
}
}  // namespace detail

}  // namespace sifund
