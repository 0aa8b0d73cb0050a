#pragma once
// Splitting an amount into parts that add up to the whole, to the öre.
//
// The method is the largest remainder (Hamilton): each part gets the floor of
// its exact share of |total|, and the öre left over go one each to the parts
// with the largest remainders, ties to the earlier part. The sign of the total
// is applied last, so allocate(-x) is -allocate(x). Deterministic: the same
// input always gives the same parts.

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "sifund/money/money.hpp"
#include "sifund/money/rate.hpp"

namespace sifund {

namespace detail {

inline std::vector<Money> allocate_by_units(Money total, std::span<const boost::multiprecision::cpp_int> weights) {
    using boost::multiprecision::cpp_int;
    if (weights.empty()) throw InputError("allocate.no_parts", "cannot allocate " + total.to_string() + " to no parts");
    cpp_int sum = 0;
    for (const cpp_int& w : weights) {
        if (w < 0) throw InputError("allocate.negative_weight", "allocation weights cannot be negative");
        sum += w;
    }
    if (sum == 0) throw InputError("allocate.zero_weights", "allocation weights add up to zero");

    const std::uint64_t whole = magnitude(total.minor());
    std::vector<std::uint64_t> parts(weights.size());
    std::vector<cpp_int> remainders(weights.size());
    std::uint64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        cpp_int product = cpp_int(whole) * weights[i];
        parts[i] = cpp_int(product / sum).convert_to<std::uint64_t>();
        remainders[i] = product % sum;
        given += parts[i];
    }
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (std::uint64_t left = whole - given, k = 0; left > 0; --left, ++k) ++parts[order[k]];

    std::vector<Money> out;
    out.reserve(parts.size());
    for (std::uint64_t p : parts)
        out.push_back(Money::from_minor(total.is_negative() ? static_cast<std::int64_t>(0 - p)
                                                            : static_cast<std::int64_t>(p)));
    return out;
}

}  // namespace detail

// n equal parts; the first |total| mod n parts get one öre more.
[[nodiscard]] inline std::vector<Money> allocate(Money total, std::size_t n) {
    std::vector<boost::multiprecision::cpp_int> weights(n, 1);
    return detail::allocate_by_units(total, weights);
}

// Parts in proportion to non-negative integer weights (say, budgeted amounts in öre).
[[nodiscard]] inline std::vector<Money> allocate(Money total, std::span<const std::int64_t> weights) {
    std::vector<boost::multiprecision::cpp_int> units(weights.begin(), weights.end());
    return detail::allocate_by_units(total, units);
}

// Parts in proportion to rates (shares that need not add up to one).
[[nodiscard]] inline std::vector<Money> allocate(Money total, std::span<const Rate> weights) {
    std::vector<boost::multiprecision::cpp_int> units;
    units.reserve(weights.size());
    for (const Rate& w : weights) units.push_back(w.units());
    return detail::allocate_by_units(total, units);
}

// Parts in proportion to amounts (a grant split by each year's budget).
[[nodiscard]] inline std::vector<Money> allocate(Money total, std::span<const Money> weights) {
    std::vector<boost::multiprecision::cpp_int> units;
    units.reserve(weights.size());
    for (Money w : weights) units.push_back(w.minor());
    return detail::allocate_by_units(total, units);
}

}  // namespace sifund
