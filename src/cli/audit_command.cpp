// sifund audit DB|FILE.jsonl [--as-of DATE] [--format text|json|html] [--out FILE]
// Exit 0 when no finding is an error (warnings and notes are still reported),
// 1 when any is, 2 when the audit could not run.
#include <fstream>
#include <iostream>

#include <sifund/sifund.hpp>

#include "clock.hpp"
#include "commands.hpp"
#include "options.hpp"
#include <sifund/store/open_store.hpp>

namespace sifund::cli {

namespace {

// A SQLite file starts with this header; anything else is read as JSON Lines.
bool is_sqlite_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in.gcount() == 16 && std::string(header, 15) == "SQLite format 3";
}

}  // namespace

int run_audit(const std::vector<std::string>& args, std::ostream& out) {
    const Options opts(args, 1, {"as-of", "format", "out", "backdating-days"});
    const std::string format = opts.choice("format", {"text", "json", "html"});
    AuditOptions options;
    options.as_of = opts.flag("as-of") ? Date::parse(*opts.flag("as-of")) : today_utc();
    if (auto days = opts.flag("backdating-days")) options.backdating_days = std::stol(*days);
    const Auditor auditor(options);

    const std::string& source = opts.arg(0);
    AuditReport report;
    if (PostgresStore::is_url(source) || is_sqlite_file(source)) {
        auto store = open_store(source, StoreOpen::read_only);
        report = auditor.audit(store->load());
    } else {
        std::ifstream in(source, std::ios::binary);
        if (!in) throw InputError("cli.file", "cannot read " + source);
        report = auditor.audit_jsonl(in);
    }

    std::string text;
    if (format == "json") text = report.to_json().dump(2) + "\n";
    else if (format == "html") text = render_html(report);
    else text = report.to_text();

    if (auto path = opts.flag("out")) {
        std::ofstream file(*path, std::ios::binary);
        if (!(file << text)) throw InputError("cli.file", "cannot write " + *path);
        out << "audit written to " << *path << ": " << report.count(Severity::error) << " error(s), "
            << report.count(Severity::warning) << " warning(s), " << report.count(Severity::note) << " note(s)\n";
    } else {
        out << text;
    }
    return report.has_errors() ? 1 : 0;
}

}  // namespace sifund::cli
