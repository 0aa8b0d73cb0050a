#pragma once
// The compiler's 128-bit integer, for the products of two 64-bit values on the
// hot path (a rate of at most 9.2 times an amount); wider products go through
// Boost.Multiprecision's cpp_int. __extension__ keeps -Wpedantic quiet about a
// type that GCC and Clang both provide on every 64-bit target we build for.

namespace sifund::detail {
__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;
}  // namespace sifund::detail
