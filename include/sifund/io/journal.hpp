#pragma once
// The fund's books (fund/books.hpp: the chart of accounts and make_journal)
// written for the auditors' own tools: write_ledger for ledger and hledger,
// write_beancount for beancount, write_csv for a spreadsheet. Transactions
// come in date order (then seq); each keeps the event's seq (ledger
// `; seq: 12`, beancount metadata `seq: 12`, CSV column), its type and
// subject (payee / narration), and its own date when the books date it
// otherwise (`event_date`). Amounts are exact (Money::to_string) in the
// fund's currency. Text from the history is kept on one line and quoted for
// each tool; a CSV cell never starts a formula.

#include <algorithm>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sifund/fund/books.hpp"

namespace sifund {

namespace detail::journal {

// Text on one line: control characters become spaces.
inline std::string one_line(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
    return out;
}

inline std::string bean_string(std::string_view s) {  // a beancount string
    std::string out = "\"";
    for (char ch : one_line(s)) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "\"";
}

// A text cell that a spreadsheet would take for a formula (=, +, -, @, or a
// tab or CR before one) gets a leading apostrophe, as OWASP advises against
// CSV injection: a description "=HYPERLINK(...)" from a history must show as
// text, not run. Only text cells: amounts go out as numbers ("-1000.00").
inline std::string csv_field(std::string_view s) {
    const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
    if (!formula && s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = formula ? "\"'" : "\"";
    for (char ch : s) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

inline std::size_t account_width(const JournalEntry& e) {
    std::size_t w = 0;
    for (const auto& p : e.postings) w = std::max(w, p.account.size());
    return w;
}

// An entry's postings, a line each, indented, the amounts aligned after the
// longest account name (ledger and beancount write them alike).
inline void append_postings(std::string& text, const JournalEntry& e, std::string_view indent, const std::string& unit) {
    const std::size_t width = account_width(e);
    for (const auto& p : e.postings) {
        text += indent;
        text += p.account;
        text.append(width - p.account.size() + 4, ' ');
        p.amount.append_to(text);
        text += unit;
        text += '\n';
    }
}

// The path below is part of the exports' bytes: io/journal.hpp still
// includes the chart (fund/books.hpp), so it is left as exports have it.
inline std::string header(const Journal& j, std::string_view comment) {
    std::string out;
    out += std::string(comment) + " " + one_line(j.name.empty() ? "Fund" : j.name);
    if (!j.fund.empty()) out += " (" + one_line(j.fund) + ")";
    out += ": double-entry books exported by sifund from the verified event history.\n";
    out += std::string(comment) + " Chart of accounts: sifund/io/journal.hpp, README \"Books for the auditors' tools\".\n";
    out += std::string(comment) + " Statement figures: cash = Assets:Fund:Cash, capital_contributed = -Equity:Capital:Contributed,\n";
    out += std::string(comment) + " allocations = -Income:Allocations, repayments = -Income:Repayments, disbursed = Assets:Grants,\n";
    out += std::string(comment) + " written_off = Expenses:WriteOffs, obligations_outstanding = Assets:Obligations,\n";
    out += std::string(comment) + " committed_undisbursed = Assets:Memo:Commitments (memo, with Liabilities:Memo:Commitments).\n";
    return out;
}

}  // namespace detail::journal

// ledger(1) and hledger journal text.
inline void write_ledger(std::ostream& out, const Journal& j) {
    using namespace detail::journal;
    const std::string unit = " " + std::string(j.currency.code());
    out << header(j, ";");
    std::string text;
    for (const auto& e : j.entries) {
        text.clear();
        text += '\n';
        text += e.date.to_string();
        text += ' ';
        text += one_line(e.type);
        if (!e.subject.empty()) text += " " + one_line(e.subject);
        text += "\n    ; seq: " + std::to_string(e.seq) + "\n";
        if (e.event_date != e.date) text += "    ; event_date: " + e.event_date.to_string() + "\n";
        if (!e.note.empty()) text += "    ; " + one_line(e.note) + "\n";
        append_postings(text, e, "    ", unit);
        out << text;
    }
}

// beancount text: the currency as operating currency, each account opened on
// the date of its first posting.
inline void write_beancount(std::ostream& out, const Journal& j) {
    using namespace detail::journal;
    const std::string code(j.currency.code());
    const std::string unit = " " + code;
    out << header(j, ";");
    if (!j.name.empty()) out << "option \"title\" " << bean_string(j.name) << "\n";
    out << "option \"operating_currency\" \"" << code << "\"\n\n";
    std::map<std::string, Date> opened;
    for (const auto& e : j.entries)
        for (const auto& p : e.postings) opened.try_emplace(p.account, e.date);  // entries are in date order
    std::vector<std::pair<Date, std::string>> opens;
    opens.reserve(opened.size());
    for (const auto& [name, date] : opened) opens.emplace_back(date, name);
    std::stable_sort(opens.begin(), opens.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [date, name] : opens) out << date.to_string() << " open " << name << " " << code << "\n";
    std::string text;
    for (const auto& e : j.entries) {
        text.clear();
        text += '\n';
        text += e.date.to_string();
        text += " * " + bean_string(e.type) + " " + bean_string(e.note.empty() ? e.subject : e.subject + " (" + e.note + ")");
        text += "\n  seq: " + std::to_string(e.seq) + "\n";
        if (e.event_date != e.date) text += "  event_date: " + e.event_date.to_string() + "\n";
        append_postings(text, e, "  ", unit);
        out << text;
    }
}

// One row a posting: seq,date,type,subject,account,amount,currency.
inline void write_csv(std::ostream& out, const Journal& j) {
    using namespace detail::journal;
    const std::string code(j.currency.code());
    out << "seq,date,type,subject,account,amount,currency\n";
    std::string text;
    for (const auto& e : j.entries) {
        text.clear();
        const std::string prefix = std::to_string(e.seq) + "," + e.date.to_string() + "," + csv_field(e.type) + "," +
                                   csv_field(e.subject) + ",";
        for (const auto& p : e.postings) {
            text += prefix;
            text += csv_field(p.account);
            text += ',';
            p.amount.append_to(text);
            text += ',';
            text += code;
            text += '\n';
        }
        out << text;
    }
}

}  // namespace sifund
