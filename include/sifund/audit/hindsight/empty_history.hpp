#pragma once
// audit.empty_history: an audit of nothing is not a clean audit.

#include "sifund/audit/hindsight/hindsight.hpp"

namespace sifund::detail {

// audit.empty_history: nothing to audit is not a clean audit. `read` is the
// number of events read, `established` whether any established the fund.
inline std::optional<Finding> empty_history(std::size_t read, bool established) {
    if (read == 0)
        return hindsight("audit.empty_history", Severity::error, std::nullopt, {},
                         "the history holds no events: an empty history is not a clean audit", ">= 1 event",
                         "0 events");
    if (established) return std::nullopt;
    return hindsight("audit.empty_history", Severity::error, std::nullopt, {},
                     "none of the " + std::to_string(read) +
                         " event(s) establishes a fund: a history without fund.established is not a clean audit",
                     "fund.established", "none");
}

}  // namespace sifund::detail

namespace sifund::hindsight {

class EmptyHistory final : public Hindsight {
public:
    [[nodiscard]] std::vector<std::string_view> ids() const override { return {"audit.empty_history"}; }
    void at_end(const Whole& w, Findings& out) override {
        if (auto f = detail::empty_history(w.read, w.state.fund.has_value())) out.push_back(std::move(*f));
    }
};

}  // namespace sifund::hindsight
