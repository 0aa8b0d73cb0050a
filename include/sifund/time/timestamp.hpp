#pragma once
// Timestamp: an instant in UTC to the microsecond, for when an event was
// recorded (as opposed to its effective date). Written
// "2026-11-25T14:34:58.123456Z"; fixed width, so text order is time order.
// sifund never reads the clock itself: callers pass timestamps in.

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "sifund/time/date.hpp"

namespace sifund {

class Timestamp {
public:
    static constexpr std::int64_t micros_per_day = 86'400'000'000;

    constexpr Timestamp() = default;  // 1970-01-01T00:00:00Z
    [[nodiscard]] static constexpr Timestamp from_micros(std::int64_t micros) { return Timestamp(micros); }

    // "2026-11-25T14:34:58Z", with optional fraction of up to 6 digits, or a
    // bare date "2026-11-25", which means the end of that day (the last
    // microsecond): "as known at 31 December" includes what was recorded that day.
    [[nodiscard]] static Timestamp parse(std::string_view text);

    [[nodiscard]] static Timestamp start_of(const Date& d) {
        return Timestamp(static_cast<std::int64_t>(d.days_since_epoch()) * micros_per_day);
    }
    [[nodiscard]] static Timestamp end_of(const Date& d) { return Timestamp(start_of(d).micros_ + micros_per_day - 1); }

    [[nodiscard]] constexpr std::int64_t micros() const noexcept { return micros_; }
    [[nodiscard]] Date date() const {
        std::int64_t days = micros_ / micros_per_day;
        if (micros_ % micros_per_day < 0) --days;
        return Date::from_days_since_epoch(static_cast<std::int32_t>(days));
    }
    [[nodiscard]] std::string to_string() const;

    friend constexpr bool operator==(Timestamp, Timestamp) = default;
    friend constexpr std::strong_ordering operator<=>(Timestamp, Timestamp) = default;

private:
    constexpr explicit Timestamp(std::int64_t micros) : micros_(micros) {}
    std::int64_t micros_ = 0;
};

inline Timestamp Timestamp::parse(std::string_view text) {
    auto refuse = [&]() -> void {
        throw InputError("timestamp.parse", "not a time: " + detail::quoted(text) +
                                                ": write 2026-11-25T14:34:58Z (UTC) or a date 2026-11-25");
    };
    auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (text.size() < 10) refuse();
    Date day;
    try {
        day = Date::parse(text.substr(0, 10));
    } catch (const InputError&) {
        refuse();
    }
    if (text.size() == 10) return end_of(day);
    // THH:MM:SS[.ffffff]Z
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z') refuse();
    auto two = [&](std::size_t at) {
        if (!is_digit(text[at]) || !is_digit(text[at + 1])) refuse();
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    const int h = two(11), m = two(14), s = two(17);
    if (h > 23 || m > 59 || s > 59) refuse();
    std::int64_t micros = 0;
    const std::string_view rest = text.substr(19, text.size() - 20);
    if (!rest.empty()) {
        if (rest[0] != '.' || rest.size() < 2 || rest.size() > 7) refuse();
        for (std::size_t i = 1; i < 7; ++i) {
            micros *= 10;
            if (i < rest.size()) {
                if (!is_digit(rest[i])) refuse();
                micros += rest[i] - '0';
            }
        }
    }
    return Timestamp(start_of(day).micros_ + ((h * 60 + m) * 60 + s) * std::int64_t{1'000'000} + micros);
}

inline std::string Timestamp::to_string() const {
    const Date d = date();
    std::int64_t in_day = micros_ - start_of(d).micros_;
    std::string out = d.to_string() + "T00:00:00.000000Z";
    auto put = [&](std::size_t at, std::int64_t value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
    };
    put(20, in_day % 1'000'000, 6);
    in_day /= 1'000'000;
    put(17, in_day % 60, 2);
    put(14, in_day / 60 % 60, 2);
    put(11, in_day / 3600, 2);
    return out;
}

}  // namespace sifund
