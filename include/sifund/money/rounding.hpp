#pragma once
// Every rounding in sifund names its mode. The modes mean what Python's
// decimal module means by them, so that results can be checked against it.

#include <cstdint>
#include <optional>
#include <string_view>

namespace sifund {

enum class Rounding : std::uint8_t {
    half_even,  // to nearest; a tie goes to the even neighbour (banker's rounding)
    half_up,    // to nearest; a tie goes away from zero (the schoolbook rule)
    half_down,  // to nearest; a tie goes toward zero
    up,         // away from zero
    down,       // toward zero (truncation)
    ceiling,    // toward +infinity
    floor,      // toward -infinity
};

inline constexpr Rounding all_roundings[] = {Rounding::half_even, Rounding::half_up,
                                             Rounding::half_down, Rounding::up,
                                             Rounding::down,      Rounding::ceiling,
                                             Rounding::floor};

[[nodiscard]] constexpr std::string_view to_string(Rounding mode) noexcept {
    switch (mode) {
        case Rounding::half_even: return "half_even";
        case Rounding::half_up: return "half_up";
        case Rounding::half_down: return "half_down";
        case Rounding::up: return "up";
        case Rounding::down: return "down";
        case Rounding::ceiling: return "ceiling";
        case Rounding::floor: return "floor";
    }
    return "?";
}

// The inverse of to_string; nullopt for a name that is not a mode (the caller
// knows which field it came from and reports it).
[[nodiscard]] constexpr std::optional<Rounding> rounding_from_string(std::string_view name) noexcept {
    for (Rounding mode : all_roundings)
        if (to_string(mode) == name) return mode;
    return std::nullopt;
}

namespace detail {

// numerator / denominator rounded by `mode`, for any integer type with the
// usual operators (int64, __int128, Boost cpp_int). denominator must be > 0.
// C++ division truncates toward zero, so q is the "down" result and the
// remainder carries the sign of the numerator.
template <class Int>
[[nodiscard]] Int divide_rounded(const Int& numerator, const Int& denominator, Rounding mode) {
    Int q = numerator / denominator;
    Int r = numerator % denominator;
    if (r == 0) return q;
    const bool negative = numerator < 0;
    const Int away = negative ? Int(q - 1) : Int(q + 1);
    switch (mode) {
        case Rounding::down: return q;
        case Rounding::up: return away;
        case Rounding::floor: return negative ? away : q;
        case Rounding::ceiling: return negative ? q : away;
        case Rounding::half_even:
        case Rounding::half_up:
        case Rounding::half_down: {
            const Int twice_r = negative ? Int(-r * 2) : Int(r * 2);
            if (twice_r > denominator) return away;
            if (twice_r < denominator) return q;
            if (mode == Rounding::half_up) return away;
            if (mode == Rounding::half_down) return q;
            return (q % 2 == 0) ? q : away;
        }
    }
    return q;
}

}  // namespace detail
}  // namespace sifund
