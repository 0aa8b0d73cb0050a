// The canonical text written directly is, byte for byte, what nlohmann's
// dump of the event's DOM gives: every hash ever recorded depends on it.

#include <catch2/catch.hpp>

#include <random>
#include <sifund/sifund.hpp>
#include <string>

using namespace sifund;

namespace {

std::string by_nlohmann(const Event& e) { return detail::event_json_without_hash(e).dump(); }

// Text that stresses escaping: quotes, backslashes, every control character,
// DEL, and two-, three- and four-byte UTF-8.
std::string awkward_text(std::mt19937_64& random) {
    static const std::string pieces[] = {"\"", "\\", "/", "\x7f", "ä", "Ö", "€", "😀", "a", "Z", " ", "{", "}", ":", ","};
    std::string out;
    const int n = 1 + static_cast<int>(random() % 12);
    for (int i = 0; i < n; ++i) {
        if (random() % 4 == 0) out += static_cast<char>(random() % 0x20);
        else out += pieces[random() % std::size(pieces)];
    }
    if (out.empty()) out = "x";
    return out;
}

Event event_of(Command c, std::int64_t seq) {
    Event e;
    e.seq = seq;
    e.recorded_at = Timestamp::parse("2026-11-25T17:45:00.123456Z");
    e.prev_hash = std::string(64, 'a');
    e.command = std::move(c);
    return e;
}

}  // namespace

TEST_CASE("Canonical text of every kind of command equals nlohmann's dump") {
    const char* const lines[] = {
        R"({"type":"fund.established","date":"2013-01-01","actor":"kf","fund":"orebro","name":"Sociala investeringsfonden","owner":"Örebro kommun","decision":"KF §1"})",
        R"({"type":"rulebook.adopted","date":"2013-01-01","actor":"kf","version":"2013.1","decision":"KF §2","rules":{"grant":{"max_amount":"5000000.00"},"citations":{"grant.max_amount":"Riktlinjer §4"},"delegation":[{"up_to":"1000000.00","role":"sn"},{"up_to":null,"role":"kf"}]}})",
        R"({"type":"capital.contributed","date":"2013-01-01","actor":"kf","amount":"65000000.00","source":"Örebro"})",
        R"({"type":"tax_revenue.recorded","date":"2013-01-01","actor":"ekonomi","budget_year":2014,"kind":"budget","amount":"6512345678.90"})",
        R"({"type":"allocation.decided","date":"2013-06-01","actor":"kf","budget_year":2014,"rate":"0.005","amount":"1.00","decision":"KF §3"})",
        R"({"type":"application.submitted","date":"2013-06-01","actor":"sn","application":"A1","title":"Stå stadigt","applicants":["vof","sof"],"focus_area":"äldre","evidence":"promising","requested":"3000000.00","budget":{"2014":"1500000.00","2015":"1500000.00"},"start":"2014-01-01","end":"2016-12-31","indicators":[{"name":"fall","baseline":"120","target":"90"}],"expected_savings":[{"unit":"vof","budget_year":2016,"amount":"900000.00"}],"evaluation":{"method":"RCT","evaluator":"ORU"}})",
        R"({"type":"application.withdrawn","date":"2013-07-01","actor":"sn","application":"A1"})",
        R"({"type":"application.rejected","date":"2013-07-01","actor":"sn","application":"A1","body":"sn","decision":"SN §9","reasons":["weak evidence"]})",
        R"({"type":"grant.decided","date":"2013-09-01","actor":"sn","grant":"G1","application":"A1","amount":"3000000.00","tranches":[{"date":"2014-01-01","amount":"1500000.00"},{"date":"2015-01-01","amount":"1500000.00"}],"body":"sn","decision":"SN §12","conditions":["report yearly"]})",
        R"({"type":"grant.disbursed","date":"2014-01-01","actor":"ekonomi","grant":"G1","amount":"1500000.00"})",
        R"({"type":"report.submitted","date":"2014-07-15","actor":"vof","grant":"G1","kind":"interim","period_end":"2014-06-30","costs":"400000.00","indicators":{"fall":"110","ärenden":"5"}})",
        R"({"type":"savings.verified","date":"2017-03-01","actor":"ekonomi","grant":"G1","unit":"vof","budget_year":2016,"amount":"800000.00","method":"register","verifier":"ORU","obligation":"800000.00","due":"2017-12-31"})",
        R"({"type":"repayment.received","date":"2017-12-01","actor":"ekonomi","grant":"G1","unit":"vof","budget_year":2017,"amount":"800000.00"})",
        R"({"type":"obligation.written_off","date":"2018-12-01","actor":"kf","grant":"G1","amount":"100.00","decision":"KF §8","reason":"no savings"})",
        R"({"type":"grant.closed","date":"2019-01-01","actor":"sn","grant":"G1","decision":"SN §1"})",
        R"({"type":"event.reversed","date":"2014-01-02","actor":"kf","seq":5,"reason":"entered twice"})",
    };
    std::int64_t seq = 1;
    for (const char* line : lines) {
        INFO(line);
        const Event e = event_of(command_from_text(line), seq++);
        CHECK(canonical_text(e) == by_nlohmann(e));
    }
    Event truedup = event_of(Command{Date::parse("2015-03-01"), "sifund",
                                     cmd::AllocationTruedUp{2014, Rate::parse("0.005"), Money::parse("6600000000.00"),
                                                            Money::parse("32561728.39"), Money::parse("438271.61")}},
                             99);
    CHECK(canonical_text(truedup) == by_nlohmann(truedup));
}

TEST_CASE("Canonical text escapes awkward strings exactly as nlohmann does") {
    std::mt19937_64 random(1125);
    for (int trial = 0; trial < 2000; ++trial) {
        cmd::ReportSubmitted r;
        r.grant = awkward_text(random);
        r.kind = "final";
        r.period_end = Date::parse("2016-12-31");
        for (int k = 0; k < 3; ++k) r.indicators[awkward_text(random)] = awkward_text(random);
        const Event e = event_of(Command{Date::parse("2017-01-15"), awkward_text(random), r}, trial + 1);
        const std::string ours = canonical_text(e);
        INFO(ours);
        REQUIRE(ours == by_nlohmann(e));
        // and, where its ids may be ids (detail/id_text.hpp), it reads back
        // to the same event; the free text of its indicators always does.
        Command plain_ids = e.command;
        plain_ids.actor = "vof";
        std::get<cmd::ReportSubmitted>(plain_ids.body).grant = "G-1";
        const Event readable = event_of(plain_ids, trial + 1);
        const std::string text = canonical_text(readable);
        detail::JsonDocument doc;
        const Event again = event_from_text(text, "h", Currency::sek(), doc);
        CHECK(canonical_text(again) == text);
    }
}

TEST_CASE("Text that is not UTF-8 is refused, as nlohmann's dump refuses it") {
    cmd::GrantDisbursed d{"G\xff", Money::parse("1.00")};
    const Event e = event_of(Command{Date::parse("2014-01-01"), "ekonomi", d}, 1);
    CHECK_THROWS_AS(by_nlohmann(e), nlohmann::json::type_error);
    try {
        (void)canonical_text(e);
        FAIL("no error");
    } catch (const InputError& err) {
        CHECK(err.id() == "input.invalid_utf8");
    }
}
