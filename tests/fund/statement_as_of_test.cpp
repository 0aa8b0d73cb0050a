// The statement (DESIGN §4.3) and bitemporal reads (DESIGN §2): as of an
// effective date, as known at a recording time. Events count by their
// effective date, however late they were recorded; a view as known at a time
// leaves out what was recorded after it.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
// Recorded in three batches: the fund in January 2013, G-1 the day after its
// decision, its first tranche the day after it was paid.
void record_in_batches(Scenario& s) {
    s.apply_at(established(), "2013-01-20T10:00:00Z");
    s.apply_at(std::string(application_a1) + grant_g1, "2013-11-06T09:00:00Z");
    s.apply_at(first_tranche_g1, "2014-01-16T09:00:00Z");
}
}  // namespace

TEST_CASE("As known at a time before a batch was recorded, the statement leaves the batch out") {
    Scenario s(established(), "2013-01-20T10:00:00Z");
    s.apply_at(std::string(application_a1) + grant_g1, "2013-11-06T09:00:00Z");
    s.apply_at(first_tranche_g1, "2014-01-16T09:00:00Z");

    const Statement then = s.on("2014-12-31", "2014-01-01T00:00:00Z");
    CHECK(then.disbursed == Money());
    CHECK(then.committed_undisbursed == sek("2800000.00"));
    CHECK(then.cash == sek("65000000.00"));
    REQUIRE(then.known_at.has_value());
    CHECK(then.known_at->to_string() == "2014-01-01T00:00:00.000000Z");

    const Statement before_grant = s.on("2014-12-31", "2013-11-06T08:59:59Z");
    CHECK(before_grant.grants.empty());
    CHECK(before_grant.committed_undisbursed == Money());

    // Recorded at exactly the time asked: known.
    const Statement at_recording = s.on("2014-12-31", "2014-01-16T09:00:00Z");
    CHECK(at_recording.disbursed == sek("1000000.00"));
    nlohmann::json now = s.on("2014-12-31").to_json();
    now["known_at"] = "2014-01-16T09:00:00.000000Z";
    CHECK(at_recording.to_json() == now);
    CHECK(s.on("2014-12-31").disbursed == sek("1000000.00"));
}

TEST_CASE("Before anything was recorded the fund is not known at all") {
    Scenario s(established(), "2013-01-20T10:00:00Z");
    const Statement st = s.on("2013-12-31", "2013-01-19T00:00:00Z");
    CHECK(st.fund.empty());
    CHECK(st.cash == Money());
}

TEST_CASE("Back-dated events count from their effective date in as-of statements") {
    Scenario s(established(), "2013-01-20T10:00:00Z");
    s.apply_at(std::string(application_a1) + grant_g1, "2013-11-06T09:00:00Z");
    // Recorded in February 2014: a contribution made on 1 June 2013.
    s.apply_at(
        R"({"type":"capital.contributed","date":"2013-06-01","actor":"finance","amount":"10000000.00","source":"surplus 2012","decision":"KF 2013-05-28 §90"})",
        "2014-02-01T09:00:00Z");
    CHECK(s.on("2013-05-31").capital_contributed == sek("65000000.00"));
    CHECK(s.on("2013-06-01").capital_contributed == sek("75000000.00"));
    CHECK(s.on("2013-11-05").free_capital == sek("72200000.00"));
    // What the books said at the end of 2013, as they stood in January 2014.
    CHECK(s.on("2013-12-31", "2014-01-31T23:59:59Z").capital_contributed == sek("65000000.00"));
    CHECK(s.on("2013-12-31", "2014-02-01T09:00:00Z").capital_contributed == sek("75000000.00"));
}

TEST_CASE("A back-dated grant decision is judged on the free capital as of its own date") {
    // A contribution on 2014-01-01, recorded first; a grant decided in 2013, recorded later.
    Scenario s(established_with(R"({"commitments":{"reserve_floor":"0.00"}})", "4000000.00") +
               R"({"type":"capital.contributed","date":"2014-01-01","actor":"finance","amount":"100000000.00"})"
               "\n" +
               application_a1);
    // On 2013-11-05 only 4 MSEK were free: a quarter is 1 MSEK.
    const auto v = s.refused(grant_g1);
    CHECK(v.rule_id() == "grant.max_share_of_free_capital");
    CHECK_THAT(std::string(v.what()), mentions("4000000.00"));
}

TEST_CASE("Recording time never goes backwards") {
    Scenario s(established(), "2014-01-20T10:00:00Z");
    try {
        s.apply_at(application_a1, "2014-01-20T09:59:59Z");
        FAIL("a batch recorded before the last one was accepted");
    } catch (const InputError& e) {
        CHECK(e.id() == "ledger.recorded_at");
    }
    CHECK(s.store.count() == 3);
    s.apply_at(application_a1, "2014-01-20T10:00:00Z");  // the same time is not backwards
    CHECK(s.store.count() == 4);
}

TEST_CASE("Stored events carry their recording time, in a hash chain") {
    Scenario s("", "2013-01-01T00:00:00Z");
    record_in_batches(s);
    CHECK(s.event(1).recorded_at == Timestamp::parse("2013-01-20T10:00:00Z"));
    CHECK(s.event(5).recorded_at == Timestamp::parse("2013-11-06T09:00:00Z"));
    CHECK(s.event(6).recorded_at == Timestamp::parse("2014-01-16T09:00:00Z"));
    CHECK(s.event(1).prev_hash == genesis_hash);
    for (std::int64_t seq = 2; seq <= s.last_seq(); ++seq) CHECK(s.event(seq).prev_hash == s.event(seq - 1).hash);
}

TEST_CASE("A fund reopened over its store gives the same statements, as of and as known at any time") {
    Scenario s("", "2013-01-01T00:00:00Z");
    record_in_batches(s);
    Fund reopened(s.store);
    for (const char* date : {"2013-01-14", "2013-11-05", "2014-01-15", "2016-12-31"}) {
        INFO(date);
        CHECK(reopened.statement(Date::parse(date)).to_json() == s.on(date).to_json());
        const auto known = Timestamp::parse("2013-12-01T00:00:00Z");
        CHECK(reopened.statement(Date::parse(date), known).to_json() ==
              s.fund.statement(Date::parse(date), known).to_json());
    }
}

TEST_CASE("The statement JSON has the keys of DESIGN §4.3 and names the fund, currency and view") {
    Scenario s("", "2013-01-01T00:00:00Z");
    record_in_batches(s);
    const nlohmann::json j = s.on("2014-06-30", "2014-02-01T00:00:00Z").to_json();
    std::set<std::string> keys;
    for (auto it = j.begin(); it != j.end(); ++it) keys.insert(it.key());
    CHECK(keys == std::set<std::string>{"fund", "currency", "as_of", "known_at", "capital_contributed", "allocations",
                                        "repayments", "disbursed", "written_off", "cash", "committed_undisbursed",
                                        "free_capital", "obligations_outstanding", "obligations_overdue", "grants"});
    CHECK(j["fund"] == "orebro-sif");
    CHECK(j["currency"] == "SEK");
    CHECK(j["as_of"] == "2014-06-30");
    CHECK(j["known_at"] == "2014-02-01T00:00:00.000000Z");
    CHECK(j["cash"] == "64000000.00");
    CHECK(j["committed_undisbursed"] == "1800000.00");
    CHECK(j["free_capital"] == "62200000.00");
    CHECK(j["obligations_overdue"] == "0.00");
    REQUIRE(j["grants"].size() == 1);
    const nlohmann::json& g = j["grants"][0];
    // Every key of §4.3's grant object (the statement may add others, such as the application).
    for (const char* key : {"grant", "status", "approved", "disbursed", "repaid", "obligation", "written_off", "focus_area"})
        CHECK(g.contains(key));
    CHECK(g["grant"] == "G-1");
    CHECK(g["status"] == "active");
    CHECK(g["approved"] == "2800000.00");
    CHECK(g["disbursed"] == "1000000.00");
    CHECK(g["obligation"] == "0.00");
    CHECK(g["focus_area"] == "demografi");
    // As of now, with no known_at, it is null.
    CHECK(s.on("2014-06-30").to_json()["known_at"].is_null());
}

TEST_CASE("cash is contributed + allocations + repayments − disbursed; free capital is cash − committed") {
    Scenario s(established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})") +
               R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"amount":"130000000.00","decision":"KF 1"})"
               "\n" +
               application_a1 + grant_g1 + first_tranche_g1 +
               R"({"type":"savings.verified","date":"2015-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2014,"amount":"600000.00","method":"m","verifier":"v"})"
               "\n"
               R"({"type":"repayment.received","date":"2015-06-30","actor":"finance","grant":"G-1","unit":"vof","budget_year":2015,"amount":"250000.00"})"
               "\n"
               R"({"type":"obligation.written_off","date":"2015-12-01","actor":"ks","grant":"G-1","amount":"50000.00","decision":"KS 1","reason":"r"})");
    const Statement st = s.on("2016-01-01");
    CHECK(st.capital_contributed == sek("65000000.00"));
    CHECK(st.allocations == sek("130000000.00"));
    CHECK(st.repayments == sek("250000.00"));
    CHECK(st.disbursed == sek("1000000.00"));
    CHECK(st.written_off == sek("50000.00"));
    CHECK(st.cash == sek("194250000.00"));
    CHECK(st.committed_undisbursed == sek("1800000.00"));
    CHECK(st.free_capital == sek("192450000.00"));
    CHECK(st.obligations_outstanding == sek("300000.00"));
    CHECK(st.obligations_overdue == sek("300000.00"));  // the 2014 saving fell due 2015-12-31
}

TEST_CASE("The free capital a decision is judged on is the statement's free capital on that date") {
    // A history with every kind of money event, closings and reversals.
    Scenario s(established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})") +
               R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"}
{"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","basis":"budget","decision":"KF 1"}
{"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2015,"amount":"5000000.00","decision":"KF 2"}
)" + application_a1 + grant_g1 + first_tranche_g1 +
               R"({"type":"application.submitted","date":"2013-09-02","actor":"kof","application":"A-2","title":"Andra","applicants":["kof","vof"],"focus_area":"geografi","evidence":"promising","requested":"2000000.00","start":"2014-01-01","end":"2015-12-31"}
{"type":"grant.decided","date":"2013-12-01","actor":"ks-chair","grant":"G-2","application":"A-2","amount":"2000000.00","body":"ks","decision":"KS 2"}
{"type":"grant.disbursed","date":"2014-02-01","actor":"finance","grant":"G-2","amount":"500000.00"}
{"type":"grant.disbursed","date":"2014-03-01","actor":"finance","grant":"G-2","amount":"250000.00"}
{"type":"event.reversed","date":"2014-03-10","actor":"finance","seq":13,"reason":"paid twice"}
{"type":"grant.closed","date":"2014-12-31","actor":"ks","grant":"G-2","decision":"KS 3"}
{"type":"event.reversed","date":"2014-06-01","actor":"kf","seq":6,"reason":"reversed allocation for 2015"}
{"type":"tax_revenue.recorded","date":"2015-04-15","actor":"finance","budget_year":2014,"kind":"outcome","amount":"6400000000.00"}
{"type":"savings.verified","date":"2015-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2014,"amount":"300000.00","method":"m","verifier":"v"}
{"type":"repayment.received","date":"2015-06-30","actor":"finance","grant":"G-1","unit":"vof","budget_year":2015,"amount":"100000.00"}
{"type":"capital.contributed","date":"2015-07-01","actor":"finance","amount":"1000000.00"}
{"type":"event.reversed","date":"2015-08-01","actor":"finance","seq":21,"reason":"booked twice"}
)");
    REQUIRE(s.event(13).command.type() == "grant.disbursed");
    REQUIRE(s.event(6).command.type() == "allocation.decided");
    REQUIRE(s.event(21).command.type() == "capital.contributed");
    REQUIRE(s.event(18).command.type() == "allocation.trued_up");
    for (const char* date : {"2013-01-14", "2013-01-15", "2013-11-05", "2013-12-01", "2014-01-01", "2014-02-01",
                             "2014-03-01", "2014-03-10", "2014-06-01", "2014-12-31", "2015-01-01", "2015-04-15",
                             "2015-06-30", "2015-07-01", "2015-08-01", "2016-01-01"}) {
        INFO(date);
        CHECK(s.fund.state().free_capital_on(Date::parse(date)) == s.on(date).free_capital);
    }
    const Statement end = s.on("2016-01-01");
    CHECK(end.allocations == sek("128000000.00"));  // 2014 trued up to the outcome; 2015 reversed
    CHECK(end.disbursed == sek("1500000.00"));
    CHECK(end.committed_undisbursed == sek("1800000.00"));  // G-2 closed, releasing its rest
    CHECK(end.capital_contributed == sek("65000000.00"));
    CHECK(end.cash == sek("191600000.00"));
}
