#pragma once
// What an id may hold. Ids (the fund, grants, applications, actors, units,
// bodies, rulebook versions, roles, focus areas) are printed in statements,
// reports and messages, and compared byte for byte. A line break in a grant
// id forges a line of the statement; an escape sequence clears a terminal; a
// bidirectional override shows "G-1" for what is stored as "1-G"; a
// zero-width space makes two ids look alike. None of these belongs in an id,
// so the reader refuses them, naming the field and the character (as U+XXXX,
// never raw). Free text (titles, reasons) may hold what it likes; text output
// escapes it.

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace sifund::detail {

// An id is a name, not a document: a longer one is a paste gone wrong.
inline constexpr std::size_t max_id_bytes = 200;

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 1;  // bytes it takes
};

// The code point at `at`. The JSON reader has checked that the text is valid
// UTF-8; a byte that does not start a sequence is taken as itself.
[[nodiscard]] inline CodePoint decode_utf8(std::string_view s, std::size_t at) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(i < s.size() ? s[i] : 0); };
    const unsigned char b = byte(at);
    if (b < 0x80) return {b, 1};
    if ((b >> 5) == 0x6) return {static_cast<char32_t>(((b & 0x1Fu) << 6) | (byte(at + 1) & 0x3Fu)), 2};
    if ((b >> 4) == 0xE)
        return {static_cast<char32_t>(((b & 0x0Fu) << 12) | ((byte(at + 1) & 0x3Fu) << 6) | (byte(at + 2) & 0x3Fu)),
                3};
    if ((b >> 3) == 0x1E)
        return {static_cast<char32_t>(((b & 0x07u) << 18) | ((byte(at + 1) & 0x3Fu) << 12) |
                                      ((byte(at + 2) & 0x3Fu) << 6) | (byte(at + 3) & 0x3Fu)),
                4};
    return {b, 1};
}

// Characters that change how text is shown instead of showing: C0 and C1
// controls, DEL, line and paragraph separators, the bidirectional marks,
// embeddings, overrides and isolates, zero-width characters and the BOM.
[[nodiscard]] constexpr bool is_control_or_invisible(char32_t c) noexcept {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF;
}

[[nodiscard]] inline std::string code_point_name(char32_t c) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
}

// Why `id` cannot be an id, or "" when it can.
[[nodiscard]] inline std::string id_problem(std::string_view id) {
    if (id.size() > max_id_bytes)
        return "an id may be at most " + std::to_string(max_id_bytes) + " bytes long, not " + std::to_string(id.size());
    std::size_t character = 1;
    for (std::size_t at = 0; at < id.size(); ++character) {
        const CodePoint cp = decode_utf8(id, at);
        if (is_control_or_invisible(cp.value))
            return "an id may not hold control, line-break, zero-width or bidirectional characters; character " +
                   std::to_string(character) + " is " + code_point_name(cp.value);
        at += cp.length;
    }
    const auto space = [](char c) { return c == ' '; };
    if (!id.empty() && (space(id.front()) || space(id.back()))) return "an id may not begin or end with a space";
    return {};
}

}  // namespace sifund::detail
