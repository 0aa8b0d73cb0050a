#pragma once
// The lifecycles of applications and grants, as transition tables: which
// command moves an application or a grant from which status to which. An
// illegal move is refused with the status it was in and the moves allowed.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace sifund {

enum class ApplicationStatus { submitted, granted, rejected, withdrawn };
enum class GrantStatus { approved, active, closed };

[[nodiscard]] constexpr std::string_view to_string(ApplicationStatus s) noexcept {
    switch (s) {
        case ApplicationStatus::submitted: return "submitted";
        case ApplicationStatus::granted: return "granted";
        case ApplicationStatus::rejected: return "rejected";
        case ApplicationStatus::withdrawn: return "withdrawn";
    }
    return "?";
}
[[nodiscard]] constexpr std::string_view to_string(GrantStatus s) noexcept {
    switch (s) {
        case GrantStatus::approved: return "approved";
        case GrantStatus::active: return "active";
        case GrantStatus::closed: return "closed";
    }
    return "?";
}

template <class Status>
struct Transition {
    Status from;
    std::string_view command;
    Status to;
};

inline constexpr std::array application_transitions{
    Transition<ApplicationStatus>{ApplicationStatus::submitted, "grant.decided", ApplicationStatus::granted},
    Transition<ApplicationStatus>{ApplicationStatus::submitted, "application.rejected", ApplicationStatus::rejected},
    Transition<ApplicationStatus>{ApplicationStatus::submitted, "application.withdrawn", ApplicationStatus::withdrawn},
};

// A grant is approved when decided, active from its first disbursement, and
// closed by decision; a closed grant takes no further commands.
inline constexpr std::array grant_transitions{
    Transition<GrantStatus>{GrantStatus::approved, "grant.disbursed", GrantStatus::active},
    Transition<GrantStatus>{GrantStatus::approved, "report.submitted", GrantStatus::approved},
    Transition<GrantStatus>{GrantStatus::approved, "grant.closed", GrantStatus::closed},
    Transition<GrantStatus>{GrantStatus::active, "grant.disbursed", GrantStatus::active},
    Transition<GrantStatus>{GrantStatus::active, "report.submitted", GrantStatus::active},
    Transition<GrantStatus>{GrantStatus::active, "savings.verified", GrantStatus::active},
    Transition<GrantStatus>{GrantStatus::active, "repayment.received", GrantStatus::active},
    Transition<GrantStatus>{GrantStatus::active, "obligation.written_off", GrantStatus::active},
    Transition<GrantStatus>{GrantStatus::active, "grant.closed", GrantStatus::closed},
};

// The status `command` leads to from `from`, or nullopt when it may not be given.
template <class Status, std::size_t N>
[[nodiscard]] constexpr std::optional<Status> next_status(const std::array<Transition<Status>, N>& table, Status from,
                                                          std::string_view command) {
    for (const auto& t : table)
        if (t.from == from && t.command == command) return t.to;
    return std::nullopt;
}

// "grant.disbursed, report.submitted, grant.closed", or "none".
template <class Status, std::size_t N>
[[nodiscard]] std::string allowed_from(const std::array<Transition<Status>, N>& table, Status from) {
    std::string out;
    for (const auto& t : table)
        if (t.from == from) out += (out.empty() ? "" : ", ") + std::string(t.command);
    return out.empty() ? "none" : out;
}

}  // namespace sifund
