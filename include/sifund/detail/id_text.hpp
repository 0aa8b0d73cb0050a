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
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "sifund/detail/code_points.hpp"

namespace sifund::detail {

// An id is a name, not a document: a longer one is a paste gone wrong.
inline constexpr std::size_t max_id_bytes = 200;

[[nodiscard]] inline std::string code_point_name(std::uint32_t c) {
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
        std::uint32_t decoded = 0;
        const std::size_t n = decode_utf8(id, at, decoded);  // the JSON reader checked the UTF-8
        const std::uint32_t cp = n ? decoded : static_cast<unsigned char>(id[at]);
        const std::size_t length = n ? n : 1;
        if (is_control_or_invisible(cp))
            return "an id may not hold control, line-break, zero-width or bidirectional characters; character " +
                   std::to_string(character) + " is " + code_point_name(cp);
        at += length;
    }
    const auto space = [](char c) { return c == ' '; };
    if (!id.empty() && (space(id.front()) || space(id.back()))) return "an id may not begin or end with a space";
    return {};
}

}  // namespace sifund::detail
