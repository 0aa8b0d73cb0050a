#pragma once
// Reading a recorded history: each event's canonical text is hashed and
// parsed, independently of every other, so a long history is read on
// several threads. What does not hash or parse is reported per event; what
// the chain means (sequence, links, order) is for the caller to judge, the
// fund by refusing to open, the auditor by reporting findings.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sifund/ledger/event.hpp"

namespace sifund {

// Recorded events as read: for the i-th, the event (when its text could be
// read), whether it could be, why not, and whether its text hashes to the
// hash recorded with it.
struct ReadEvents {
    std::vector<Event> events;
    std::vector<char> readable, hash_matches;  // not vector<bool>: threads write neighbours
    std::vector<std::string> unreadable;

    [[nodiscard]] std::size_t size() const noexcept { return events.size(); }
};

// Reads `count` events, the i-th from text(i) and hash(i): the recorded
// canonical text (without its hash) and the hash kept beside it. The first
// event, which establishes the fund, gives the currency the others' amounts
// are read in. Uses up to `threads` threads (0: as many as the machine has)
// for a history long enough to be worth it.
inline ReadEvents read_events(std::size_t count, const std::function<std::string_view(std::size_t)>& text,
                              const std::function<std::string_view(std::size_t)>& hash, unsigned threads = 0) {
    ReadEvents out;
    out.events.resize(count);
    out.readable.assign(count, 0);
    out.hash_matches.assign(count, 0);
    out.unreadable.resize(count);
    if (count == 0) return out;
    // Each thread hashes and parses with its own hasher and scratch document.
    struct Reader {
        detail::Sha256 sha;
        detail::JsonDocument doc;
    };
    auto read_one = [&](Reader& r, std::size_t i, Currency currency) {
        const std::string_view t = text(i), h = hash(i);
        out.hash_matches[i] = r.sha.matches(t, h);
        try {
            out.events[i] = event_from_text(t, h, currency, r.doc);
            out.readable[i] = 1;
        } catch (const std::exception& e) {
            out.unreadable[i] = e.what();
        }
    };
    Reader first;
    read_one(first, 0, Currency::sek());
    const auto* established = out.readable[0] ? out.events[0].command.as<cmd::FundEstablished>() : nullptr;
    const Currency currency = established ? established->currency : Currency::sek();
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = count < 20'000 ? 1 : std::clamp<std::size_t>(threads, 1, 8);
    if (workers == 1) {
        for (std::size_t i = 1; i < count; ++i) read_one(first, i, currency);
        return out;
    }
    // In blocks, so that workers write far apart; interleaved blocks, so
    // that each meets the same mix of event types.
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> failures(workers);
    for (std::size_t w = 0; w < workers; ++w)
        pool.emplace_back([&, w] {
            try {
                Reader reader;
                constexpr std::size_t block = 256;
                for (std::size_t start = 1 + w * block; start < count; start += workers * block)
                    for (std::size_t i = start; i < std::min(count, start + block); ++i) read_one(reader, i, currency);
            } catch (...) {  // OpenSSL failing, or memory running out
                failures[w] = std::current_exception();
            }
        });
    for (auto& t : pool) t.join();
    for (const auto& f : failures)
        if (f) std::rethrow_exception(f);
    return out;
}

}  // namespace sifund
