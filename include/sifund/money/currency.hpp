#pragma once
// A currency is a property of the fund (SEK unless the fund says otherwise).
// Money itself carries no currency: a fund keeps all its books in one, and
// text that names another currency is refused where it is read.

#include <array>
#include <string>
#include <string_view>

#include "sifund/error.hpp"

namespace sifund {

class Currency {
public:
    // The currencies a Nordic municipal fund meets; all have two decimals,
    // which is what Money's minor unit assumes.
    static constexpr std::array<std::string_view, 7> known = {"SEK", "NOK", "DKK", "EUR",
                                                              "USD", "GBP", "CHF"};

    constexpr Currency() noexcept : code_{'S', 'E', 'K'} {}

    [[nodiscard]] static constexpr Currency sek() noexcept { return Currency{}; }

    // "SEK", "EUR", ...: an upper-case ISO 4217 code from `known`.
    [[nodiscard]] static Currency parse(std::string_view code) {
        for (std::string_view k : known)
            if (k == code) return Currency(k);
        throw InputError("currency.unknown", "unknown currency " + detail::quoted(code) +
                                                 "; sifund knows SEK, NOK, DKK, EUR, USD, GBP, CHF");
    }

    [[nodiscard]] constexpr std::string_view code() const noexcept {
        return std::string_view(code_.data(), code_.size());
    }

    // The sign written after an amount in Swedish text: "kr" for the three
    // Scandinavian kronor (a Swede writes "kr" for SEK), else the code.
    [[nodiscard]] constexpr std::string_view symbol() const noexcept {
        const auto c = code();
        if (c == "SEK" || c == "NOK" || c == "DKK") return "kr";
        return c;
    }

    friend constexpr bool operator==(const Currency&, const Currency&) noexcept = default;

private:
    constexpr explicit Currency(std::string_view code) noexcept
        : code_{code[0], code[1], code[2]} {}
    std::array<char, 3> code_;
};

// Refuses an amount of one currency where the fund keeps another.
inline void require_same_currency(Currency fund, Currency given, std::string_view what) {
    if (fund == given) return;
    throw CurrencyError("currency.mismatch", std::string(what) + " is in " + std::string(given.code()) +
                                                 " but the fund keeps its books in " +
                                                 std::string(fund.code()));
}

}  // namespace sifund
