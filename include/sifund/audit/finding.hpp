#pragma once
// A finding of the auditor: data with an id, like a refusal of the fund.
// Every refusal of the fund has a finding of the same id (the rule's id), so
// a history that never passed through the fund is judged alike; findings
// that only hindsight shows, and the integrity of the stored history
// ("integrity.*"), have ids of their own. docs/findings.md lists them all.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace sifund {

enum class Severity { error, warning, note };

[[nodiscard]] constexpr std::string_view to_string(Severity s) noexcept {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "?";
}

struct Finding {
    std::string id;
    Severity severity = Severity::error;
    std::optional<std::int64_t> seq;  // the event it concerns, if one
    std::string subject;              // the grant or application it concerns, if one
    std::string rule_id;              // the rule checked (for rule findings, the same as id)
    std::string citation;             // the rulebook's paragraph, if it gives one
    std::string expected, actual;
    std::string message;

    [[nodiscard]] nlohmann::json to_json() const {
        return {{"id", id},
                {"severity", std::string(to_string(severity))},
                {"seq", seq ? nlohmann::json(*seq) : nlohmann::json(nullptr)},
                {"subject", subject.empty() ? nlohmann::json(nullptr) : nlohmann::json(subject)},
                {"rule_id", rule_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(rule_id)},
                {"citation", citation.empty() ? nlohmann::json(nullptr) : nlohmann::json(citation)},
                {"expected", expected.empty() ? nlohmann::json(nullptr) : nlohmann::json(expected)},
                {"actual", actual.empty() ? nlohmann::json(nullptr) : nlohmann::json(actual)},
                {"message", message}};
    }
};

}  // namespace sifund
