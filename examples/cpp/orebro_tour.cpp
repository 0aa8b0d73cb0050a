// The README's C++ tour: open the Örebro fund recorded by scripts/demo.sh
// (or any sifund store), ask where it stood at the end of 2016, then try a
// decision the rulebook forbids.
//
//   ./build/examples/sifund_orebro_tour build/demo/orebro.db
#include <iostream>
#include <sifund/sifund.hpp>
#include <sifund/store/sqlite_store.hpp>

int main(int argc, char** argv) {
    using namespace sifund;
    if (argc != 2) {
        std::cerr << "usage: sifund_orebro_tour FUND.db\n";
        return 2;
    }
    SqliteStore store(argv[1], SqliteStore::Open::existing);
    Fund fund(store);  // reads and verifies the hash chain, folds the events

    const Statement end_of_2016 = fund.statement(Date::parse("2016-12-31"));
    std::cout << "free capital at the end of 2016: " << end_of_2016.free_capital.to_swedish() << "\n";
    for (const GrantLine& g : end_of_2016.grants)
        std::cout << "  " << g.grant << "  " << g.status << "  disbursed " << g.disbursed.to_swedish() << "\n";

    // A decision is checked against the rulebook in force on its date: the
    // chair's delegation ends at 3 MSEK.
    cmd::ApplicationSubmitted application;
    application.application = "A-2024-01";
    application.title = "Hemtagning efter sjukhusvistelse";
    application.applicants = {"vof", "sbf"};
    application.focus_area = "aldre";
    application.evidence = Evidence::promising;
    application.requested = Money::parse("3 500 000 kr");
    application.co_financing = Money::parse("500 000 kr");
    application.start = Date::parse("2024-03-01");
    application.end = Date::parse("2026-02-28");
    const std::vector<Command> batch{
        {Date::parse("2024-02-01"), "vof", application},
        {Date::parse("2024-02-20"), "ks-chair",
         cmd::GrantDecided{"G-2024-01", "A-2024-01", Money::parse("3 000 000,01 kr"), {}, "ks", "KS 2024-02-20 §41", {}}},
    };
    try {
        fund.apply(batch, Timestamp::parse("2024-02-21T09:00:00Z"));
    } catch (const RuleViolation& v) {
        std::cout << "command " << *v.index() + 1 << " refused by " << v.rule_id() << " (" << v.citation()
                  << "): " << v.reason() << "\n";
    }
}
