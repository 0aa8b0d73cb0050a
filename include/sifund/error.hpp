#pragma once
// Errors are data: every error sifund throws carries a stable id (such as
// "money.parse") so that callers, the CLI and the Python bindings can tell
// them apart without parsing the sentence meant for people.

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

private:
    std::string id_;
};

// Malformed input: text that is not an amount, a rate, a date, ...
class InputError : public Error {
public:
    using Error::Error;
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
inline std::string quoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out.push_back('"');
    for (char c : text) {
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
    out.push_back('"');
    return out;
}
}  // namespace detail

}  // namespace sifund
