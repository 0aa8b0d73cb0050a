#pragma once
// UTF-8 code points, and the ones that change how text is shown instead of
// showing: one table for the id reader (detail/id_text.hpp, which refuses
// them) and for text output (detail/printable.hpp, which escapes them).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sifund::detail {

// The length of the well-formed UTF-8 sequence at text[i] (2 to 4 bytes) and
// its code point, or 0 when the bytes there are not one (ASCII included).
[[nodiscard]] inline std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    std::size_t length = 0;
    std::uint32_t min = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) length = 2, cp = b0 & 0x1fu, min = 0x80;
    else if (b0 >= 0xe0 && b0 <= 0xef) length = 3, cp = b0 & 0x0fu, min = 0x800;
    else if (b0 >= 0xf0 && b0 <= 0xf4) length = 4, cp = b0 & 0x07u, min = 0x10000;
    else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xc0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    return length;
}

// C0 and C1 controls, DEL, line and paragraph separators, the bidirectional
// marks, embeddings, overrides and isolates, zero-width characters and the
// byte-order mark: a terminal shows none of them as itself.
[[nodiscard]] constexpr bool is_control_or_invisible(std::uint32_t c) noexcept {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) || c == 0xFEFF;
}

}  // namespace sifund::detail
