#pragma once
// A stored event: the command as accepted plus its place in the ledger
// (seq), when it was recorded, and the hash chain (prev_hash, hash).
//
// The hash is SHA-256 over the canonical serialization of every field but
// the hash itself: the event's JSON object with keys sorted, no whitespace,
// UTF-8 as given (the bytes nlohmann::json's dump of a std::map-backed
// object gives; ledger/detail/canonical_writer.hpp writes them directly). It
// covers prev_hash, so changing, removing or reordering any event breaks
// every hash after it.

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <span>
#include <nlohmann/json.hpp>
#include <string>

#include "sifund/ledger/command_json.hpp"
#include "sifund/time/timestamp.hpp"

namespace sifund {

inline const std::string genesis_hash(64, '0');

struct Event {
    std::int64_t seq = 0;
    Timestamp recorded_at;
    std::string prev_hash;
    std::string hash;
    Command command;
};

namespace detail {

// SHA-256 in hex. One hasher keeps its OpenSSL context for many digests
// (making one per digest was a tenth of reading a ledger); it is not shared
// between threads.
class Sha256 {
public:
    Sha256() : ctx_(EVP_MD_CTX_new()) {
        if (!ctx_) throw Error("ledger.hash", "OpenSSL could not make a SHA-256 context");
    }
    ~Sha256() { EVP_MD_CTX_free(ctx_); }
    // A context holds nothing between digests: a copy is a fresh hasher.
    Sha256(const Sha256&) : Sha256() {}
    Sha256& operator=(const Sha256&) noexcept { return *this; }

    // The 64 hex digits of the digest of `bytes`, into `out`.
    void hex(std::string_view bytes, char (&out)[64]) {
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned int length = 0;
        if (EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1 ||
            EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) != 1 ||
            EVP_DigestFinal_ex(ctx_, digest.data(), &length) != 1 || length != 32)
            throw Error("ledger.hash", "SHA-256 failed in OpenSSL");
        static constexpr char digits[] = "0123456789abcdef";
        for (unsigned int i = 0; i < 32; ++i) {
            out[2 * i] = digits[digest[i] >> 4];
            out[2 * i + 1] = digits[digest[i] & 0xf];
        }
    }
    [[nodiscard]] std::string hex(std::string_view bytes) {
        char out[64];
        hex(bytes, out);
        return std::string(out, 64);
    }
    // Whether `bytes` hash to `expected` (64 lowercase hex digits).
    [[nodiscard]] bool matches(std::string_view bytes, std::string_view expected) {
        char out[64];
        hex(bytes, out);
        return expected == std::string_view(out, 64);
    }

private:
    EVP_MD_CTX* ctx_;
};

inline std::string sha256_hex(std::string_view bytes) { return Sha256().hex(bytes); }

inline nlohmann::json event_json_without_hash(const Event& e) {
    nlohmann::json j = to_json(e.command);
    j["seq"] = e.seq;
    j["recorded_at"] = e.recorded_at.to_string();
    j["prev_hash"] = e.prev_hash;
    return j;
}

}  // namespace detail

// The event numbered `seq` in `history`: where a whole ledger keeps it (at
// seq - 1), or, in a history with gaps (an audit that could not read some
// events), wherever it is. nullptr when it is not there.
[[nodiscard]] inline const Event* find_event(std::span<const Event> history, std::int64_t seq) noexcept {
    if (seq < 1) return nullptr;
    const auto at = static_cast<std::size_t>(seq - 1);
    if (at < history.size() && history[at].seq == seq) return &history[at];
    for (auto it = history.rbegin(); it != history.rend(); ++it)
        if (it->seq == seq) return &*it;
    return nullptr;
}

// The bytes the hash is taken over.
[[nodiscard]] inline std::string canonical_text(const Event& e) {
    detail::ObjectWriter w;
    detail::write_command(w, e.command);
    w.put("seq", e.seq);
    w.put("recorded_at", e.recorded_at.to_string());
    w.put("prev_hash", e.prev_hash);
    return w.text();
}

[[nodiscard]] inline std::string compute_hash(const Event& e) { return detail::sha256_hex(canonical_text(e)); }

// The exported form: the canonical JSON with the hash added (one JSONL line).
[[nodiscard]] inline nlohmann::json to_json(const Event& e) {
    nlohmann::json j = detail::event_json_without_hash(e);
    j["hash"] = e.hash;
    return j;
}

// A JSONL line from canonical text and its hash, without reparsing: the hash
// goes last, after the sorted fields it covers.
[[nodiscard]] inline std::string jsonl_line(std::string_view canonical, std::string_view hash) {
    std::string line(canonical.substr(0, canonical.size() - 1));
    line += ",\"hash\":\"";
    line += hash;
    line += "\"}";
    return line;
}

namespace detail {

// The inverse of jsonl_line: the canonical text of a line that ends with its
// hash as the last member, or "" when the line is not shaped so.
[[nodiscard]] inline std::string without_last_member(std::string_view line, std::string_view key,
                                                     std::string_view value) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    const std::string tail = ",\"" + std::string(key) + "\":\"" + std::string(value) + "\"}";
    if (line.size() <= tail.size() || line.substr(line.size() - tail.size()) != tail) return {};
    std::string out(line.substr(0, line.size() - tail.size()));
    out += '}';
    return out;
}

// An event's own fields, then its command. With `hash` given (a stored row
// keeps it beside the text), a "hash" in the object is an unknown field.
template <class F>
Event read_event(F& f, std::optional<std::string_view> hash, Currency currency) {
    Event e;
    e.seq = f.integer("seq", 1, std::numeric_limits<std::int64_t>::max());
    const std::string recorded = f.string("recorded_at");
    try {
        e.recorded_at = Timestamp::parse(recorded);
    } catch (const Error& err) {
        throw FieldError(err.id(), "recorded_at", std::string("field \"recorded_at\": ") + err.what());
    }
    e.prev_hash = f.string("prev_hash");
    e.hash = hash ? std::string(*hash) : f.string("hash");
    e.command = read_command(f, currency);
    return e;
}

}  // namespace detail

// Reads an exported event (with its "hash"). The command part is read as strictly as input.
[[nodiscard]] inline Event event_from_json(const nlohmann::json& j, Currency currency = Currency::sek()) {
    detail::Fields f(j);
    return detail::read_event(f, std::nullopt, currency);
}

// Reads a stored event from its canonical text and the hash kept beside it,
// parsing into `scratch` (reused from one event to the next).
[[nodiscard]] inline Event event_from_text(std::string_view canonical, std::string_view hash, Currency currency,
                                           detail::JsonDocument& scratch) {
    detail::NodeFields f(scratch.parse(canonical));
    return detail::read_event(f, hash, currency);
}

}  // namespace sifund
