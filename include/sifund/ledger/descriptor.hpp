#pragma once
// A command's descriptor: what the rest of sifund needs to know about a
// command type besides its fold and its checks. Each command struct
// (ledger/commands/*.hpp) carries one:
//
//   static constexpr CommandInfo info{.summary = …, .moves_money = …, .reversible = …,
//                                     .default_roles = {…}, .example = …};
//   static constexpr auto fields() { return std::tuple{field::of("grant", &GrantDisbursed::grant, field::Id{}), …}; }
//   std::string label() const;   // how the books name it: a grant, a budget year, …
//
// The JSON reader and the canonical writer (ledger/command_json.hpp), the
// default permissions, the reversible types, label_of and the command
// reference (docs/commands.md) all read it, so adding a command is one
// struct with its descriptor, its fold (fund/apply.hpp) and its checks.

#include <array>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "sifund/ledger/field_kinds.hpp"

namespace sifund {

struct CommandInfo {
    std::string_view summary;     // one sentence for the command reference
    bool moves_money = false;     // it posts to the books (cash, allocations, obligations)
    bool reversible = false;      // event.reversed may take it back
    bool appended_by_fund = false;  // only sifund itself gives it (actor "sifund"), never a person
    bool decision = false;        // a body's decision (board, delegate, council): undoing it is deciding again
    std::array<std::string_view, 3> default_roles = {};  // who may give it when the rulebook says nothing
    std::string_view example;     // one command-file line, read back by the tests
};

namespace field {

// One field of a command: its JSON name, the member it fills and its kind.
template <class C, class M, class K>
struct Field {
    std::string_view name;
    M C::*member;
    K kind;
    std::string_view doc;

    [[nodiscard]] constexpr Shape shape() const { return kind.shape(); }
    template <class F>
    void read(F& f, C& c, Currency cur) const {
        c.*member = kind.read(f, name, cur, c);
    }
    template <class W>
    void write(W& w, const C& c) const {
        kind.write(w, name, c.*member);
    }
};

template <class C, class M, class K>
constexpr Field<C, M, K> of(std::string_view name, M C::*member, K kind, std::string_view doc = {}) {
    return {name, member, kind, doc};
}

// Reads every field of `C` in the order of its descriptor (the order errors
// are found in), and writes them (the writers sort the keys).
template <class C, class F>
void read_fields(F& f, C& c, Currency cur) {
    std::apply([&](const auto&... field) { (field.read(f, c, cur), ...); }, C::fields());
}
template <class C, class W>
void write_fields(W& w, const C& c) {
    std::apply([&](const auto&... field) { (field.write(w, c), ...); }, C::fields());
}

// A list of objects that have a descriptor of their own (a grant's tranches,
// an application's indicators); it may be left out, and is left out when empty.
template <class T>
struct Objects {
    std::string_view item;  // how the command reference names one of them
    [[nodiscard]] constexpr Shape shape() const { return {item, false}; }
    template <class F, class C>
    std::vector<T> read(F& f, std::string_view n, Currency cur, const C&) const {
        if (!f.has(n)) return (void)f.raw(n), std::vector<T>{};
        return f.objects(n, [cur](F& one) {
            T t;
            read_fields(one, t, cur);
            return t;
        });
    }
    template <class W>
    void write(W& w, std::string_view n, const std::vector<T>& v) const {
        if (!v.empty()) w.put_objects(n, v, [](auto& o, const T& t) { write_fields(o, t); });
    }
};

}  // namespace field

// The roles of the default permission table (DESIGN §4.2), in the order the
// command reference lists them; "auditor" may give nothing.
inline constexpr std::array<std::string_view, 7> default_role_names = {
    "council", "board", "board-delegate", "finance", "unit", "evaluator", "auditor"};

}  // namespace sifund
