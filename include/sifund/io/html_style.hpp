#pragma once
// The stylesheet of the audit report (io/html_report.hpp), inlined in its
// <style>: system fonts only, readable on screen and on A4 paper.

#include <string_view>

namespace sifund::detail::html {

inline constexpr std::string_view stylesheet = R"css(
:root {
  --ink: #1b2330; --muted: #5b6676; --rule: #d5dbe3; --faint: #f3f5f8; --navy: #16325c;
  --error: #b42318; --error-bg: #fdeceb; --warning: #9a5b00; --warning-bg: #fff5dc;
  --note: #2f5d8a; --note-bg: #eaf1f8; --ok: #1e6b3f; --ok-bg: #e8f4ec;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0 auto; padding: 32px 40px 48px; max-width: 1200px; color: var(--ink); background: #fff;
  font: 14px/1.45 "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif;
}
code { font: 12.5px/1.3 "SFMono-Regular", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; }
h1 { font-size: 28px; line-height: 1.2; margin: 2px 0 14px; color: var(--navy); font-weight: 650; }
h2 {
  font-size: 18px; margin: 36px 0 10px; padding-bottom: 6px; color: var(--navy);
  border-bottom: 2px solid var(--navy); font-weight: 650;
}
h2 .count {
  display: inline-block; min-width: 24px; margin-left: 6px; padding: 0 8px; border-radius: 12px;
  background: var(--faint); color: var(--muted); font-size: 13px; font-weight: 600; text-align: center;
  vertical-align: 2px;
}
p.lead { color: var(--muted); margin: 0 0 12px; max-width: 80ch; }
.masthead { border-top: 6px solid var(--navy); padding-top: 18px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); font-weight: 600; }
dl.meta { display: flex; flex-wrap: wrap; gap: 10px 36px; margin: 0; }
dl.meta div { display: flex; flex-direction: column; }
dl.meta dt { font-size: 11.5px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
dl.meta dd { margin: 0; font-size: 15px; font-weight: 600; font-variant-numeric: tabular-nums; }

.verdict {
  margin: 24px 0 0; padding: 16px 20px; border-radius: 6px; border-left: 6px solid;
  display: grid; grid-template-columns: 1fr auto; grid-template-rows: auto auto; column-gap: 24px;
}
.verdict p { margin: 0; grid-column: 1; }
.verdict p.headline { font-size: 19px; font-weight: 700; margin-bottom: 2px; }
.verdict .tally { grid-column: 2; grid-row: 1 / span 2; align-self: center; display: flex; gap: 8px; margin: 0; padding: 0; list-style: none; }
.verdict .tally li {
  min-width: 84px; padding: 6px 10px; border-radius: 6px; background: #fff; text-align: center;
  font-size: 12px; color: var(--muted); border: 1px solid var(--rule);
}
.verdict .tally .n { display: block; font-size: 22px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.verdict .tally .sev-error .n { color: var(--error); }
.verdict .tally .sev-warning .n { color: var(--warning); }
.verdict .tally .sev-note .n { color: var(--note); }
.verdict-error { background: var(--error-bg); border-color: var(--error); }
.verdict-error .headline { color: var(--error); }
.verdict-warning { background: var(--warning-bg); border-color: #d39a2a; }
.verdict-warning .headline { color: var(--warning); }
.verdict-note, .verdict-clean { background: var(--ok-bg); border-color: var(--ok); }
.verdict-note .headline, .verdict-clean .headline { color: var(--ok); }
.verdict-empty { background: var(--faint); border-color: var(--muted); }
.verdict-empty .headline { color: var(--ink); }

.statement-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; padding-bottom: 6px; }
table.statement th, table.statement td { padding: 5px 2px; border-bottom: 1px solid var(--rule); }
table.statement th { text-align: left; font-weight: 400; }
table.statement tr.total th, table.statement tr.total td { font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: 1.5px solid var(--ink); }
table.statement tr.gap th, table.statement tr.gap td { padding-top: 14px; }
table.statement tr.sub th { padding-left: 16px; color: var(--muted); }
.num { text-align: right; white-space: nowrap; }
td.zero { color: #9aa3af; }
td.neg, tr.out td { color: var(--ink); }

table.data { font-size: 13px; }
table.data thead th {
  text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  font-weight: 600; padding: 6px 8px; border-bottom: 1.5px solid var(--ink); vertical-align: bottom;
}
table.data thead th.num { text-align: right; }
table.data td, table.data tbody th, table.data tfoot th { padding: 6px 8px; border-bottom: 1px solid var(--rule); vertical-align: baseline; text-align: left; }
table.data td.num { text-align: right; }
table.data tfoot th, table.data tfoot td { font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: none; }
table.data tbody tr:nth-child(even) { background: #fafbfc; }
table.compact { width: auto; min-width: 560px; margin-top: 8px; }
table.compact td, table.compact th { padding: 3px 10px; }

#findings td.message { min-width: 300px; }
#findings td.expected, #findings td.actual { max-width: 170px; overflow-wrap: break-word; font-size: 12.5px; }
#findings td.subject { white-space: nowrap; }
#findings td.rule { font-size: 12.5px; }
#findings tr.finding td:first-child { border-left: 4px solid transparent; }
#findings tr.sev-error, table.data tbody tr.sev-error:nth-child(even) { background: var(--error-bg); }
#findings tr.sev-error td:first-child { border-left-color: var(--error); }
#findings tr.sev-warning, table.data tbody tr.sev-warning:nth-child(even) { background: var(--warning-bg); }
#findings tr.sev-warning td:first-child { border-left-color: #d39a2a; }
#findings tr.sev-note, table.data tbody tr.sev-note:nth-child(even) { background: var(--note-bg); }
#findings tr.sev-note td:first-child { border-left-color: var(--note); }
#findings tr.empty td { color: var(--ok); background: var(--ok-bg); font-weight: 600; }
.badge {
  display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11.5px; font-weight: 700;
  white-space: nowrap; color: #fff; margin: 1px 0;
}
.badge.sev-error { background: var(--error); }
.badge.sev-warning { background: #c07a00; }
.badge.sev-note { background: var(--note); }
.citation { color: var(--muted); }
.none { color: #9aa3af; }
a { color: var(--navy); }

#grants th.project { font-weight: 400; }
#grants .head { display: block; }
#grants .grant-id { font-weight: 700; white-space: nowrap; margin-right: 4px; }
#grants .title { display: block; color: var(--ink); font-size: 12.5px; }
#grants .focus-line { display: block; color: var(--muted); font-size: 11.5px; }
#grants .grant-findings .badge { margin-left: 2px; }
#grants tbody td.num { padding-top: 7px; }
.scroll { overflow-x: auto; }
span.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11.5px; font-weight: 600; border: 1px solid; white-space: nowrap; }
span.status-approved { color: var(--note); border-color: #a9c1da; background: var(--note-bg); }
span.status-active { color: var(--ok); border-color: #9fcdb0; background: var(--ok-bg); }
span.status-closed { color: var(--muted); border-color: var(--rule); background: var(--faint); }
#grants td.overdue { color: var(--error); font-weight: 600; }
.overdue-note { display: block; font-size: 11.5px; font-weight: 400; }
#grants tr:target { outline: 2px solid var(--navy); }
#grants tr.has-errors th.project { box-shadow: inset 4px 0 0 var(--error); }
#grants tr.has-warnings th.project { box-shadow: inset 4px 0 0 #d39a2a; }

figure.chart { margin: 18px 0 6px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 13px; color: var(--muted); margin-bottom: 6px; }
figcaption .fig { font-weight: 700; color: var(--ink); }
svg.chart { display: block; width: 100%; height: auto; font-size: 12px; }
svg.chart text { fill: var(--ink); }
svg.chart text.tick, svg.chart text.unit { fill: var(--muted); }
svg.chart text.unit { font-weight: 600; }
svg.chart line.grid { stroke: #e4e8ee; stroke-width: 1; }
svg.chart line.zero { stroke: #6b7482; stroke-width: 1.2; }
svg.chart line.year-tick { stroke: #edf0f4; stroke-width: 1; }
svg.chart .legend text { font-size: 12.5px; }
svg.chart rect.empty-frame { fill: var(--faint); stroke: var(--rule); }
svg.chart text.empty { fill: var(--muted); font-size: 14px; }

footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
footer p { max-width: 110ch; }

@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; }
  h2 { margin-top: 20px; break-after: avoid; }
  table.data { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  .verdict { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  #grants tr:target { outline: none; }
  .scroll { overflow: visible; }
  #findings td.message { min-width: 0; }
  table.data td, table.data tbody th, table.data tfoot th, table.data thead th { padding: 4px 5px; }
  table.data thead th { font-size: 7pt; letter-spacing: .02em; }
  code, #findings td.rule, #findings td.expected, #findings td.actual, #grants .title { font-size: 8pt; }
  #grants .focus-line, .badge, span.status { font-size: 7pt; }
  svg.chart { font-size: 13.5px; }
  svg.chart .legend text { font-size: 14px; }
  .verdict .tally li { min-width: 64px; }
}
@media screen and (max-width: 800px) {
  body { padding: 16px; }
  .statement-grid { grid-template-columns: 1fr; }
  .verdict { grid-template-columns: 1fr; }
  .verdict .tally { grid-column: 1; grid-row: auto; margin-top: 10px; }
}
)css";

}  // namespace sifund::detail::html
