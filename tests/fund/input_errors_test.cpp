// Bad input never corrupts (DESIGN §5): a command that cannot be read is an
// InputError (a FieldError naming the field) with a stable id and the index
// of the command in its batch; the batch stores nothing, and the fund goes on
// as it was.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
// Two good commands, so that a bad third is at index 2.
const std::string two_good =
    R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.00"})"
    "\n"
    R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"})"
    "\n";

struct Bad {
    const char* what;
    std::string line;
    const char* id;
    const char* field;
    const char* mentions;
};

const std::vector<Bad>& bad_lines() {
    static const std::vector<Bad> cases{
        {"an amount as a JSON number",
         R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":1000})", "input.wrong_type",
         "amount", "must be a string of kronor"},
        {"a budget year as a string",
         R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":"2014","kind":"budget","amount":"6512000000.00"})",
         "input.wrong_type", "budget_year", "an integer"},
        {"a missing amount", R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","source":"gift"})",
         "input.missing_field", "amount", "missing field \"amount\""},
        {"a missing date", R"({"type":"capital.contributed","actor":"finance","amount":"1000.00"})",
         "input.missing_field", "date", "missing field \"date\""},
        {"a misspelt optional amount",
         R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","amout":"130240000.00","decision":"KF 1"})",
         "input.unknown_field", "amout", "unknown field \"amout\""},
        {"a misspelt optional source",
         R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.00","sorce":"gift"})",
         "input.unknown_field", "sorce", "unknown field \"sorce\""},
        {"an unknown type", R"({"type":"grant.decidd","date":"2013-11-05","actor":"ks","grant":"G-1"})",
         "input.unknown_type", "type", "grant.decided"},
        {"three decimals", R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.001"})",
         "money.parse", "amount", "\"1000.001\""},
        {"29 February 2021", R"({"type":"capital.contributed","date":"2021-02-29","actor":"finance","amount":"1000.00"})",
         "date.parse", "date", "2021-02-29"},
        {"a date not written YYYY-MM-DD",
         R"({"type":"capital.contributed","date":"2013/02/01","actor":"finance","amount":"1000.00"})", "date.parse",
         "date", "YYYY-MM-DD"},
        {"an impossible tranche date",
         R"({"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-1","application":"A-1","amount":"2000.00","tranches":[{"date":"2014-01-15","amount":"1000.00"},{"date":"2014-02-30","amount":"1000.00"}],"body":"ks","decision":"KS 1"})",
         "date.parse", "tranches[1].date", "2014-02-30"},
        {"a zero amount", R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"0.00"})",
         "input.invalid_value", "amount", "more than zero"},
        {"a negative amount", R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"-5.00"})",
         "input.invalid_value", "amount", "-5.00"},
        {"an end before the start",
         R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Baklänges","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2014-01-01","end":"2013-12-31"})",
         "input.invalid_value", "end", "before it starts"},
        {"an amount marked EUR in a SEK fund",
         R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.00 EUR"})",
         "currency.mismatch", "amount", "SEK"},
        {"an unknown evidence level",
         R"({"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2","title":"Okänd","applicants":["vof","kof"],"focus_area":"demografi","evidence":"anecdote","requested":"1000000.00","start":"2014-01-01","end":"2014-12-31"})",
         "input.invalid_value", "evidence", "\"anecdote\""},
        {"a misspelt rule in a rulebook", revision("2014.1", "2014-01-01", R"({"grant":{"max_amout":"1.00"}})"),
         "input.unknown_field", "rules.grant.max_amout", "rules.grant.max_amout"},
        {"a line that is not an object", R"(["capital.contributed","2013-02-01"])", "input.wrong_type", "(line)",
         "must be a JSON object"},
    };
    return cases;
}
}  // namespace

TEST_CASE("Malformed commands are input errors naming the field; the batch stores nothing") {
    for (const Bad& bad : bad_lines()) {
        INFO(bad.what);
        Scenario s(established() + application_a1 + grant_g1);
        const auto before = s.store.load();
        // The third command of four.
        const FieldError e = s.input_error(
            two_good + bad.line + "\n" +
            R"({"type":"capital.contributed","date":"2013-03-01","actor":"finance","amount":"1000.00"})");
        CHECK(e.id() == bad.id);
        CHECK(e.field() == bad.field);
        CHECK(e.index() == std::optional<std::size_t>(2));
        CHECK_THAT(std::string(e.what()), mentions(bad.mentions));
        const auto after = s.store.load();
        REQUIRE(after.size() == before.size());
        for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].json == before[i].json);
        CHECK(s.on("2013-12-31").cash == sek("65000000.00"));
        // The fund goes on from where it was.
        const Applied a = s.apply(two_good);
        CHECK(a.first_seq == 6);
        CHECK(s.on("2013-12-31").cash == sek("65001000.00"));
    }
}

TEST_CASE("An unknown currency in fund.established is an input error") {
    Scenario s("");
    const FieldError e = s.input_error(
        R"({"type":"fund.established","date":"2013-01-01","actor":"kf","fund":"f","name":"n","owner":"o","currency":"XYZ","decision":"d"})");
    CHECK(e.id() == "currency.unknown");
    CHECK(e.field() == "currency");
    CHECK(e.index() == std::optional<std::size_t>(0));
    CHECK_THAT(std::string(e.what()), mentions("\"XYZ\""));
    CHECK(s.store.count() == 0);
}

TEST_CASE("A fund in euro reads its amounts in euro, even within the batch that establishes it") {
    Scenario s("");
    const std::string eur_fund =
        R"({"type":"fund.established","date":"2013-01-01","actor":"kf","fund":"eu-sif","name":"Euro fund","owner":"Region","currency":"EUR","decision":"d"})"
        "\n" +
        revision("2013.1", "2013-01-01");
    const FieldError e = s.input_error(
        eur_fund + R"({"type":"capital.contributed","date":"2013-01-15","actor":"finance","amount":"1000.00 SEK"})");
    CHECK(e.id() == "currency.mismatch");
    CHECK(e.field() == "amount");
    CHECK(e.index() == std::optional<std::size_t>(2));
    CHECK(s.store.count() == 0);
    s.apply(eur_fund + R"({"type":"capital.contributed","date":"2013-01-15","actor":"finance","amount":"1000.00 EUR"})");
    const Statement st = s.on("2013-12-31");
    CHECK(st.currency.code() == "EUR");
    CHECK(st.cash == sek("1000.00"));
    CHECK(st.to_json()["currency"] == "EUR");
}

TEST_CASE("A batch whose third of four commands is refused by a rule stores none of them") {
    Scenario s(established());
    const auto before = s.store.count();
    const auto v = s.refused(
        std::string(application_a1) + grant_g1 +
        R"({"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-1","amount":"2800000.01"})"
        "\n" +
        R"({"type":"capital.contributed","date":"2014-02-01","actor":"finance","amount":"1000.00"})");
    CHECK(v.rule_id() == "grant.disbursement_exceeds_approval");
    CHECK(v.index() == std::optional<std::size_t>(2));
    CHECK(s.store.count() == before);
    CHECK(s.fund.state().application("A-1") == nullptr);
    CHECK(s.fund.state().grant("G-1") == nullptr);
    CHECK(s.on("2014-12-31").committed_undisbursed == Money());
    // The same batch, put right, is stored whole.
    const Applied a = s.apply(
        std::string(application_a1) + grant_g1 + first_tranche_g1 +
        R"({"type":"capital.contributed","date":"2014-02-01","actor":"finance","amount":"1000.00"})");
    CHECK(a.first_seq == 4);
    CHECK(a.last_seq == 7);
    CHECK(s.store.count() == 7);
}

TEST_CASE("A later command in a batch is checked against the ones before it") {
    Scenario s;
    // The grant names an application that only this batch submits: fine.
    s.apply(std::string(application_a1) + grant_g1 + first_tranche_g1);
    CHECK(s.on("2014-01-15").disbursed == sek("1000000.00"));
}

TEST_CASE("An amount that would overflow the books is an error that stores nothing") {
    Scenario s;
    try {
        s.apply(R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.00"})"
                "\n"
                R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"92233720368547758.07"})");
        FAIL("an overflowing contribution was accepted");
    } catch (const OverflowError& e) {
        CHECK(e.id() == "money.overflow");
        CHECK(e.index() == std::optional<std::size_t>(1));
    }
    CHECK(s.store.count() == 3);
    CHECK(s.on("2013-12-31").cash == sek("65000000.00"));
    s.apply(R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.00"})");
    CHECK(s.store.count() == 4);
}

TEST_CASE("A fund that another writer got ahead of stores nothing and says so") {
    MemoryStore store;
    Fund first(store);
    first.apply(lines(established()), recorded);
    Fund second(store);  // both have read three events
    first.apply(lines(R"({"type":"capital.contributed","date":"2013-02-01","actor":"finance","amount":"1000.00"})"),
                recorded);
    try {
        second.apply(lines(R"({"type":"capital.contributed","date":"2013-02-02","actor":"finance","amount":"2000.00"})"),
                     recorded);
        FAIL("a stale fund appended");
    } catch (const ConcurrencyError& e) {
        CHECK(e.id() == "store.conflict");
    }
    CHECK(store.count() == 4);
    CHECK(second.events().size() == 3);  // it kept what it had read
    Fund reloaded(store);
    CHECK(reloaded.statement(Date::parse("2013-12-31")).cash == sek("65001000.00"));
}

namespace {
// A store whose rows were changed behind the fund's back.
class TamperedStore final : public Store {
public:
    explicit TamperedStore(std::vector<StoredEvent> rows) : rows_(std::move(rows)) {}
    std::vector<StoredEvent> load() override { return rows_; }
    void append(std::span<const StoredEvent>) override {}
    std::int64_t count() override { return static_cast<std::int64_t>(rows_.size()); }
    std::string describe() const override { return "tampered"; }

private:
    std::vector<StoredEvent> rows_;
};
}  // namespace

TEST_CASE("A fund refuses to open over a history that was changed after it was recorded") {
    Scenario s(established() + application_a1);
    SECTION("a changed amount breaks the event's hash") {
        auto rows = s.store.load();
        const auto at = rows[2].json.find("65000000.00");
        REQUIRE(at != std::string::npos);
        rows[2].json.replace(at, 11, "75000000.00");
        TamperedStore tampered(rows);
        try {
            Fund f(tampered);
            FAIL("a tampered history was opened");
        } catch (const IntegrityError& e) {
            CHECK(e.id() == "integrity.hash");
            CHECK(e.seq() == 3);
        }
    }
    SECTION("a removed event breaks the sequence") {
        auto rows = s.store.load();
        rows.erase(rows.begin() + 2);
        TamperedStore tampered(rows);
        try {
            Fund f(tampered);
            FAIL("a history with a gap was opened");
        } catch (const IntegrityError& e) {
            CHECK(e.id() == "integrity.sequence");
        }
    }
}
