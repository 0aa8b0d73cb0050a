#pragma once
// When an event may say it was recorded. Recording times only go forward
// (Fund refuses one before the last event's, "ledger.recorded_at"), so a
// time given by hand that lies ahead of the clock would lock the fund: every
// later append at the real time would be refused until the clock caught up.
// A time ahead of the clock by more than a small tolerance (clocks of two
// machines differ by seconds, not minutes) is therefore refused. The library
// never reads the clock: the caller passes `now` in.

#include <chrono>
#include <cstdint>
#include <string>

#include "sifund/error.hpp"
#include "sifund/time/timestamp.hpp"

namespace sifund {

// How far ahead of the caller's clock a recording time may lie.
inline constexpr std::chrono::minutes recording_clock_tolerance{5};

// Throws InputError "ledger.recorded_in_future" when `recorded_at` is more
// than recording_clock_tolerance after `now`; `what` names where the time
// came from in the message ("--recorded-at", "recorded_at").
inline void check_recording_time(Timestamp recorded_at, Timestamp now, const std::string& what = "the recording time") {
    const std::int64_t tolerance =
        std::chrono::duration_cast<std::chrono::microseconds>(recording_clock_tolerance).count();
    if (recorded_at.micros() - now.micros() > tolerance)
        throw InputError("ledger.recorded_in_future",
                         what + " " + recorded_at.to_string() + " is after the clock's time " + now.to_string() +
                             " by more than " + std::to_string(recording_clock_tolerance.count()) +
                             " minutes; a recording time in the future would refuse every later append until then");
}

// Why an event out of recording order breaks a ledger ("integrity.recorded_at"):
// the fold that answers "known at" stops at the first event recorded after it.
// One text for the Fund that refuses to open such a store and the auditor
// that reports it.
[[nodiscard]] inline std::string recorded_out_of_order(std::int64_t seq, Timestamp recorded_at, Timestamp before) {
    return "event " + std::to_string(seq) + " was recorded at " + recorded_at.to_string() +
           ", before the event ahead of it (" + before.to_string() + ")";
}

}  // namespace sifund
