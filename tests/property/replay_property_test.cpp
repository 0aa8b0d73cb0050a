// Properties of the whole: random valid histories, applied in random batches
// (some spoiled so that the fund must refuse them) to a SQLite store and to a
// PostgreSQL store, give the same state as the one in-memory fold of what was
// accepted; and a store closed and opened again gives the same statements.
// PostgreSQL: the server scripts/test.sh starts (tests/support/postgres_test_support.hpp).

#include <filesystem>
#include <random>

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>
#include <sifund/store/open_store.hpp>
#include <sifund/store/sqlite_store.hpp>

#include "history.hpp"
#include "postgres_test_support.hpp"
#include "temp_dir.hpp"

using namespace sifund;
using nlohmann::json;

namespace {

using sifund_test::TempDir;

// Spoils one command the way a hurried clerk would: a grant id that does not
// exist, an amount far too large, a date before the fund. Some spoiled
// commands stay valid; the model decides, not the test.
json spoil(json c, std::mt19937_64& rng) {
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
        case 0:
            if (c.contains("grant")) c["grant"] = "G-nonexistent";
            else c["amount"] = "1.00";
            break;
        case 1:
            if (c.contains("amount")) c["amount"] = "900000000000.00";
            else c["date"] = "2012-01-01";
            break;
        default:
            c["date"] = "2012-01-01";
            break;
    }
    return c;
}

// Where a new store of `kind` lives: a file in `dir`, or a new database of
// the test server; "" when the run explicitly skips PostgreSQL.
std::string new_store(const std::string& kind, const TempDir& dir) {
    if (kind == "sqlite") return (dir.path() / "fund.db").string();
    return sifund_store_test::fresh_postgres_url().value_or("");
}

std::vector<Date> sample_dates() {
    std::vector<Date> out;
    for (int y = 2013; y <= 2022; ++y) out.emplace_back(y, 6u, 30u), out.emplace_back(y, 12u, 31u);
    return out;
}

}  // namespace

TEST_CASE("Random histories replayed through SQLite and PostgreSQL equal the in-memory fold of what was accepted") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgres");
    const auto seed = GENERATE(1u, 2u, 3u);
    CAPTURE(kind, seed);
    TempDir dir("sifund-property-replay-" + std::to_string(seed));
    const auto db = new_store(kind, dir);
    if (db.empty()) return;

    const std::vector<json> history = testing::HistoryGenerator(seed).generate(3000);
    std::mt19937_64 rng(seed * 7919);

    std::vector<json> accepted;
    std::size_t refused = 0;
    {
        const auto store_ptr = open_store(db, StoreOpen::create_new);
        Store& store = *store_ptr;
        Fund fund(store);
        std::int64_t micros = Timestamp::parse("2024-01-01T00:00:00Z").micros();
        for (std::size_t at = 0; at < history.size();) {
            const std::size_t n = std::min<std::size_t>(history.size() - at,
                                                        std::uniform_int_distribution<std::size_t>(1, 60)(rng));
            std::vector<json> batch(history.begin() + static_cast<std::ptrdiff_t>(at),
                                    history.begin() + static_cast<std::ptrdiff_t>(at + n));
            micros += 1'000'000;
            if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) {
                auto spoiled = batch;
                auto& victim = spoiled[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng)];
                victim = spoil(victim, rng);
                const auto before = store.count();
                try {
                    fund.apply(spoiled, Timestamp::from_micros(micros));
                    accepted.insert(accepted.end(), spoiled.begin(), spoiled.end());
                    at += n;
                    continue;
                } catch (const Error&) {
                    ++refused;
                    REQUIRE(store.count() == before);  // all or nothing
                }
            }
            fund.apply(batch, Timestamp::from_micros(micros));
            accepted.insert(accepted.end(), batch.begin(), batch.end());
            at += n;
        }
    }
    CHECK(refused > 0);

    // The model: everything accepted, applied at once to memory.
    MemoryStore memory;
    Fund model(memory);
    model.apply(accepted, Timestamp::parse("2024-01-01T00:00:00Z"));

    const auto reopened = open_store(db, StoreOpen::read_only);
    const Fund replayed(*reopened);
    REQUIRE(replayed.events().size() == model.events().size());
    for (const Date& d : sample_dates()) {
        CAPTURE(d);
        CHECK(replayed.statement(d).to_json() == model.statement(d).to_json());
    }
    CHECK(replayed.state().last_seq == model.state().last_seq);
}

TEST_CASE("A store closed and opened again gives the same statements, as of any date and as known at any time") {
    const std::string kind = GENERATE(as<std::string>{}, "sqlite", "postgres");
    CAPTURE(kind);
    TempDir dir("sifund-property-reopen");
    const auto db = new_store(kind, dir);
    if (db.empty()) return;
    const auto history = testing::HistoryGenerator(42).generate(2000);
    std::vector<std::string> before;
    std::vector<Timestamp> batches;
    {
        const auto store = open_store(db, StoreOpen::create_new);
        Fund fund(*store);
        for (std::size_t at = 0, k = 0; at < history.size(); at += 500, ++k) {
            const auto end = std::min(history.size(), at + 500);
            batches.push_back(Timestamp::from_micros(Timestamp::parse("2024-01-01T00:00:00Z").micros() +
                                                     static_cast<std::int64_t>(k) * 1'000'000));
            fund.apply(std::vector<json>(history.begin() + static_cast<std::ptrdiff_t>(at),
                                         history.begin() + static_cast<std::ptrdiff_t>(end)),
                       batches.back());
        }
        for (const Date& d : sample_dates())
            for (const Timestamp& t : batches) before.push_back(fund.statement(d, t).to_json().dump());
    }
    const auto store = open_store(db, StoreOpen::read_only);
    const Fund fund(*store);
    std::size_t i = 0;
    for (const Date& d : sample_dates())
        for (const Timestamp& t : batches) CHECK(fund.statement(d, t).to_json().dump() == before[i++]);
    // Known at the first batch, nothing of the later batches counts.
    CHECK(fund.statement(Date(2022, 12, 31), batches.front()).to_json() !=
          fund.statement(Date(2022, 12, 31), batches.back()).to_json());
}

TEST_CASE("A statement as of a date after everything took effect is the fund's own state, as the fold gives it") {
    const auto history = testing::HistoryGenerator(7).generate(3000);
    MemoryStore store;
    Fund fund(store);
    fund.apply(history, Timestamp::parse("2024-01-01T00:00:00Z"));
    const Date latest = fund.state().latest_effect;
    for (const Date& d : {latest, latest.add_days(1), latest.add_months(13), Date(2199, 12, 31)}) {
        CAPTURE(d);
        // Fund::statement answers these from its state; the fold is the definition.
        CHECK(fund.statement(d).to_json() == make_statement(fold(fund.events(), View{d, {}}), d).to_json());
    }
    // A day earlier, the fold answers, and an allocation or event may be missing.
    const Date before = latest.add_days(-1);
    CHECK(fund.statement(before).to_json() == make_statement(fold(fund.events(), View{before, {}}), before).to_json());
}
