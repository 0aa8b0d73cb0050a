#pragma once
// Reading and writing Money as text, and rounding it to a coarser step.
// Included at the end of money.hpp; not a header of its own.

#include <cstdint>
#include <string>
#include <string_view>

#include "sifund/money/detail/int128.hpp"

namespace sifund::detail {

// The byte length of a thousands separator at s[i]: a space, a no-break
// space (U+00A0) or a narrow no-break space (U+202F); 0 if there is none.
[[nodiscard]] inline std::size_t separator_at(std::string_view s, std::size_t i) noexcept {
    if (i >= s.size()) return 0;
    if (s[i] == ' ') return 1;
    if (s.substr(i, 2) == "\xC2\xA0") return 2;
    if (s.substr(i, 3) == "\xE2\x80\xAF") return 3;
    return 0;
}

[[nodiscard]] inline std::size_t separator_before(std::string_view s) noexcept {
    if (s.ends_with(' ')) return 1;
    if (s.ends_with("\xC2\xA0")) return 2;
    if (s.ends_with("\xE2\x80\xAF")) return 3;
    return 0;
}

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_ascii_letter(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

[[noreturn]] inline void refuse_amount(std::string_view text, std::string_view why) {
    throw InputError("money.parse", "not an amount: " + sifund::detail::quoted(text) + ": " + std::string(why));
}
[[noreturn]] inline void refuse_amount_range(std::string_view text) {
    throw InputError("money.out_of_range",
                     "amount out of range: " + sifund::detail::quoted(text) +
                         ": sifund holds amounts up to ±92 233 720 368 547 758.07");
}

// Strips a trailing unit ("kr", "SEK", ...) and the one separator before it.
// A unit of another currency is a CurrencyError, an unknown word an InputError.
inline std::string_view strip_unit(std::string_view text, Currency currency) {
    std::size_t k = text.size();
    while (k > 0 && is_ascii_letter(text[k - 1])) --k;
    if (k == text.size()) return text;
    const std::string_view unit = text.substr(k);
    if (unit != currency.symbol() && unit != currency.code()) {
        bool another_currency = unit == "kr";
        for (std::string_view code : Currency::known) another_currency = another_currency || unit == code;
        if (another_currency)
            throw CurrencyError("currency.mismatch", "amount " + sifund::detail::quoted(text) + " is not in " +
                                                         std::string(currency.code()) +
                                                         ", the fund's currency");
        refuse_amount(text, "unknown unit " + sifund::detail::quoted(unit));
    }
    std::string_view number = text.substr(0, k);
    number.remove_suffix(separator_before(number));
    return number;
}

inline Money parse_money(std::string_view text, Currency currency) {
    if (text.empty()) refuse_amount(text, "it is empty");
    std::string_view s = strip_unit(text, currency);

    bool negative = false;
    if (s.starts_with('-')) {
        negative = true;
        s.remove_prefix(1);
    } else if (s.starts_with("\xE2\x88\x92")) {  // U+2212 MINUS SIGN, as Swedish typesetting writes it
        negative = true;
        s.remove_prefix(3);
    }

    std::uint64_t whole = 0;
    std::size_t digits = 0, group_digits = 0, i = 0;
    bool grouped = false;
    while (i < s.size()) {
        if (is_digit(s[i])) {
            if (__builtin_mul_overflow(whole, 10u, &whole) ||
                __builtin_add_overflow(whole, static_cast<unsigned>(s[i] - '0'), &whole))
                refuse_amount_range(text);
            ++digits;
            ++group_digits;
            ++i;
        } else if (const std::size_t len = separator_at(s, i)) {
            if (digits == 0) refuse_amount(text, "a space before the first digit");
            if ((grouped && group_digits != 3) || (!grouped && group_digits > 3))
                refuse_amount(text, "groups of thousands must have three digits");
            grouped = true;
            group_digits = 0;
            i += len;
        } else {
            break;
        }
    }
    if (digits == 0) refuse_amount(text, "no digits");
    if (grouped && group_digits != 3) refuse_amount(text, "groups of thousands must have three digits");

    std::uint64_t ore = 0;
    if (i < s.size()) {
        const char mark = s[i];
        if (mark != '.' && mark != ',')
            refuse_amount(text, "unexpected character " + sifund::detail::quoted(s.substr(i, 1)));
        if (mark == '.' && grouped)
            refuse_amount(text, "a decimal point after groups of thousands; write 1234.50 or 1 234,50");
        ++i;
        std::size_t decimals = 0;
        while (i < s.size() && is_digit(s[i])) {
            if (decimals < 2) ore = ore * 10 + static_cast<unsigned>(s[i] - '0');
            ++decimals;
            ++i;
        }
        if (i < s.size()) refuse_amount(text, "unexpected character " + sifund::detail::quoted(s.substr(i, 1)));
        if (decimals == 0) refuse_amount(text, "no digits after the decimal separator");
        if (decimals > 2) refuse_amount(text, "more than two decimals; amounts are exact to the öre");
        if (decimals == 1) ore *= 10;
    }

    std::uint64_t magnitude = 0;
    if (__builtin_mul_overflow(whole, 100u, &magnitude) || __builtin_add_overflow(magnitude, ore, &magnitude))
        refuse_amount_range(text);
    constexpr std::uint64_t limit = std::uint64_t{1} << 63;  // |INT64_MIN|
    if (magnitude > limit - (negative ? 0 : 1)) refuse_amount_range(text);
    const auto signed_ore = negative ? static_cast<std::int64_t>(0 - magnitude)  // two's complement, C++20
                                     : static_cast<std::int64_t>(magnitude);
    return Money::from_minor(signed_ore);
}

[[nodiscard]] inline std::uint64_t magnitude(std::int64_t v) noexcept {
    return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

}  // namespace sifund::detail

namespace sifund {

inline void Money::append_to(std::string& out) const {
    const std::uint64_t m = detail::magnitude(ore_);
    if (ore_ < 0) out.push_back('-');
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, m / 100);
    out.append(buf, res.ptr);
    const auto cents = static_cast<char>(m % 100);
    out.push_back('.');
    out.push_back(static_cast<char>('0' + cents / 10));
    out.push_back(static_cast<char>('0' + cents % 10));
}

inline std::string Money::to_swedish(Currency currency, bool with_unit) const {
    const std::uint64_t m = detail::magnitude(ore_);
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, m / 100);
    const std::string_view digits(buf, static_cast<std::size_t>(res.ptr - buf));
    std::string out;
    if (ore_ < 0) out.push_back('-');
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(' ');
        out.push_back(digits[i]);
    }
    const auto cents = static_cast<char>(m % 100);
    out.push_back(',');
    out.push_back(static_cast<char>('0' + cents / 10));
    out.push_back(static_cast<char>('0' + cents % 10));
    if (with_unit) {
        out.push_back(' ');
        out += currency.symbol();
    }
    return out;
}

inline Money Money::round_to(Money step, Rounding mode) const {
    if (step.ore_ <= 0)
        throw InputError("money.round_step", "a rounding step must be positive, not " + step.to_string());
    const detail::int128 q = detail::divide_rounded<detail::int128>(ore_, step.ore_, mode);
    const detail::int128 r = q * step.ore_;
    if (r > std::numeric_limits<minor_type>::max() || r < std::numeric_limits<minor_type>::min())
        detail::throw_money_overflow("rounding");
    return Money(static_cast<minor_type>(r));
}

}  // namespace sifund
