// sifund: the command-line tool for a social investment fund's books.
// Exit codes a script can trust: 0 done, 1 refused by a rule or invariant,
// 2 bad input or could not run. Messages go to stderr, results to stdout.

#include <iostream>
#include <string>
#include <vector>

#include <sifund/detail/printable.hpp>
#include <sifund/sifund.hpp>

#include "commands.hpp"
#include "jsonl.hpp"
#include "options.hpp"

namespace {

constexpr const char* usage = R"(sifund: run and audit a social investment fund

usage:
  sifund init DB                     create an empty fund store: a SQLite file, or postgresql://…
  sifund apply DB FILE.jsonl [--recorded-at TIME]
                                     validate and append every command, all or nothing
  sifund statement DB [--as-of DATE] [--known-at TIME] [--format text|json]
                                     where the fund stands (as of today by default)
  sifund audit DB|FILE.jsonl [--as-of DATE] [--backdating-days N] [--format text|json|html]
               [--out FILE [--overwrite]]
                                     re-check the history: integrity, every rule, hindsight
  sifund export DB --format jsonl|ledger|beancount|csv
                                     the verified history, or balanced books for ledger, hledger, beancount
  sifund forecast DB --until YEAR [--assumptions FILE.json] [--runs N] [--seed S] [--threads T]
                  [--format text|json|svg]
                                     will the fund last: projection and Monte Carlo, year by year
  sifund evaluate DB --grant ID [--rate R] [--assumptions FILE.json] [--format text|json]
                                     did the project pay: NPV, IRR, payback, benefit-cost ratio
  sifund focus-areas DB [--assumptions FILE.json] [--format text|json]
                                     granted, disbursed, verified savings and repaid by focus area and year
  sifund commands                    the command reference: every type, its fields and an example (Markdown)

DB is a SQLite file or a PostgreSQL URL (postgresql://USER@HOST/DATABASE?…); statement,
export and audit open it read-only.

exit codes: 0 done, 1 refused by a rule (audit: an error finding), 2 bad input or could not run
)";

// "fund.jsonl:12: " when the error concerns a line of the input file.
std::string where(const std::vector<std::string>& args, const sifund::cli::LineError& e) {
    return sifund::detail::printable(args.size() > 3 ? args[3] : std::string("input")) + ":" + std::to_string(e.line()) +
           ": ";
}

// A message may quote the input (an id, a field, a file name): nothing of
// it reaches the terminal as a control sequence or a bidi override.
std::string shown(const std::exception& e) { return sifund::detail::printable(e.what()); }

}  // namespace

int main(int argc, char** argv) {
    using namespace sifund;
    const std::vector<std::string> all(argv, argv + argc);
    if (all.size() < 2 || all[1] == "help" || all[1] == "--help" || all[1] == "-h") {
        (all.size() < 2 ? std::cerr : std::cout) << usage;
        return all.size() < 2 ? 2 : 0;
    }
    const std::string verb = all[1];
    const std::vector<std::string> args(all.begin() + 2, all.end());
    try {
        if (verb == "init") return cli::run_init(args, std::cout);
        if (verb == "apply") return cli::run_apply(args, std::cout);
        if (verb == "statement") return cli::run_statement(args, std::cout);
        if (verb == "export") return cli::run_export(args, std::cout);
        if (verb == "audit") return cli::run_audit(args, std::cout);
        if (verb == "forecast") return cli::run_forecast(args, std::cout);
        if (verb == "evaluate") return cli::run_evaluate(args, std::cout);
        if (verb == "focus-areas") return cli::run_focus_areas(args, std::cout);
        if (verb == "commands") {
            if (!args.empty()) throw cli::UsageError("commands takes no arguments");
            std::cout << command_reference_markdown();
            return 0;
        }
        std::cerr << "sifund: unknown command \"" << detail::printable(verb) << "\"\n\n" << usage;
        return 2;
    } catch (const cli::LineError& e) {
        // A rule refusal is 1; anything wrong with the input itself is 2.
        std::cerr << where(all, e) << shown(e) << " [" << e.id() << "]\n";
        return e.refused() ? 1 : 2;
    } catch (const RuleViolation& e) {
        std::cerr << "sifund: " << shown(e) << " [" << e.id() << "]\n";
        return 1;
    } catch (const cli::UsageError& e) {
        std::cerr << "sifund " << detail::printable(verb) << ": " << shown(e) << " [" << e.id() << "]\n\n" << usage;
        return 2;
    } catch (const Error& e) {
        std::cerr << "sifund " << detail::printable(verb) << ": " << shown(e) << " [" << e.id() << "]\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "sifund " << detail::printable(verb) << ": " << shown(e) << "\n";
        return 2;
    }
}
