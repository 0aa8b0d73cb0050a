#pragma once
// The plain text helpers every presentation uses: padding to a width in
// characters, amounts in MSEK, shares as Swedish percentages, and escaping
// for XML (SVG and HTML). They live here in detail/, not in io/, because the
// statement (fund/statement.hpp) and the forecasts (forecast/) write their own
// to_text() and sit below io/; io/ uses the same functions, so a figure reads
// the same in a terminal table, a chart and the HTML report.

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "sifund/money/money.hpp"
#include "sifund/money/rounding.hpp"

namespace sifund::detail {

// The number of UTF-8 code points: continuation bytes are not counted, so
// "Återbetalt" is 10 characters wide, as a terminal or a chart shows it.
[[nodiscard]] inline std::size_t char_count(std::string_view s) {
    std::size_t chars = 0;
    for (unsigned char ch : s) chars += (ch & 0xC0) != 0x80;
    return chars;
}

// `s` right-aligned (pad_left) or left-aligned (pad_right) in `width` characters.
[[nodiscard]] inline std::string pad_left(const std::string& s, std::size_t width) {
    const std::size_t chars = char_count(s);
    return chars >= width ? s : std::string(width - chars, ' ') + s;
}
[[nodiscard]] inline std::string pad_right(const std::string& s, std::size_t width) {
    const std::size_t chars = char_count(s);
    return chars >= width ? s : s + std::string(width - chars, ' ');
}

// Text in an XML element or a double-quoted attribute (SVG, HTML).
[[nodiscard]] inline std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

inline constexpr std::int64_t ore_per_msek = 100'000'000;  // 1 MSEK in öre

// How a number is set: `plain` for a terminal's fixed-width columns (an ASCII
// hyphen-minus, no grouping: "-1234,5"); `typeset` for a chart (the minus sign
// U+2212, thousands grouped by no-break spaces: "−1 234,5").
enum class NumberStyle : std::uint8_t { plain, typeset };

// An amount in millions of kronor with `decimals` decimals (0 to 8) and a
// decimal comma, rounded by `mode` to the last decimal shown: "12,3".
[[nodiscard]] inline std::string msek(Money m, int decimals, Rounding mode, NumberStyle style = NumberStyle::plain) {
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const std::int64_t fixed = divide_rounded<std::int64_t>(m.minor(), ore_per_msek / scale, mode);
    const std::int64_t magnitude = fixed < 0 ? -fixed : fixed;
    const std::string whole = std::to_string(magnitude / scale);
    std::string out;
    if (fixed < 0) out += style == NumberStyle::typeset ? "\xE2\x88\x92" : "-";
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (style == NumberStyle::typeset && i > 0 && (whole.size() - i) % 3 == 0) out += "\xC2\xA0";
        out.push_back(whole[i]);
    }
    if (decimals > 0) {
        const std::string frac = std::to_string(magnitude % scale);
        out += ',';
        out.append(static_cast<std::size_t>(decimals) - frac.size(), '0');
        out += frac;
    }
    return out;
}

// The MSEK of the forecast tables: one decimal, rounded half_even ("12,3").
[[nodiscard]] inline std::string msek(Money m) { return msek(m, 1, Rounding::half_even); }

// A share (0.123) as a percentage with one decimal and a decimal comma:
// "12,3 %". The share is a probability of the Monte Carlo (a count of runs
// over the runs, as a double): share × 1000 is rounded half_even to whole
// tenths of a percent, so that 1 run in 400 (0,25 %) reads "0,2 %" in the
// text and in the chart alike.
[[nodiscard]] inline std::string percent_sv(double share) {
    const double tenths = share * 1000;
    double whole = std::floor(tenths);
    const double rest = tenths - whole;
    if (rest > 0.5 || (rest == 0.5 && std::fmod(whole, 2.0) != 0)) whole += 1;
    const auto t = static_cast<std::int64_t>(whole);
    const std::int64_t a = t < 0 ? -t : t;
    return std::string(t < 0 ? "-" : "") + std::to_string(a / 10) + "," + std::to_string(a % 10) + " %";
}

}  // namespace sifund::detail
