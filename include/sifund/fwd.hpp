#pragma once
// Forward declarations of sifund's public types, for headers that only name them.

namespace sifund {
class Error;
class InputError;
class OverflowError;
class CurrencyError;
class Currency;
class Money;
class Rate;
enum class Rounding : unsigned char;
class Date;
class Period;
class BudgetYear;
enum class Frequency : unsigned;
}  // namespace sifund
