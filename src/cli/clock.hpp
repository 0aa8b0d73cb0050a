#pragma once
// The CLI is the one place that reads the clock: it passes "now" and "today"
// into the library, which never asks for them itself.

#include <chrono>

#include <sifund/time/timestamp.hpp>

namespace sifund::cli {

inline Timestamp now_utc() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp::from_micros(std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count());
}

inline Date today_utc() { return now_utc().date(); }

}  // namespace sifund::cli
