// Every event the fund accepts reads back and folds. Commands are built from
// values at the edges of what sifund takes: dates at the calendar's ends
// (1900-01-01, 2199-12-31), budget years 1900 and 2199, repayment lags up to
// 50 years, amounts up to the largest Money, the longest ids (200 bytes, in
// two-, three- and four-byte characters), free text with quotes, backslashes
// and control characters. They go in random batches to a SQLite store; after
// each accepted batch the store is opened again (every event read back, its
// hash checked, folded) and must give the same events and statements; after
// each refused batch it must hold what it held.

#include <unistd.h>

#include <filesystem>
#include <random>
#include <set>

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>
#include <sifund/store/open_store.hpp>

using namespace sifund;
using nlohmann::json;

namespace {

// An object with the members of `b` added.
json operator+(json a, const json& b) {
    for (auto it = b.begin(); it != b.end(); ++it) a[it.key()] = it.value();
    return a;
}

class BoundaryCommands {
public:
    explicit BoundaryCommands(std::uint64_t seed) : rng_(seed) {}

    json preamble_fund() const {
        return {{"type", "fund.established"}, {"date", "1900-01-01"}, {"actor", "kf"}, {"fund", longest_id('F')},
                {"name", "Gränsfonden \"ytterst\" \\ \u0001"}, {"owner", "Kommunen"}, {"currency", "SEK"},
                {"decision", "KF 1899-12-31 §1"}};
    }

    json rulebook(const std::string& date, const std::string& version) {
        json roles = {{"kf", {"council"}}, {"ks", {"board"}}, {"finance", {"finance"}}, {"eval", {"evaluator"}}};
        for (const auto& u : units_) roles[u] = {"unit"};
        json rules = {
            {"roles", roles},
            {"allocation", {{"basis", "budget"}, {"true_up", pick({true, false})}, {"rounding", "half_even"},
                            {"round_to", pick<std::string>({"0.01", "1", "1000"})}}},
            {"eligibility", {{"min_applicants", 1}}},
            {"grant", {{"max_duration_months", nullptr}}},
            {"commitments", {{"reserve_floor", "0.00"}}},
            {"reporting", {{"interim_every_months", nullptr}, {"final_within_months", 3},
                           {"block_disbursement_when_overdue", false}}},
            {"repayment", {{"share_of_savings", pick<std::string>({"1.00", "0.5", "0.000000000000000001"})},
                           {"cap_factor", pick<std::string>({"1.00", "1000"})},
                           {"due_lag_years", pick({0, 1, 50})},
                           {"rounding", "half_even"}}}};
        return {{"type", "rulebook.adopted"}, {"date", date}, {"actor", "ks"}, {"version", version},
                {"decision", "KS " + date}, {"rules", rules}};
    }

    // One command of a random kind, naming what exists where it can.
    json next() {
        switch (between(0, 11)) {
            case 0:
                return base("capital.contributed", "finance") + json{{"amount", amount()}, {"source", text()}};
            case 1:
                return base("tax_revenue.recorded", "finance") +
                       json{{"budget_year", year()}, {"kind", pick<std::string>({"budget", "outcome"})},
                            {"amount", amount()}};
            case 2: {
                json a = base("allocation.decided", "kf") + json{{"budget_year", year()}, {"decision", "KF"}};
                if (between(0, 1)) a["rate"] = pick<std::string>({"0.000000000000000001", "0.02", "1", "1000"});
                else a["amount"] = amount();
                return a;
            }
            case 3: {
                const std::string id = fresh_id('A');
                applications_.push_back(id);
                const std::string start = date(), end = date();
                return base("application.submitted", units_[0]) +
                       json{{"application", id},
                            {"title", text()},
                            {"applicants", {units_[0], units_[1]}},
                            {"focus_area", "område"},
                            {"evidence", "promising"},
                            {"requested", amount()},
                            {"budget", {{std::to_string(year()), amount()}}},
                            {"start", std::min(start, end)},
                            {"end", std::max(start, end)},
                            {"expected_savings", {{{"unit", units_[1]}, {"budget_year", year()}, {"amount", amount()}}}}};
            }
            case 4: {
                const std::string id = fresh_id('G');
                grants_.push_back(id);
                return base("grant.decided", "ks") + json{{"grant", id},
                                                          {"application", existing(applications_)},
                                                          {"amount", amount()},
                                                          {"body", "ks"},
                                                          {"decision", text()}};
            }
            case 5:
                return base("grant.disbursed", "finance") + json{{"grant", existing(grants_)}, {"amount", amount()}};
            case 6:
                return base("report.submitted", units_[0]) +
                       json{{"grant", existing(grants_)}, {"kind", pick<std::string>({"interim", "final"})},
                            {"period_end", date()}, {"costs", amount()}};
            case 7:
                return base("savings.verified", "eval") +
                       json{{"grant", existing(grants_)}, {"unit", units_[1]}, {"budget_year", year()},
                            {"amount", amount()}, {"method", text()}, {"verifier", text()}};
            case 8: {
                json r = base("repayment.received", "finance") +
                         json{{"grant", existing(grants_)}, {"unit", units_[1]}, {"amount", amount()}};
                r["date"] = date();
                r["budget_year"] = std::stoi(r["date"].get<std::string>().substr(0, 4));
                return r;
            }
            case 9:
                return base("obligation.written_off", "ks") +
                       json{{"grant", existing(grants_)}, {"amount", amount()}, {"decision", "KS"}, {"reason", text()}};
            case 10:
                return base("grant.closed", "ks") + json{{"grant", existing(grants_)}, {"decision", "KS"}};
            default:
                return base("event.reversed", pick<std::string>({"finance", "ks", "kf"})) +
                       json{{"seq", between(1, 400)}, {"reason", text()}};
        }
    }

    // A whole project in one batch, in order: applied, granted, paid, its
    // savings verified for a budget year near either end of the calendar.
    std::vector<json> project() {
        const int y = static_cast<int>(pick<std::int64_t>({1900, 1950, 2150, 2197, 2199}));
        const std::string on = std::to_string(y) + "-06-01";
        const std::string application = fresh_id('A'), grant = fresh_id('G');
        applications_.push_back(application);
        grants_.push_back(grant);
        const std::string money = Money::from_minor(between(100, 1'000'000'000)).to_string();
        return {base("application.submitted", units_[0]) +
                    json{{"date", on}, {"application", application}, {"title", text()},
                         {"applicants", {units_[0], units_[1]}}, {"focus_area", "område"}, {"evidence", "promising"},
                         {"requested", money}, {"start", on}, {"end", std::to_string(y) + "-12-31"}},
                base("grant.decided", "ks") + json{{"date", on}, {"grant", grant}, {"application", application},
                                                   {"amount", money}, {"body", "ks"}, {"decision", "KS"}},
                base("grant.disbursed", "finance") + json{{"date", on}, {"grant", grant}, {"amount", money}},
                base("savings.verified", "eval") +
                    json{{"date", std::to_string(y) + "-12-31"}, {"grant", grant}, {"unit", units_[1]},
                         {"budget_year", pick<int>({y, 2198, 2199})}, {"amount", money}, {"method", text()},
                         {"verifier", text()}}};
    }

    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }

private:
    template <class T>
    T pick(std::initializer_list<T> options) {
        return *(options.begin() + between(0, static_cast<std::int64_t>(options.size()) - 1));
    }
    static json base(const char* type, const std::string& actor) { return {{"type", type}, {"actor", actor}}; }

    std::string date() {
        switch (between(0, 4)) {
            case 0: return "1900-01-01";
            case 1: return "2199-12-31";
            case 2: return pick<std::string>({"1900-01-02", "2199-12-30", "2198-12-31", "2000-02-29"});
            default: {
                char buffer[16];
                std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(between(1900, 2199)),
                              static_cast<int>(between(1, 12)), static_cast<int>(between(1, 28)));
                return buffer;
            }
        }
    }
    int year() { return static_cast<int>(pick<std::int64_t>({1900, 1901, 2198, 2199, between(1900, 2199)})); }
    std::string amount() {
        switch (between(0, 4)) {
            case 0: return "0.01";
            case 1: return Money::max().to_string();
            case 2: return Money::from_minor(Money::max().minor() / between(2, 1000)).to_string();
            default: return Money::from_minor(between(1, 10'000'000'000)).to_string();
        }
    }
    std::string text() {
        return pick<std::string>({"KS 2013-11-05 §201", "\"quoted\" \\ back", "rad ett\nrad två\t\u0007",
                                  "\u202e\u2066 åäö 😀", std::string(300, 'x')});
    }
    // 200 bytes of a one-, two-, three- or four-byte character.
    static std::string longest_id(char first) {
        std::string id(1, first);
        while (id.size() + 4 <= 200) id += "\xF0\x9F\x98\x80";
        while (id.size() + 2 <= 200) id += "\xC3\xB6";
        while (id.size() < 200) id += 'x';
        return id;
    }
    std::string fresh_id(char kind) {
        ++counter_;
        if (between(0, 2) == 0) {
            std::string id = longest_id(kind);
            const std::string n = std::to_string(counter_);
            return id.replace(id.size() - n.size(), n.size(), n);
        }
        return std::string(1, kind) + "-" + std::to_string(counter_) + (between(0, 1) ? "-ö€" : "");
    }
    std::string existing(const std::vector<std::string>& ids) {
        if (ids.empty() || between(0, 9) == 0) return "X-none";
        return ids[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(ids.size()) - 1))];
    }

    std::mt19937_64 rng_;
    std::vector<std::string> units_{longest_id('u'), "u-två"};
    std::vector<std::string> applications_, grants_;
    int counter_ = 0;

public:
    // Every command gets a date at the edges or anywhere between.
    json dated(json c) {
        if (!c.contains("date")) c["date"] = date();
        return c;
    }
};

std::vector<std::string> texts_of(const Fund& fund) {
    std::vector<std::string> out;
    for (const Event& e : fund.events()) out.push_back(canonical_text(e) + e.hash);
    return out;
}

}  // namespace

TEST_CASE("Every event the fund accepts at the edges of its values reads back from the store and folds alike") {
    const auto seed = GENERATE(11u, 12u, 13u);
    CAPTURE(seed);
    const auto dir = std::filesystem::temp_directory_path() /
                     ("sifund-boundary-" + std::to_string(seed) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string db = (dir / "fund.db").string();

    BoundaryCommands gen(seed);
    std::size_t accepted = 0, refused = 0, events_before = 0;
    {
        const auto store = open_store(db, StoreOpen::create_new);
        Fund fund(*store);
        fund.apply(std::vector<json>{gen.preamble_fund(), gen.rulebook("1900-01-01", "1900.1")},
                   Timestamp::parse("2199-12-31T00:00:00Z"));
        std::int64_t micros = Timestamp::parse("2199-12-31T00:00:01Z").micros();
        for (int batch = 0; batch < 1500; ++batch) {
            std::vector<json> commands;
            const auto n = gen.between(0, 5) == 0 ? 0 : gen.between(1, 3);
            if (n == 0) commands = gen.project();
            for (std::int64_t i = 0; i < n; ++i)
                commands.push_back(gen.between(0, 40) == 0 ? gen.rulebook("2100-01-01", "v" + std::to_string(batch))
                                                           : gen.dated(gen.next()));
            const auto count_before = store->count();
            try {
                fund.apply(commands, Timestamp::from_micros(micros++));
            } catch (const Error&) {
                ++refused;
                REQUIRE(store->count() == count_before);  // all or nothing
                continue;
            }
            ++accepted;
            // Read back: what a reopened store gives is what the fund holds.
            const auto again = open_store(db, StoreOpen::read_only);
            const Fund reopened(*again);
            REQUIRE(texts_of(reopened) == texts_of(fund));
            for (const char* on : {"1900-12-31", "2050-06-30", "2199-12-31"})
                CHECK(reopened.statement(Date::parse(on)).to_json() == fund.statement(Date::parse(on)).to_json());
        }
        events_before = fund.events().size();
        // The edges were reached: events on the calendar's first and last days, and savings whose
        // obligations fall due near its end.
        std::set<std::string> seen;
        for (const Event& e : fund.events()) {
            seen.insert(e.command.date.to_string());
            if (const auto* v = e.command.as<cmd::SavingsVerified>(); v && v->due && v->due->year() >= 2190)
                seen.insert("late due");
        }
        CHECK(seen.count("1900-01-01"));
        CHECK(seen.count("2199-12-31"));
        CHECK(seen.count("late due"));
    }
    INFO(accepted << " batches accepted, " << refused << " refused, " << events_before << " events");
    CHECK(accepted >= 100);  // the edges are reached, not only refused
    CHECK(refused >= 100);
    CHECK(events_before >= 150);
    std::filesystem::remove_all(dir);
}
