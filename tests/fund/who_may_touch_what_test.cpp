// Who may touch what: the auditor reads and audits but never appends, and a
// role comes only from the rulebook in force on the command's date — never
// from the command itself.

#include <catch2/catch.hpp>
#include <sifund/sifund.hpp>

#include "scenario.hpp"

using namespace sifund;
using namespace sifund::testing;

namespace {

const char* const contribution_by_auditor =
    R"({"type":"capital.contributed","date":"2014-02-01","actor":"auditor","amount":"1000.00","source":"x"})";

}  // namespace

TEST_CASE("The auditor may give no command, whatever a permissions map or another role says") {
    SECTION("the default table") {
        Scenario s;
        const auto v = s.refused(contribution_by_auditor);
        CHECK(v.rule_id() == "roles.permission");
        CHECK_THAT(std::string(v.what()), mentions("auditor role"));
    }
    SECTION("a permissions map that grants the auditor role a command") {
        Scenario s(established_with(R"({"permissions":{"auditor":["capital.contributed"]}})"));
        CHECK(s.refused(contribution_by_auditor).rule_id() == "roles.permission");
    }
    SECTION("an auditor who is also given the finance role") {
        Scenario s(established_with(R"({"roles":{"auditor":["auditor","finance"]}})"));
        const auto v = s.refused(contribution_by_auditor);
        CHECK(v.rule_id() == "roles.permission");
        CHECK(v.actual() == "auditor, finance");
    }
    SECTION("reversing an event") {
        Scenario s;
        const auto v = s.refused(R"({"type":"event.reversed","date":"2014-02-01","actor":"auditor","seq":3,"reason":"x"})");
        CHECK(v.rule_id() == "roles.permission");
    }
}

TEST_CASE("A role comes from the rulebook in force on the command's date, and from nowhere else") {
    // From 2015 the rulebook makes "kassa" a finance officer.
    Scenario s(established() + revision("2015.1", "2015-01-01", R"({"roles":{"kassa":["finance"]}})"));
    const auto before = s.refused(R"({"type":"capital.contributed","date":"2014-12-31","actor":"kassa","amount":"1.00","source":"x"})");
    CHECK(before.rule_id() == "roles.permission");
    CHECK(before.actual() == "none");
    s.apply(R"({"type":"capital.contributed","date":"2015-01-01","actor":"kassa","amount":"1.00","source":"x"})");

    // A command cannot claim a role: there is no such field.
    const auto claimed =
        s.input_error(R"({"type":"capital.contributed","date":"2014-12-31","actor":"kassa","role":"finance","amount":"1.00","source":"x"})");
    CHECK(claimed.id() == "input.unknown_field");
    CHECK(claimed.field() == "role");
}
