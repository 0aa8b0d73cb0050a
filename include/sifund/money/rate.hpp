#pragma once
// Rate: an exact, non-negative decimal with 18 decimal places and no upper
// bound: a share of tax revenue ("0.02", "2 %"), a repayment share ("1.00"),
// a cap factor ("1.25"). Its one way to an amount is rate.of(money, mode),
// which always names how the öre is rounded.
//
// The value is units / 10^18, with units in Boost.Multiprecision's cpp_int.
// Rates below 9.22 (units that fit an int64, which is every share and growth
// rate a fund meets) take a 128-bit fast path in of(); the product of two
// 64-bit numbers cannot overflow 128 bits, so both paths are exact.

#include <boost/multiprecision/cpp_int.hpp>
#include <compare>
#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "sifund/error.hpp"
#include "sifund/money/detail/int128.hpp"
#include "sifund/money/money.hpp"
#include "sifund/money/rounding.hpp"

namespace sifund {

class Rate {
public:
    using units_type = boost::multiprecision::cpp_int;
    static constexpr unsigned decimals = 18;
    static constexpr std::int64_t scale = 1'000'000'000'000'000'000;  // 10^18
    static constexpr std::size_t max_integer_digits = 60;  // a guard against hostile input, not a bound a fund meets

    Rate() = default;  // zero
    template <class T>
        requires std::floating_point<T>
    Rate(T) = delete;  // rates never come from a double

    // "0.02", "0,02", "2%", "2 %", "0.0075", "1.25", "3": at most 18 decimals
    // (16 with a percent sign). Negative, empty or malformed text is an
    // InputError that quotes it.
    [[nodiscard]] static Rate parse(std::string_view text);

    // value = units / 10^18.
    [[nodiscard]] static Rate from_units(units_type units) {
        if (units < 0)
            throw InputError("rate.negative", "a rate cannot be negative: " + units.str() + " / 10^18");
        return Rate(std::move(units));
    }
    [[nodiscard]] static Rate one() { return Rate(units_type(scale)); }

    [[nodiscard]] const units_type& units() const noexcept { return units_; }
    [[nodiscard]] bool is_zero() const noexcept { return small_ && value_ == 0; }

    // "0.02", "1.25", "0": the shortest exact decimal.
    [[nodiscard]] std::string to_string() const;
    // "2 %", "0.75 %".
    [[nodiscard]] std::string to_percent_string() const;

    // rate × money, rounded to the öre by `mode`.
    [[nodiscard]] Money of(Money amount, Rounding mode) const { return of(amount, mode, Money::from_minor(1)); }
    // rate × money, rounded by `mode` to a multiple of `step` (Money::kronor(1)
    // for whole kronor, Money::kronor(1000) for thousands).
    [[nodiscard]] Money of(Money amount, Rounding mode, Money step) const;

    [[nodiscard]] friend Rate operator+(const Rate& a, const Rate& b) { return Rate(units_type(a.units_ + b.units_)); }
    // A difference below zero is an error: a rate is never negative.
    [[nodiscard]] friend Rate operator-(const Rate& a, const Rate& b) {
        return from_units(units_type(a.units_ - b.units_));
    }

    friend bool operator==(const Rate& a, const Rate& b) { return a.units_ == b.units_; }
    friend std::strong_ordering operator<=>(const Rate& a, const Rate& b) {
        const int c = a.units_.compare(b.units_);
        return c < 0 ? std::strong_ordering::less
                     : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
    }
    friend std::ostream& operator<<(std::ostream& os, const Rate& r) { return os << r.to_string(); }

private:
    explicit Rate(units_type units) : units_(std::move(units)) {
        small_ = units_ <= std::numeric_limits<std::int64_t>::max();
        if (small_) value_ = units_.convert_to<std::int64_t>();
    }

    units_type units_;
    bool small_ = true;       // units_ fits an int64 (the rate is below 9.22): of() may use 128 bits
    std::int64_t value_ = 0;  // units_ when small_
};

namespace detail {

[[noreturn]] inline void refuse_rate(std::string_view text, std::string_view why) {
    throw InputError("rate.parse", "not a rate: " + sifund::detail::quoted(text) + ": " + std::string(why));
}

// units / 10^(decimals) as a plain decimal without trailing zeros.
inline std::string decimal_string(const boost::multiprecision::cpp_int& units, unsigned decimals) {
    std::string digits = units.str();
    if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
    std::string out = digits.substr(0, digits.size() - decimals);
    std::string fraction = digits.substr(digits.size() - decimals);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) out += "." + fraction;
    return out;
}

}  // namespace detail

inline Rate Rate::parse(std::string_view text) {
    std::string_view s = text;
    if (s.empty()) detail::refuse_rate(text, "it is empty");
    const bool percent = s.ends_with('%');
    if (percent) {
        s.remove_suffix(1);
        s.remove_suffix(detail::separator_before(s));
    }
    if (s.starts_with('-') || s.starts_with("\xE2\x88\x92")) detail::refuse_rate(text, "a rate cannot be negative");

    const unsigned allowed = percent ? decimals - 2 : decimals;
    units_type units = 0;
    std::size_t i = 0, whole_digits = 0, fraction_digits = 0;
    for (; i < s.size() && detail::is_digit(s[i]); ++i, ++whole_digits) {
        // Checked as it reads, so a megabyte of digits costs no more than 61.
        if (whole_digits == max_integer_digits) detail::refuse_rate(text, "more than 60 digits");
        units = units * 10 + (s[i] - '0');
    }
    if (whole_digits == 0) detail::refuse_rate(text, "no digits before the decimal separator");
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        for (; i < s.size() && detail::is_digit(s[i]); ++i, ++fraction_digits) {
            if (fraction_digits == allowed)  // refused as it reads, without reading on
                detail::refuse_rate(text, "more than " + std::to_string(allowed) + " decimals" +
                                              (percent ? " in a percentage" : ""));
            units = units * 10 + (s[i] - '0');
        }
        if (fraction_digits == 0) detail::refuse_rate(text, "no digits after the decimal separator");
    }
    if (i < s.size()) detail::refuse_rate(text, "unexpected character " + detail::quoted(s.substr(i, 1)));
    for (std::size_t k = fraction_digits; k < allowed; ++k) units *= 10;
    return Rate(std::move(units));
}

inline std::string Rate::to_string() const { return detail::decimal_string(units_, decimals); }

inline std::string Rate::to_percent_string() const {
    return detail::decimal_string(units_, decimals - 2) + " %";
}

inline Money Rate::of(Money amount, Rounding mode, Money step) const {
    if (step.minor() <= 0)
        throw InputError("money.round_step", "a rounding step must be positive, not " + step.to_string());
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    if (small_) {
        // |value_ × amount| < 2^126 and scale × step < 2^123: no overflow in 128 bits.
        const detail::int128 product = detail::int128(value_) * amount.minor();
        const detail::int128 q =
            detail::divide_rounded<detail::int128>(product, detail::int128(scale) * step.minor(), mode);
        const detail::int128 ore = q * step.minor();
        if (ore < lo || ore > hi) detail::throw_money_overflow("rate × amount");
        return Money::from_minor(static_cast<std::int64_t>(ore));
    }
    const units_type product = units_ * amount.minor();
    const units_type q = detail::divide_rounded<units_type>(product, units_type(units_type(scale) * step.minor()), mode);
    const units_type ore = q * step.minor();
    if (ore < lo || ore > hi) detail::throw_money_overflow("rate × amount");
    return Money::from_minor(ore.convert_to<std::int64_t>());
}

}  // namespace sifund
