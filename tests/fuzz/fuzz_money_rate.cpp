// Fuzz target: amounts, rates and dates as text. Any text is either read or
// refused with a sifund::Error; what is read writes back as text that reads
// as the same value; a rate of an amount never wraps (OverflowError instead).
#include <cstddef>
#include <cstdint>
#include <sifund/money/money.hpp>
#include <sifund/money/rate.hpp>
#include <sifund/time/date.hpp>
#include <sifund/time/timestamp.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view all(reinterpret_cast<const char*>(data), size);
    // The first line is an amount, the second a rate, the rest a date and a timestamp.
    const auto nl = all.find('\n');
    const std::string_view amount_text = all.substr(0, nl);
    const std::string_view rate_text = nl == std::string_view::npos ? all : all.substr(nl + 1);

    std::optional<sifund::Money> money;
    try {
        money = sifund::Money::parse(amount_text);
        const std::string written = money->to_string();
        SIFUND_FUZZ_REQUIRE(sifund::Money::parse(written) == *money, written);
        (void)money->to_swedish();
    } catch (const sifund::Error&) {
    }
    try {
        const sifund::Rate rate = sifund::Rate::parse(rate_text);
        const std::string written = rate.to_string();
        SIFUND_FUZZ_REQUIRE(sifund::Rate::parse(written) == rate, written);
        if (money) {
            for (const sifund::Rounding mode : sifund::all_roundings) {
                try {
                    const sifund::Money part = rate.of(*money, mode);
                    (void)part.to_string();
                } catch (const sifund::OverflowError&) {
                }
            }
        }
    } catch (const sifund::Error&) {
    }
    try {
        const sifund::Date date = sifund::Date::parse(all);
        SIFUND_FUZZ_REQUIRE(sifund::Date::parse(date.to_string()) == date, date.to_string());
    } catch (const sifund::Error&) {
    }
    try {
        const sifund::Timestamp at = sifund::Timestamp::parse(all);
        SIFUND_FUZZ_REQUIRE(sifund::Timestamp::parse(at.to_string()).to_string() == at.to_string(), at.to_string());
    } catch (const sifund::Error&) {
    }
    return 0;
}
