#pragma once
// Text from a history (ids, titles, reasons) as it may be shown to a person
// on a terminal or in a text report. A history may come from another system
// or from someone who means harm: an ESC sequence can rewrite the screen, a
// newline can forge a line of a report, a bidi override (U+202E) can make an id
// read backwards as another one. So everything a reader cannot see as itself is written as an
// escape instead:
//   C0 controls and DEL           \n \r \t, else \x1b
//   C1 controls (U+0080–U+009F)   \u0085
//   line and paragraph separators \u2028 \u2029
//   bidi controls                 \u200e \u200f \u061c \u202a–\u202e \u2066–\u2069
//   zero-width characters, BOM    \u200b–\u200d \u2060–\u2064 \ufeff
//   bytes that are not UTF-8      \xff
// A backslash stays itself, so that messages that already quote (and escape)
// input read as before. JSON output needs none of this: JSON escapes.

#include <cstdint>
#include <string>
#include <string_view>

#include "sifund/detail/code_points.hpp"

namespace sifund::detail {

namespace printable_detail {

inline constexpr char hex_digits[] = "0123456789abcdef";

inline void append_hex(std::string& out, std::uint32_t value, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(hex_digits[(value >> shift) & 0xf]);
}

}  // namespace printable_detail

[[nodiscard]] inline std::string printable(std::string_view text) {
    using namespace printable_detail;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f) {
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        if (c < 0x80) {  // C0 or DEL
            if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c == '\t') out += "\\t";
            else out += "\\x", append_hex(out, c, 2);
            ++i;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t length = decode_utf8(text, i, cp);
        if (length == 0) {
            out += "\\x";
            append_hex(out, c, 2);
            ++i;
        } else if (is_control_or_invisible(cp)) {
            out += "\\u";
            append_hex(out, cp, 4);
            i += length;
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    return out;
}

// A text report's lines, each made printable, its line breaks kept: for a
// report that was composed before it could be escaped field by field.
[[nodiscard]] inline std::string printable_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t start = 0; start < text.size();) {
        const std::size_t nl = text.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        out += printable(text.substr(start, end - start));
        if (nl != std::string_view::npos) out.push_back('\n');
        start = end + 1;
    }
    return out;
}

}  // namespace sifund::detail
