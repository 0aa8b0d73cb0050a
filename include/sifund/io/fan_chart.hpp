#pragma once
// A fan chart of a Monte Carlo forecast as one standalone SVG document: the
// band between P10 and P90 of free capital at each year's end, the median
// (P50) as a line, the projection (the expected path) dashed, and the
// reserve floor as a red line across. Amounts in MSEK with a decimal comma
// on the value axis, budget years on the other; every point carries a
// <title> with its exact amount, which a browser shows on hover. The same
// result always gives the same bytes (geometry in integer tenths of a pixel,
// as io/svg_chart.hpp draws).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/forecast/monte_carlo.hpp"
#include "sifund/forecast/projection.hpp"
#include "sifund/io/svg_chart.hpp"

namespace sifund::svg {

namespace detail {
inline constexpr std::string_view fan_style =
    "svg.chart{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:12px;background:#fff}"
    "svg.chart text{fill:#1f2933}svg.chart text.tick,svg.chart text.unit{fill:#5f6b7a}"
    "svg.chart text.unit{font-weight:600}svg.chart text.heading{font-size:15px;font-weight:700}"
    "svg.chart text.note{font-size:12px;fill:#5f6b7a}"
    "svg.chart line.grid{stroke:#e4e8ee;stroke-width:1}svg.chart line.zero{stroke:#6b7482;stroke-width:1.2}"
    "svg.chart .legend text{font-size:12.5px}"
    "svg.chart .floor line{stroke:#c0392b;stroke-width:2;stroke-dasharray:7 4}svg.chart .floor text{fill:#c0392b;font-weight:600}";

using ::sifund::detail::percent_sv;
}  // namespace detail

// `title` heads the chart (the fund's name, say); `projection` adds the expected path.
[[nodiscard]] inline std::string fan_chart(const forecast::MonteCarloResult& mc, std::string_view title,
                                           const forecast::Projection* projection = nullptr) {
    using namespace detail;
    const Frame f{960, 460, 72, 24, 96, 48};
    const std::string heading = std::string(title) + ": free capital at each year's end";
    const std::string desc = "P10 to P90 of free capital over " + std::to_string(mc.runs) + " runs (seed " +
                             std::to_string(mc.seed) + "), the median, and the reserve floor of " +
                             mc.reserve_floor.to_swedish();
    if (mc.years.empty()) return empty_chart("fan-chart", heading, desc);
    std::string s = open_svg(f, "fan-chart", heading, desc);
    s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + s;
    s += "<style>" + std::string(fan_style) + "</style>";
    s += "<rect x=\"0\" y=\"0\" width=\"960\" height=\"460\" fill=\"#ffffff\"/>";

    std::int64_t min = mc.reserve_floor.minor(), max = mc.reserve_floor.minor();
    for (const auto& y : mc.years) {
        min = std::min(min, y.free_capital.p10.minor());
        max = std::max(max, y.free_capital.p90.minor());
    }
    if (projection)
        for (const auto& y : projection->years) {
            min = std::min(min, y.statement.free_capital.minor());
            max = std::max(max, y.statement.free_capital.minor());
        }
    const Scale sc = Scale::nice(min, max, 6);

    s += "<text class=\"heading\" x=\"" + px(f.plot_left()) + "\" y=\"24\">" + xml_escape(heading) + "</text>";
    s += "<text class=\"note\" x=\"" + px(f.plot_left()) + "\" y=\"44\">" + std::to_string(mc.runs) +
         " runs, seed " + std::to_string(mc.seed) + "; below the reserve floor at some year's end in " +
         percent_sv(mc.p_breach_reserve_floor) + " of runs</text>";
    // The legend, under the note and above the plot.
    std::vector<LegendItem> items = {
        {"band", "P10-P90", "#9cc3e6", Swatch::box("#7fb0dc")},
        {"p50", "Median (P50)", "#1f5f99", Swatch::line("2.5")}};
    if (projection)
        items.push_back({"projection", "Projection (expected)", "#6b7482", Swatch::line("2", "5 4")});
    items.push_back({"floor", "Reserve floor", "#c0392b", Swatch::line("2", "7 4")});
    s += legend(f, items, 700);
    s += value_axis(f, sc);

    const auto n = static_cast<std::int64_t>(mc.years.size());
    auto x_of = [&](std::int64_t i) {
        return n == 1 ? (f.plot_left() + f.plot_right()) / 2 : f.plot_left() + i * f.plot_width() / (n - 1);
    };
    auto y_of = [&](Money m) { return sc.y(m.minor(), f.plot_top(), f.plot_height()); };

    s += "<g class=\"axis axis-x\">";
    const std::int64_t every = label_every(n);
    for (std::int64_t i = 0; i < n; ++i)
        if (i % every == 0 || i == n - 1) s += year_label(f, x_of(i), mc.years[static_cast<std::size_t>(i)].budget_year);
    s += "</g>";

    // The band: along P90, then back along P10.
    s += "<g class=\"series\" data-series=\"band\"><polygon fill=\"#9cc3e6\" fill-opacity=\"0.6\" stroke=\"#7fb0dc\" points=\"";
    for (std::int64_t i = 0; i < n; ++i)
        s += (i ? " " : "") + px(x_of(i)) + "," + px(y_of(mc.years[static_cast<std::size_t>(i)].free_capital.p90));
    for (std::int64_t i = n - 1; i >= 0; --i)
        s += " " + px(x_of(i)) + "," + px(y_of(mc.years[static_cast<std::size_t>(i)].free_capital.p10));
    s += "\"><title>P10-P90 of free capital</title></polygon></g>";

    if (projection) {
        s += "<g class=\"series\" data-series=\"projection\"><polyline fill=\"none\" stroke=\"#6b7482\" stroke-width=\"2\" "
             "stroke-dasharray=\"5 4\" points=\"";
        const auto m = std::min<std::int64_t>(n, static_cast<std::int64_t>(projection->years.size()));
        for (std::int64_t i = 0; i < m; ++i)
            s += (i ? " " : "") + px(x_of(i)) + "," +
                 px(y_of(projection->years[static_cast<std::size_t>(i)].statement.free_capital));
        s += "\"><title>Projection (expected path)</title></polyline></g>";
    }

    s += "<g class=\"series\" data-series=\"p50\"><polyline fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"2.5\" "
         "stroke-linejoin=\"round\" points=\"";
    for (std::int64_t i = 0; i < n; ++i)
        s += (i ? " " : "") + px(x_of(i)) + "," + px(y_of(mc.years[static_cast<std::size_t>(i)].free_capital.p50));
    s += "\"/>";
    for (std::int64_t i = 0; i < n; ++i) {
        const auto& y = mc.years[static_cast<std::size_t>(i)];
        s += "<circle class=\"point\" data-year=\"" + std::to_string(y.budget_year) + "\" cx=\"" + px(x_of(i)) +
             "\" cy=\"" + px(y_of(y.free_capital.p50)) + "\" r=\"3\" fill=\"#1f5f99\"><title>" +
             std::to_string(y.budget_year) + ": P10 " + y.free_capital.p10.to_swedish() + ", P50 " +
             y.free_capital.p50.to_swedish() + ", P90 " + y.free_capital.p90.to_swedish() + "; below the floor in " +
             percent_sv(y.p_breach) + " of runs</title></circle>";
    }
    s += "</g>";

    const std::int64_t fy = y_of(mc.reserve_floor);
    // The floor's label in tenths of a MSEK, cut toward zero (down): a floor never reads higher than it is.
    const std::string floor_msek = msek(mc.reserve_floor, 1, Rounding::down, NumberStyle::typeset);
    s += "<g class=\"floor\" data-series=\"floor\"><line x1=\"" + px(f.plot_left()) + "\" x2=\"" + px(f.plot_right()) +
         "\" y1=\"" + px(fy) + "\" y2=\"" + px(fy) + "\"><title>Reserve floor: " + mc.reserve_floor.to_swedish() +
         "</title></line><text x=\"" + px(f.plot_right() - 40) + "\" y=\"" + px(fy - 60) +
         "\" text-anchor=\"end\">Reserve floor " + floor_msek + " MSEK</text></g>";
    s += "</svg>\n";
    return s;
}

}  // namespace sifund::svg
