// The lifecycles of applications and grants as transition tables
// (fund/lifecycle.hpp, STYLE 11): every legal move is accepted and leads to
// its status; an illegal one is refused naming the status and the moves it allows.

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {
const char* const withdraw_a1 =
    R"({"type":"application.withdrawn","date":"2013-10-01","actor":"vof","application":"A-1"})";
const char* const reject_a1 =
    R"({"type":"application.rejected","date":"2013-11-05","actor":"ks-chair","application":"A-1","body":"ks","decision":"KS 2013-11-05 §202","reasons":["not preventive"]})";
const char* const grant_a1_again =
    R"({"type":"grant.decided","date":"2013-12-01","actor":"ks-chair","grant":"G-2","application":"A-1","amount":"1000000.00","body":"ks","decision":"KS 2013-12-01 §230"})";

// Commands on G-1 on 2017-08-01, in an order that an active G-1 takes them all:
// the saving creates an obligation of 2 000.00 that is repaid and written off before closing.
const std::vector<std::pair<std::string, std::string>>& grant_commands() {
    static const std::vector<std::pair<std::string, std::string>> commands{
        {"grant.disbursed", R"({"type":"grant.disbursed","date":"2017-08-01","actor":"finance","grant":"G-1","amount":"1000.00"})"},
        {"report.submitted",
         R"({"type":"report.submitted","date":"2017-08-01","actor":"vof","grant":"G-1","kind":"final","period_end":"2016-12-31"})"},
        {"savings.verified",
         R"({"type":"savings.verified","date":"2017-08-01","actor":"uni","grant":"G-1","unit":"vof","budget_year":2016,"amount":"2000.00","method":"difference-in-differences","verifier":"Örebro universitet"})"},
        {"repayment.received",
         R"({"type":"repayment.received","date":"2017-08-01","actor":"finance","grant":"G-1","unit":"vof","budget_year":2017,"amount":"1000.00"})"},
        {"obligation.written_off",
         R"({"type":"obligation.written_off","date":"2017-08-01","actor":"ks","grant":"G-1","amount":"1000.00","decision":"KS §310","reason":"no frame"})"},
        {"grant.closed", R"({"type":"grant.closed","date":"2017-08-01","actor":"ks","grant":"G-1","decision":"KS §311"})"},
    };
    return commands;
}
}  // namespace

TEST_CASE("An application moves from submitted to granted, rejected or withdrawn") {
    SECTION("granted") {
        Scenario s(established() + application_a1);
        CHECK(s.fund.state().application("A-1")->status == ApplicationStatus::submitted);
        s.apply(grant_g1);
        CHECK(s.fund.state().application("A-1")->status == ApplicationStatus::granted);
        CHECK(s.fund.state().application("A-1")->grant == std::optional<std::string>("G-1"));
    }
    SECTION("rejected") {
        Scenario s(established() + application_a1);
        s.apply(reject_a1);
        CHECK(s.fund.state().application("A-1")->status == ApplicationStatus::rejected);
    }
    SECTION("withdrawn") {
        Scenario s(established() + application_a1);
        s.apply(withdraw_a1);
        CHECK(s.fund.state().application("A-1")->status == ApplicationStatus::withdrawn);
    }
}

TEST_CASE("A decided, rejected or withdrawn application takes no further move") {
    struct Case {
        const char* status;
        std::string history;
    };
    const std::vector<Case> cases{
        {"granted", established() + application_a1 + grant_g1},
        {"rejected", established() + application_a1 + reject_a1},
        {"withdrawn", established() + application_a1 + withdraw_a1},
    };
    for (const Case& c : cases) {
        for (const char* command : {withdraw_a1, reject_a1, grant_a1_again}) {
            Scenario s(c.history);
            const auto type = nlohmann::json::parse(command).at("type").get<std::string>();
            INFO("a " << c.status << " application, then " << type);
            const auto v = s.refused(command);
            CHECK(v.rule_id() == "application.transition");
            CHECK(v.expected() == "none");
            CHECK(v.actual() == type);
            CHECK_THAT(std::string(v.what()),
                       mentions("application A-1 is " + std::string(c.status) + "; from there it allows: none"));
        }
    }
}

TEST_CASE("Withdrawing a granted application is refused") {
    Scenario s(established() + application_a1 + grant_g1);
    const auto v = s.refused(
        R"({"type":"application.withdrawn","date":"2014-02-01","actor":"vof","application":"A-1"})");
    CHECK(v.rule_id() == "application.transition");
    CHECK(v.citation().empty());
    CHECK_THAT(std::string(v.what()), mentions("is granted") && mentions("allows: none"));
}

TEST_CASE("An approved grant takes reports and its first disbursement, or is closed") {
    SECTION("a report keeps it approved") {
        Scenario s(established() + application_a1 + grant_g1);
        s.apply(
            R"({"type":"report.submitted","date":"2013-12-20","actor":"vof","grant":"G-1","kind":"interim","period_end":"2013-12-15"})");
        CHECK(s.grant_on("G-1", "2013-12-31").status == "approved");
    }
    SECTION("the first disbursement makes it active") {
        Scenario s(established() + application_a1 + grant_g1);
        CHECK(s.grant_on("G-1", "2014-01-14").status == "approved");
        s.apply(first_tranche_g1);
        CHECK(s.grant_on("G-1", "2014-01-15").status == "active");
    }
    SECTION("closing it releases the whole commitment") {
        Scenario s(established() + application_a1 + grant_g1);
        s.apply(R"({"type":"grant.closed","date":"2013-12-10","actor":"ks","grant":"G-1","decision":"KS §240"})");
        CHECK(s.grant_on("G-1", "2013-12-10").status == "closed");
        CHECK(s.on("2013-12-10").committed_undisbursed == Money());
        CHECK(s.on("2013-12-09").committed_undisbursed == sek("2800000.00"));
    }
}

TEST_CASE("An active grant takes disbursements, reports, savings, repayments and write-offs, and is closed") {
    Scenario s(established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})") + application_a1 +
               grant_g1 + first_tranche_g1);
    for (const auto& [type, line] : grant_commands()) {
        INFO(type);
        CHECK_NOTHROW(s.apply(line));
        CHECK(s.fund.events().back().command.type() == type);
        CHECK(s.fund.state().grant("G-1")->status ==
              (type == "grant.closed" ? GrantStatus::closed : GrantStatus::active));
    }
    const GrantLine g = s.grant_on("G-1", "2017-08-01");
    CHECK(g.status == "closed");
    CHECK(g.disbursed == sek("1001000.00"));
    CHECK(g.obligation == sek("2000.00"));
    CHECK(g.repaid == sek("1000.00"));
    CHECK(g.written_off == sek("1000.00"));
}

TEST_CASE("An approved grant cannot have savings, repayments or write-offs before money was paid") {
    Scenario s(established() + application_a1 + grant_g1);
    for (const auto& [type, line] : grant_commands()) {
        if (type == "grant.disbursed" || type == "report.submitted" || type == "grant.closed") continue;
        INFO(type);
        const auto v = s.refused(line);
        CHECK(v.rule_id() == "grant.transition");
        CHECK(v.expected() == "grant.disbursed, report.submitted, grant.closed");
        CHECK(v.actual() == type);
        CHECK_THAT(std::string(v.what()),
                   mentions("grant G-1 is approved; from there it allows: grant.disbursed, report.submitted, grant.closed"));
    }
}

TEST_CASE("A closed grant takes no further command") {
    Scenario s(established_with(R"({"reporting":{"block_disbursement_when_overdue":false}})") + application_a1 +
               grant_g1 + first_tranche_g1 +
               R"({"type":"grant.closed","date":"2017-06-30","actor":"ks","grant":"G-1","decision":"KS §300"})");
    for (const auto& [type, line] : grant_commands()) {
        INFO(type);
        const auto v = s.refused(line);
        CHECK(v.rule_id() == "grant.transition");
        CHECK(v.expected() == "none");
        CHECK(v.actual() == type);
        CHECK_THAT(std::string(v.what()), mentions("grant G-1 is closed; from there it allows: none"));
    }
}

TEST_CASE("Disbursing to a closed grant is refused") {
    Scenario s(established() + application_a1 + grant_g1 +
               R"({"type":"grant.closed","date":"2013-12-10","actor":"ks","grant":"G-1","decision":"KS §240"})");
    const auto v = s.refused(first_tranche_g1);
    CHECK(v.rule_id() == "grant.transition");
    CHECK_THAT(std::string(v.what()), mentions("is closed") && mentions("allows: none"));
}
