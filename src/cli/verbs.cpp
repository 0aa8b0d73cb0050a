// The table of verbs (verbs.hpp): what each takes, says and shows as an example.
#include "verbs.hpp"

#include <ostream>

#include <sifund/io/command_reference.hpp>

#include "commands.hpp"

namespace sifund::cli {

namespace {

int run_commands(const Options&, std::ostream& out) {
    out << command_reference_markdown();
    return 0;
}

int run_man(const Options&, std::ostream& out);
int run_completion(const Options& options, std::ostream& out);

const Positional db{"DB", "the fund's store: a SQLite file, or a postgresql:// URL"};

Flag format(std::vector<std::string> choices) {
    std::string list;
    for (const auto& c : choices) list += (list.empty() ? "" : "|") + c;
    return {.name = "format", .value = list, .help = "how the result is written (default " + choices.front() + ")",
            .choices = std::move(choices)};
}

const Flag as_of{.name = "as-of", .value = "DATE", .help = "the effective date to look from, YYYY-MM-DD (default: today, UTC)"};
const Flag assumptions{.name = "assumptions", .value = "FILE.json",
                       .help = "what to assume of the future (growth, success rates, savings); without it, defaults "
                       "that the text names",
                       .file = true};

}  // namespace

const std::vector<Verb>& verbs() {
    static const std::vector<Verb> table{
        {"init",
         "create an empty fund store: a SQLite file, or postgresql://...",
         "Creates an empty fund store. A SQLite file is built beside its path and renamed into place, never over "
         "an existing file; a PostgreSQL database gets a schema of its own.",
         {{"DB", "where the new store goes: a path that does not exist yet, or a postgresql:// URL"}},
         {},
         {"sifund init fund.db"},
         run_init},
        {"apply",
         "validate and append every command of a file, all or nothing",
         "Reads a JSON Lines file of commands (docs/commands.md), checks each against the rulebook in force on "
         "its date and everything recorded before it, and appends them all or none. A refusal names the line, "
         "the rule and its citation; the store is then byte-for-byte as it was.",
         {db, {"FILE.jsonl", "the commands, one JSON object a line"}},
         {{.name = "recorded-at", .value = "TIME",
           .help = "record the events at this time in UTC (2026-11-25T14:34:58Z) instead of now, as when entering an "
           "older history; never ahead of the clock"}},
         {"sifund apply fund.db examples/orebro/fund.jsonl"},
         run_apply},
        {"statement",
         "where the fund stands: money in and out, commitments, obligations",
         "The statement of the fund on an effective date (DESIGN 4.3), as the books stood at a recording time "
         "if --known-at is given: what did the books say on 31 December, as they stood when the annual report "
         "was signed?",
         {db},
         {as_of,
          {.name = "known-at", .value = "TIME", .help = "read only the events recorded by then (UTC, or a date for the end of that day)"},
          format({"text", "json"})},
         {"sifund statement fund.db --as-of 2020-12-31", "sifund statement fund.db --format json"},
         run_statement},
        {"flows",
         "money in and out by budget year, adding up to the statement",
         "Per budget year (1 January to 31 December): capital contributed, allocations, repayments and "
         "disbursements, the commitments made and released, the obligations that arose, were repaid and written "
         "off, and cash, free capital and obligations at the year's end. The years add up to the statement to "
         "the öre.",
         {db},
         {{.name = "from", .value = "YEAR", .help = "the first budget year (default: the year of the earliest event)"},
          {.name = "to", .value = "YEAR", .help = "the last budget year (default: this year)"},
          {.name = "known-at", .value = "TIME", .help = "read only the events recorded by then (UTC, or a date)"},
          format({"text", "json", "csv"})},
         {"sifund flows fund.db --from 2013 --to 2020", "sifund flows fund.db --format csv"},
         run_flows},
        {"audit",
         "re-check the history: integrity, every rule, hindsight",
         "Replays the history (a store, or a JSON Lines export of one) with the rules in force on each date and "
         "reports what the fund should have refused and what only hindsight shows. Exit 1 when any finding is "
         "an error.",
         {{"DB|FILE.jsonl", "the store, or a history exported with `sifund export --format jsonl`"}},
         {as_of,
          {.name = "backdating-days", .value = "N", .help = "how many days an effective date may lie before its recording unremarked "
                                   "(default 90)"},
          format({"text", "json", "html"}),
          {.name = "out", .value = "FILE", .help = "write the report to FILE (never over an existing file unless --overwrite)",
           .file = true},
          {.name = "overwrite", .help = "with --out: replace FILE if it exists"}},
         {"sifund audit fund.db --as-of 2024-12-31", "sifund audit fund.db --format html --out audit.html --overwrite"},
         run_audit},
        {"export",
         "the verified history, or balanced books for ledger, hledger and beancount",
         "Writes the history as JSON Lines (every event with its hash), or the books as balanced transactions "
         "for ledger, hledger, beancount or a spreadsheet (CSV). The chain is verified before anything is "
         "written.",
         {db},
         {format({"jsonl", "ledger", "beancount", "csv"})},
         {"sifund export fund.db --format ledger"},
         run_export},
        {"forecast",
         "will the fund last: a projection and a Monte Carlo run, year by year",
         "Projects the fund year by year to --until from the books and the assumptions, and runs the same "
         "projection many times with drawn outcomes: percentiles of free capital and the chance of ending a "
         "year below the reserve floor.",
         {db},
         {{.name = "until", .value = "YEAR", .help = "the last budget year to project", .required = true},
          assumptions,
          {.name = "runs", .value = "N", .help = "how many Monte Carlo runs (default 1000)"},
          {.name = "seed", .value = "S", .help = "the seed of the draws: the same seed gives the same figures (default 1)"},
          {.name = "threads", .value = "T", .help = "how many threads run them (default 2); the figures do not depend on it"},
          format({"text", "json", "svg"})},
         {"sifund forecast fund.db --until 2030 --assumptions examples/orebro/assumptions.json"},
         run_forecast},
        {"evaluate",
         "did a project pay: NPV, IRR, payback and benefit-cost ratio",
         "Evaluates one grant as an investment: its costs (disbursements and co-financing) against its verified "
         "and expected savings, by budget year, discounted at --rate.",
         {db},
         {{.name = "grant", .value = "ID", .help = "the grant to evaluate", .required = true},
          {.name = "rate", .value = "R", .help = "the discount rate, a decimal such as 0.035 (default: the assumptions', else 0.035)"},
          assumptions,
          format({"text", "json"})},
         {"sifund evaluate fund.db --grant G-2013-01 --rate 0.035"},
         run_evaluate},
        {"focus-areas",
         "granted, disbursed, verified savings and repaid by focus area and year",
         "Adds up the grants by the focus area each serves, year by year; with assumptions that name the "
         "vision's strategic areas, by those too.",
         {db},
         {assumptions, format({"text", "json"})},
         {"sifund focus-areas fund.db"},
         run_focus_areas},
        {"commands",
         "the command reference: every command type, its fields and an example (Markdown)",
         "Prints the reference of the commands a JSON Lines file may hold, as docs/commands.md ships it.",
         {},
         {},
         {"sifund commands"},
         run_commands},
        {"man",
         "the manual page of sifund (roff, for man -l)",
         "Prints this tool's manual page, made from the same definitions as --help.",
         {},
         {},
         {"sifund man"},
         run_man},
        {"completion",
         "the bash completion of sifund",
         "Prints a bash script that completes sifund's verbs, options and their values: source it, or install "
         "it as /usr/share/bash-completion/completions/sifund.",
         {{"SHELL", "the shell: bash"}},
         {},
         {"sifund completion bash"},
         run_completion},
    };
    return table;
}

namespace {

int run_man(const Options&, std::ostream& out) {
    out << man_page(SIFUND_VERSION);
    return 0;
}

int run_completion(const Options& options, std::ostream& out) {
    if (options.arg(0) != "bash")
        throw UsageError("SHELL must be bash (the one shell sifund completes), not " +
                         detail::quoted(detail::printable(options.arg(0))));
    out << bash_completion();
    return 0;
}

}  // namespace

}  // namespace sifund::cli
