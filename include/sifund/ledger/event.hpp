#pragma once
// A stored event: the command as accepted plus its place in the ledger
// (seq), when it was recorded, and the hash chain (prev_hash, hash).
//
// The hash is SHA-256 over the canonical serialization of every field but
// the hash itself: the event's JSON object with keys sorted, no whitespace,
// UTF-8 as given (nlohmann::json's dump of a std::map-backed object). It
// covers prev_hash, so changing, removing or reordering any event breaks
// every hash after it.

#include <openssl/evp.h>

#include <array>
#include <cstdint>
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

inline std::string sha256_hex(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw Error("ledger.hash", "SHA-256 failed in OpenSSL");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(2 * length, '0');
    for (unsigned int i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xf];
    }
    return out;
}

inline nlohmann::json event_json_without_hash(const Event& e) {
    nlohmann::json j = to_json(e.command);
    j["seq"] = e.seq;
    j["recorded_at"] = e.recorded_at.to_string();
    j["prev_hash"] = e.prev_hash;
    return j;
}

}  // namespace detail

// The bytes the hash is taken over.
[[nodiscard]] inline std::string canonical_text(const Event& e) { return detail::event_json_without_hash(e).dump(); }

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

// Reads a stored event. The command part is read as strictly as input.
[[nodiscard]] inline Event event_from_json(nlohmann::json j, Currency currency = Currency::sek()) {
    detail::Fields meta(j);
    Event e;
    e.seq = meta.integer("seq", 1, std::numeric_limits<std::int64_t>::max());
    const std::string recorded = meta.string("recorded_at");
    try {
        e.recorded_at = Timestamp::parse(recorded);
    } catch (const Error& err) {
        throw FieldError(err.id(), "recorded_at", std::string("field \"recorded_at\": ") + err.what());
    }
    e.prev_hash = meta.string("prev_hash");
    e.hash = meta.string("hash");
    for (const char* key : {"seq", "recorded_at", "prev_hash", "hash"}) j.erase(key);
    e.command = command_from_json(j, currency);
    return e;
}

}  // namespace sifund
