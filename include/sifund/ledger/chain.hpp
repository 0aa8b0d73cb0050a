#pragma once
// The one verifier of a recorded history (DESIGN §3): every event's hash
// matches its text, it can be read, it comes in its place (seq one more than
// the event before, prev_hash that event's hash), the columns a store indexes
// it by agree with it, and it was not recorded before the event ahead of it
// (the fold that answers "known at" stops at the first event recorded after
// the time asked, so it relies on that order). The Fund throws the first
// fault when it opens a store; the auditor reports them all.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/ledger/event.hpp"
#include "sifund/ledger/event_reader.hpp"
#include "sifund/ledger/recording_time.hpp"
#include "sifund/ledger/store.hpp"

namespace sifund {

// One fault of a history: an integrity.* id, the event it is found on, the
// sentence the auditor and the Fund both say, and, where it has them, what
// was expected and what was found.
struct ChainFault {
    std::string id;
    std::int64_t seq = 0;
    std::string message;
    std::string expected, actual;
    // Where the history stops being whole: the event's seq, except for
    // integrity.sequence, where it is the seq that should have come (the
    // first one missing). The Fund's IntegrityError names this one.
    std::int64_t breaks_at = 0;
};

// What the verifier knows of the i-th recorded event besides its text: the
// seq it claims (a store's seq column, a line's "seq"), the hash kept beside
// it, the line it was read from (0 for a store) and the columns a store
// indexes it by (null when read from a file).
struct ChainLink {
    std::int64_t claimed_seq = 0;
    std::string_view hash;
    std::size_t line = 0;
    const StoredEvent* row = nullptr;
};

// Verifies the events `read` in order, `link(i)` telling what was kept beside
// the i-th. Returns every fault, in the order of the history and, within an
// event, hash, unreadable, sequence, chain, columns, recorded_at. An event that
// cannot be read is passed over: the next is expected to follow the hash and
// the seq it claimed. Stops after `limit` faults (the Fund needs one).
template <class LinkOf>
[[nodiscard]] std::vector<ChainFault> verify_chain(const ReadEvents& read, LinkOf&& link,
                                                   std::size_t limit = std::numeric_limits<std::size_t>::max()) {
    std::vector<ChainFault> faults;
    auto fault = [&](std::string id, std::int64_t seq, std::string message, std::string expected = {},
                     std::string actual = {}, std::int64_t breaks_at = 0) {
        faults.push_back({std::move(id), seq, std::move(message), std::move(expected), std::move(actual),
                          breaks_at ? breaks_at : seq});
    };
    std::string_view prev_hash = genesis_hash;
    std::int64_t expected_seq = 1;
    std::optional<Timestamp> last_recorded;
    for (std::size_t i = 0; i < read.size() && faults.size() < limit; ++i) {
        const ChainLink in = link(i);
        const std::string where = in.line ? " (line " + std::to_string(in.line) + ")" : "";
        const std::string claimed = "event " + std::to_string(in.claimed_seq) + where;
        if (!read.hash_matches[i])
            fault("integrity.hash", in.claimed_seq,
                  claimed + " was changed after it was recorded: its hash does not match its content");
        if (!read.readable[i]) {
            fault("integrity.unreadable", in.claimed_seq, claimed + " cannot be read: " + read.unreadable[i]);
            prev_hash = in.hash;
            expected_seq = in.claimed_seq + 1;
            continue;
        }
        const Event& e = read.events[i];
        const std::string event = "event " + std::to_string(e.seq) + where;
        if (e.seq != expected_seq) {
            const bool missing = e.seq > expected_seq;
            fault("integrity.sequence", e.seq,
                  missing ? "events " + std::to_string(expected_seq) + ".." + std::to_string(e.seq - 1) +
                                " are missing before " + event
                          : event + " comes after event " + std::to_string(expected_seq - 1) +
                                ": events were reordered or repeated",
                  std::to_string(expected_seq), std::to_string(e.seq), expected_seq);
        }
        if (e.prev_hash != prev_hash)
            fault("integrity.chain", e.seq, event + " does not follow the event before it: its prev_hash differs",
                  std::string(prev_hash), e.prev_hash);
        if (in.row && (in.row->seq != e.seq || in.row->type != e.command.type() ||
                       in.row->date != e.command.date.to_string() || in.row->recorded_at != e.recorded_at.to_string() ||
                       in.row->prev_hash != e.prev_hash))
            fault("integrity.columns", e.seq,
                  "the stored columns of event " + std::to_string(e.seq) +
                      " (seq, type, date, recorded_at, prev_hash) disagree with the event");
        if (last_recorded && e.recorded_at < *last_recorded)
            fault("integrity.recorded_at", e.seq, recorded_out_of_order(e.seq, e.recorded_at, *last_recorded));
        last_recorded = e.recorded_at;
        prev_hash = in.hash;
        expected_seq = e.seq + 1;
    }
    return faults;
}

}  // namespace sifund
