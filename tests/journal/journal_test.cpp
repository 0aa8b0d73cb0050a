// The books for the auditors' tools (fund/books.hpp; io/journal.hpp writes
// them): every event that moves money becomes a balanced transaction, and the
// balances of the chart's accounts are the statement's figures, on every date,
// to the öre.

#include <sifund/io/journal.hpp>

#include <sstream>

#include "../fund/scenario.hpp"
#include "../support/history.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string reversal(int seq, const char* date, const char* reason, const char* actor = "finance") {
    return R"({"type":"event.reversed","date":")" + std::string(date) + R"(","actor":")" + actor + R"(","seq":)" +
           std::to_string(seq) + R"(,"reason":")" + reason + "\"}\n";
}

// A short life of a fund: a negative true-up, reversals of a disbursement, a
// contribution, a grant decision and a verified saving, repayment, write-off
// and the closing that releases what was still committed.
std::string history() {
    std::string h = established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})");  // 1-3
    h += R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"})"
         "\n";  // 4
    h += R"({"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","basis":"budget","decision":"KF 2013-06-18 §120"})"
         "\n";                                                  // 5: 130 240 000.00 from 2014-01-01
    h += application_a1;                                        // 6
    h += replaced(application_a1, "\"A-1\"", "\"A-2\"");        // 7
    h += grant_g1;                                              // 8
    h += replaced(replaced(grant_g1, "\"G-1\"", "\"G-2\""), "\"A-1\"", "\"A-2\"");  // 9
    h += first_tranche_g1;                                      // 10: 1 000 000.00 on 2014-01-15
    h += R"({"type":"grant.disbursed","date":"2014-02-01","actor":"finance","grant":"G-1","amount":"500000.00"})"
         "\n";                                                  // 11
    h += reversal(11, "2014-02-10", "paid twice");              // 12
    h += R"({"type":"capital.contributed","date":"2014-03-01","actor":"finance","amount":"1000000.00","source":"surplus"})"
         "\n";                                                  // 13
    h += reversal(13, "2014-03-05", "booked in error");         // 14
    h += reversal(9, "2014-04-15", "the board withdrew the decision", "ks-chair");  // 15
    h += R"({"type":"grant.disbursed","date":"2015-01-15","actor":"finance","grant":"G-1","amount":"1000000.00"})"
         "\n";                                                  // 16
    h += R"({"type":"tax_revenue.recorded","date":"2015-04-15","actor":"finance","budget_year":2014,"kind":"outcome","amount":"6400000000.00"})"
         "\n";                                                  // 17, and 18: the true-up, -2 240 000.00
    h += R"({"type":"savings.verified","date":"2016-03-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2015,"amount":"1500000.00","method":"difference-in-differences","verifier":"Örebro universitet"})"
         "\n";                                                  // 19: obligation 1 500 000.00
    h += R"({"type":"savings.verified","date":"2016-04-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2015,"amount":"300000.00","method":"difference-in-differences","verifier":"Örebro universitet"})"
         "\n";                                                  // 20
    h += reversal(20, "2016-05-01", "counted twice");           // 21
    h += R"({"type":"repayment.received","date":"2016-06-30","actor":"finance","grant":"G-1","unit":"vof","budget_year":2016,"amount":"1000000.00"})"
         "\n";                                                  // 22
    h += R"({"type":"obligation.written_off","date":"2016-12-31","actor":"ks","grant":"G-1","amount":"500000.00","decision":"KS §310","reason":"the unit's frame could not carry it"})"
         "\n";                                                  // 23
    h += R"({"type":"grant.closed","date":"2016-12-31","actor":"ks","grant":"G-1","decision":"KS §311"})"
         "\n";  // 24: releases 800 000.00
    return h;
}

// The statement's figures read from the balances, as the README says.
void check_figures(const std::map<std::string, Money>& b, const Statement& st) {
    INFO("as of " << st.as_of.to_string());
    CHECK(balance_of(b, account::cash) == st.cash);
    CHECK(-balance_of(b, account::capital) == st.capital_contributed);
    CHECK(-balance_of(b, account::allocations) == st.allocations);
    CHECK(-balance_of(b, account::repayments) == st.repayments);
    CHECK(balance_of(b, account::grants) == st.disbursed);
    CHECK(balance_of(b, account::write_offs) == st.written_off);
    CHECK(balance_of(b, account::obligations) == st.obligations_outstanding);
    CHECK(balance_of(b, account::commitments) == st.committed_undisbursed);
    CHECK(-balance_of(b, account::grant_commitments) == st.committed_undisbursed);
    for (const GrantLine& g : st.grants) {
        INFO("grant " << g.grant);
        CHECK(balance_of(b, account::of(account::grants, g.grant)) == g.disbursed);
        CHECK(-balance_of(b, account::of(account::repayments, g.grant)) == g.repaid);
        CHECK(balance_of(b, account::of(account::write_offs, g.grant)) == g.written_off);
        CHECK(balance_of(b, account::of(account::obligations, g.grant)) == g.outstanding);
        CHECK(-balance_of(b, account::of(account::unrealised, g.grant)) -
                  balance_of(b, account::of(account::repayments, g.grant)) ==
              g.obligation);
        const Money committed = g.status == "closed" ? Money() : g.approved - g.disbursed;
        CHECK(-balance_of(b, account::of(account::grant_commitments, g.grant)) == committed);
    }
    Money total;
    for (const auto& [name, amount] : b) total += amount;
    CHECK(total == Money());
}

void check_balanced(const Journal& j) {
    for (const JournalEntry& e : j.entries) {
        INFO("seq " << e.seq << " " << e.type);
        CHECK(e.postings.size() >= 2);
        CHECK(e.sum() == Money());
        for (const Posting& p : e.postings) CHECK_FALSE(p.amount.is_zero());
    }
    for (std::size_t i = 1; i < j.entries.size(); ++i) CHECK_FALSE(j.entries[i].date < j.entries[i - 1].date);
}

const JournalEntry& entry(const Journal& j, std::int64_t seq) {
    for (const JournalEntry& e : j.entries)
        if (e.seq == seq) return e;
    FAIL("no transaction for seq " << seq);
    throw;  // unreachable
}

Money posted(const JournalEntry& e, const std::string& account) {
    Money sum;
    for (const Posting& p : e.postings)
        if (p.account == account) sum += p.amount;
    return sum;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("Every transaction balances, and the balances are the statement's figures on every date") {
    Scenario s(history());
    REQUIRE(s.last_seq() == 24);
    REQUIRE(s.event(18).command.type() == "allocation.trued_up");
    const Journal j = make_journal(s.fund.events());
    CHECK(j.fund == "orebro-sif");
    CHECK(j.currency == Currency::sek());
    check_balanced(j);

    const Statement end = s.on("2199-12-31");
    CHECK(end.allocations == sek("128000000.00"));
    CHECK(end.disbursed == sek("2000000.00"));
    CHECK(end.obligations_outstanding == Money());
    CHECK(end.written_off == sek("500000.00"));
    CHECK(s.on("2016-12-30").obligations_outstanding == sek("500000.00"));
    check_figures(j.balances(), end);
    for (const char* date : {"2013-01-14", "2013-01-15", "2013-06-18", "2013-11-05", "2013-12-31", "2014-01-01",
                             "2014-01-15", "2014-02-01", "2014-02-09", "2014-02-10", "2014-03-01", "2014-03-04",
                             "2014-03-05", "2014-04-14", "2014-04-15", "2014-12-31", "2015-01-15", "2015-04-15",
                             "2015-12-31", "2016-03-01", "2016-04-01", "2016-05-01", "2016-06-30", "2016-12-30",
                             "2016-12-31", "2017-12-31"})
        check_figures(j.balances(Date::parse(date)), s.on(date));
}

TEST_CASE("What each kind of event posts") {
    Scenario s(history());
    const Journal j = make_journal(s.fund.events());
    const std::string cash(account::cash), allocations(account::allocations), commitments(account::commitments);

    SECTION("an allocation when its money is there, and a negative true-up takes money back") {
        const JournalEntry& a = entry(j, 5);
        CHECK(a.date == Date(2014, 1, 1));
        CHECK(a.event_date == Date(2013, 6, 18));
        CHECK(posted(a, cash) == sek("130240000.00"));
        const JournalEntry& t = entry(j, 18);
        CHECK(t.type == "allocation.trued_up");
        CHECK(t.date == Date(2015, 4, 15));
        CHECK(posted(t, cash) == sek("-2240000.00"));
        CHECK(posted(t, allocations) == sek("2240000.00"));
    }
    SECTION("a reversal posts the reverse on its own date") {
        const JournalEntry& paid = entry(j, 11);
        const JournalEntry& undone = entry(j, 12);
        CHECK(undone.date == Date(2014, 2, 10));
        CHECK(undone.type == "event.reversed");
        CHECK(undone.subject == "seq 11: grant.disbursed G-1");
        CHECK(undone.note == "paid twice");
        REQUIRE(undone.postings.size() == paid.postings.size());
        for (const Posting& p : paid.postings) CHECK(posted(undone, p.account) == -p.amount);
        CHECK(posted(entry(j, 14), std::string(account::capital)) == sek("1000000.00"));
        CHECK(posted(entry(j, 21), account::of(account::obligations, "G-1")) == sek("-300000.00"));
    }
    SECTION("a reversed decision and a closing release the commitment") {
        CHECK(posted(entry(j, 15), account::of(account::grant_commitments, "G-2")) == sek("2800000.00"));
        CHECK(posted(entry(j, 15), commitments) == sek("-2800000.00"));
        CHECK(posted(entry(j, 24), commitments) == sek("-800000.00"));
    }
    SECTION("a repayment brings money and settles the claim; a write-off forgives it") {
        const JournalEntry& r = entry(j, 22);
        CHECK(posted(r, cash) == sek("1000000.00"));
        CHECK(posted(r, account::of(account::repayments, "G-1")) == sek("-1000000.00"));
        CHECK(posted(r, account::of(account::obligations, "G-1")) == sek("-1000000.00"));
        CHECK(posted(r, account::of(account::unrealised, "G-1")) == sek("1000000.00"));
        const JournalEntry& w = entry(j, 23);
        CHECK(posted(w, account::of(account::write_offs, "G-1")) == sek("500000.00"));
        CHECK(posted(w, account::of(account::obligations, "G-1")) == sek("-500000.00"));
        CHECK(w.postings.size() == 2);
    }
    SECTION("events that move no money post nothing") {
        for (std::int64_t seq : {1, 2, 4, 6, 7, 17})
            for (const JournalEntry& e : j.entries) CHECK(e.seq != seq);
    }
}

TEST_CASE("A generated history: balanced, and equal to the statement at every year end") {
    MemoryStore store;
    Fund fund(store);
    fund.apply(HistoryGenerator(7).generate(3000), recorded);
    const Journal j = make_journal(fund.events());
    check_balanced(j);
    for (int year = 2013; year <= 2018; ++year) {
        const Date d(year, 12, 31);
        check_figures(j.balances(d), fund.statement(d));
    }
    check_figures(j.balances(), fund.statement(Date(2199, 12, 31)));
}

TEST_CASE("Account components are valid in every tool and keep ids apart") {
    CHECK(account::component("G-2013-01") == "G-2013-01");
    CHECK(account::component("2013-7") == "2013-7");
    CHECK(account::component("g-1") == "0x672D31");
    CHECK(account::component("G_1") == "0x475F31");
    CHECK(account::component("Ö-1") == "0xC3962D31");
    CHECK(account::component("0x672D31") != account::component("g-1"));
    CHECK(account::component("") == "0x");
    CHECK(account::of(account::grants, "G 1") == "Assets:Grants:0x472031");
}

TEST_CASE("The writers: ledger, beancount and CSV text of the same transactions") {
    Scenario s(history());
    const Journal j = make_journal(s.fund.events());
    std::size_t postings = 0;
    for (const JournalEntry& e : j.entries) postings += e.postings.size();

    std::ostringstream ledger, beancount, csv;
    write_ledger(ledger, j);
    write_beancount(beancount, j);
    write_csv(csv, j);

    CHECK(count(ledger.str(), "\n    ; seq: ") == j.entries.size());
    CHECK_THAT(ledger.str(), mentions("\n2014-01-01 allocation.decided budget year 2014\n    ; seq: 5\n    ; event_date: 2013-06-18\n"));
    CHECK_THAT(ledger.str(), mentions("    Income:Allocations    2240000.00 SEK\n"));

    CHECK_THAT(beancount.str(), mentions("option \"operating_currency\" \"SEK\"\n"));
    CHECK_THAT(beancount.str(), mentions("\n2013-11-05 open Liabilities:Memo:Commitments:G-2 SEK\n"));
    CHECK_THAT(beancount.str(), mentions("\n2014-02-10 * \"event.reversed\" \"seq 11: grant.disbursed G-1 (paid twice)\"\n  seq: 12\n"));
    CHECK(count(beancount.str(), "\n  seq: ") == j.entries.size());

    const std::string rows = csv.str();
    CHECK(rows.rfind("seq,date,type,subject,account,amount,currency\n", 0) == 0);
    CHECK(count(rows, "\n") == postings + 1);
    CHECK_THAT(rows, mentions("\n18,2015-04-15,allocation.trued_up,budget year 2014,Assets:Fund:Cash,-2240000.00,SEK\n"));
}

TEST_CASE("An empty history is empty books") {
    const Journal j = make_journal(std::span<const Event>());
    CHECK(j.entries.empty());
    std::ostringstream csv;
    write_csv(csv, j);
    CHECK(csv.str() == "seq,date,type,subject,account,amount,currency\n");
}
