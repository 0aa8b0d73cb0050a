#pragma once
// The audit as one self-contained HTML page an auditor can mail.
// (Placeholder rendering: summary and findings table; charts follow.)

#include <string>

#include "sifund/audit/auditor.hpp"

namespace sifund {

namespace detail {
inline std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}
}  // namespace detail

[[nodiscard]] inline std::string render_html(const AuditReport& report) {
    using detail::html_escape;
    std::string h = "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Audit</title></head><body>";
    h += "<h1>Audit of " + html_escape(report.statement.name) + "</h1>";
    h += "<table id=\"findings\"><thead><tr><th>severity</th><th>id</th><th>seq</th><th>subject</th><th>message</th></tr></thead><tbody>";
    for (const Finding& f : report.findings)
        h += "<tr><td>" + std::string(to_string(f.severity)) + "</td><td>" + html_escape(f.id) + "</td><td>" +
             (f.seq ? std::to_string(*f.seq) : "") + "</td><td>" + html_escape(f.subject) + "</td><td>" +
             html_escape(f.message) + "</td></tr>";
    h += "</tbody></table></body></html>\n";
    return h;
}

}  // namespace sifund
