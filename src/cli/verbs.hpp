#pragma once
// The verbs of the `sifund` tool, each described once: its arguments, its
// options with what they accept, a sentence of help and an example that
// runs. From this one table come the parser (CLI11), `--help`, the man page
// and the bash completion, so that none of them can drift from the others.

#include <iosfwd>
#include <string>
#include <vector>

#include "options.hpp"

namespace sifund::cli {

struct Positional {
    std::string name;  // as the help shows it: DB, FILE.jsonl
    std::string help;
};

struct Flag {
    std::string name{};                  // without the dashes: "as-of"
    std::string value{};                 // what it takes, as the help shows it ("DATE"); empty for a switch
    std::string help{};                  // one sentence
    std::vector<std::string> choices{};  // the values it takes, when they are a list (the first is the default)
    bool required = false;
    bool file = false;                 // its value is a path: the completion offers files
};

struct Verb {
    std::string name;
    std::string summary;  // one line, for the list of verbs
    std::string help;     // what it does, a paragraph
    std::vector<Positional> positionals;
    std::vector<Flag> flags;
    std::vector<std::string> examples;  // command lines that run in a folder holding fund.db and examples/
    int (*run)(const Options& options, std::ostream& out);
};

// Every verb, in the order `sifund --help` lists them.
[[nodiscard]] const std::vector<Verb>& verbs();

// What `sifund --help` says above and below the list of verbs.
inline constexpr const char* tool_summary = "sifund: run and audit a social investment fund";
inline constexpr const char* tool_footer =
    "DB is a SQLite file or a PostgreSQL URL (postgresql://USER@HOST/DATABASE?...); statement, export and audit\n"
    "open it read-only. `sifund VERB --help` tells what a verb takes, with an example.\n\n"
    "exit codes: 0 done, 1 refused by a rule (audit: an error finding), 2 bad input or could not run";

// The verb's command line: "sifund audit DB|FILE.jsonl [--as-of DATE] ...".
[[nodiscard]] std::string synopsis(const Verb& verb);

// The man page (roff) and the bash completion script, from the table.
[[nodiscard]] std::string man_page(const std::string& version);
[[nodiscard]] std::string bash_completion();

}  // namespace sifund::cli
