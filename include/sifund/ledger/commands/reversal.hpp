#pragma once
// event.reversed (DESIGN §4.1): the ledger is never edited; a mistake is
// taken back by an event of its own. With its descriptor (ledger/descriptor.hpp).

#include <cstdint>
#include <limits>
#include <string>

#include "sifund/ledger/descriptor.hpp"

namespace sifund::cmd {

namespace custom {
// A command file names the event to reverse by "seq" (DESIGN §4.1); a stored
// event has a "seq" of its own, so there the target is written "reverses".
// Reading takes either, never both.
struct ReversalTarget {
    [[nodiscard]] constexpr field::Shape shape() const { return {"seq (\"reverses\" when stored)"}; }
    template <class F, class C>
    std::int64_t read(F& f, std::string_view, Currency, const C&) const {
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        return f.has("reverses") ? f.integer("reverses", 1, max) : f.integer("seq", 1, max);
    }
    template <class W>
    void write(W& w, std::string_view, std::int64_t v) const { w.put("reverses", v); }
};
}  // namespace custom

struct EventReversed {
    static constexpr std::string_view type = "event.reversed";
    std::int64_t seq = 0;
    std::string reason;

    static constexpr CommandInfo info{
        .summary = "Takes back an earlier event (its books posted in reverse); a decision is reversed by whoever may take it.",
        .default_roles = {"finance"},
        .example = R"({"type":"event.reversed","date":"2014-01-20","actor":"ekonomi","seq":7,"reason":"paid to the wrong grant"})"};
    static constexpr auto fields() {
        return std::tuple{field::of("seq", &EventReversed::seq, custom::ReversalTarget{}, "the event to take back"),
                          field::of("reason", &EventReversed::reason, field::Text{}, "why")};
    }
    [[nodiscard]] std::string label() const { return {}; }
};

}  // namespace sifund::cmd
