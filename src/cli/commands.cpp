#include "commands.hpp"

#include <iostream>

#include <sifund/io/journal.hpp>
#include <sifund/sifund.hpp>

#include "clock.hpp"
#include "jsonl.hpp"
#include "options.hpp"
#include "retry.hpp"
#include <sifund/store/open_store.hpp>

namespace sifund::cli {

int run_init(const Options& opts, std::ostream& out) {
    auto store = open_store(opts.arg(0), StoreOpen::create_new);
    out << "created an empty fund store: " << store->describe() << "\n";
    return 0;
}

int run_apply(const Options& opts, std::ostream& out) {
    const std::optional<Timestamp> fixed_at = opts.timestamp("recorded-at");
    if (fixed_at) check_recording_time(*fixed_at, now_utc(), "--recorded-at");
    const CommandFile file = read_command_file(opts.arg(1));
    auto store = open_store(opts.arg(0), StoreOpen::existing);
    // Another writer may append between our read and our append: the store
    // then refuses the whole batch (ConcurrencyError) and we start over from
    // what is stored now, checking every command again (retry.hpp).
    const Applied applied = with_retries(std::cerr, [&] {
        Fund fund(*store);
        try {
            return fund.apply(file.commands, fixed_at.value_or(now_utc()));
        } catch (const ConcurrencyError&) {
            throw;
        } catch (const RuleViolation& v) {
            if (v.index()) throw LineError(v.id(), file.line_of.at(*v.index()), v.what(), true);
            throw;
        } catch (const Error& e) {
            if (e.index()) throw LineError(e.id(), file.line_of.at(*e.index()), e.what());
            throw;
        }
    });
    out << "applied " << file.commands.size() << " command(s) from " << file.path << ": events " << applied.first_seq
        << "-" << applied.last_seq << " in " << store->describe();
    if (const auto extra = applied.count() - static_cast<std::int64_t>(file.commands.size()); extra > 0)
        out << " (" << extra << " true-up(s) appended by the fund)";
    out << "\n";
    return 0;
}

int run_statement(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"text", "json"});
    const Date as_of = opts.date("as-of", today_utc());
    const std::optional<Timestamp> known_at = opts.timestamp("known-at");
    auto store = open_store(opts.arg(0), StoreOpen::read_only);
    const Fund fund(*store);
    const Statement st = fund.statement(as_of, known_at);
    if (format == "json") out << st.to_json().dump(2) << "\n";
    else out << st.to_text();
    return 0;
}

int run_flows(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"text", "json", "csv"});
    const std::optional<Timestamp> known_at = opts.timestamp("known-at");
    const int until = opts.integer<int>("to", today_utc().year(), first_kept_year + 1, last_kept_year);
    auto store = open_store(opts.arg(0), StoreOpen::read_only);
    const Fund fund(*store);
    const int from = opts.integer<int>("from", first_budget_year(fund.events(), until), first_kept_year + 1, last_kept_year);
    if (until < from)
        throw OptionError("to", std::to_string(until), "must not come before --from " + std::to_string(from));
    const Flows flows = make_flows(fund.events(), from, until, known_at);
    if (format == "json") out << flows.to_json().dump(2) << "\n";
    else if (format == "csv") out << flows.to_csv();
    else out << flows.to_text();
    return 0;
}

int run_export(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"jsonl", "ledger", "beancount", "csv"});
    auto store = open_store(opts.arg(0), StoreOpen::read_only);
    const Fund fund(*store);  // verifies the chain before anything is written out
    if (format == "jsonl") {
        for (const Event& e : fund.events()) out << jsonl_line(canonical_text(e), e.hash) << "\n";
        return 0;
    }
    const Journal books = make_journal(fund.events());  // balanced postings (fund/books.hpp)
    if (format == "ledger") write_ledger(out, books);
    else if (format == "beancount") write_beancount(out, books);
    else write_csv(out, books);
    return 0;
}

}  // namespace sifund::cli
