#pragma once
// Writing the canonical JSON of an event straight to text: members sorted by
// key, no whitespace, strings escaped as nlohmann::json's dump() escapes
// them (so the bytes, and every hash taken over them, are those an
// nlohmann DOM would give). Building that DOM for each event appended was
// most of the cost of an append.
//
// The command codecs write through one interface, `put*` below, to either
// writer: ObjectWriter (text) or NlohmannWriter (a DOM, for callers who
// want one).

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/error.hpp"

namespace sifund::detail {

// `s` as a JSON string: '"' and '\\' escaped, \b \f \n \r \t by name, other
// control characters as \u00xx, everything else (UTF-8 included) as is.
// Invalid UTF-8 is an error, as in nlohmann's dump.
inline void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    std::size_t plain = 0;  // start of the run not yet copied
    auto flush = [&](std::size_t to) { out.append(s.data() + plain, to - plain); };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {  // a UTF-8 sequence, checked as the reader checks it
            std::size_t length = 0;
            unsigned char lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) length = 2;
            else if (c >= 0xE0 && c <= 0xEF) length = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            else if (c >= 0xF0 && c <= 0xF4) length = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            bool ok = length != 0 && s.size() - i >= length;
            for (std::size_t k = 1; ok && k < length; ++k) {
                const auto b = static_cast<unsigned char>(s[i + k]);
                ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
            }
            if (!ok) throw InputError("input.invalid_utf8", "text that is not valid UTF-8 cannot be recorded");
            i += length;
            continue;
        }
        flush(i);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            }
        }
        plain = ++i;
    }
    flush(s.size());
    out += '"';
}

// A JSON object written member by member in any order, and given out with
// its members sorted by key (as std::map orders them: bytewise).
class ObjectWriter {
public:
    void put(std::string_view key, std::string_view value) { append_json_string(begin(key), value); }
    void put(std::string_view key, const std::string& value) { put(key, std::string_view(value)); }
    void put(std::string_view key, const char* value) { put(key, std::string_view(value)); }
    void put(std::string_view key, std::int64_t value) { begin(key) += std::to_string(value); }
    void put(std::string_view key, int value) { put(key, static_cast<std::int64_t>(value)); }
    void put(std::string_view key, bool value) { begin(key) += value ? "true" : "false"; }
    void put(std::string_view key, const std::vector<std::string>& values) {
        std::string& out = begin(key);
        out += '[';
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out += ',';
            append_json_string(out, values[i]);
        }
        out += ']';
    }
    void put(std::string_view key, const std::map<std::string, std::string>& members) {
        put_object(key, [&](ObjectWriter& o) {
            for (const auto& [k, v] : members) o.put(k, v);
        });
    }
    // A value already in canonical JSON (a rulebook, dumped by nlohmann).
    void put_json(std::string_view key, const nlohmann::json& value) { begin(key) += value.dump(); }

    template <class F>
    void put_object(std::string_view key, F fill) {
        ObjectWriter inner;
        fill(inner);
        inner.write(begin(key));
    }
    template <class Range, class F>
    void put_objects(std::string_view key, const Range& items, F fill) {
        std::string& out = begin(key);
        out += '[';
        bool first = true;
        for (const auto& item : items) {
            if (!first) out += ',';
            first = false;
            ObjectWriter inner;
            fill(inner, item);
            inner.write(out);
        }
        out += ']';
    }

    // Appends the object, members sorted, to `out`.
    void write(std::string& out) {
        std::sort(members_.begin(), members_.end(),
                  [](const Member& a, const Member& b) { return a.key < b.key; });
        out += '{';
        for (std::size_t i = 0; i < members_.size(); ++i) {
            if (i) out += ',';
            append_json_string(out, members_[i].key);
            out += ':';
            out += members_[i].value;
        }
        out += '}';
    }
    [[nodiscard]] std::string text() {
        std::string out;
        out.reserve(256);
        write(out);
        return out;
    }

private:
    struct Member {
        std::string key;  // owned: keys of a caller's map need not outlive the writer
        std::string value;
    };
    std::string& begin(std::string_view key) {
        members_.push_back({std::string(key), {}});
        return members_.back().value;
    }
    std::vector<Member> members_;
};

// The same interface, building an nlohmann::json object.
class NlohmannWriter {
public:
    explicit NlohmannWriter(nlohmann::json& j) : j_(j) {}
    template <class T>
    void put(std::string_view key, const T& value) {
        j_[std::string(key)] = value;
    }
    void put_json(std::string_view key, const nlohmann::json& value) { j_[std::string(key)] = value; }
    template <class F>
    void put_object(std::string_view key, F fill) {
        nlohmann::json inner = nlohmann::json::object();
        NlohmannWriter w(inner);
        fill(w);
        j_[std::string(key)] = std::move(inner);
    }
    template <class Range, class F>
    void put_objects(std::string_view key, const Range& items, F fill) {
        nlohmann::json array = nlohmann::json::array();
        for (const auto& item : items) {
            nlohmann::json inner = nlohmann::json::object();
            NlohmannWriter w(inner);
            fill(w, item);
            array.push_back(std::move(inner));
        }
        j_[std::string(key)] = std::move(array);
    }

private:
    nlohmann::json& j_;
};

}  // namespace sifund::detail
