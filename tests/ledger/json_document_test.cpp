// The one-pass JSON reader against nlohmann's parser: the same texts
// accepted, the same values read, and the errors it promises on its own
// (keys given twice, nesting past 64 levels).

#include <catch2/catch.hpp>

#include <random>
#include <sifund/sifund.hpp>
#include <string>

using sifund::detail::JsonDocument;
using sifund::detail::JsonKind;
using sifund::detail::JsonNode;

namespace {

// What the document read, as nlohmann's DOM, to compare with nlohmann's own reading.
nlohmann::json to_nlohmann(const JsonNode& n) {
    switch (n.kind) {
        case JsonKind::null: return nullptr;
        case JsonKind::boolean: return n.boolean;
        case JsonKind::integer: return n.integer;
        case JsonKind::unsigned_integer: return n.unsigned_integer;
        case JsonKind::number: return std::strtod(std::string(n.text).c_str(), nullptr);
        case JsonKind::string: return std::string(n.text);
        case JsonKind::array: {
            nlohmann::json a = nlohmann::json::array();
            n.for_each([&](const JsonNode& e) { a.push_back(to_nlohmann(e)); });
            return a;
        }
        case JsonKind::object: {
            nlohmann::json o = nlohmann::json::object();
            n.for_each([&](const JsonNode& m) { o[std::string(m.key)] = to_nlohmann(m); });
            return o;
        }
    }
    return nullptr;
}

std::string malformed_message(std::string_view text) {
    try {
        JsonDocument doc(text);
    } catch (const sifund::InputError& e) {
        CHECK(e.id() == "input.malformed_json");
        return e.what();
    }
    return {};
}

const char* const samples[] = {
    R"({"type":"capital.contributed","date":"2013-01-01","actor":"kf","amount":"65000000.00"})",
    R"({"a":[1,-2,3.5,1e3,-0,0.25E-2,true,false,null,"x",{},[]],"b":{"c":{"d":[[[]]]}}})",
    R"(  {"é":"Örebro \u00e4 \ud83d\ude00 \" \\ \/ \b\f\n\r\t","n":18446744073709551615,"m":-9223372036854775808} )",
    R"({"big":18446744073709551616,"small":-9223372036854775809,"z":0})",
    R"([])",
    R"("just a string")",
    R"(42)",
    R"({"b":1,"a":2})",
};

}  // namespace

TEST_CASE("The document reads what nlohmann reads, to the same values") {
    for (const char* text : samples) {
        INFO(text);
        JsonDocument doc;
        const JsonNode& root = doc.parse(text);
        CHECK(to_nlohmann(root) == nlohmann::json::parse(text));
    }
}

TEST_CASE("Integers keep nlohmann's kinds: unsigned when not negative, a number when too large") {
    JsonDocument doc(R"({"u":18446744073709551615,"i":-5,"f":18446744073709551616,"g":1.0})");
    const JsonNode& r = doc.root();
    CHECK(r.find("u")->kind == JsonKind::unsigned_integer);
    CHECK(r.find("u")->unsigned_integer == 18446744073709551615ULL);
    CHECK(r.find("i")->kind == JsonKind::integer);
    CHECK(r.find("i")->integer == -5);
    CHECK(r.find("f")->kind == JsonKind::number);
    CHECK(r.find("g")->kind == JsonKind::number);
    CHECK(r.find("missing") == nullptr);
}

TEST_CASE("Navigation: a subtree spans its nodes, siblings follow it") {
    JsonDocument doc(R"({"a":{"x":[1,2,{"y":3}]},"b":"after"})");
    const JsonNode& r = doc.root();
    REQUIRE(r.size == 2);
    const JsonNode* a = r.find("a");
    REQUIRE(a != nullptr);
    CHECK(a->span == 6);  // a, x, 1, 2, {y}, 3
    CHECK(a->next()->key == "b");
    CHECK(a->next()->text == "after");
    CHECK(a->find("x")->at(2).find("y")->integer == 3);
}

TEST_CASE("Malformed text is refused with the byte where it went wrong") {
    struct Case {
        const char* text;
        const char* says;
    };
    const Case cases[] = {
        {"", "byte 1: unexpected end of input"},
        {"{", "expected a member name"},
        {R"({"a":1,})", "expected a member name"},
        {R"({"a" 1})", "':' after a member name"},
        {R"({"a":1 "b":2})", "expected ',' or '}'"},
        {"[1,2", "unexpected end of input in an array"},
        {"[1 2]", "expected ',' or ']'"},
        {R"({"a":01})", "must not start with 0"},
        {R"({"a":1.})", "digits after '.'"},
        {R"({"a":1e})", "digits in the exponent"},
        {R"({"a":-})", "expected a value"},
        {R"({"a":+1})", "expected a value"},
        {R"({"a":tru})", "invalid literal"},
        {R"({"a":"x)", "unterminated string"},
        {"{\"a\":\"tab\there\"}", "control character"},
        {R"({"a":"\x"})", "invalid escape"},
        {R"({"a":"\u12"})", "four hex digits"},
        {R"({"a":"\udc00"})", "lone low surrogate"},
        {R"({"a":"\ud800x"})", "followed by a low one"},
        {"{\"a\":\"\xff\"}", "invalid UTF-8"},
        {"{\"a\":\"\xc3\"}", "invalid UTF-8"},
        {"{\"a\":\"\xed\xa0\x80\"}", "invalid UTF-8"},       // an encoded surrogate
        {"{\"a\":\"\xc0\xaf\"}", "invalid UTF-8"},           // overlong '/'
        {"{\"a\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8"},   // above U+10FFFF
        {R"({"a":1} x)", "unexpected text after"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const std::string message = malformed_message(c.text);
        CHECK_THAT(message, Catch::Contains(c.says));
        CHECK_THAT(message, Catch::StartsWith("malformed JSON at byte "));
    }
}

TEST_CASE("A key given twice in one object is refused, wherever it is") {
    for (const char* text : {R"({"a":1,"a":2})", R"({"b":1,"a":2,"b":3})", R"({"x":{"b":{"a":1,"a":1}}})"}) {
        INFO(text);
        try {
            JsonDocument doc(text);
            FAIL("accepted");
        } catch (const sifund::InputError& e) {
            CHECK(e.id() == "input.duplicate_key");
            CHECK_THAT(std::string(e.what()), Catch::Contains("appears twice in one object"));
        }
    }
}

TEST_CASE("Nesting is bounded: 64 levels are read, 65 are refused") {
    const auto nested = [](int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); };
    CHECK_NOTHROW(JsonDocument(nested(64)));
    CHECK_THAT(malformed_message(nested(65)), Catch::Contains("nested deeper than 64"));
    CHECK_THAT(malformed_message(nested(100000)), Catch::Contains("nested deeper than 64"));
}

TEST_CASE("A document read again reuses its storage and forgets the last one") {
    JsonDocument doc;
    doc.parse(R"({"a":"first","b":[1,2,3]})");
    const JsonNode& r = doc.parse(R"({"c":"second"})");
    CHECK(r.size == 1);
    CHECK(r.find("a") == nullptr);
    CHECK(r.find("c")->text == "second");
}

TEST_CASE("Mutated event texts: accepted exactly when nlohmann accepts them, with the same values") {
    // Byte flips, deletions and insertions in event texts, against nlohmann
    // as the oracle. Our reader is stricter only about keys given twice.
    const std::string events[] = {
        R"({"actor":"kf","amount":"65000000.00","date":"2013-01-01","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","recorded_at":"2013-01-01T09:00:00.000000Z","seq":2,"source":"Örebro kommun","type":"capital.contributed"})",
        R"({"actor":"sn","applicants":["vof","sof"],"budget":{"2014":"1500000.00","2015":"1500000.00"},"co_financing":"0.00","date":"2013-06-01","end":"2016-12-31","evidence":"promising","expected_savings":[{"amount":"900000.00","budget_year":2016,"unit":"vof"}],"title":"Fallprevention \"Stå stadigt\"\n","type":"application.submitted"})",
    };
    std::mt19937_64 random(20261125);
    const char alphabet[] = "{}[]\":,0123456789.-eE+ntfrlsua\\/\t \xc3\xa4\xff";
    std::size_t accepted = 0, refused = 0;
    for (const std::string& original : events) {
        for (int trial = 0; trial < 4000; ++trial) {
            std::string text = original;
            const int edits = 1 + static_cast<int>(random() % 3);
            for (int k = 0; k < edits; ++k) {
                const std::size_t at = random() % text.size();
                const char c = alphabet[random() % (sizeof alphabet - 1)];
                switch (random() % 3) {
                    case 0: text[at] = c; break;
                    case 1: text.erase(at, 1); break;
                    default: text.insert(at, 1, c); break;
                }
            }
            INFO(text);
            const nlohmann::json oracle = nlohmann::json::parse(text, nullptr, false);
            bool ours = true;
            JsonDocument doc;
            try {
                doc.parse(text);
            } catch (const sifund::InputError& e) {
                ours = false;
                if (!oracle.is_discarded()) {
                    CHECK(e.id() == "input.duplicate_key");
                }
            }
            if (ours) {
                REQUIRE_FALSE(oracle.is_discarded());
                CHECK(to_nlohmann(doc.root()) == oracle);
                ++accepted;
            } else {
                ++refused;
            }
        }
    }
    CHECK(accepted > 500);
    CHECK(refused > 500);
}

TEST_CASE("Commands read through the document equal those read through nlohmann") {
    const std::string lines[] = {
        R"({"type":"capital.contributed","date":"2013-01-01","actor":"kf","amount":"65000000.00","source":"Örebro"})",
        R"({"type":"application.submitted","date":"2013-06-01","actor":"sn","application":"A1","title":"Stå stadigt","applicants":["vof","sof"],"focus_area":"äldre","evidence":"promising","requested":"3000000.00","budget":{"2014":"1500000.00","2015":"1500000.00"},"start":"2014-01-01","end":"2016-12-31","indicators":[{"name":"fall","baseline":"120","target":"90"}],"expected_savings":[{"unit":"vof","budget_year":2016,"amount":"900000.00"}],"evaluation":{"method":"RCT","evaluator":"ORU"}})",
        R"({"type":"report.submitted","date":"2014-07-15","actor":"vof","grant":"G1","kind":"interim","period_end":"2014-06-30","costs":"400000.00","indicators":{"fall":"110"}})",
        R"({"type":"event.reversed","date":"2014-01-01","actor":"kf","seq":5,"reason":"fel"})",
    };
    for (const std::string& line : lines) {
        INFO(line);
        const sifund::Command ours = sifund::command_from_text(line);
        const sifund::Command theirs = sifund::command_from_json(nlohmann::json::parse(line));
        CHECK(sifund::to_json(ours) == sifund::to_json(theirs));
    }
}

TEST_CASE("Commands read through the document name the field at fault, as through nlohmann") {
    const std::string lines[] = {
        R"({"type":"capital.contributed","date":"2013-01-01","actor":"kf","amount":65000000})",
        R"({"type":"capital.contributed","date":"2013-01-01","actor":"kf","amount":"1.234"})",
        R"({"type":"capital.contributed","date":"2013-02-30","actor":"kf","amount":"1.00"})",
        R"({"type":"capital.contributed","date":"2013-01-01","actor":"kf","amount":"1.00","amout":"2.00"})",
        R"({"type":"application.submitted","date":"2013-06-01","actor":"sn","application":"A1","title":"T","applicants":["vof"],"focus_area":"x","evidence":"idea","requested":"1.00","budget":{"14":"1.00"},"start":"2014-01-01","end":"2016-12-31"})",
        R"({"type":"grant.decided","date":"2013-06-01","actor":"sn","grant":"G1","application":"A1","amount":"1.00","tranches":[{"date":"2014-01-01"}],"body":"sn","decision":"d"})",
        R"({"type":"event.reversed","date":"2014-01-01","actor":"kf","seq":-5,"reason":"fel"})",
        R"({"type":"rulebook.adopted","date":"2013-01-01","actor":"kf","version":"1","decision":"d","rules":{"grant":{"max_amount":"x"}}})",
        R"({"type":"rulebook.adopted","date":"2013-01-01","actor":"kf","version":"1","decision":"d","rules":{"delegation":{}}})",
        R"({"type":"no.such","date":"2013-01-01","actor":"kf"})",
        R"([1,2])",
    };
    for (const std::string& line : lines) {
        INFO(line);
        std::string ours, theirs, ours_field, theirs_field;
        try {
            (void)sifund::command_from_text(line);
        } catch (const sifund::FieldError& e) {
            ours = e.id() + ": " + e.what();
            ours_field = e.field();
        }
        try {
            (void)sifund::command_from_json(nlohmann::json::parse(line));
        } catch (const sifund::FieldError& e) {
            theirs = e.id() + ": " + e.what();
            theirs_field = e.field();
        }
        CHECK_FALSE(ours.empty());
        CHECK(ours == theirs);
        CHECK(ours_field == theirs_field);
    }
}
