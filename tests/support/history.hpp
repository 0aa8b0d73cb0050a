#pragma once
// Generated histories: a fund with many projects that follow every rule, of
// any size, the same for the same seed. Used by the property tests (replay
// through a store equals the fold) and the benchmarks (a million commands).
//
// Each project: an application by two units, a grant, tranches paid on time,
// interim and final reports on time, then by chance savings verified and
// repaid (fully or partly, the rest written off) or none, then closed.
// Projects start month by month from 2014 on; money comes from a lump sum of
// two years' grants and a yearly allocation of one year's, so no limit binds.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sifund/sifund.hpp>

namespace sifund::testing {

class HistoryGenerator {
public:
    explicit HistoryGenerator(std::uint64_t seed) : rng_(seed) {}

    // At least `min_commands` commands (a project is never cut in half).
    std::vector<nlohmann::json> generate(std::size_t min_commands) {
        std::vector<nlohmann::json> out;
        preamble(out);
        int year = 2014;
        std::size_t project = 0;
        while (out.size() < min_commands) {
            if (project % projects_per_year == 0) {
                year = 2014 + static_cast<int>(project / projects_per_year);
                if (year > 2190) break;  // the calendar sifund keeps ends in 2199
                yearly_money(out, year);
            }
            one_project(out, year, project++);
        }
        return out;
    }

    static constexpr std::size_t projects_per_year = 2000;

private:
    using json = nlohmann::json;

    static std::string kr(std::int64_t ore) { return Money::from_minor(ore).to_string(); }
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }

    void preamble(std::vector<json>& out) {
        out.push_back({{"type", "fund.established"}, {"date", "2013-01-01"}, {"actor", "kf"}, {"fund", "gen"},
                       {"name", "Generated fund"}, {"owner", "Generated kommun"}, {"currency", "SEK"},
                       {"decision", "KF 2012-11-27 §240"}});
        json rules = {
            {"roles",
             {{"kf", {"council"}}, {"ks", {"board"}}, {"ks-chair", {"board-delegate"}}, {"finance", {"finance"}},
              {"u1", {"unit"}}, {"u2", {"unit"}}, {"u3", {"unit"}}, {"u4", {"unit"}}, {"eval", {"evaluator"}}}},
            {"allocation", {{"target_rate", "0.02"}, {"basis", "budget"}, {"true_up", true}, {"rounding", "half_even"}, {"round_to", "1"}}},
            {"eligibility", {{"min_applicants", 2}, {"min_evidence", "promising"}}},
            {"grant", {{"max_amount", "10000000.00"}, {"max_share_of_free_capital", "0.50"}, {"max_duration_months", 36}}},
            {"commitments", {{"reserve_floor", "1000000.00"}}},
            {"delegation", json::array({{{"up_to", "3000000.00"}, {"role", "board-delegate"}}, {{"up_to", nullptr}, {"role", "board"}}})},
            {"reporting", {{"interim_every_months", 6}, {"final_within_months", 3}, {"block_disbursement_when_overdue", true}}},
            {"repayment", {{"share_of_savings", "1.00"}, {"cap_factor", "1.00"}, {"due_lag_years", 1}, {"rounding", "half_even"}}},
            {"citations", {{"grant.max_amount", "§4.2"}}}};
        out.push_back({{"type", "rulebook.adopted"}, {"date", "2013-01-01"}, {"actor", "ks"}, {"version", "2013.1"},
                       {"decision", "KS 2013-05-07 §88"}, {"rules", rules}});
        out.push_back({{"type", "capital.contributed"}, {"date", "2013-01-15"}, {"actor", "finance"},
                       {"amount", kr(2 * projects_per_year * 3'000'000'00)}, {"source", "lump sum"}});
    }

    // Enough money for a year of projects: each grant is at most 3 MSEK.
    void yearly_money(std::vector<json>& out, int year) {
        const std::string june = std::to_string(year - 1) + "-06-18";
        out.push_back({{"type", "tax_revenue.recorded"}, {"date", june}, {"actor", "finance"}, {"budget_year", year},
                       {"kind", "budget"}, {"amount", kr(between(6'000'000'000'00, 9'000'000'000'00))}});
        out.push_back({{"type", "allocation.decided"}, {"date", june}, {"actor", "kf"}, {"budget_year", year},
                       {"amount", kr(projects_per_year * 3'000'000'00)}, {"decision", "KF " + june}});
    }

    void one_project(std::vector<json>& out, int year, std::size_t n) {
        const std::string app = "A-" + std::to_string(n), grant = "G-" + std::to_string(n);
        const int month = static_cast<int>(n % 12) + 1;
        const Date start(year, static_cast<unsigned>(month), 1);
        const Date end = start.add_months(24).add_days(-1);
        const Date submitted = start.add_months(-3), decided = start.add_months(-1);
        const std::int64_t amount = between(100'000, 3'000'000) * 100;
        const std::string u1 = "u" + std::to_string(n % 4 + 1), u2 = "u" + std::to_string((n + 1) % 4 + 1);
        const auto halves = allocate(Money::from_minor(amount), 2);
        out.push_back({{"type", "application.submitted"}, {"date", submitted.to_string()}, {"actor", u1},
                       {"application", app}, {"title", "Project " + std::to_string(n)}, {"applicants", {u1, u2}},
                       {"focus_area", "demografi"}, {"evidence", "promising"}, {"requested", kr(amount)},
                       {"start", start.to_string()}, {"end", end.to_string()}, {"co_financing", "0.00"}});
        const Date second = start.add_months(12);
        out.push_back({{"type", "grant.decided"}, {"date", decided.to_string()}, {"actor", amount <= 3'000'000'00 ? "ks-chair" : "ks"},
                       {"grant", grant}, {"application", app}, {"amount", kr(amount)},
                       {"tranches", json::array({{{"date", start.to_string()}, {"amount", halves[0].to_string()}},
                                                 {{"date", second.to_string()}, {"amount", halves[1].to_string()}}})},
                       {"body", "ks"}, {"decision", "KS " + decided.to_string()}});
        out.push_back(disbursed(start, grant, halves[0]));
        for (int k = 1; k <= 3; ++k)  // interim reports for the periods ending before the end
            out.push_back(report(start.add_months(6 * k).add_days(10), grant, u1, "interim", start.add_months(6 * k).add_days(-1)));
        out.push_back(disbursed(second, grant, halves[1]));
        out.push_back(report(end.add_months(2), grant, u1, "final", end));
        const Date verified = end.add_months(5);
        const int outcome = static_cast<int>(between(0, 9));
        if (outcome < 4) {  // no savings
            out.push_back(closed(verified, grant));
            return;
        }
        const std::int64_t saving = amount * between(50, 150) / 100;
        out.push_back({{"type", "savings.verified"}, {"date", verified.to_string()}, {"actor", "eval"}, {"grant", grant},
                       {"unit", u1}, {"budget_year", verified.year()}, {"amount", kr(saving)},
                       {"method", "difference-in-differences"}, {"verifier", "eval"}});
        const std::int64_t owed = std::min(saving, amount);  // share 1.00, cap 1.00 × disbursed
        const Date repaid_on = verified.add_months(2);
        if (outcome < 8) {
            out.push_back(repayment(repaid_on, grant, u1, owed));
        } else {  // partly repaid, the rest written off
            const std::int64_t part = owed / 2;
            out.push_back(repayment(repaid_on, grant, u1, part));
            out.push_back({{"type", "obligation.written_off"}, {"date", repaid_on.add_months(1).to_string()},
                           {"actor", "ks"}, {"grant", grant}, {"amount", kr(owed - part)},
                           {"decision", "KS write-off"}, {"reason", "the unit's frame could not carry it"}});
        }
        out.push_back(closed(repaid_on.add_months(2), grant));
    }

    static json disbursed(const Date& d, const std::string& grant, Money amount) {
        return {{"type", "grant.disbursed"}, {"date", d.to_string()}, {"actor", "finance"}, {"grant", grant},
                {"amount", amount.to_string()}};
    }
    static json report(const Date& d, const std::string& grant, const std::string& unit, const char* kind,
                       const Date& period_end) {
        return {{"type", "report.submitted"}, {"date", d.to_string()}, {"actor", unit}, {"grant", grant},
                {"kind", kind}, {"period_end", period_end.to_string()}};
    }
    static json repayment(const Date& d, const std::string& grant, const std::string& unit, std::int64_t ore) {
        return {{"type", "repayment.received"}, {"date", d.to_string()}, {"actor", "finance"}, {"grant", grant},
                {"unit", unit}, {"budget_year", d.year()}, {"amount", kr(ore)}};
    }
    static json closed(const Date& d, const std::string& grant) {
        return {{"type", "grant.closed"}, {"date", d.to_string()}, {"actor", "ks"}, {"grant", grant},
                {"decision", "KS close"}};
    }

    std::mt19937_64 rng_;
};

}  // namespace sifund::testing
