// The command file of DESIGN §4.1, run end to end (with the submissions its
// rejection and withdrawal need): the Örebro fund from its establishment in
// 2013 to the closing of its first grant in 2021.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
std::string orebro() {
    return established() +
           R"({"type":"tax_revenue.recorded","date":"2013-06-18","actor":"finance","budget_year":2014,"kind":"budget","amount":"6512000000.00"}
{"type":"allocation.decided","date":"2013-06-18","actor":"kf","budget_year":2014,"rate":"0.02","basis":"budget","decision":"KF 2013-06-18 §120"}
{"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2013-01","title":"Fallprevention för äldre","applicants":["vof","kof"],"focus_area":"demografi","target_group":"65+ living at home","evidence":"promising","requested":"3000000.00","budget":{"2014":"1000000.00","2015":"1200000.00","2016":"800000.00"},"start":"2014-01-01","end":"2016-12-31","co_financing":"600000.00","indicators":[{"name":"fall injuries per 1000","baseline":"38","target":"30"}],"expected_savings":[{"unit":"vof","budget_year":2017,"amount":"1500000.00"}],"evaluation":{"method":"difference-in-differences","evaluator":"Örebro universitet"}}
{"type":"application.submitted","date":"2013-09-02","actor":"kof","application":"A-2013-02","title":"Kulturcafé","applicants":["kof","vof"],"focus_area":"demokrati","evidence":"promising","requested":"900000.00","start":"2014-01-01","end":"2015-12-31"}
{"type":"application.submitted","date":"2013-09-02","actor":"vof","application":"A-2013-03","title":"Hemrehab","applicants":["vof","kof"],"focus_area":"demografi","evidence":"established","requested":"1500000.00","start":"2014-01-01","end":"2015-12-31"}
{"type":"application.withdrawn","date":"2013-10-01","actor":"vof","application":"A-2013-03"}
{"type":"grant.decided","date":"2013-11-05","actor":"ks-chair","grant":"G-2013-01","application":"A-2013-01","amount":"2800000.00","tranches":[{"date":"2014-01-15","amount":"1000000.00"},{"date":"2015-01-15","amount":"1000000.00"},{"date":"2016-01-15","amount":"800000.00"}],"body":"ks","decision":"KS 2013-11-05 §201","conditions":["interim report every 6 months"]}
{"type":"application.rejected","date":"2013-11-05","actor":"ks-chair","application":"A-2013-02","body":"ks","decision":"KS 2013-11-05 §202","reasons":["not preventive"]}
{"type":"grant.disbursed","date":"2014-01-15","actor":"finance","grant":"G-2013-01","amount":"1000000.00"}
{"type":"report.submitted","date":"2014-07-10","actor":"vof","grant":"G-2013-01","kind":"interim","period_end":"2014-06-30","costs":"480000.00","indicators":{"fall injuries per 1000":"36"}}
{"type":"savings.verified","date":"2017-03-01","actor":"finance","grant":"G-2013-01","unit":"vof","budget_year":2016,"amount":"900000.00","method":"difference-in-differences","verifier":"Örebro universitet"}
{"type":"repayment.received","date":"2017-06-30","actor":"finance","grant":"G-2013-01","unit":"vof","budget_year":2017,"amount":"500000.00"}
{"type":"obligation.written_off","date":"2021-12-31","actor":"ks","grant":"G-2013-01","amount":"400000.00","decision":"KS 2021-12-14 §310","reason":"the unit's frame could not carry it"}
{"type":"grant.closed","date":"2021-12-31","actor":"ks","grant":"G-2013-01","decision":"KS 2021-12-14 §310"}
)";
}
}  // namespace

TEST_CASE("The Örebro example of DESIGN §4.1 runs from establishment to closing") {
    Scenario s(orebro());
    CHECK(s.store.count() == 17);

    const Statement y2013 = s.on("2013-12-31");
    CHECK(y2013.cash == sek("65000000.00"));
    CHECK(y2013.committed_undisbursed == sek("2800000.00"));
    CHECK(y2013.free_capital == sek("62200000.00"));

    const Statement y2014 = s.on("2014-12-31");
    CHECK(y2014.allocations == sek("130240000.00"));
    CHECK(y2014.cash == sek("194240000.00"));
    CHECK(y2014.free_capital == sek("192440000.00"));

    // The 2016 saving falls due at the end of 2017; 500 000 of 900 000 was repaid in June.
    const Statement y2018 = s.on("2018-01-01");
    CHECK(y2018.obligations_outstanding == sek("400000.00"));
    CHECK(y2018.obligations_overdue == sek("400000.00"));

    const Statement closed = s.on("2021-12-31");
    CHECK(closed.capital_contributed == sek("65000000.00"));
    CHECK(closed.allocations == sek("130240000.00"));
    CHECK(closed.repayments == sek("500000.00"));
    CHECK(closed.disbursed == sek("1000000.00"));
    CHECK(closed.written_off == sek("400000.00"));
    CHECK(closed.cash == sek("194740000.00"));
    CHECK(closed.committed_undisbursed == Money());
    CHECK(closed.free_capital == sek("194740000.00"));
    CHECK(closed.obligations_outstanding == Money());
    CHECK(closed.obligations_overdue == Money());
    REQUIRE(closed.grants.size() == 1);
    const GrantLine& g = closed.grants[0];
    CHECK(g.grant == "G-2013-01");
    CHECK(g.status == "closed");
    CHECK(g.approved == sek("2800000.00"));
    CHECK(g.disbursed == sek("1000000.00"));
    CHECK(g.repaid == sek("500000.00"));
    CHECK(g.obligation == sek("900000.00"));
    CHECK(g.written_off == sek("400000.00"));
    CHECK(g.focus_area == "demografi");

    CHECK(s.fund.state().application("A-2013-02")->status == ApplicationStatus::rejected);
    CHECK(s.fund.state().application("A-2013-03")->status == ApplicationStatus::withdrawn);
}

TEST_CASE("The same history, replayed by a fund reopened over the store, reaches the same state") {
    Scenario s(orebro());
    Fund reopened(s.store);
    for (const char* date : {"2013-06-18", "2014-01-15", "2017-12-31", "2018-01-01", "2021-12-31"}) {
        INFO(date);
        CHECK(reopened.statement(Date::parse(date)).to_json() == s.on(date).to_json());
    }
}
