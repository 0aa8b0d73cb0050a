#pragma once
// Retrying an append that lost a race with another writer. The store refuses
// a batch that does not continue what is stored (ConcurrencyError) and
// writes nothing of it; the caller reloads, checks its commands again against
// the new state (they may now be refused) and tries again, a bounded number
// of times, after a short random pause so that writers fall out of step.

#include <algorithm>
#include <chrono>
#include <ostream>
#include <random>
#include <string>
#include <thread>

#include <sifund/ledger/store.hpp>

namespace sifund::cli {

inline constexpr int max_append_attempts = 20;

template <class Attempt>
auto with_retries(std::ostream& notes, Attempt attempt) -> decltype(attempt()) {
    std::random_device seed;
    std::minstd_rand random(seed());
    for (int n = 1;; ++n) {
        try {
            return attempt();
        } catch (const ConcurrencyError& e) {
            if (n == max_append_attempts)
                throw ConcurrencyError(e.id(), std::string(e.what()) + "; gave up after " +
                                                   std::to_string(max_append_attempts) +
                                                   " attempts while other writers kept appending first");
            notes << "sifund apply: another writer appended first; reloading and checking again (attempt " << n + 1
                  << " of " << max_append_attempts << ")\n";
            const int cap_ms = std::min(2 << std::min(n, 7), 200);  // 4, 8, ... up to 200 ms
            std::this_thread::sleep_for(std::chrono::milliseconds(1 + static_cast<int>(random() % static_cast<unsigned>(cap_ms))));
        }
    }
}

}  // namespace sifund::cli
