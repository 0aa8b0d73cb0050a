// The repayment model (DESIGN §4.2): a verified saving creates an obligation
// of share_of_savings × the saving, rounded to the öre by repayment.rounding,
// cut so that a grant's obligations never pass cap_factor × what was
// disbursed when the saving is verified; it falls due at the end of
// budget_year + due_lag_years. Repayments and write-offs settle the oldest
// obligations first, and only obligations that have arisen.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
// G-1 has 1 000 000 kr paid out on 2014-01-15. Reports are not the subject here.
std::string paid_g1(const std::string& rules_patch = "{}") {
    nlohmann::json patch = nlohmann::json::parse(rules_patch);
    patch["reporting"]["block_disbursement_when_overdue"] = false;
    return established_with(patch.dump()) + application_a1 + grant_g1 + first_tranche_g1;
}

std::string saving(const char* date, int budget_year, const char* amount, const char* grant = "G-1") {
    return R"({"type":"savings.verified","date":")" + std::string(date) + R"(","actor":"uni","grant":")" + grant +
           R"(","unit":"vof","budget_year":)" + std::to_string(budget_year) + R"(,"amount":")" + amount +
           R"(","method":"difference-in-differences","verifier":"Örebro universitet"})";
}
std::string repayment(const char* date, int budget_year, const char* amount) {
    return R"({"type":"repayment.received","date":")" + std::string(date) +
           R"(","actor":"finance","grant":"G-1","unit":"vof","budget_year":)" + std::to_string(budget_year) +
           R"(,"amount":")" + amount + R"("})";
}
std::string write_off(const char* date, const char* amount) {
    return R"({"type":"obligation.written_off","date":")" + std::string(date) +
           R"(","actor":"ks","grant":"G-1","amount":")" + amount +
           R"(","decision":"KS §310","reason":"the unit's frame could not carry it"})";
}

std::vector<Money> obligations_of(const Scenario& s, const char* grant) {
    std::vector<Money> out;
    for (const Obligation& o : s.fund.state().grant(grant)->obligations) out.push_back(o.amount);
    return out;
}
}  // namespace

TEST_CASE("An obligation is share_of_savings × the saving, rounded to the öre by the repayment rounding") {
    SECTION("half_even: 50 000.005 becomes 50 000.00 and 50 000.015 becomes 50 000.02") {
        Scenario s(paid_g1(R"({"repayment":{"share_of_savings":"0.5"}})"));
        s.apply(saving("2015-03-01", 2014, "100000.01") + "\n" + saving("2015-03-02", 2014, "100000.03"));
        CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("50000.00"), sek("50000.02")});
        CHECK(s.grant_on("G-1", "2015-03-02").obligation == sek("100000.02"));
        CHECK(s.on("2015-03-02").obligations_outstanding == sek("100000.02"));
    }
    SECTION("half_up: 50 000.005 becomes 50 000.01") {
        Scenario s(paid_g1(R"({"repayment":{"share_of_savings":"0.5","rounding":"half_up"}})"));
        s.apply(saving("2015-03-01", 2014, "100000.01") + "\n" + saving("2015-03-02", 2014, "100000.03"));
        CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("50000.01"), sek("50000.02")});
    }
}

TEST_CASE("Obligations stop at cap_factor × what was disbursed: the room left, then nothing") {
    Scenario s(paid_g1());  // share 1.00, cap 1.00 × 1 000 000 paid out
    s.apply(saving("2015-03-01", 2014, "600000.00"));
    s.apply(saving("2015-04-01", 2014, "500000.00"));  // only 400 000 of room is left
    s.apply(saving("2015-05-01", 2014, "300000.00"));  // none is left
    CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("600000.00"), sek("400000.00"), Money()});
    const GrantLine g = s.grant_on("G-1", "2015-12-31");
    CHECK(g.obligation == sek("1000000.00"));
    CHECK(g.disbursed == sek("1000000.00"));
}

TEST_CASE("The cap counts what was disbursed as of the verification's date") {
    // A second tranche dated 2015-06-01 is already recorded when savings
    // verified on 2015-03-01 are; the cap then is still 1 000 000.
    Scenario s(paid_g1() + R"({"type":"grant.disbursed","date":"2015-06-01","actor":"finance","grant":"G-1","amount":"1000000.00"})");
    s.apply(saving("2015-03-01", 2014, "3000000.00"));
    CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("1000000.00")});
    s.apply(saving("2015-07-01", 2015, "3000000.00"));
    CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("1000000.00"), sek("1000000.00")});
}

TEST_CASE("A cap_factor below one cuts the obligations to that share of the disbursed, rounded down") {
    Scenario s(paid_g1(R"({"repayment":{"cap_factor":"0.333"}})"));
    s.apply(saving("2015-03-01", 2014, "1000000.00"));
    CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("333000.00")});
}

TEST_CASE("An obligation falls due at the end of budget_year + due_lag_years and is overdue the day after") {
    SECTION("due_lag_years 1") {
        Scenario s(paid_g1());
        s.apply(saving("2015-03-01", 2014, "300000.00"));  // due 2015-12-31
        CHECK(s.fund.state().grant("G-1")->obligations.at(0).due == Date::parse("2015-12-31"));
        CHECK(s.on("2015-12-31").obligations_overdue == Money());
        CHECK(s.on("2015-12-31").obligations_outstanding == sek("300000.00"));
        CHECK(s.on("2016-01-01").obligations_overdue == sek("300000.00"));
    }
    SECTION("due_lag_years 2") {
        Scenario s(paid_g1(R"({"repayment":{"due_lag_years":2}})"));
        s.apply(saving("2015-03-01", 2014, "300000.00"));  // due 2016-12-31
        CHECK(s.on("2016-12-31").obligations_overdue == Money());
        CHECK(s.on("2017-01-01").obligations_overdue == sek("300000.00"));
    }
}

TEST_CASE("Repayments settle the oldest-due obligation first") {
    Scenario s(paid_g1());
    s.apply(saving("2015-03-01", 2014, "300000.00") + "\n" +  // due 2015-12-31
            saving("2015-04-01", 2015, "400000.00") + "\n" +  // due 2016-12-31
            repayment("2015-06-30", 2015, "300000.00"));
    // The repayment settled the 2014 obligation, not part of each.
    CHECK(s.on("2016-01-01").obligations_overdue == Money());
    CHECK(s.on("2016-01-01").obligations_outstanding == sek("400000.00"));
    CHECK(s.on("2017-01-01").obligations_overdue == sek("400000.00"));
    // A write-off settles what is left, the oldest first as well.
    s.apply(write_off("2017-02-01", "150000.00"));
    CHECK(s.on("2017-02-01").obligations_overdue == sek("250000.00"));
    CHECK(s.on("2017-01-31").obligations_overdue == sek("400000.00"));
    const GrantLine g = s.grant_on("G-1", "2017-02-01");
    CHECK(g.obligation == sek("700000.00"));
    CHECK(g.repaid == sek("300000.00"));
    CHECK(g.written_off == sek("150000.00"));
    const Statement st = s.on("2017-02-01");
    CHECK(st.repayments == sek("300000.00"));
    CHECK(st.written_off == sek("150000.00"));
    CHECK(st.obligations_outstanding == sek("250000.00"));
    CHECK(st.cash == sek("64300000.00"));  // 65 MSEK − 1 MSEK paid out + 300 000 repaid
}

TEST_CASE("Overdue obligations: a repayment part-way leaves the rest of the oldest overdue") {
    Scenario s(paid_g1());
    s.apply(saving("2015-03-01", 2014, "300000.00") + "\n" + saving("2016-03-01", 2015, "400000.00") + "\n" +
            repayment("2016-06-30", 2016, "350000.00"));
    CHECK(s.on("2016-06-29").obligations_overdue == sek("300000.00"));
    CHECK(s.on("2016-06-30").obligations_overdue == Money());
    CHECK(s.on("2017-01-01").obligations_overdue == sek("350000.00"));
}

TEST_CASE("repayment.exceeds_owed: exactly what has arisen may be repaid, one öre more may not") {
    Scenario s(paid_g1() + saving("2015-03-01", 2014, "300000.00"));
    const auto v = s.refused(repayment("2015-06-30", 2015, "300000.01"));
    CHECK(v.rule_id() == "repayment.exceeds_owed");
    CHECK(v.expected() == "<= 300000.00");
    CHECK_THAT(std::string(v.what()), mentions("300000.01") && mentions("300000.00"));
    s.apply(repayment("2015-06-30", 2015, "300000.00"));
    const auto more = s.refused(repayment("2015-07-01", 2015, "0.01"));
    CHECK(more.rule_id() == "repayment.exceeds_owed");
    CHECK(more.expected() == "<= 0.00");
}

TEST_CASE("Only obligations that have arisen by the repayment's date can be repaid") {
    Scenario s(paid_g1() + saving("2015-03-01", 2014, "300000.00"));
    const auto v = s.refused(repayment("2015-02-28", 2015, "100000.00"));
    CHECK(v.rule_id() == "repayment.exceeds_owed");
    CHECK_THAT(std::string(v.what()), mentions("2015-02-28") && mentions("0.00"));
    s.apply(repayment("2015-03-01", 2015, "100000.00"));
}

TEST_CASE("repayment.budget_year: a repayment is taken from the frame of the year of its date") {
    Scenario s(paid_g1() + saving("2015-03-01", 2014, "300000.00"));
    const auto v = s.refused(repayment("2015-06-30", 2014, "100000.00"));
    CHECK(v.rule_id() == "repayment.budget_year");
    CHECK(v.expected() == "2015");
    CHECK(v.actual() == "2014");
    s.apply(repayment("2015-06-30", 2015, "100000.00"));
}

TEST_CASE("A write-off may forgive what is outstanding, no more") {
    Scenario s(paid_g1() + saving("2015-03-01", 2014, "300000.00") + "\n" + repayment("2015-06-30", 2015, "100000.00"));
    const auto v = s.refused(write_off("2016-12-31", "200000.01"));
    CHECK(v.rule_id() == "obligation.exceeds_outstanding");
    CHECK(v.expected() == "<= 200000.00");
    CHECK_THAT(std::string(v.what()), mentions("200000.01") && mentions("200000.00"));
    // Nor can it forgive an obligation before it has arisen.
    const auto early = s.refused(write_off("2015-02-28", "100.00"));
    CHECK(early.rule_id() == "obligation.exceeds_outstanding");
    s.apply(write_off("2016-12-31", "200000.00"));
    CHECK(s.on("2016-12-31").obligations_outstanding == Money());
}

TEST_CASE("A grant that still owes cannot be closed; once settled it can, releasing what was not paid out") {
    Scenario s(paid_g1() + saving("2015-03-01", 2014, "300000.00") + "\n" + repayment("2015-06-30", 2015, "100000.00"));
    const auto close =
        R"({"type":"grant.closed","date":"2016-12-31","actor":"ks","grant":"G-1","decision":"KS 2016-12-13 §300"})";
    const auto v = s.refused(close);
    CHECK(v.rule_id() == "grant.close_with_outstanding");
    CHECK(v.actual() == "200000.00");
    CHECK_THAT(std::string(v.what()), mentions("G-1 still owes 200000.00"));
    s.apply(write_off("2016-12-31", "200000.00"));
    s.apply(close);
    CHECK(s.on("2016-12-30").committed_undisbursed == sek("1800000.00"));
    const Statement st = s.on("2016-12-31");
    CHECK(st.committed_undisbursed == Money());
    CHECK(st.grants.at(0).status == "closed");
}

TEST_CASE("When the savings never come, nothing is owed and the grant is simply closed") {
    Scenario s(paid_g1());
    s.apply(R"({"type":"grant.closed","date":"2017-06-30","actor":"ks","grant":"G-1","decision":"KS 2017-06-13 §120"})");
    const Statement st = s.on("2017-06-30");
    CHECK(st.obligations_outstanding == Money());
    CHECK(st.cash == sek("64000000.00"));
    CHECK(st.free_capital == sek("64000000.00"));
}

TEST_CASE("A grant's repayment terms are those of the revision in force when it was decided") {
    // From 2015 the fund asks nothing back; G-1 was decided in 2013 under share 1.00.
    Scenario s(paid_g1() + revision("2015.1", "2015-01-01", R"({"repayment":{"share_of_savings":"0"},"reporting":{"block_disbursement_when_overdue":false}})") +
               R"({"type":"application.submitted","date":"2015-01-10","actor":"vof","application":"A-2","title":"Efter 2015","applicants":["vof","kof"],"focus_area":"demografi","evidence":"promising","requested":"1000000.00","start":"2015-02-01","end":"2016-12-31"})"
               "\n"
               R"({"type":"grant.decided","date":"2015-01-20","actor":"ks-chair","grant":"G-2","application":"A-2","amount":"1000000.00","body":"ks","decision":"KS 2015-01-20 §10"})"
               "\n"
               R"({"type":"grant.disbursed","date":"2015-02-01","actor":"finance","grant":"G-2","amount":"1000000.00"})");
    s.apply(saving("2016-03-01", 2015, "400000.00", "G-1") + "\n" + saving("2016-03-01", 2015, "400000.00", "G-2"));
    CHECK(obligations_of(s, "G-1") == std::vector<Money>{sek("400000.00")});
    CHECK(obligations_of(s, "G-2") == std::vector<Money>{Money()});
    CHECK(s.on("2016-03-01").obligations_outstanding == sek("400000.00"));
    // Nothing arose for G-2, so nothing can be repaid for it.
    const auto v = s.refused(
        R"({"type":"repayment.received","date":"2016-06-30","actor":"finance","grant":"G-2","unit":"vof","budget_year":2016,"amount":"0.01"})");
    CHECK(v.rule_id() == "repayment.exceeds_owed");
}

// BUG: the obligation a saving creates depends on the view it is read in. The
// fold (include/sifund/fund/apply.hpp, the SavingsVerified branch) recomputes
// the cap from the obligations already folded, in seq order; an as-of view
// leaves out later-dated savings recorded earlier, so a back-dated saving gets
// room there that it never had when the fund accepted it. Here the saving of
// 2015-03-01 (recorded after one of 2015-06-01 that took the whole cap) owes
// nothing in the full ledger, yet 400 000 kr in the statement as of 2015-04-01,
// and "stops" owing it by 2015-06-01. One saving should create one obligation
// in every view that includes it (storing the amount with the event, as
// allocation.decided does, or folding savings by effective date, would do).
TEST_CASE("A saving's obligation is the same in every view that includes it") {
    Scenario s(paid_g1());                               // cap 1 000 000
    s.apply(saving("2015-06-01", 2015, "1000000.00"));  // recorded first: the whole cap
    s.apply(saving("2015-03-01", 2014, "400000.00"));   // back-dated, recorded later
    const std::int64_t back_dated = s.last_seq();
    Money in_ledger;
    for (const Obligation& o : s.fund.state().grant("G-1")->obligations)
        if (o.seq == back_dated) in_ledger = o.amount;
    // As of 2015-04-01 only the back-dated saving is in effect.
    CHECK(s.grant_on("G-1", "2015-04-01").obligation == in_ledger);
    CHECK(s.on("2015-04-01").obligations_outstanding == in_ledger);
}

TEST_CASE("repayment.obligation: the fund stores the obligation a saving creates, and refuses another figure") {
    Scenario s(paid_g1());
    s.apply(saving("2015-03-01", 2014, "300000.00"));
    const auto& stored = s.fund.events().back().command.as<cmd::SavingsVerified>();
    REQUIRE(stored != nullptr);
    CHECK(stored->obligation == std::optional<Money>(Money::parse("300000.00")));
    CHECK(stored->due == std::optional<Date>(Date::parse("2015-12-31")));

    // A saving given with the obligation the terms give is accepted ...
    s.apply(R"({"type":"savings.verified","date":"2015-04-01","actor":"finance","grant":"G-1","unit":"vof","budget_year":2014,"amount":"100000.00","method":"did","verifier":"uni","obligation":"100000.00","due":"2015-12-31"})");
    // ... and one a krona off, or due on another day, is refused.
    auto v = s.refused(
        R"({"type":"savings.verified","date":"2015-04-02","actor":"finance","grant":"G-1","unit":"vof","budget_year":2014,"amount":"100000.00","method":"did","verifier":"uni","obligation":"99999.00"})");
    CHECK(v.rule_id() == "repayment.obligation");
    CHECK(v.expected() == "100000.00");
    v = s.refused(
        R"({"type":"savings.verified","date":"2015-04-02","actor":"finance","grant":"G-1","unit":"vof","budget_year":2014,"amount":"100000.00","method":"did","verifier":"uni","due":"2016-12-31"})");
    CHECK(v.rule_id() == "repayment.obligation");
}
