#pragma once
// Money: an exact amount in minor units (öre), held in a signed 64-bit integer.
//
// Why int64 and not a Boost.Multiprecision type: 2^63 öre is 92 quadrillion
// kronor, far beyond any municipal budget, and a checked add of two int64 costs
// about 1.3x a plain add where checked_int128_t costs 14x (benchmarks/README.md).
// Overflow is detected on every operation and thrown, never wrapped or clamped.
// Products with rates go through 128-bit or arbitrary precision (see rate.hpp).

#include <charconv>
#include <compare>
#include <concepts>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

#include "sifund/error.hpp"
#include "sifund/money/currency.hpp"
#include "sifund/money/rounding.hpp"

namespace sifund {

class Money;

namespace detail {
[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_money_overflow(const char* op) {
    throw OverflowError("money.overflow",
                        std::string("money overflow in ") + op +
                            ": the result does not fit in ±92 233 720 368 547 758.07 kr");
}
Money parse_money(std::string_view text, Currency currency);
}  // namespace detail

class Money {
public:
    using minor_type = std::int64_t;
    static constexpr minor_type minor_per_major = 100;

    // Zero. There is deliberately no constructor from a number: say what the
    // number means with from_minor(öre), kronor(whole) or parse("12.50").
    constexpr Money() noexcept = default;
    template <class T>
        requires std::floating_point<T>
    Money(T) = delete;  // money never comes from a double

    [[nodiscard]] static constexpr Money from_minor(minor_type ore) noexcept { return Money(ore); }

    [[nodiscard]] static constexpr Money kronor(std::int64_t whole) {
        minor_type ore = 0;
        if (__builtin_mul_overflow(whole, minor_per_major, &ore)) detail::throw_money_overflow("kronor");
        return Money(ore);
    }

    [[nodiscard]] static constexpr Money max() noexcept {
        return Money(std::numeric_limits<minor_type>::max());
    }
    [[nodiscard]] static constexpr Money min() noexcept {
        return Money(std::numeric_limits<minor_type>::min());
    }

    // "1234567.89", "-0.50", "1234567", Swedish "1 234 567,89" with or without
    // "kr" (or the currency's code). Anything else, more than two decimals or an
    // amount out of range is an InputError that quotes the text; a different
    // currency is a CurrencyError.
    [[nodiscard]] static Money parse(std::string_view text, Currency currency = Currency::sek()) {
        return detail::parse_money(text, currency);
    }

    [[nodiscard]] constexpr minor_type minor() const noexcept { return ore_; }
    [[nodiscard]] constexpr bool is_zero() const noexcept { return ore_ == 0; }
    [[nodiscard]] constexpr bool is_negative() const noexcept { return ore_ < 0; }
    [[nodiscard]] constexpr bool is_positive() const noexcept { return ore_ > 0; }

    // "1234567.89", "-0.05", "0.00": always two decimals, '.' and no grouping.
    [[nodiscard]] std::string to_string() const {
        std::string out;
        append_to(out);
        return out;
    }
    void append_to(std::string& out) const;

    // For reports: "1 234 567,89 kr" (grouped by spaces, decimal comma).
    [[nodiscard]] std::string to_swedish(Currency currency = Currency::sek(), bool with_unit = true) const;

    [[nodiscard]] constexpr Money operator-() const {
        if (ore_ == std::numeric_limits<minor_type>::min()) detail::throw_money_overflow("negation");
        return Money(-ore_);
    }
    [[nodiscard]] constexpr Money abs() const { return ore_ < 0 ? -*this : *this; }

    // The result goes through a local so that a throwing += leaves *this as it
    // was: the builtins store the wrapped value even when they report overflow.
    constexpr Money& operator+=(Money other) {
        minor_type sum = 0;
        if (__builtin_add_overflow(ore_, other.ore_, &sum)) detail::throw_money_overflow("addition");
        ore_ = sum;
        return *this;
    }
    constexpr Money& operator-=(Money other) {
        minor_type difference = 0;
        if (__builtin_sub_overflow(ore_, other.ore_, &difference)) detail::throw_money_overflow("subtraction");
        ore_ = difference;
        return *this;
    }
    [[nodiscard]] friend constexpr Money operator+(Money a, Money b) { return a += b; }
    [[nodiscard]] friend constexpr Money operator-(Money a, Money b) { return a -= b; }

    // Multiplication by a count (12 monthly payments); by a rate use Rate::of,
    // which names its rounding.
    template <std::integral I>
        requires(!std::same_as<I, bool>)
    [[nodiscard]] friend constexpr Money operator*(Money a, I n) {
        minor_type out = 0;
        if (__builtin_mul_overflow(a.ore_, n, &out)) detail::throw_money_overflow("multiplication");
        return Money(out);
    }
    template <std::integral I>
        requires(!std::same_as<I, bool>)
    [[nodiscard]] friend constexpr Money operator*(I n, Money a) {
        return a * n;
    }

    // Rounds to a multiple of `step` (Money::kronor(1) for whole kronor,
    // kronor(1000) for thousands) by the named mode.
    [[nodiscard]] Money round_to(Money step, Rounding mode) const;

    friend constexpr bool operator==(Money, Money) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(Money, Money) noexcept = default;

    friend std::ostream& operator<<(std::ostream& os, Money m) { return os << m.to_string(); }

private:
    constexpr explicit Money(minor_type ore) noexcept : ore_(ore) {}
    minor_type ore_ = 0;
};

[[nodiscard]] constexpr Money min(Money a, Money b) noexcept { return b < a ? b : a; }
[[nodiscard]] constexpr Money max(Money a, Money b) noexcept { return a < b ? b : a; }

}  // namespace sifund

template <>
struct std::hash<sifund::Money> {
    std::size_t operator()(sifund::Money m) const noexcept {
        return std::hash<std::int64_t>{}(m.minor());
    }
};

#include "sifund/money/detail/money_text.hpp"
