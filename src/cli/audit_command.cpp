// sifund audit DB|FILE.jsonl [--as-of DATE] [--backdating-days N] [--format text|json|html] [--out FILE [--overwrite]]
// Exit 0 when no finding is an error (warnings and notes are still reported),
// 1 when any is, 2 when the audit could not run.
#include <filesystem>
#include <fstream>
#include <iostream>

#include <sifund/sifund.hpp>

#include "clock.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "output_file.hpp"
#include <sifund/store/open_store.hpp>

namespace sifund::cli {

int run_audit(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"text", "json", "html"});
    const bool overwrite = opts.given("overwrite");
    if (overwrite && !opts.flag("out")) throw UsageError("--overwrite is only for --out FILE");
    AuditOptions options;
    options.as_of = opts.date("as-of", today_utc());
    options.backdating_days = opts.integer<long>("backdating-days", options.backdating_days, 0, 36'500);
    const Auditor auditor(options);

    const std::string& source = opts.arg(0);
    AuditReport report;
    // Only a plain file is sniffed for the SQLite header: reading the first
    // bytes of a pipe would take them from the history that follows.
    std::error_code ec;
    if (PostgresStore::is_url(source) || (std::filesystem::is_regular_file(source, ec) && starts_like_sqlite(source))) {
        auto store = open_store(source, StoreOpen::read_only);
        report = auditor.audit(store->load());
    } else {
        if (std::filesystem::is_directory(source, ec))
            throw InputError("cli.file", "cannot audit " + detail::quoted(detail::printable(source)) +
                                             ": it is a directory, not a store or a history file");
        std::ifstream in(source, std::ios::binary);
        if (!in) throw InputError("cli.file", "cannot read " + detail::quoted(detail::printable(source)));
        try {
            report = auditor.audit_jsonl(in);
        } catch (const LineReadError& e) {
            throw InputError(e.id(), detail::printable(source) + ":" + std::to_string(e.line()) + ": " + e.what());
        }
    }

    std::string text;
    if (format == "json") text = report.to_json().dump(2) + "\n";
    else if (format == "html") text = render_html(report);
    else text = report.to_text();

    if (auto path = opts.flag("out")) {
        write_output_file({"--out", *path, source, overwrite}, text);
        out << "audit written to " << detail::printable(*path) << ": " << report.count(Severity::error) << " error(s), "
            << report.count(Severity::warning) << " warning(s), " << report.count(Severity::note) << " note(s)\n";
    } else {
        out << text;
    }
    return report.has_errors() ? 1 : 0;
}

}  // namespace sifund::cli
