// The man page and the bash completion, written from the table of verbs
// (verbs.hpp), so that they say what --help says.
#include <string>

#include "verbs.hpp"

namespace sifund::cli {

namespace {

// Text as roff shows it: a backslash doubled, a dash that is an option's a
// real minus, and a line that would start with a dot or a quote escaped.
std::string roff(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out.push_back(c);
    }
    std::string escaped;
    bool line_start = true;
    for (const char c : out) {
        if (line_start && (c == '.' || c == '\'')) escaped += "\\&";
        escaped.push_back(c);
        line_start = c == '\n';
    }
    return escaped;
}

}  // namespace

std::string synopsis(const Verb& v) {
    std::string s = "sifund " + v.name;
    for (const Positional& p : v.positionals) s += " " + p.name;
    for (const Flag& f : v.flags) {
        const std::string one = "--" + f.name + (f.value.empty() ? "" : " " + f.value);
        s += f.required ? " " + one : " [" + one + "]";
    }
    return s;
}

std::string man_page(const std::string& version) {
    std::string m;
    m += ".TH SIFUND 1 \"\" \"sifund " + roff(version) + "\" \"sifund manual\"\n";
    m += ".SH NAME\nsifund \\- run and audit a social investment fund\n";
    m += ".SH SYNOPSIS\n";
    for (const Verb& v : verbs()) m += ".B " + roff(synopsis(v)) + "\n.br\n";
    m += ".B sifund \\-\\-version\n";
    m += ".SH DESCRIPTION\n"
         "A social investment fund is money a municipality sets aside so that its departments can try "
         "preventive work and pay the money back once the savings show in their budgets. sifund keeps its "
         "history as a hash\\-chained log of events, checks every command against the rulebook in force on its "
         "date, and lets an auditor replay and re\\-check all of it.\n"
         ".PP\n" + roff(tool_footer) + "\n";
    m += ".SH COMMANDS\n";
    for (const Verb& v : verbs()) {
        m += ".SS " + roff(v.name) + "\n" + roff(v.help) + "\n";
        for (const Positional& p : v.positionals) m += ".TP\n.I " + roff(p.name) + "\n" + roff(p.help) + "\n";
        for (const Flag& f : v.flags)
            m += ".TP\n.B \\-\\-" + roff(f.name) + (f.value.empty() ? "" : " \\fI" + roff(f.value) + "\\fR") + "\n" +
                 roff(f.help) + (f.required ? " (required)" : "") + "\n";
        m += ".PP\nExample:\n";
        for (const std::string& e : v.examples) m += ".RS\n.B " + roff(e) + "\n.RE\n";
    }
    m += ".SH EXIT STATUS\n"
         ".TP\n0\ndone (audit: no finding of severity error)\n"
         ".TP\n1\nrefused by a rule; the store is unchanged (audit: an error finding)\n"
         ".TP\n2\nbad input, or could not run; the store is unchanged\n";
    m += ".SH SEE ALSO\n"
         "The command reference: \\fBsifund commands\\fR. ledger(1), hledger(1) and bean\\-check(1) read the "
         "books of \\fBsifund export\\fR.\n";
    return m;
}

std::string bash_completion() {
    std::string verbs_list, cases;
    for (const Verb& v : verbs()) {
        verbs_list += (verbs_list.empty() ? "" : " ") + v.name;
        std::string flags = "--help", value_cases;
        for (const Flag& f : v.flags) {
            flags += " --" + f.name;
            if (!f.choices.empty()) {
                std::string list;
                for (const auto& c : f.choices) list += (list.empty() ? "" : " ") + c;
                value_cases += "        --" + f.name + ") COMPREPLY=($(compgen -W '" + list + "' -- \"$cur\")); return ;;\n";
            } else if (f.file) {
                value_cases += "        --" + f.name + ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
            } else if (!f.value.empty()) {
                value_cases += "        --" + f.name + ") return ;;\n";  // a value to type: nothing to offer
            }
        }
        if (v.name == "completion") value_cases += "        completion) COMPREPLY=($(compgen -W 'bash' -- \"$cur\")); return ;;\n";
        cases += "    " + v.name + ")\n      case \"$prev\" in\n" + value_cases +
                 "      esac\n      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '" + flags +
                 "' -- \"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi ;;\n";
    }
    return "# bash completion for sifund (made by `sifund completion bash`)\n"
           "_sifund() {\n"
           "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
           "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
           "    COMPREPLY=($(compgen -W '" + verbs_list + " --help --version' -- \"$cur\"))\n"
           "    return\n"
           "  fi\n"
           "  case ${COMP_WORDS[1]} in\n" + cases +
           "  esac\n"
           "}\n"
           "complete -o filenames -F _sifund sifund\n";
}

}  // namespace sifund::cli
