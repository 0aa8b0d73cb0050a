#pragma once
// Test support: a fund in memory fed with short JSON Lines histories, the way
// the tests read — a log, then what it should produce.

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

namespace sifund::testing {

inline std::vector<nlohmann::json> lines(const std::string& jsonl) {
    std::vector<nlohmann::json> out;
    std::istringstream in(jsonl);
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(nlohmann::json::parse(line));
    return out;
}

// The rules of DESIGN §4.2, the example rulebook.
inline const char* const rulebook_2013 = R"({"roles":{"kf":["council"],"ks":["board"],"ks-chair":["board-delegate"],"finance":["finance"],"vof":["unit"],"kof":["unit"],"auditor":["auditor"],"uni":["evaluator"]},
 "allocation":{"target_rate":"0.02","basis":"budget","true_up":true,"rounding":"half_even","round_to":"1"},
 "eligibility":{"min_applicants":2,"focus_areas":["geografi","demografi","demokrati"],"min_evidence":"promising"},
 "grant":{"max_amount":"10000000.00","max_share_of_free_capital":"0.25","max_duration_months":36,"min_co_financing_share":"0.00","max_per_year":null},
 "commitments":{"reserve_floor":"5000000.00"},
 "delegation":[{"up_to":"3000000.00","role":"board-delegate"},{"up_to":null,"role":"board"}],
 "reporting":{"interim_every_months":6,"final_within_months":3,"block_disbursement_when_overdue":true},
 "repayment":{"share_of_savings":"1.00","cap_factor":"1.00","due_lag_years":1,"rounding":"half_even"},
 "citations":{"grant.max_amount":"§4.2","eligibility.min_applicants":"§3.1","commitments.reserve_floor":"§5.1","delegation":"§6","roles.permission":"§2"}})";

// The example rulebook with some rules changed: `patch` is a JSON merge patch
// (RFC 7386) over it, e.g. {"grant":{"max_per_year":"1000000.00"}}.
inline std::string rules_with(const std::string& patch) {
    nlohmann::json rules = nlohmann::json::parse(rulebook_2013);
    rules.merge_patch(nlohmann::json::parse(patch));
    return rules.dump();
}

// A rulebook.adopted line: the example rulebook, patched, as revision `version` from `date`.
inline std::string revision(const std::string& version, const std::string& date, const std::string& patch = "{}",
                            const std::string& actor = "ks") {
    return R"({"type":"rulebook.adopted","date":")" + date + R"(","actor":")" + actor + R"(","version":")" + version +
           R"(","decision":"KS )" + date + R"( §1","rules":)" + rules_with(patch) + "}\n";
}

inline const char* const fund_established_2013 =
    R"({"type":"fund.established","date":"2013-01-01","actor":"kf","fund":"orebro-sif","name":"Örebro sociala investeringsfond","owner":"Örebro kommun","currency":"SEK","decision":"KF 2012-11-27 §240"})"
    "\n";

// A fund established on 2013-01-01 with the example rulebook (patched by
// `rules_patch`) and `capital` contributed on 2013-01-15: events 1, 2 and 3.
inline std::string established_with(const std::string& rules_patch, const std::string& capital = "65000000.00") {
    return std::string(fund_established_2013) + revision("2013.1", "2013-01-01", rules_patch) +
           R"({"type":"capital.contributed","date":"2013-01-15","actor":"finance","amount":")" + capital +
           R"(","source":"AFA refund","decision":"KF 2012-11-27 §240"})"
           "\n";
}

// A fund established with 65 MSEK and the example rulebook.
inline std::string established() { return established_with("{}"); }

// An application A-1 by vof and kof asking for 3 MSEK over 2014-2016.
inline const char* const application_a1 =
    R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-1","title":"Fallprevention för äldre","applicants":["vof","kof"],"focus_area":"demografi","target_group":"65+ living at home","evidence":"promising","requested":"3000000.00","budget":{"2014":"1000000.00","2015":"1200000.00","2016":"800000.00"},"start":"2014-01-01","end":"2016-12-31","co_financing":"600000.00","indicators":[{"name":"fall injuries per 1000","baseline":"38","target":"30"}],"expected_savings":[{"unit":"vof","budget_year":2017,"amount":"1500000.00"}],"evaluation":{"method":"difference-in-differences","evaluator":"Örebro universitet"}})"
    "\n";

// G-1: 2.8 MSEK to A-1, decided by the chair on 2013-11-05.
inline const char* const grant_g1 =
    R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-1","application":"A-1","amount":"2800000.00","tranches":[{"date":"2014-01-15","amount":"1000000.00"},{"date":"2015-01-15","amount":"1000000.00"},{"date":"2016-01-15","amount":"800000.00"}],"body":"ks","decision":"KS 2013-11-05 §201"})"
    "\n";

// The first tranche of G-1.
inline const char* const first_tranche_g1 =
    R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"})"
    "\n";

inline const Timestamp recorded = Timestamp::parse("2026-11-25T12:00:00Z");

inline Money sek(const char* amount) { return Money::parse(amount); }

struct Scenario {
    MemoryStore store;
    Fund fund{store};

    explicit Scenario(const std::string& history = established()) { apply(history); }
    // A history recorded at `at` (so that later batches can be recorded after it).
    Scenario(const std::string& history, const char* at) { apply_at(history, at); }
    Scenario(const Scenario&) = delete;  // the fund keeps a pointer to the store
    Scenario& operator=(const Scenario&) = delete;

    Applied apply(const std::string& jsonl) { return fund.apply(lines(jsonl), recorded); }
    Applied apply_at(const std::string& jsonl, const char* at) { return fund.apply(lines(jsonl), Timestamp::parse(at)); }

    // Applies and returns the refusal; fails the test if nothing is refused.
    RuleViolation refused(const std::string& jsonl) {
        const auto before = store.count();
        const auto events_before = fund.events().size();
        try {
            apply(jsonl);
        } catch (const RuleViolation& v) {
            CHECK(store.count() == before);  // nothing stored
            CHECK(fund.events().size() == events_before);
            return v;
        }
        FAIL("expected a refusal of: " << jsonl);
        throw;  // unreachable
    }

    // Applies and returns the input error; fails the test if the input is accepted.
    FieldError input_error(const std::string& jsonl) {
        const auto before = store.count();
        const auto events_before = fund.events().size();
        try {
            apply(jsonl);
        } catch (const FieldError& e) {
            CHECK(store.count() == before);  // nothing stored
            CHECK(fund.events().size() == events_before);
            return e;
        }
        FAIL("expected an input error from: " << jsonl);
        throw;  // unreachable
    }

    Statement on(const char* date) const { return fund.statement(Date::parse(date)); }
    Statement on(const char* date, const char* known_at) const {
        return fund.statement(Date::parse(date), Timestamp::parse(known_at));
    }

    // The stored event with this seq.
    const Event& event(std::int64_t seq) const { return fund.events().at(static_cast<std::size_t>(seq - 1)); }
    std::int64_t last_seq() const { return static_cast<std::int64_t>(fund.events().size()); }

    // The statement line of one grant, as of `date`.
    GrantLine grant_on(const char* grant, const char* date) const {
        for (const GrantLine& g : on(date).grants)
            if (g.grant == grant) return g;
        FAIL("no grant " << grant << " in the statement as of " << date);
        throw;  // unreachable
    }
};

// A message that mentions `fragment` (the figures a refusal names).
inline Catch::Matchers::StdString::ContainsMatcher mentions(const std::string& fragment) {
    return Catch::Matchers::Contains(fragment);
}

}  // namespace sifund::testing
