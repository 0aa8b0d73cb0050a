#pragma once
// ids.confusable: ids that differ only by case or by look.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/detail/code_points.hpp"

namespace sifund::detail {

// The Latin letter a Cyrillic or Greek letter looks like, lowercase, or 0.
inline char latin_look_alike(char32_t cp) {
    struct Pair {
        char32_t from;
        char to;
    };
    static constexpr Pair table[] = {
        // Cyrillic lowercase: а е о р с у х і ј ѕ ԁ ӏ ԛ ԝ
        {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'},
        {0x0456, 'i'}, {0x0458, 'j'}, {0x0455, 's'}, {0x0501, 'd'}, {0x04CF, 'l'}, {0x051B, 'q'}, {0x051D, 'w'},
        // Cyrillic uppercase: А В Е К М Н О Р С Т Х У І Ј Ѕ
        {0x0410, 'a'}, {0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'},
        {0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'}, {0x0425, 'x'}, {0x0423, 'y'}, {0x0406, 'i'}, {0x0408, 'j'},
        {0x0405, 's'},
        // Greek uppercase: Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ
        {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'}, {0x0399, 'i'}, {0x039A, 'k'},
        {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'}, {0x03A5, 'y'}, {0x03A7, 'x'},
        // Greek lowercase: ο ν ρ α ι κ
        {0x03BF, 'o'}, {0x03BD, 'v'}, {0x03C1, 'p'}, {0x03B1, 'a'}, {0x03B9, 'i'}, {0x03BA, 'k'},
    };
    for (const Pair& p : table)
        if (p.from == cp) return p.to;
    return 0;
}

// What an id looks like: ASCII lowercased, fullwidth ASCII (U+FF01-FF5E) and
// the Cyrillic and Greek letters that look Latin read as Latin lowercase.
// Two ids with one skeleton read alike to a person.
inline std::string skeleton(std::string_view id) {
    std::string out;
    out.reserve(id.size());
    for (std::size_t i = 0; i < id.size();) {
        std::uint32_t decoded = 0;
        const std::size_t n = decode_utf8(id, i, decoded);  // 0: ASCII (or a stray byte, read as itself)
        char32_t cp = n ? decoded : static_cast<unsigned char>(id[i]);
        const std::size_t length = n ? n : 1;
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
        if (cp < 0x80) {
            out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else if (const char latin = latin_look_alike(cp)) {
            out += latin;
        } else {
            out.append(id.substr(i, length));  // as written
        }
        i += length;
    }
    return out;
}

// An id for a message, with the event that first named it: quoted, and
// naming what is not ASCII, which a reader cannot see.
inline std::string named(std::string_view id, std::int64_t seq) {
    std::string codes;
    for (std::size_t i = 0; i < id.size();) {
        std::uint32_t cp = 0;
        const std::size_t n = decode_utf8(id, i, cp);
        i += n ? n : 1;
        if (!n) continue;  // ASCII
        static constexpr char hex[] = "0123456789ABCDEF";
        std::string code = "U+";
        for (int shift = cp > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) code += hex[(cp >> shift) & 0xF];
        if (codes.find(code) == std::string::npos) codes += (codes.empty() ? "" : ", ") + code;
    }
    return "\"" + std::string(id) + "\" (" + (codes.empty() ? "" : "with " + codes + "; ") + "first in event " +
           std::to_string(seq) + ")";
}

// ids.confusable: per kind (grants, applications, actors), a map from each
// skeleton to the first id with that look and the event that named it. A new
// id whose look is taken is one finding, against the first id of that look.
// Grants and applications are named once, where they are created (a second
// creation of one id is the fund's grant.duplicate or application.duplicate);
// actors are named by every event, so the ids already seen are looked up
// first and only a new one has its skeleton taken.
class ConfusableIds {
public:
    void see_event(const Event& e, std::vector<Finding>& out) {
        const Command& c = e.command;
        see_actor(c.actor, e.seq, out);
        if (const auto* a = c.as<cmd::ApplicationSubmitted>()) {
            see(applications_, "application", a->application, e.seq, out);
            for (const auto& who : a->applicants) see_actor(who, e.seq, out);
            for (const auto& saving : a->expected_savings) see_actor(saving.unit, e.seq, out);
        } else if (const auto* g = c.as<cmd::GrantDecided>()) {
            see(grants_, "grant", g->grant, e.seq, out);
        } else if (const auto* r = c.as<cmd::RulebookAdopted>()) {
            for (const auto& [holder, roles] : r->rules.roles) see_actor(holder, e.seq, out);
        } else if (const auto* v = c.as<cmd::SavingsVerified>()) {
            see_actor(v->unit, e.seq, out);
        } else if (const auto* p = c.as<cmd::RepaymentReceived>()) {
            see_actor(p->unit, e.seq, out);
        }
    }

private:
    struct Kind {
        std::unordered_map<std::string, std::pair<std::string, std::int64_t>> first_of_look;  // skeleton -> first id
        std::set<std::string, std::less<>> reported;  // ids already found confusable
    };
    void see_actor(const std::string& id, std::int64_t seq, std::vector<Finding>& out) {
        if (actors_seen_.find(id) != actors_seen_.end()) return;  // the clean path: an actor seen before
        actors_seen_.insert(id);
        see(actors_, "actor", id, seq, out);
    }
    static void see(Kind& k, const char* kind, const std::string& id, std::int64_t seq, std::vector<Finding>& out) {
        const auto [it, fresh] = k.first_of_look.try_emplace(skeleton(id), id, seq);
        if (fresh) return;
        const auto& [first, first_seq] = it->second;
        if (first == id || !k.reported.insert(id).second) return;  // the same id again, or a pair already found
        const bool is_actor = std::string_view(kind) == "actor";
        out.push_back(hindsight("ids.confusable", Severity::warning, seq, is_actor ? std::string() : id,
                                "the " + std::string(kind) + " ids " + named(first, first_seq) + " and " +
                                    named(id, seq) + " differ only by case or by look: a reader takes them for one " +
                                    kind + ", the fund keeps them apart"));
    }
    Kind grants_, applications_, actors_;
    std::set<std::string, std::less<>> actors_seen_;
};

}  // namespace sifund::detail

namespace sifund::hindsight {

class ConfusableIds final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"ids.confusable"}; }
    void before_fold(const Seen& seen, Findings& out) override { ids_.see_event(seen.event, out); }

private:
    detail::ConfusableIds ids_;
};

}  // namespace sifund::hindsight
