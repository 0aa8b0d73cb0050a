#pragma once
// When events were recorded against when they take effect: back-dated
// (ledger.backdated), recorded before they take effect
// (ledger.recorded_before_effect), recorded after the audit date
// (ledger.recorded_after_audit). Back-dating is lawful, but an auditor wants
// to see it; one finding a recording (an imported history is one recording,
// late by nature).

#include <algorithm>
#include <utility>

#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/time/timestamp.hpp"

namespace sifund::detail {

// Events of one recording (one recorded_at) that share a fault, and the worst of them.
struct RecordingBatch {
    Timestamp recorded_at;
    std::int64_t first_seq = 0, last_seq = 0;
    std::size_t count = 0;
    long worst_days = 0;
    std::int64_t worst_seq = 0;
    std::string_view worst_type;
    Date worst_date;
};

// Gathers faulty events into one batch a recording: an imported history, or
// one `sifund apply`, is one finding, not one an event.
class ByRecording {
public:
    // The batch that an event of another recording closes, if one is open.
    [[nodiscard]] std::optional<RecordingBatch> close_unless(const Timestamp& recorded_at) {
        if (!open_ || open_->recorded_at == recorded_at) return std::nullopt;
        return close();
    }
    [[nodiscard]] std::optional<RecordingBatch> close() { return std::exchange(open_, std::nullopt); }
    // Adds an event `days` off (> 0) to the batch of its recording.
    void add(const Event& e, long days) {
        if (!open_) open_ = RecordingBatch{e.recorded_at, e.seq, e.seq, 0, 0, 0, {}, {}};
        open_->last_seq = e.seq;
        ++open_->count;
        if (days > open_->worst_days) {
            open_->worst_days = days;
            open_->worst_seq = e.seq;
            open_->worst_type = e.command.type();
            open_->worst_date = e.command.date;
        }
    }

private:
    std::optional<RecordingBatch> open_;
};

inline std::string batch_head(const RecordingBatch& b) {
    return std::to_string(b.count) + " event(s) recorded at " + b.recorded_at.to_string() + " (seq " +
           std::to_string(b.first_seq) + "-" + std::to_string(b.last_seq) + ")";
}
inline std::string batch_worst(const RecordingBatch& b) {
    return std::string(b.worst_type) + " effective " + b.worst_date.to_string() + " (seq " +
           std::to_string(b.worst_seq) + ")";
}

// ledger.backdated: recorded more than `limit_days` after taking effect.
inline Finding backdated(const RecordingBatch& b, long limit_days) {
    return hindsight("ledger.backdated", Severity::warning, b.first_seq, {},
                     batch_head(b) + " took effect more than " + std::to_string(limit_days) +
                         " days earlier; the longest delay: " + batch_worst(b) + ", recorded " +
                         std::to_string(b.worst_days) + " days after it took effect",
                     "<= " + std::to_string(limit_days) + " days", std::to_string(b.worst_days) + " days");
}

// How many days before its effective date an event was recorded (0 when on or after it).
inline long days_recorded_early(const Event& e) {
    if (!(e.recorded_at < Timestamp::start_of(e.command.date))) return 0;  // the clean path: one comparison
    return e.recorded_at.date().days_until(e.command.date);
}

// ledger.recorded_before_effect: recorded on a day before the event takes effect.
inline Finding recorded_before_effect(const RecordingBatch& b) {
    return hindsight("ledger.recorded_before_effect", Severity::warning, b.first_seq, {},
                     batch_head(b) + " were recorded before they take effect; the earliest: " + batch_worst(b) +
                         ", recorded " + std::to_string(b.worst_days) +
                         " days before it takes effect. A recording time given in the past hides how late an "
                         "event was recorded (no ledger.backdated) and puts it into --known-at views of times "
                         "before it existed",
                     "0 days early", std::to_string(b.worst_days) + " days early");
}

// ledger.recorded_after_audit: events recorded after the end of the audit date.
class RecordedAfterAudit {
public:
    explicit RecordedAfterAudit(const Date& as_of) : as_of_(as_of), limit_(Timestamp::end_of(as_of)) {}
    void see(const Event& e) {
        if (!(limit_ < e.recorded_at)) return;  // the clean path
        if (count_++ == 0) first_seq_ = e.seq;
        latest_ = std::max(latest_, e.recorded_at);
    }
    [[nodiscard]] std::optional<Finding> finding() const {
        if (count_ == 0) return std::nullopt;
        const std::string on = as_of_.to_string();
        return hindsight("ledger.recorded_after_audit", Severity::warning, first_seq_, {},
                         std::to_string(count_) + " event(s), the first seq " + std::to_string(first_seq_) +
                             ", were recorded after the audit date " + on + ", the latest at " + latest_.to_string() +
                             ": the audit as of " + on + " sees events that were not recorded until later (or a "
                             "recording time in the future was given)",
                         "recorded by " + Timestamp::end_of(as_of_).to_string(), latest_.to_string());
    }

private:
    Date as_of_;
    Timestamp limit_, latest_;
    std::size_t count_ = 0;
    std::int64_t first_seq_ = 0;
};

}  // namespace sifund::detail

namespace sifund::hindsight {

class Backdating final : public Hindsight {
public:
    explicit Backdating(long limit_days) : limit_days_(limit_days) {}
    [[nodiscard]] std::vector<std::string_view> ids() const override {
        return {"ledger.backdated", "ledger.recorded_before_effect"};
    }
    void before_fold(const Seen& seen, Findings& out) override {
        const Event& e = seen.event;
        if (auto b = late_.close_unless(e.recorded_at)) out.push_back(detail::backdated(*b, limit_days_));
        if (auto b = early_.close_unless(e.recorded_at)) out.push_back(detail::recorded_before_effect(*b));
        if (const long days = e.command.date.days_until(e.recorded_at.date()); days > limit_days_) late_.add(e, days);
        if (const long days = detail::days_recorded_early(e); days > 0) early_.add(e, days);
    }
    void at_end(const Whole&, Findings& out) override {
        if (auto b = late_.close()) out.push_back(detail::backdated(*b, limit_days_));
        if (auto b = early_.close()) out.push_back(detail::recorded_before_effect(*b));
    }

private:
    long limit_days_;
    detail::ByRecording late_, early_;
};

class RecordedAfterAudit final : public Hindsight {
public:
    explicit RecordedAfterAudit(const Date& as_of) : after_(as_of) {}
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"ledger.recorded_after_audit"}; }
    void before_fold(const Seen& seen, Findings&) override { after_.see(seen.event); }
    void at_end(const Whole&, Findings& out) override {
        if (auto f = after_.finding()) out.push_back(std::move(*f));
    }

private:
    detail::RecordedAfterAudit after_;
};

}  // namespace sifund::hindsight
