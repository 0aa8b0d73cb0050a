// The command descriptors (ledger/descriptor.hpp) are the one place a command
// type is described: these tests hold the other places to them. Each
// descriptor's example is a line the reader accepts and the writer gives back;
// a command moves money exactly when the books post it; the default permission
// table is DESIGN §4.2's; and docs/commands.md is what the descriptors say.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <sifund/fund/books.hpp>
#include <sifund/sifund.hpp>
#include <string>

using namespace sifund;

TEST_CASE("every command type has a descriptor with a summary, an example and a field doc for each field") {
    std::set<std::string_view> seen;
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO(T::type);
        CHECK(seen.insert(T::type).second);
        CHECK_FALSE(T::info.summary.empty());
        CHECK_FALSE(T::info.example.empty());
        std::apply([&](const auto&... f) { ([&] { CHECK_FALSE(f.doc.empty()); }(), ...); }, T::fields());
        std::set<std::string_view> names;
        std::apply([&](const auto&... f) { ([&] { CHECK(names.insert(f.name).second); }(), ...); }, T::fields());
        CHECK_FALSE(names.contains("type"));
        CHECK_FALSE(names.contains("date"));
        CHECK_FALSE(names.contains("actor"));
    });
    CHECK(seen.size() == command_types().size());
}

TEST_CASE("each descriptor's example is read as its type and written back as it is") {
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO(T::info.example);
        const Command c = command_from_text(T::info.example);
        CHECK(c.type() == T::type);
        REQUIRE(c.template as<T>() != nullptr);
        nlohmann::json expected = nlohmann::json::parse(T::info.example);
        if (expected.contains("seq") && !expected.contains("reverses")) {
            // a command file names the reversed event by "seq"; it is stored as "reverses"
            expected["reverses"] = expected["seq"];
            expected.erase("seq");
        }
        // what the example says is written back; what it leaves out is written as its default
        const nlohmann::json written = to_json(c);
        for (const auto& [key, value] : expected.items()) {
            INFO(key);
            REQUIRE(written.contains(key));
            if (key == "rules")
                CHECK(written[key].is_object());  // a rulebook is written whole (docs/rulebook.md)
            else
                CHECK(written[key] == value);
        }
        CHECK(to_json(command_from_json(to_json(c))) == to_json(c));
    });
}

TEST_CASE("a command moves money exactly when the books post it") {
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO(T::type);
        Command c = command_from_text(T::info.example);
        // an allocation by rate gets its amount when the fund accepts it (rate × tax revenue)
        if (auto* a = std::get_if<cmd::AllocationDecided>(&c.body); a && a->rate) a->amount = Money::kronor(32'500'000);
        std::vector<Posting> postings;
        // an obligation of 1 öre stands in for what a savings.verified creates when folded
        detail::books::money_postings(c, Money::from_minor(1), postings);
        CHECK(!postings.empty() == T::info.moves_money);
        CHECK(command_info(c).moves_money == T::info.moves_money);
    });
}

TEST_CASE("the reversible types are those of DESIGN §4.1") {
    const std::set<std::string_view> expected{"capital.contributed",    "allocation.decided", "grant.decided",
                                              "grant.disbursed",        "repayment.received", "savings.verified",
                                              "obligation.written_off", "grant.closed",       "application.rejected"};
    std::set<std::string_view> actual;
    for (std::string_view t : command_types())
        if (reversible(t)) actual.insert(t);
    CHECK(actual == expected);
    CHECK_FALSE(reversible("event.reversed"));
    CHECK_FALSE(reversible("no.such_type"));
}

TEST_CASE("the default permission table gathered from the descriptors is DESIGN §4.2's") {
    using Table = std::map<std::string, std::set<std::string>>;
    const Table expected{
        {"council", {"fund.established", "allocation.decided"}},
        {"board", {"rulebook.adopted", "grant.decided", "application.rejected", "obligation.written_off", "grant.closed"}},
        {"board-delegate", {"grant.decided", "application.rejected"}},
        {"finance",
         {"capital.contributed", "tax_revenue.recorded", "grant.disbursed", "savings.verified", "repayment.received",
          "event.reversed"}},
        {"unit", {"application.submitted", "application.withdrawn", "report.submitted"}},
        {"evaluator", {"savings.verified"}},
        {"auditor", {}},
    };
    Table actual;
    for (const auto& [role, types] : checks::default_permissions()) actual[role] = {types.begin(), types.end()};
    CHECK(actual == expected);
}

TEST_CASE("docs/commands.md is the reference the descriptors write") {
    const std::string path = std::string(SIFUND_SOURCE_DIR) + "/docs/commands.md";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    const std::string on_disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(in.bad());
    INFO("regenerate with: sifund commands > docs/commands.md");
    CHECK(on_disk == command_reference_markdown());
}

TEST_CASE("the command reference lists every type, field and example") {
    const std::string md = command_reference_markdown();
    for_each_command_type([&](auto tag) {
        using T = typename decltype(tag)::type;
        INFO(T::type);
        CHECK(md.find("\n## " + std::string(T::type) + "\n") != std::string::npos);
        CHECK(md.find(std::string(T::info.example)) != std::string::npos);
        std::apply([&](const auto&... f) { ([&] { CHECK(md.find("| `" + std::string(f.name) + "` |") != std::string::npos); }(), ...); },
                   T::fields());
    });
    // the words a field takes are spelled out, with what leaving it out means
    CHECK(md.find("`budget` or `outcome` (`budget` when left out)") != std::string::npos);
}
