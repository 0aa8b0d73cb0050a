#pragma once
// A JSON text read in one pass into a flat array of nodes, in document order:
// a container's children follow it, each subtree is contiguous, and a node
// knows how many nodes its subtree spans, so navigation is pointer
// arithmetic. Strings are views into the document's own copy of the text
// (escapes decoded in place, which never lengthens them).
//
// Why not nlohmann::json: its DOM costs a std::map per object and an
// allocation per string. Reading a million stored events through it was most
// of the time of opening or auditing a fund. nlohmann stays the writer and
// the type of JSON handed in by callers.
//
// Strict where nlohmann is, and stricter in two ways: a key given twice is an
// error, "input.duplicate_key" (nlohmann keeps the last, so an amount could
// say two things at once), and nesting deeper than 64 levels is an error (no
// fund document comes near it; it bounds the recursion).

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/error.hpp"

namespace sifund::detail {

enum class JsonKind : std::uint8_t { null, boolean, integer, unsigned_integer, number, string, array, object };

struct JsonNode {
    JsonKind kind = JsonKind::null;
    bool boolean = false;
    std::uint32_t size = 0;  // elements of an array, members of an object
    std::uint32_t span = 1;  // nodes in this subtree, itself included
    std::int64_t integer = 0;
    std::uint64_t unsigned_integer = 0;
    std::string_view key;   // the member's name, for a member of an object
    std::string_view text;  // a string's value, or a number's token

    [[nodiscard]] const JsonNode* first() const noexcept { return this + 1; }
    [[nodiscard]] const JsonNode* next() const noexcept { return this + span; }

    // The member called `name`, or nullptr.
    [[nodiscard]] const JsonNode* find(std::string_view name) const noexcept {
        const JsonNode* c = first();
        for (std::uint32_t i = 0; i < size; ++i, c = c->next())
            if (c->key == name) return c;
        return nullptr;
    }
    // The i-th element or member (linear: arrays in fund documents are short).
    [[nodiscard]] const JsonNode& at(std::size_t i) const noexcept {
        const JsonNode* c = first();
        for (std::size_t k = 0; k < i; ++k) c = c->next();
        return *c;
    }
    template <class F>
    void for_each(F f) const {
        const JsonNode* c = first();
        for (std::uint32_t i = 0; i < size; ++i, c = c->next()) f(*c);
    }
};

class JsonDocument {
public:
    static constexpr int max_depth = 64;

    JsonDocument() = default;
    explicit JsonDocument(std::string_view text) { parse(text); }
    // Nodes point into text_: a copy would point into the original.
    JsonDocument(const JsonDocument&) = delete;
    JsonDocument& operator=(const JsonDocument&) = delete;
    JsonDocument(JsonDocument&&) noexcept = default;
    JsonDocument& operator=(JsonDocument&&) noexcept = default;

    // Reads `text`, replacing what was read before (its storage is reused).
    // Malformed text is an InputError "input.malformed_json" naming the byte.
    const JsonNode& parse(std::string_view text) {
        text_.assign(text.begin(), text.end());
        nodes_.clear();
        at_ = 0;
        skip_space();
        value(0);
        skip_space();
        if (at_ != text_.size()) fail("unexpected text after the JSON value");
        return nodes_.front();
    }

    [[nodiscard]] const JsonNode& root() const noexcept { return nodes_.front(); }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw InputError("input.malformed_json",
                         "malformed JSON at byte " + std::to_string(at_ + 1) + ": " + why);
    }
    [[nodiscard]] std::string_view view() const noexcept { return {text_.data(), text_.size()}; }
    [[nodiscard]] bool done() const noexcept { return at_ >= text_.size(); }
    [[nodiscard]] char peek() const noexcept { return text_[at_]; }
    void skip_space() noexcept {
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            ++at_;
        }
    }
    void expect(char c, const char* what) {
        skip_space();
        if (done() || peek() != c) fail(std::string("expected ") + what);
        ++at_;
    }

    std::size_t push(JsonKind kind) {
        nodes_.emplace_back();
        nodes_.back().kind = kind;
        return nodes_.size() - 1;
    }

    void value(int depth) {
        skip_space();
        if (done()) fail("unexpected end of input; expected a value");
        switch (peek()) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': {
                const std::size_t n = push(JsonKind::string);
                const std::string_view s = string();
                nodes_[n].text = s;
                return;
            }
            case 't': return literal("true", JsonKind::boolean, true);
            case 'f': return literal("false", JsonKind::boolean, false);
            case 'n': return literal("null", JsonKind::null, false);
            default: return number();
        }
    }

    void literal(std::string_view word, JsonKind kind, bool truth) {
        if (view().substr(at_, word.size()) != word) fail("invalid literal");
        at_ += word.size();
        nodes_[push(kind)].boolean = truth;
    }

    void object(int depth) {
        if (depth > max_depth) fail("nested deeper than " + std::to_string(max_depth) + " levels");
        const std::size_t self = push(JsonKind::object);
        ++at_;  // '{'
        skip_space();
        std::uint32_t size = 0;
        bool sorted = true;
        std::string_view last_key;
        if (!done() && peek() == '}') {
            ++at_;
        } else {
            for (;;) {
                skip_space();
                if (done() || peek() != '"') fail("expected a member name in quotes");
                const std::string_view key = string();
                expect(':', "':' after a member name");
                const std::size_t child = nodes_.size();
                value(depth);
                nodes_[child].key = key;
                if (size > 0 && !(last_key < key)) sorted = false;
                last_key = key;
                ++size;
                skip_space();
                if (done()) fail("unexpected end of input in an object");
                if (peek() == ',') {
                    ++at_;
                    continue;
                }
                if (peek() == '}') {
                    ++at_;
                    break;
                }
                fail("expected ',' or '}' in an object");
            }
        }
        nodes_[self].size = size;
        nodes_[self].span = static_cast<std::uint32_t>(nodes_.size() - self);
        // Canonical text has its keys in order, so a duplicate cannot hide;
        // anything else is sorted to find one.
        if (!sorted) {
            keys_.clear();
            nodes_[self].for_each([&](const JsonNode& m) { keys_.push_back(m.key); });
            std::sort(keys_.begin(), keys_.end());
            if (const auto d = std::adjacent_find(keys_.begin(), keys_.end()); d != keys_.end())
                throw InputError("input.duplicate_key", "the key " + quoted(*d) + " appears twice in one object");
        }
    }

    void array(int depth) {
        if (depth > max_depth) fail("nested deeper than " + std::to_string(max_depth) + " levels");
        const std::size_t self = push(JsonKind::array);
        ++at_;  // '['
        skip_space();
        std::uint32_t size = 0;
        if (!done() && peek() == ']') {
            ++at_;
        } else {
            for (;;) {
                value(depth);
                ++size;
                skip_space();
                if (done()) fail("unexpected end of input in an array");
                if (peek() == ',') {
                    ++at_;
                    continue;
                }
                if (peek() == ']') {
                    ++at_;
                    break;
                }
                fail("expected ',' or ']' in an array");
            }
        }
        nodes_[self].size = size;
        nodes_[self].span = static_cast<std::uint32_t>(nodes_.size() - self);
    }

    // JSON's number grammar; integers that fit stay integers (signed when
    // negative, unsigned otherwise), as nlohmann reads them.
    void number() {
        const std::size_t start = at_;
        auto digits = [&] {
            const std::size_t from = at_;
            while (!done() && peek() >= '0' && peek() <= '9') ++at_;
            return at_ - from;
        };
        const bool negative = !done() && peek() == '-';
        if (negative) ++at_;
        if (done() || peek() < '0' || peek() > '9') fail("expected a value");
        if (peek() == '0') {
            ++at_;
            if (!done() && peek() >= '0' && peek() <= '9') fail("a number must not start with 0");
        } else {
            digits();
        }
        bool fraction = false;
        if (!done() && peek() == '.') {
            ++at_;
            if (digits() == 0) fail("expected digits after '.'");
            fraction = true;
        }
        if (!done() && (peek() == 'e' || peek() == 'E')) {
            ++at_;
            if (!done() && (peek() == '+' || peek() == '-')) ++at_;
            if (digits() == 0) fail("expected digits in the exponent");
            fraction = true;
        }
        const std::size_t n = push(JsonKind::number);
        JsonNode& node = nodes_[n];
        node.text = view().substr(start, at_ - start);
        if (fraction) return;
        const char* first = text_.data() + start;
        const char* last = text_.data() + at_;
        if (negative) {
            if (const auto r = std::from_chars(first, last, node.integer); r.ec == std::errc() && r.ptr == last)
                node.kind = JsonKind::integer;
        } else if (const auto r = std::from_chars(first, last, node.unsigned_integer);
                   r.ec == std::errc() && r.ptr == last) {
            node.kind = JsonKind::unsigned_integer;
            node.integer = static_cast<std::int64_t>(node.unsigned_integer);
        }
    }

    static int hex_digit(char c) noexcept {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    std::uint32_t hex4() {
        if (text_.size() - at_ < 4) fail("a \\u escape needs four hex digits");
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const int d = hex_digit(text_[at_++]);
            if (d < 0) fail("a \\u escape needs four hex digits");
            v = v * 16 + static_cast<std::uint32_t>(d);
        }
        return v;
    }
    static std::size_t put_utf8(char* out, std::uint32_t cp) noexcept {
        auto byte = [](std::uint32_t b) { return static_cast<char>(static_cast<unsigned char>(b)); };
        if (cp < 0x80) return out[0] = byte(cp), 1;
        if (cp < 0x800) return out[0] = byte(0xC0 | (cp >> 6)), out[1] = byte(0x80 | (cp & 0x3F)), 2;
        if (cp < 0x10000)
            return out[0] = byte(0xE0 | (cp >> 12)), out[1] = byte(0x80 | ((cp >> 6) & 0x3F)),
                   out[2] = byte(0x80 | (cp & 0x3F)), 3;
        out[0] = byte(0xF0 | (cp >> 18));
        out[1] = byte(0x80 | ((cp >> 12) & 0x3F));
        out[2] = byte(0x80 | ((cp >> 6) & 0x3F));
        out[3] = byte(0x80 | (cp & 0x3F));
        return 4;
    }

    // One well-formed UTF-8 sequence starting at at_ (RFC 3629: no overlong
    // forms, no surrogates, nothing above U+10FFFF).
    void utf8_sequence() {
        const auto b = [&](std::size_t i) { return static_cast<unsigned char>(text_[at_ + i]); };
        const unsigned char lead = b(0);
        std::size_t length = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) lo = 0xA0;
            if (lead == 0xED) hi = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) lo = 0x90;
            if (lead == 0xF4) hi = 0x8F;
        } else {
            fail("invalid UTF-8 in a string");
        }
        if (text_.size() - at_ < length) fail("invalid UTF-8 in a string");
        if (b(1) < lo || b(1) > hi) fail("invalid UTF-8 in a string");
        for (std::size_t i = 2; i < length; ++i)
            if (b(i) < 0x80 || b(i) > 0xBF) fail("invalid UTF-8 in a string");
        at_ += length;
    }

    // A string at at_ ('"'): returns its decoded value, written over the
    // escaped text in place.
    std::string_view string() {
        ++at_;  // opening quote
        const std::size_t begin = at_;
        // The common case: no escapes, plain ASCII or valid UTF-8.
        for (;;) {
            if (done()) fail("unterminated string");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++at_;
                return view().substr(begin, at_ - 1 - begin);
            }
            if (c == '\\') break;
            if (c < 0x20) fail("a control character in a string must be escaped");
            if (c < 0x80) ++at_;
            else utf8_sequence();
        }
        std::size_t out = at_;  // where decoded bytes go
        for (;;) {
            if (done()) fail("unterminated string");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++at_;
                return view().substr(begin, out - begin);
            }
            if (c < 0x20) fail("a control character in a string must be escaped");
            if (c >= 0x80) {
                const std::size_t from = at_;
                utf8_sequence();
                for (std::size_t i = from; i < at_; ++i) text_[out++] = text_[i];
                continue;
            }
            if (c != '\\') {
                text_[out++] = text_[at_++];
                continue;
            }
            ++at_;
            if (done()) fail("unterminated string");
            const char e = text_[at_++];
            switch (e) {
                case '"': text_[out++] = '"'; break;
                case '\\': text_[out++] = '\\'; break;
                case '/': text_[out++] = '/'; break;
                case 'b': text_[out++] = '\b'; break;
                case 'f': text_[out++] = '\f'; break;
                case 'n': text_[out++] = '\n'; break;
                case 'r': text_[out++] = '\r'; break;
                case 't': text_[out++] = '\t'; break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xDC00 && cp <= 0xDFFF) fail("a lone low surrogate in a \\u escape");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (text_.size() - at_ < 2 || text_[at_] != '\\' || text_[at_ + 1] != 'u')
                            fail("a high surrogate must be followed by a low one");
                        at_ += 2;
                        const std::uint32_t low = hex4();
                        if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate must be followed by a low one");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    out += put_utf8(text_.data() + out, cp);  // never longer than the escape it replaces
                    break;
                }
                default: fail("invalid escape in a string");
            }
        }
    }

    std::vector<char> text_;  // not a std::string: its small-string buffer would move with it
    std::vector<JsonNode> nodes_;
    std::vector<std::string_view> keys_;  // scratch for the duplicate check
    std::size_t at_ = 0;
};

}  // namespace sifund::detail
