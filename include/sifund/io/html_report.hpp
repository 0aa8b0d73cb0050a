#pragma once
// The audit as one self-contained HTML page an auditor can mail: no scripts,
// no external styles, fonts or images; the charts are inline SVG. In Swedish,
// for municipal auditors; the findings' own texts are the auditor's (English).
//
// The page, top to bottom:
//   * the fund, the audit date and a verdict line (errors / warnings / notes);
//   * the statement as of the audit date (Money::to_swedish);
//   * the findings (table#findings, a row a finding, errors first, each row
//     tr.finding.sev-{error,warning,note} with data-severity and data-id);
//   * the grants (table#grants, a row a grant: tr.grant[data-grant]);
//   * two charts: svg#chart-position (cash, committed and free capital at each
//     quarter end, a polyline a series) and svg#chart-obligations (obligations
//     arisen, repaid and written off, a bar a series a year), each followed by
//     its figures in a table for print.
// The same report always renders to the same bytes.

#include <algorithm>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sifund/audit/auditor.hpp"
#include "sifund/detail/text.hpp"
#include "sifund/io/html_style.hpp"
#include "sifund/io/svg_chart.hpp"

namespace sifund {

namespace detail {
namespace html {

inline std::string_view severity_sv(Severity s) {
    switch (s) {
        case Severity::error: return "Fel";
        case Severity::warning: return "Varning";
        case Severity::note: return "Notering";
    }
    return "?";
}

inline std::string count_sv(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

inline std::string_view status_sv(std::string_view status) {
    if (status == "approved") return "Beviljad";
    if (status == "active") return "Pågående";
    if (status == "closed") return "Avslutad";
    return status;
}

// An id attribute (and #fragment) for a grant: letters, digits, '-', '_' and '.' kept, others '_'.
inline std::string anchor(std::string_view prefix, std::string_view id) {
    std::string out(prefix);
    for (char c : id) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '.';
        out.push_back(keep ? c : '_');
    }
    return out;
}

// Escaped, with a line-break opportunity after each '_' of an id.
inline std::string breakable(std::string_view id) {
    std::string out;
    for (char c : id) {
        out += xml_escape(std::string_view(&c, 1));
        if (c == '_') out += "<wbr>";
    }
    return out;
}

inline std::string amount(Money m, const Currency& c) {
    return "<td class=\"num" +
           std::string(m.is_negative() ? " neg"
                       : m.is_zero()   ? " zero"
                                       : "") +
           "\">" + xml_escape(m.to_swedish(c, false)) + "</td>";
}

// A chart in a figure: `count_attr` says how many points or years it has, for
// the tests and for print; the caption numbers it ("Figur 1.").
inline std::string figure(std::string_view id, std::string_view count_attr, std::size_t count, std::string_view number,
                          std::string_view caption, const std::string& chart) {
    return "<figure class=\"chart\" id=\"" + std::string(id) + "\" " + std::string(count_attr) + "=\"" +
           std::to_string(count) + "\">\n<figcaption><span class=\"fig\">" + std::string(number) + "</span> " +
           std::string(caption) + "</figcaption>\n" + chart + "\n</figure>\n";
}

// A chart's series: one amount of each point (a quarter, a year).
template <class Point>
svg::Series series_of(std::string key, std::string label, std::string color, const std::vector<Point>& points,
                      Money Point::*amount) {
    svg::Series out{std::move(key), std::move(label), std::move(color), {}};
    for (const Point& p : points) out.values.push_back(p.*amount);
    return out;
}

inline std::string opt(std::string_view s) {
    return s.empty() ? std::string("<span class=\"none\">–</span>") : xml_escape(s);
}

}  // namespace html
}  // namespace detail

[[nodiscard]] inline std::string render_html(const AuditReport& report) {
    using detail::xml_escape;
    namespace h = detail::html;
    const Statement& st = report.statement;
    const Currency& cur = st.currency;
    const std::string fund_name = st.name.empty() ? (st.fund.empty() ? std::string("Fonden") : st.fund) : st.name;
    const std::string as_of = report.as_of.to_string();
    const std::size_t errors = report.count(Severity::error), warnings = report.count(Severity::warning),
                      notes = report.count(Severity::note);

    // Errors first, then warnings, then notes; the auditor's order within each.
    std::vector<const Finding*> findings;
    for (const Finding& f : report.findings) findings.push_back(&f);
    std::stable_sort(findings.begin(), findings.end(), [](const Finding* a, const Finding* b) {
        return static_cast<int>(a->severity) < static_cast<int>(b->severity);
    });
    std::map<std::string, std::size_t, std::less<>> grant_index;
    for (std::size_t i = 0; i < st.grants.size(); ++i) grant_index.emplace(st.grants[i].grant, i);
    struct Counts {
        std::size_t error = 0, warning = 0, note = 0;
    };
    std::map<std::string, Counts, std::less<>> per_subject;
    for (const Finding* f : findings) {
        if (f->subject.empty()) continue;
        Counts& c = per_subject[f->subject];
        (f->severity == Severity::error ? c.error : f->severity == Severity::warning ? c.warning : c.note) += 1;
    }

    std::string o;
    o.reserve(64 * 1024);
    o += "<!doctype html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"sifund audit\">\n<title>Revisionsrapport – " +
         xml_escape(fund_name) + " – " + as_of + "</title>\n<style>\n" + std::string(detail::html::stylesheet) +
         "</style>\n</head>\n<body>\n";

    // The masthead.
    o += "<header class=\"masthead\">\n<p class=\"kicker\">Revisionsrapport · social investeringsfond</p>\n";
    o += "<h1 id=\"fund-name\">" + xml_escape(fund_name) + "</h1>\n";
    o += "<dl class=\"meta\"><div><dt>Granskningsdag</dt><dd id=\"as-of\">" + as_of + "</dd></div>";
    if (!st.fund.empty()) o += "<div><dt>Fond</dt><dd>" + xml_escape(st.fund) + "</dd></div>";
    o += "<div><dt>Granskade händelser</dt><dd id=\"events\">" + std::to_string(report.events) + "</dd></div>";
    o += "<div><dt>Valuta</dt><dd>" + xml_escape(cur.code()) + "</dd></div></dl>\n</header>\n";

    // The verdict.
    const std::string verdict_class = errors               ? "error"
                                      : warnings           ? "warning"
                                      : report.events == 0 ? "empty"
                                      : notes              ? "note"
                                                           : "clean";
    std::string headline, text;
    if (report.events == 0) {
        headline = "Ingen historik att granska";
        text = "Källan innehåller inga händelser: det finns inget att verifiera.";
    } else if (errors) {
        headline = "Granskningen fann " + h::count_sv(errors, "fel", "fel");
        text =
            "Historiken bryter mot regelverket eller har ändrats i efterhand och kan inte godtas utan utredning. "
            "Felen står först bland iakttagelserna nedan.";
    } else if (warnings) {
        headline = "Inga fel – " + h::count_sv(warnings, "varning", "varningar") + " att bedöma";
        text =
            "Hashkedjan är obruten och varje händelse följer det regelverk som gällde på dess datum. Varningarna "
            "nedan är tillåtna men bör bedömas.";
    } else if (notes) {
        headline = "Inga fel eller varningar";
        text = "Hashkedjan är obruten och varje händelse följer det regelverk som gällde på dess datum.";
    } else {
        headline = "Inga avvikelser";
        text = "Hashkedjan är obruten och varje händelse följer det regelverk som gällde på dess datum.";
    }
    o += "<section id=\"verdict\" class=\"verdict verdict-" + verdict_class + "\" data-errors=\"" +
         std::to_string(errors) + "\" data-warnings=\"" + std::to_string(warnings) + "\" data-notes=\"" +
         std::to_string(notes) + "\">\n<p class=\"headline\">" + xml_escape(headline) + "</p>\n<p>" +
         xml_escape(text) + "</p>\n<ul class=\"tally\">";
    o += "<li class=\"sev-error\"><span class=\"n\" id=\"count-error\">" + std::to_string(errors) + "</span> fel</li>";
    o += "<li class=\"sev-warning\"><span class=\"n\" id=\"count-warning\">" + std::to_string(warnings) + "</span> " +
         (warnings == 1 ? "varning" : "varningar") + "</li>";
    o += "<li class=\"sev-note\"><span class=\"n\" id=\"count-note\">" + std::to_string(notes) + "</span> " +
         (notes == 1 ? "notering" : "noteringar") + "</li></ul>\n</section>\n";

    // The statement.
    auto row = [&](std::string_view key, std::string_view label, Money m, std::string_view cls = {}) {
        return "<tr data-key=\"" + std::string(key) + "\"" +
               (cls.empty() ? std::string() : " class=\"" + std::string(cls) + "\"") + "><th scope=\"row\">" +
               std::string(label) + "</th><td class=\"num\">" + xml_escape(m.to_swedish(cur)) + "</td></tr>\n";
    };
    o += "<section id=\"summary\">\n<h2>Ställning per " + as_of + "</h2>\n<div class=\"statement-grid\">\n";
    o += "<table class=\"statement\" id=\"statement-flows\"><caption>Tillfört och utbetalt till dags "
         "dato</caption><tbody>\n";
    o += row("capital_contributed", "Insatt kapital", st.capital_contributed);
    o += row("allocations", "Avsättningar av skatteintäkter", st.allocations);
    o += row("repayments", "Återbetalningar från projekt", st.repayments);
    o += row("disbursed", "Utbetalt till projekt", -st.disbursed, "out");
    o += row("cash", "Likvida medel", st.cash, "total");
    o += "</tbody></table>\n";
    o += "<table class=\"statement\" id=\"statement-position\"><caption>Åtaganden och skyldigheter</caption><tbody>\n";
    o += row("cash", "Likvida medel", st.cash);
    o += row("committed_undisbursed", "Beviljat, ej utbetalt", -st.committed_undisbursed, "out");
    o += row("free_capital", "Fritt kapital", st.free_capital, "total");
    o += row("obligations_outstanding", "Återbetalningsskyldigheter, utestående", st.obligations_outstanding, "gap");
    o += row("obligations_overdue", "– varav förfallna", st.obligations_overdue, "sub");
    o += row("written_off", "Avskrivna skyldigheter (till dags dato)", st.written_off);
    o += "</tbody></table>\n</div>\n</section>\n";

    // The findings.
    o += "<section id=\"findings-section\">\n<h2>Iakttagelser <span class=\"count\">" +
         std::to_string(findings.size()) + "</span></h2>\n";
    o += "<p class=\"lead\">Varje iakttagelse har ett id (regelns id för regelbrott, <code>integrity.*</code> för "
         "historikens integritet) och, där den gäller en händelse, dess löpnummer. Fel står först.</p>\n";
    o += "<div class=\"scroll\"><table id=\"findings\" class=\"data\"><thead><tr><th scope=\"col\">Nivå</th><th "
         "scope=\"col\">Id</th>"
         "<th scope=\"col\" class=\"num\">Händelse</th><th scope=\"col\">Avser</th><th scope=\"col\">Regel / "
         "paragraf</th><th scope=\"col\">Förväntat</th><th scope=\"col\">Faktiskt</th><th scope=\"col\">Beskrivning"
         "</th></tr></thead>\n<tbody>\n";
    for (const Finding* f : findings) {
        const std::string sev(to_string(f->severity));
        o += "<tr class=\"finding sev-" + sev + "\" data-severity=\"" + sev + "\" data-id=\"" + xml_escape(f->id) +
             "\"" + (f->seq ? " data-seq=\"" + std::to_string(*f->seq) + "\"" : std::string()) + ">";
        o += "<td class=\"sev\"><span class=\"badge sev-" + sev + "\">" + std::string(h::severity_sv(f->severity)) +
             "</span></td>";
        o += "<td class=\"id\"><code>" + h::breakable(f->id) + "</code></td>";
        o += "<td class=\"num seq\">" + (f->seq ? std::to_string(*f->seq) : h::opt({})) + "</td>";
        if (grant_index.count(f->subject))
            o += "<td class=\"subject\"><a href=\"#" + h::anchor("grant-", f->subject) + "\">" +
                 xml_escape(f->subject) + "</a></td>";
        else
            o += "<td class=\"subject\">" + h::opt(f->subject) + "</td>";
        std::string rule;
        if (!f->rule_id.empty() && f->rule_id != f->id) rule += "<code>" + xml_escape(f->rule_id) + "</code>";
        if (!f->citation.empty())
            rule += (rule.empty() ? "" : "<br>") + std::string("<span class=\"citation\">") + xml_escape(f->citation) +
                    "</span>";
        o += "<td class=\"rule\">" + (rule.empty() ? h::opt({}) : rule) + "</td>";
        o += "<td class=\"expected\">" + h::opt(f->expected) + "</td>";
        o += "<td class=\"actual\">" + h::opt(f->actual) + "</td>";
        o += "<td class=\"message\" lang=\"en\">" + xml_escape(f->message) + "</td></tr>\n";
    }
    if (findings.empty())
        o += std::string("<tr class=\"empty\"><td colspan=\"8\">") +
             (report.events ? "Inga iakttagelser: historiken verifierades utan anmärkning." : "Inga iakttagelser.") +
             "</td></tr>\n";
    o += "</tbody></table></div>\n</section>\n";

    // The grants.
    o += "<section id=\"grants-section\">\n<h2>Beviljade medel per projekt <span class=\"count\">" +
         std::to_string(st.grants.size()) + "</span></h2>\n";
    o += "<p class=\"lead\">Belopp i kronor per " + as_of +
         ". Skyldighet är återbetalningsskyldigheten som uppstått när besparingar verifierats; utestående är "
         "skyldighet minus återbetalt och avskrivet.</p>\n";
    o += "<div class=\"scroll\"><table id=\"grants\" class=\"data\"><thead><tr><th scope=\"col\">Projekt</th>"
         "<th scope=\"col\" class=\"num\">Beviljat</th><th scope=\"col\" class=\"num\">Utbetalt</th><th "
         "scope=\"col\" class=\"num\">Skyldighet</th><th scope=\"col\" class=\"num\">Återbetalt</th><th "
         "scope=\"col\" class=\"num\">Avskrivet</th><th scope=\"col\" class=\"num\">Utestående</th></tr></thead>\n"
         "<tbody>\n";
    GrantLine total;
    for (const GrantLine& g : st.grants) {
        total.approved += g.approved;
        total.disbursed += g.disbursed;
        total.obligation += g.obligation;
        total.repaid += g.repaid;
        total.written_off += g.written_off;
        total.outstanding += g.outstanding;
        const auto counts = per_subject.find(g.grant);
        const std::string flagged = counts == per_subject.end() ? ""
                                    : counts->second.error      ? " has-errors"
                                    : counts->second.warning    ? " has-warnings"
                                                                : "";
        o += "<tr class=\"grant status-" + xml_escape(g.status) + flagged + "\" id=\"" + h::anchor("grant-", g.grant) +
             "\" data-grant=\"" + xml_escape(g.grant) + "\" data-approved=\"" + g.approved.to_string() + "\">";
        // The project: its id, status and findings on one line, then its title and focus area.
        o += "<th scope=\"row\" class=\"project\"><span class=\"head\"><span class=\"grant-id\">" +
             xml_escape(g.grant) + "</span> <span class=\"status status-" + xml_escape(g.status) + "\">" +
             xml_escape(h::status_sv(g.status)) + "</span>";
        if (counts != per_subject.end()) {
            o += "<span class=\"grant-findings\">";
            if (counts->second.error)
                o += " <span class=\"badge sev-error\">" + h::count_sv(counts->second.error, "fel", "fel") + "</span>";
            if (counts->second.warning)
                o += " <span class=\"badge sev-warning\">" +
                     h::count_sv(counts->second.warning, "varning", "varningar") + "</span>";
            if (counts->second.note)
                o += " <span class=\"badge sev-note\">" + h::count_sv(counts->second.note, "notering", "noteringar") +
                     "</span>";
            o += "</span>";
        }
        o += "</span><span class=\"title\">" + xml_escape(g.title) +
             "</span><span class=\"focus-line\">"
             "Fokusområde: <span class=\"focus\">" +
             h::opt(g.focus_area) + "</span></span></th>";
        o += "<td class=\"num approved\">" + xml_escape(g.approved.to_swedish(cur, false)) + "</td>";
        o += h::amount(g.disbursed, cur) + h::amount(g.obligation, cur) + h::amount(g.repaid, cur) +
             h::amount(g.written_off, cur);
        o += "<td class=\"num outstanding" +
             std::string(g.overdue.is_positive()   ? " overdue"
                         : g.outstanding.is_zero() ? " zero"
                                                   : "") +
             "\">" + xml_escape(g.outstanding.to_swedish(cur, false));
        if (g.overdue.is_positive())
            o += "<span class=\"overdue-note\">varav förfallet " + xml_escape(g.overdue.to_swedish(cur, false)) +
                 "</span>";
        o += "</td></tr>\n";
    }
    if (st.grants.empty()) o += "<tr class=\"empty\"><td colspan=\"7\">Inga beviljade projekt.</td></tr>\n";
    o += "</tbody>\n";
    if (!st.grants.empty())
        o += "<tfoot><tr><th scope=\"row\">Summa</th>" + h::amount(total.approved, cur) +
             h::amount(total.disbursed, cur) + h::amount(total.obligation, cur) + h::amount(total.repaid, cur) +
             h::amount(total.written_off, cur) + h::amount(total.outstanding, cur) + "</tr></tfoot>\n";
    o += "</table></div>\n</section>\n";

    // The charts.
    const AuditSeries& se = report.series;
    o += "<section id=\"charts\">\n<h2>Utveckling</h2>\n";
    {
        std::vector<Date> dates;
        for (const auto& p : se.quarters) dates.push_back(p.date);
        o += h::figure("figure-position", "data-points", dates.size(), "Figur 1.",
                       "Likvida medel, beviljat men ej utbetalt och fritt kapital vid varje kvartalsskifte, MSEK.",
                       svg::line_chart("chart-position", "Fondens ställning per kvartal",
                                       "Likvida medel, beviljat ej utbetalt och fritt kapital vid kvartalsskiften, i MSEK.",
                                       dates,
                                       {h::series_of("cash", "Likvida medel", "#1f4e79", se.quarters, &AuditSeries::Point::cash),
                                        h::series_of("committed", "Beviljat, ej utbetalt", "#d08a2c", se.quarters,
                                                     &AuditSeries::Point::committed),
                                        h::series_of("free_capital", "Fritt kapital", "#2f7d4f", se.quarters,
                                                     &AuditSeries::Point::free_capital)}));
    }
    {
        std::vector<int> years;
        for (const auto& y : se.years) years.push_back(y.year);
        o += h::figure(
            "figure-obligations", "data-years", years.size(), "Figur 2.",
            "Återbetalningsskyldigheter som uppstått, återbetalats och skrivits av, per kalenderår, MSEK.",
            svg::bar_chart("chart-obligations", "Återbetalningsskyldigheter per år",
                           "Uppkomna skyldigheter, återbetalningar och avskrivningar per år, i MSEK.", years,
                           {h::series_of("obligations_arisen", "Uppkomna skyldigheter", "#1f4e79", se.years,
                                         &AuditSeries::Year::obligations_arisen),
                            h::series_of("repaid", "Återbetalt", "#2f7d4f", se.years, &AuditSeries::Year::repaid),
                            h::series_of("written_off", "Avskrivet", "#b8463c", se.years,
                                         &AuditSeries::Year::written_off)}));
        o += "<table id=\"years\" class=\"data compact\"><caption>Figur 2 i siffror (kr)</caption><thead><tr><th "
             "scope=\"col\">År</th><th scope=\"col\" class=\"num\">Uppkomna skyldigheter</th><th scope=\"col\" "
             "class=\"num\">Återbetalt</th><th scope=\"col\" class=\"num\">Avskrivet</th></tr></thead><tbody>\n";
        Money t_arisen, t_repaid, t_written_off;
        for (const auto& y : se.years) {
            t_arisen += y.obligations_arisen;
            t_repaid += y.repaid;
            t_written_off += y.written_off;
            o += "<tr data-year=\"" + std::to_string(y.year) + "\"><th scope=\"row\">" + std::to_string(y.year) +
                 "</th>" + h::amount(y.obligations_arisen, cur) + h::amount(y.repaid, cur) +
                 h::amount(y.written_off, cur) + "</tr>\n";
        }
        o += "</tbody><tfoot><tr><th scope=\"row\">Summa</th>" + h::amount(t_arisen, cur) + h::amount(t_repaid, cur) +
             h::amount(t_written_off, cur) + "</tr></tfoot></table>\n";
    }
    o += "</section>\n";

    o += "<footer>\n<p>Framställd av <code>sifund audit</code> ur fondens lagrade händelsehistorik. Granskningen "
         "verifierar hashkedjan och löpnumren, prövar varje händelse mot det regelverk som gällde på dess datum och "
         "bedömer per granskningsdagen rapporter och återbetalningar som förfallit. Belopp i " +
         xml_escape(cur.code()) + ", exakta till öret.</p>\n</footer>\n</body>\n</html>\n";
    return o;
}

}  // namespace sifund
