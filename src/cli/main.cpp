// sifund: the command-line tool for a social investment fund's books.
// Exit codes a script can trust: 0 done, 1 refused by a rule or invariant,
// 2 bad input or could not run. Messages go to stderr, results to stdout.
//
// CLI11 reads the arguments, as the table of verbs (verbs.cpp) describes
// them; the values are then read strictly by Options (options.hpp), whose
// errors name the option and what it accepts.

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <sifund/detail/printable.hpp>
#include <sifund/sifund.hpp>

#include "jsonl.hpp"
#include "options.hpp"
#include "verbs.hpp"

namespace {

using namespace sifund;
using namespace sifund::cli;

// A message may quote the input (an id, a field, a file name): nothing of
// it reaches the terminal as a control sequence or a bidi override.
std::string shown(const std::exception& e) { return detail::printable(e.what()); }

std::string ends_in_newline(std::string text) {
    if (!text.empty() && text.back() != '\n') text.push_back('\n');
    return text;
}

// What CLI11 fills in while it parses: a string a positional or a flag.
struct Parsed {
    const Verb* verb = nullptr;
    std::vector<std::string> positionals;
    std::map<std::string, std::string> flags;
    std::map<std::string, bool> given;
};

// Help that starts a verb's usage with the tool's name, as it is typed, and
// shows the verb's example lines under its options.
class Formatter : public CLI::Formatter {
public:
    std::string make_usage(const CLI::App* app, std::string name) const override {
        for (const Verb& v : verbs())
            if (app->get_parent() != nullptr && v.name == app->get_name()) return "usage: " + synopsis(v) + "\n";
        return CLI::Formatter::make_usage(app, std::move(name));
    }
    std::string make_footer(const CLI::App* app) const override {
        const std::string footer = app->get_footer();
        return footer.empty() ? std::string() : "\n" + footer + "\n";
    }
};

std::unique_ptr<CLI::App> make_app(Parsed& parsed) {
    auto app = std::make_unique<CLI::App>(tool_summary, "sifund");
    app->formatter(std::make_shared<Formatter>());
    app->set_version_flag("--version", std::string("sifund ") + SIFUND_VERSION, "print sifund's version and exit");
    app->footer(tool_footer);
    app->require_subcommand(1, 1);
    app->fallthrough(false);
    // One string a positional, bound before any verb is added: the vector never moves.
    std::size_t most = 0;
    for (const Verb& v : verbs()) most = std::max(most, v.positionals.size());
    parsed.positionals.resize(most);
    for (const Verb& v : verbs()) {
        CLI::App* sub = app->add_subcommand(v.name, v.summary);
        sub->description(v.summary + "\n\n" + v.help);
        std::string footer = "example" + std::string(v.examples.size() > 1 ? "s" : "") + ":";
        for (const std::string& e : v.examples) footer += "\n  " + e;
        sub->footer(footer);
        sub->callback([&parsed, &v] { parsed.verb = &v; });
        for (std::size_t i = 0; i < v.positionals.size(); ++i)
            sub->add_option(v.positionals[i].name, parsed.positionals[i], v.positionals[i].help)->required()->type_name("");
        for (const Flag& f : v.flags) {
            if (f.value.empty()) {
                sub->add_flag_callback("--" + f.name, [&parsed, name = f.name] { parsed.given[name] = true; }, f.help);
                continue;
            }
            sub->add_option_function<std::string>(
                   "--" + f.name,
                   [&parsed, name = f.name](const std::string& value) {
                       parsed.flags[name] = value;
                       parsed.given[name] = true;
                   },
                   f.help + (f.required ? " (required)" : ""))
                ->type_name(f.value)
                ->allow_extra_args(false);
        }
    }
    return app;
}

// The verb named on the command line, if any (for messages about it).
std::string verb_named(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        for (const Verb& v : verbs())
            if (v.name == a) return a;
        if (!a.starts_with("-")) break;
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    Parsed parsed;
    const auto app = make_app(parsed);
    if (argc >= 2 && std::string(argv[1]) == "help") {  // `sifund help [VERB]`, as --help
        const std::string of = argc >= 3 ? argv[2] : "";
        for (const Verb& v : verbs())
            if (v.name == of) {
                std::cout << ends_in_newline(app->get_subcommand(of)->help());
                return 0;
            }
        std::cout << ends_in_newline(app->help());
        return 0;
    }
    const std::string verb = verb_named(argc, argv);
    if (verb.empty() && argc >= 2 && !std::string(argv[1]).starts_with("-")) {
        std::cerr << "sifund: unknown command " << detail::quoted(detail::printable(argv[1])) << " [cli.usage]\n"
                  << "(`sifund --help` tells what it takes)\n";
        return 2;
    }
    const std::string who = verb.empty() ? "sifund" : "sifund " + verb;
    try {
        try {
            app->parse(argc, argv);
        } catch (const CLI::CallForHelp&) {
            const CLI::App* sub = verb.empty() ? app.get() : app->get_subcommand(verb);
            std::cout << ends_in_newline(sub->help());
            return 0;
        } catch (const CLI::CallForAllHelp&) {
            std::cout << app->help("", CLI::AppFormatMode::All);
            return 0;
        } catch (const CLI::CallForVersion& e) {
            std::cout << e.what() << "\n";
            return 0;
        } catch (const CLI::RequiredError& e) {
            if (argc < 2) {  // `sifund` alone: what it can do
                std::cerr << ends_in_newline(app->help());
                return 2;
            }
            throw UsageError(e.what());
        } catch (const CLI::ExtrasError& e) {
            const Verb* v = nullptr;
            for (const Verb& candidate : verbs())
                if (candidate.name == verb) v = &candidate;
            if (v && v->positionals.empty()) throw UsageError(verb + " takes no arguments");
            if (!v) throw UsageError("unknown command \"" + detail::printable(argc > 1 ? argv[1] : "") + "\"");
            throw UsageError(e.what());
        } catch (const CLI::ParseError& e) {
            throw UsageError(e.what());
        }
        const Verb& v = *parsed.verb;
        for (const Flag& f : v.flags)
            if (f.required && !parsed.given.count(f.name))
                throw UsageError("--" + f.name + " " + f.value + " is required");
        parsed.positionals.resize(v.positionals.size());
        std::map<std::string, std::string> flags = parsed.flags;
        for (const auto& [name, given] : parsed.given)
            if (given && !flags.count(name)) flags[name] = "";
        const Options options(parsed.positionals, std::move(flags));
        return v.run(options, std::cout);
    } catch (const LineError& e) {
        // A rule refusal is 1; anything wrong with the input itself is 2.
        std::cerr << detail::printable(parsed.positionals.size() > 1 ? parsed.positionals[1] : std::string("input")) << ":"
                  << e.line() << ": " << shown(e) << " [" << e.id() << "]\n";
        return e.refused() ? 1 : 2;
    } catch (const RuleViolation& e) {
        std::cerr << "sifund: " << shown(e) << " [" << e.id() << "]\n";
        return 1;
    } catch (const UsageError& e) {
        std::cerr << who << ": " << shown(e) << " [" << e.id() << "]\n"
                  << "(`" << who << " --help` tells what it takes)\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << who << ": " << shown(e) << " [" << e.id() << "]\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << who << ": " << shown(e) << "\n";
        return 2;
    }
}
