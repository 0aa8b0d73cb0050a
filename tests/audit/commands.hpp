#pragma once
// Command lines for the audit tests, built as JSON so that the tests read as
// a history: who did what, when.

#include <string>

#include "forge.hpp"

namespace sifund::testing::lines_for {

inline std::string line(const nlohmann::json& j) { return j.dump() + "\n"; }

inline std::string capital(const char* date, const char* amount = "1000000.00", const char* actor = "finance") {
    return line({{"type", "capital.contributed"}, {"date", date}, {"actor", actor}, {"amount", amount},
                 {"source", "top-up"}, {"decision", "KF 1"}});
}
inline std::string reverse(std::int64_t seq, const char* date, const char* actor = "finance") {
    return line({{"type", "event.reversed"}, {"date", date}, {"actor", actor}, {"seq", seq}, {"reason", "a mistake"}});
}
inline std::string withdraw(const char* application, const char* date, const char* actor = "vof") {
    return line({{"type", "application.withdrawn"}, {"date", date}, {"actor", actor}, {"application", application}});
}
// A-1 under another id and with some fields changed (`patch` is a merge patch).
inline std::string application(const char* id, const std::string& patch = "{}") {
    nlohmann::json j = nlohmann::json::parse(application_a1);
    j["application"] = id;
    j.merge_patch(nlohmann::json::parse(patch));
    return line(j);
}
// A grant without tranches.
inline std::string grant(const char* id, const char* application, const char* amount, const char* actor = "ks",
                         const char* date = "2013-11-05") {
    return line({{"type", "grant.decided"}, {"date", date}, {"actor", actor}, {"grant", id},
                 {"application", application}, {"amount", amount}, {"body", "ks"}, {"decision", "KS 1"}});
}
inline std::string disburse(const char* grant, const char* date, const char* amount = "1000000.00") {
    return line({{"type", "grant.disbursed"}, {"date", date}, {"actor", "finance"}, {"grant", grant}, {"amount", amount}});
}
inline std::string report(const char* grant, const char* date, const char* period_end, const char* kind = "interim",
                          const char* actor = "vof") {
    return line({{"type", "report.submitted"}, {"date", date}, {"actor", actor}, {"grant", grant}, {"kind", kind},
                 {"period_end", period_end}});
}
inline std::string savings(const char* grant, const char* date, int budget_year, const char* amount,
                           const char* actor = "uni", const std::string& patch = "{}") {
    nlohmann::json j{{"type", "savings.verified"}, {"date", date},     {"actor", actor},
                     {"grant", grant},             {"unit", "vof"},    {"budget_year", budget_year},
                     {"amount", amount},           {"method", "did"},  {"verifier", "Örebro universitet"}};
    j.merge_patch(nlohmann::json::parse(patch));
    return line(j);
}
inline std::string repayment(const char* grant, const char* date, int budget_year, const char* amount) {
    return line({{"type", "repayment.received"}, {"date", date}, {"actor", "finance"}, {"grant", grant},
                 {"unit", "vof"}, {"budget_year", budget_year}, {"amount", amount}});
}
inline std::string write_off(const char* grant, const char* date, const char* amount) {
    return line({{"type", "obligation.written_off"}, {"date", date}, {"actor", "ks"}, {"grant", grant},
                 {"amount", amount}, {"decision", "KS 9"}, {"reason", "the frame could not carry it"}});
}
inline std::string close(const char* grant, const char* date) {
    return line({{"type", "grant.closed"}, {"date", date}, {"actor", "ks"}, {"grant", grant}, {"decision", "KS 10"}});
}
inline std::string tax_revenue(int budget_year, const char* kind, const char* date, const char* amount) {
    return line({{"type", "tax_revenue.recorded"}, {"date", date}, {"actor", "finance"}, {"budget_year", budget_year},
                 {"kind", kind}, {"amount", amount}});
}
inline std::string allocation(int budget_year, const char* date, const char* amount, const char* rate = nullptr) {
    nlohmann::json j{{"type", "allocation.decided"}, {"date", date},     {"actor", "kf"},
                     {"budget_year", budget_year},   {"amount", amount}, {"decision", "KF 1"}};
    if (rate) {
        j["rate"] = rate;
        j["basis"] = "budget";
    }
    return line(j);
}
inline std::string true_up(int budget_year, const char* date, const char* rate, const char* outcome,
                           const char* allocated_before, const char* amount) {
    return line({{"type", "allocation.trued_up"}, {"date", date}, {"actor", "sifund"}, {"budget_year", budget_year},
                 {"rate", rate}, {"outcome", outcome}, {"allocated_before", allocated_before}, {"amount", amount}});
}

}  // namespace sifund::testing::lines_for
