#pragma once
// Commands to and from their JSON form (DESIGN §4.1), by their descriptors.
// Reading is strict: wrong types, missing or unknown fields and impossible
// values are FieldErrors naming the field; writing gives the canonical form
// that the ledger stores and hashes (amounts as "1234.50", keys sorted).

#include <nlohmann/json.hpp>
#include <string>

#include "sifund/detail/fields.hpp"
#include "sifund/ledger/commands.hpp"
#include "sifund/ledger/detail/canonical_writer.hpp"

namespace sifund {

namespace detail {

// A command's fields are read and written as its descriptor lists them
// (ledger/descriptor.hpp): in that order, each by its kind.
template <class T>
struct CommandCodec {
    template <class F>
    static T read(F& f, Currency cur) {
        T c;
        field::read_fields(f, c, cur);
        return c;
    }
    template <class W>
    static void write(W& w, const T& c) {
        field::write_fields(w, c);
    }
};

template <std::size_t I = 0, class F>
CommandBody read_body(std::string_view type, F& f, Currency cur) {
    if constexpr (I == std::variant_size_v<CommandBody>) {
        std::string known;
        for (std::string_view t : command_types()) known += (known.empty() ? "" : ", ") + std::string(t);
        throw FieldError("input.unknown_type", "type", "unknown command type " + sifund::detail::quoted(type) + "; known: " + known);
    } else {
        using T = std::variant_alternative_t<I, CommandBody>;
        if (type == T::type) return CommandBody(std::in_place_index<I>, CommandCodec<T>::read(f, cur));
        return read_body<I + 1, F>(type, f, cur);
    }
}


// Reads the command fields of an object whose reader `f` has already taken
// any others (an event's seq, recording time and hashes).
template <class F>
Command read_command(F& f, Currency currency) {
    const std::string type = f.string("type");
    Command c;
    c.date = f.date("date");
    c.actor = f.id("actor");
    c.body = read_body(type, f, currency);
    f.finish();
    return c;
}

}  // namespace detail

// Reads one command object. Amounts are read in the fund's currency (a
// figure marked with another is refused).
[[nodiscard]] inline Command command_from_json(const nlohmann::json& object, Currency currency = Currency::sek()) {
    detail::Fields f(object);
    return detail::read_command(f, currency);
}
[[nodiscard]] inline Command command_from_json(const detail::JsonNode& object, Currency currency = Currency::sek()) {
    detail::NodeFields f(object);
    return detail::read_command(f, currency);
}

// Reads one command from its JSON text (a line of a command file).
[[nodiscard]] inline Command command_from_text(std::string_view text, Currency currency = Currency::sek()) {
    detail::JsonDocument doc;
    return command_from_json(doc.parse(text), currency);
}

// The canonical JSON of a command: type, date, actor and its own fields.
namespace detail {
template <class W>
void write_command(W& w, const Command& c) {
    w.put("type", c.type());
    w.put("date", c.date.to_string());
    w.put("actor", c.actor);
    std::visit([&](const auto& b) { CommandCodec<std::remove_cvref_t<decltype(b)>>::write(w, b); }, c.body);
}
}  // namespace detail

[[nodiscard]] inline nlohmann::json to_json(const Command& c) {
    nlohmann::json j = nlohmann::json::object();
    detail::NlohmannWriter w(j);
    detail::write_command(w, c);
    return j;
}

}  // namespace sifund
