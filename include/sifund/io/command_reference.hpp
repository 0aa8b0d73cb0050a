#pragma once
// The command reference (docs/commands.md), written from the commands'
// descriptors (ledger/descriptor.hpp) so that it cannot drift from what the
// reader accepts: every type with its summary, its fields (the JSON each
// takes, whether it may be left out, what it means), whether it moves money
// or may be reversed, who may give it by default, and an example line.
// `sifund commands` prints it; a test compares it with docs/commands.md.

#include <string>
#include <string_view>

#include "sifund/ledger/commands.hpp"

namespace sifund {

namespace detail::reference {

// "`a`, `b` or `c`" for a field that takes one of a few words.
template <class Kind>
std::string takes(const Kind& kind, std::string_view shape) {
    if constexpr (requires { kind.words; }) {
        std::string out;
        const std::size_t count = kind.words[2].empty() ? 2 : 3;
        for (std::size_t i = 0; i < count; ++i)
            out += (i == 0 ? "" : i + 1 == count ? " or " : ", ") + std::string("`") + std::string(kind.words[i]) + "`";
        if constexpr (requires { kind.fallback; })
            if (!kind.fallback.empty()) out += " (`" + std::string(kind.fallback) + "` when left out)";
        return out;
    } else {
        return std::string(shape);
    }
}

template <class FieldT>
std::string row(const FieldT& f) {
    const field::Shape shape = f.shape();
    std::string kind_text;
    if constexpr (requires { f.kind; })
        kind_text = takes(f.kind, shape.json);
    else
        kind_text = std::string(shape.json);
    return "| `" + std::string(f.name) + "` | " + kind_text + " | " + (shape.required ? "yes" : "no") + " | " +
           std::string(f.doc) + " |\n";
}

inline std::string roles_text(const CommandInfo& info) {
    if (info.appended_by_fund) return "sifund itself (actor `sifund`)";
    std::string out;
    for (std::string_view r : info.default_roles)
        if (!r.empty()) out += (out.empty() ? "" : ", ") + std::string(r);
    return out.empty() ? "nobody" : out;
}

}  // namespace detail::reference

// The whole reference as Markdown.
[[nodiscard]] inline std::string command_reference_markdown() {
    namespace ref = detail::reference;
    std::string out =
        "# Commands\n\n"
        "<!-- Written by `sifund commands` from the command descriptors in include/sifund/ledger/commands/;\n"
        "     a test fails when this file and the descriptors differ. Do not edit by hand. -->\n\n"
        "A command file has one JSON object per line. `sifund apply` validates every line against the\n"
        "fund's rules and appends them all, or none. Amounts are decimal strings in the fund's currency\n"
        "(`\"1500000.00\"`, or `\"1500000.00 SEK\"`); rates are decimal strings (`\"0.005\"` is 0.5 %);\n"
        "dates are `YYYY-MM-DD`. A field that is not listed is refused, as is a required one left out.\n\n"
        "Every command, whatever its type, has these fields:\n\n"
        "| field | takes | required | meaning |\n|---|---|---|---|\n"
        "| `type` | one of the types below | yes | what the command does |\n"
        "| `date` | YYYY-MM-DD | yes | its effective date: when it happened, not when it was recorded |\n"
        "| `actor` | id | yes | who gives it; the rulebook's permissions map actors to roles |\n\n"
        "\"May be given by\" names the roles of the default permission table, used when the rulebook\n"
        "maps actors to roles (`roles`) but names no permissions of its own. \"Moves money\" means the command posts to the books\n"
        "that `sifund export` writes; \"reversible\" means `event.reversed` may take it back.\n\n"
        "| type | moves money | reversible | may be given by |\n|---|---|---|---|\n";
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        out += "| [`" + std::string(T::type) + "`](#" + std::string(T::type).erase(std::string(T::type).find('.'), 1) +
               ") | " + (T::info.moves_money ? "yes" : "no") + " | " + (T::info.reversible ? "yes" : "no") + " | " +
               ref::roles_text(T::info) + " |\n";
    });
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        out += "\n## " + std::string(T::type) + "\n\n" + std::string(T::info.summary) + "\n\n";
        out += std::string("Moves money: ") + (T::info.moves_money ? "yes" : "no") +
               ". Reversible: " + (T::info.reversible ? "yes" : "no") +
               (T::info.decision ? ", as a decision: reversing it takes a role that may decide it" : "") +
               ". May be given by: " + ref::roles_text(T::info) + ".\n\n";
        out += "| field | takes | required | meaning |\n|---|---|---|---|\n";
        std::apply([&](const auto&... f) { ((out += ref::row(f)), ...); }, T::fields());
        out += "\n```json\n" + std::string(T::info.example) + "\n```\n";
    });
    return out;
}

}  // namespace sifund
