#pragma once
// The text the PostgreSQL store reads and writes besides SQL: COPY's text
// format (how the events travel in both directions, one round trip for a
// whole batch or log), libpq's messages made one line, and a URL without its
// password for every message that names the store.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "sifund/ledger/store.hpp"
#include "store_core.hpp"

namespace sifund::postgres_text {

// libpq's messages end in a newline and may span lines; one line reads better in ours.
inline std::string one_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

// The URL without its password, for messages.
inline std::string redact(const std::string& url) {
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    const auto start = scheme + 3;
    const auto at = url.find('@', start);
    const auto slash = url.find_first_of("/?", start);
    std::string out = url;
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
        const auto colon = url.find(':', start);
        if (colon != std::string::npos && colon < at) out = url.substr(0, colon) + url.substr(at);
    }
    if (const auto pw = out.find("password="); pw != std::string::npos) {
        const auto end = out.find('&', pw);
        out = out.substr(0, pw) + "password=***" + (end == std::string::npos ? "" : out.substr(end));
    }
    return out;
}

// COPY's text format: backslash, tab, newline and carriage return escaped.
inline void append_copy_text(std::string& out, const std::string& text) {
    for (const char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out.push_back(c);
        }
    }
}

inline int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// One field of a COPY text row, unescaped.
inline std::string copy_field(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 == raw.size()) {
            out.push_back(c);
            continue;
        }
        const char e = raw[++i];
        switch (e) {
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'v': out.push_back('\v'); break;
        case 'x': {
            int value = 0, digits = 0;
            while (digits < 2 && i + 1 < raw.size() && hex_value(raw[i + 1]) >= 0) value = value * 16 + hex_value(raw[++i]), ++digits;
            out.push_back(static_cast<char>(value));
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int value = e - '0', digits = 1;
                while (digits < 3 && i + 1 < raw.size() && raw[i + 1] >= '0' && raw[i + 1] <= '7')
                    value = value * 8 + (raw[++i] - '0'), ++digits;
                out.push_back(static_cast<char>(value));
            } else {
                out.push_back(e);  // "\\" and any other escaped character stand for themselves
            }
        }
    }
    return out;
}

// One event as a row of COPY's text format, in store_core::columns' order.
inline void append_copy_row(std::string& out, const StoredEvent& e) {
    out += std::to_string(e.seq);
    for (const std::string* text : store_core::text_columns(e)) {
        out.push_back('\t');
        append_copy_text(out, *text);
    }
    out.push_back('\n');
}

// One row of COPY's text format read into `e`; false when it is not a row of
// the events table (not seven fields, or a seq that is not a number).
inline bool read_copy_row(std::string_view row, StoredEvent& e) {
    if (!row.empty() && row.back() == '\n') row.remove_suffix(1);
    std::string_view fields[7];
    std::size_t start = 0, n = 0;
    for (std::size_t i = 0; i <= row.size(); ++i) {
        if (i < row.size() && row[i] != '\t') continue;
        if (n == 7) return false;
        fields[n++] = row.substr(start, i - start);
        start = i + 1;
    }
    if (n != 7) return false;
    const auto [end, ec] = std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), e.seq);
    if (ec != std::errc() || end != fields[0].data() + fields[0].size()) return false;
    std::size_t field = 1;
    for (std::string* text : store_core::text_columns(e)) *text = copy_field(fields[field++]);
    return true;
}

}  // namespace sifund::postgres_text
