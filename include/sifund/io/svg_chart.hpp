#pragma once
// Inline SVG charts for the audit report (io/html_report.hpp): a line chart of
// amounts over dates and a grouped bar chart of amounts by year.
//
// Geometry is computed in integers (tenths of a pixel, amounts in öre), so the
// same data always gives the same bytes. Amounts are labelled in MSEK with a
// decimal comma; every mark carries a <title> with the exact amount in
// kronor, which a browser shows on hover.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sifund/detail/text.hpp"
#include "sifund/money/detail/int128.hpp"
#include "sifund/money/money.hpp"
#include "sifund/time/date.hpp"

namespace sifund::svg {

struct Series {
    std::string key;    // machine name, written as data-series
    std::string label;  // what the legend says
    std::string color;  // a CSS colour
    std::vector<Money> values;
};

namespace detail {

using ::sifund::detail::char_count;
using ::sifund::detail::msek;
using ::sifund::detail::NumberStyle;
using ::sifund::detail::ore_per_msek;
using ::sifund::detail::xml_escape;

// A coordinate in tenths of a pixel, written as "12.3" (or "12").
inline std::string px(std::int64_t tenths) {
    std::string out;
    if (tenths < 0) {
        out.push_back('-');
        tenths = -tenths;
    }
    out += std::to_string(tenths / 10);
    if (tenths % 10 != 0) {
        out.push_back('.');
        out += std::to_string(tenths % 10);
    }
    return out;
}

// An axis label in MSEK with as many decimals as the step needs: "12", "2,5",
// "−0,25". Values on the axis are multiples of the step, so the rounding
// (down) never takes anything away.
inline std::string msek_label(std::int64_t ore, std::int64_t step) {
    int decimals = 0;
    for (std::int64_t unit = ore_per_msek; decimals < 6 && step % unit != 0; unit /= 10) ++decimals;
    return msek(Money::from_minor(ore), decimals, Rounding::down, NumberStyle::typeset);
}

// A value axis: from lo to hi (öre) in steps of 1, 2, 2.5 or 5 × 10^k öre,
// about `ticks` of them, always including zero.
struct Scale {
    std::int64_t lo = 0, hi = 0, step = 1;

    static Scale nice(std::int64_t min, std::int64_t max, int ticks = 5) {
        min = std::min<std::int64_t>(min, 0);
        max = std::max<std::int64_t>(max, 0);
        if (max == min) max = min + ore_per_msek;  // nothing to show: one MSEK of room
        const ::sifund::detail::int128 range = static_cast<::sifund::detail::int128>(max) - min;
        std::int64_t step = 1;
        for (::sifund::detail::int128 base = 1;; base *= 10) {
            bool found = false;
            for (int m : {10, 20, 25, 50}) {
                const ::sifund::detail::int128 s = base * m / 10;
                if (s == 0 || (base == 1 && m == 25)) continue;
                if (s * ticks >= range) {
                    step = static_cast<std::int64_t>(s);
                    found = true;
                    break;
                }
            }
            if (found) break;
        }
        Scale sc;
        sc.step = step;
        sc.lo = (min / step - (min % step < 0 ? 1 : 0)) * step;
        sc.hi = (max / step + (max % step > 0 ? 1 : 0)) * step;
        return sc;
    }

    // The y (tenths of a pixel) of a value on a plot from top to top + height (tenths).
    [[nodiscard]] std::int64_t y(std::int64_t value, std::int64_t top, std::int64_t height) const {
        const ::sifund::detail::int128 offset = static_cast<::sifund::detail::int128>(hi) - value;
        const ::sifund::detail::int128 span = static_cast<::sifund::detail::int128>(hi) - lo;
        return top + static_cast<std::int64_t>((offset * height + span / 2) / span);
    }
};

struct Frame {
    std::int64_t width, height;             // the viewBox, in pixels
    std::int64_t left, right, top, bottom;  // margins, in pixels
    [[nodiscard]] std::int64_t plot_left() const { return left * 10; }
    [[nodiscard]] std::int64_t plot_right() const { return (width - right) * 10; }
    [[nodiscard]] std::int64_t plot_top() const { return top * 10; }
    [[nodiscard]] std::int64_t plot_bottom() const { return (height - bottom) * 10; }
    [[nodiscard]] std::int64_t plot_width() const { return plot_right() - plot_left(); }
    [[nodiscard]] std::int64_t plot_height() const { return plot_bottom() - plot_top(); }
};

inline std::string open_svg(const Frame& f, std::string_view id, std::string_view title, std::string_view desc) {
    std::string s = "<svg id=\"" + xml_escape(id) +
                    "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(f.width) +
                    " " + std::to_string(f.height) + "\" role=\"img\" aria-labelledby=\"" + xml_escape(id) + "-title " +
                    xml_escape(id) + "-desc\">";
    s += "<title id=\"" + xml_escape(id) + "-title\">" + xml_escape(title) + "</title>";
    s += "<desc id=\"" + xml_escape(id) + "-desc\">" + xml_escape(desc) + "</desc>";
    return s;
}

// Horizontal grid lines and MSEK labels on the left, a stronger line at zero.
inline std::string value_axis(const Frame& f, const Scale& sc) {
    std::string s = "<g class=\"axis axis-y\">";
    for (std::int64_t v = sc.lo; v <= sc.hi; v += sc.step) {
        const std::int64_t y = sc.y(v, f.plot_top(), f.plot_height());
        s += "<line class=\"" + std::string(v == 0 ? "zero" : "grid") + "\" x1=\"" + px(f.plot_left()) + "\" x2=\"" +
             px(f.plot_right()) + "\" y1=\"" + px(y) + "\" y2=\"" + px(y) + "\"/>";
        s += "<text class=\"tick\" x=\"" + px(f.plot_left() - 80) + "\" y=\"" + px(y + 40) + "\" text-anchor=\"end\">" +
             msek_label(v, sc.step) + "</text>";
    }
    s += "<text class=\"unit\" x=\"" + px(f.plot_left() - 80) + "\" y=\"" + px(f.plot_top() - 140) +
         "\" text-anchor=\"end\">MSEK</text>";
    s += "</g>";
    return s;
}

// How a legend marks an item: a line (of a width, dashed or not), or a box
// filled with the item's colour (outlined, for a band).
struct Swatch {
    enum class Kind : std::uint8_t { line, box } kind = Kind::line;
    std::string_view width = "3";  // a line's stroke-width
    std::string_view dash;         // a line's stroke-dasharray; none when empty
    std::string_view outline;      // a box's stroke colour; none when empty

    static constexpr Swatch line(std::string_view width = "3", std::string_view dash = {}) {
        return {Kind::line, width, dash, {}};
    }
    static constexpr Swatch box(std::string_view outline = {}) { return {Kind::box, {}, {}, outline}; }
};

struct LegendItem {
    std::string key, label, color;
    Swatch swatch;
};

// The legend: a swatch and a label an item, in a row above the plot, on the
// baseline `y` (tenths of a pixel).
inline std::string legend(const Frame& f, const std::vector<LegendItem>& items, std::int64_t y = 160) {
    std::string s = "<g class=\"legend\">";
    std::int64_t x = f.plot_left();
    for (const LegendItem& it : items) {
        const bool line = it.swatch.kind == Swatch::Kind::line;
        s += "<g class=\"legend-item\" data-series=\"" + xml_escape(it.key) + "\">";
        if (line)
            s += "<line x1=\"" + px(x) + "\" x2=\"" + px(x + 220) + "\" y1=\"" + px(y) + "\" y2=\"" + px(y) +
                 "\" stroke=\"" + xml_escape(it.color) + "\" stroke-width=\"" + std::string(it.swatch.width) + "\"" +
                 (it.swatch.dash.empty() ? "" : " stroke-dasharray=\"" + std::string(it.swatch.dash) + "\"") + "/>";
        else
            s += "<rect x=\"" + px(x) + "\" y=\"" + px(y - 60) + "\" width=\"14\" height=\"12\" rx=\"1.5\" fill=\"" +
                 xml_escape(it.color) + "\"" +
                 (it.swatch.outline.empty() ? "" : " stroke=\"" + xml_escape(it.swatch.outline) + "\"") + "/>";
        const std::int64_t tx = x + (line ? 300 : 220);
        s += "<text x=\"" + px(tx) + "\" y=\"" + px(y + 45) + "\">" + xml_escape(it.label) + "</text></g>";
        // Room for the label: about 7.2 px a character at this size.
        x = tx + static_cast<std::int64_t>(char_count(it.label)) * 68 + 280;
    }
    s += "</g>";
    return s;
}

// The legend of series drawn as lines (`lines`) or as bars.
inline std::string legend(const Frame& f, const std::vector<Series>& series, bool lines) {
    std::vector<LegendItem> items;
    for (const Series& se : series)
        items.push_back({se.key, se.label, se.color, lines ? Swatch::line() : Swatch::box()});
    return legend(f, items);
}

// Years on the x axis: each one up to 12, every second up to 24, then every fifth.
inline std::int64_t label_every(std::int64_t years) { return years > 24 ? 5 : years > 12 ? 2 : 1; }

// A year under the plot, centred on x.
inline std::string year_label(const Frame& f, std::int64_t x, int year) {
    return "<text class=\"tick year\" x=\"" + px(x) + "\" y=\"" + px(f.plot_bottom() + 200) +
           "\" text-anchor=\"middle\">" + std::to_string(year) + "</text>";
}

// What a chart of series starts with: the svg element, the legend and the
// value axis, on a scale that holds every value and zero.
struct SeriesChart {
    std::string svg;
    Scale scale;
};
inline SeriesChart open_series_chart(const Frame& f, std::string_view id, std::string_view title, std::string_view desc,
                                     const std::vector<Series>& series, bool lines) {
    std::int64_t min = 0, max = 0;
    for (const Series& se : series)
        for (Money m : se.values) {
            min = std::min(min, m.minor());
            max = std::max(max, m.minor());
        }
    SeriesChart c{open_svg(f, id, title, desc), Scale::nice(min, max)};
    c.svg += legend(f, series, lines);
    c.svg += value_axis(f, c.scale);
    return c;
}

// A chart with nothing to show: a framed line of text, no axes.
inline std::string empty_chart(std::string_view id, std::string_view title, std::string_view desc) {
    const Frame f{960, 72, 0, 0, 0, 0};
    return open_svg(f, id, title, desc) +
           "<rect class=\"empty-frame\" x=\"0.5\" y=\"0.5\" width=\"959\" height=\"71\" rx=\"4\"/>"
           "<text class=\"empty\" x=\"480\" y=\"40\" text-anchor=\"middle\">Inga händelser att visa</text></svg>";
}

inline std::int64_t day_number(const Date& d) { return Date(1970, 1, 1).days_until(d); }

}  // namespace detail

// Lines over dates: one polyline a series (its points in data order, one a
// date), years marked on the x axis, amounts in MSEK on the y axis, a legend.
[[nodiscard]] inline std::string line_chart(std::string_view id, std::string_view title, std::string_view desc,
                                            const std::vector<Date>& dates, const std::vector<Series>& series) {
    using namespace detail;
    if (dates.empty()) return empty_chart(id, title, desc);
    const Frame f{960, 380, 64, 20, 48, 44};
    SeriesChart chart = open_series_chart(f, id, title, desc, series, true);
    std::string& s = chart.svg;
    const Scale& sc = chart.scale;

    // The time axis runs over whole years, from 1 January of the first to 1 January after the last.
    const int first_year = dates.front().year();
    const int last_year = dates.back().year();
    const std::int64_t d0 = day_number(Date(first_year, 1, 1));
    const std::int64_t d1 = day_number(Date(last_year + 1, 1, 1));
    auto x_of = [&](const Date& d) { return f.plot_left() + (day_number(d) - d0) * f.plot_width() / (d1 - d0); };
    s += "<g class=\"axis axis-x\">";
    const int years = last_year - first_year + 1;
    const std::int64_t every = label_every(years);
    for (int y = first_year; y <= last_year + 1; ++y) {
        const std::int64_t x = x_of(Date(y, 1, 1));
        s += "<line class=\"year-tick\" x1=\"" + px(x) + "\" x2=\"" + px(x) + "\" y1=\"" + px(f.plot_top()) +
             "\" y2=\"" + px(f.plot_bottom() + 60) + "\"/>";
        if (y <= last_year && (y - first_year) % every == 0) s += year_label(f, (x + x_of(Date(y + 1, 1, 1))) / 2, y);
    }
    s += "</g>";

    for (const Series& se : series) {
        s += "<g class=\"series\" data-series=\"" + xml_escape(se.key) + "\"><polyline fill=\"none\" stroke=\"" +
             xml_escape(se.color) + "\" stroke-width=\"2.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"";
        const std::size_t n = std::min(dates.size(), se.values.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0) s.push_back(' ');
            s += px(x_of(dates[i])) + "," + px(sc.y(se.values[i].minor(), f.plot_top(), f.plot_height()));
        }
        s += "\"><title>" + xml_escape(se.label) + "</title></polyline>";
        for (std::size_t i = 0; i < n; ++i)
            s += "<circle class=\"point\" cx=\"" + px(x_of(dates[i])) + "\" cy=\"" +
                 px(sc.y(se.values[i].minor(), f.plot_top(), f.plot_height())) + "\" r=\"2.2\" fill=\"" +
                 xml_escape(se.color) + "\"><title>" + dates[i].to_string() + " · " + xml_escape(se.label) + ": " +
                 se.values[i].to_swedish() + "</title></circle>";
        s += "</g>";
    }
    s += "</svg>";
    return std::move(chart.svg);
}

// Bars grouped by year: a group a year, a bar a series in each (a bar of
// nothing is still there, with no height), a legend.
[[nodiscard]] inline std::string bar_chart(std::string_view id, std::string_view title, std::string_view desc,
                                           const std::vector<int>& years, const std::vector<Series>& series) {
    using namespace detail;
    if (years.empty() || series.empty()) return empty_chart(id, title, desc);
    const Frame f{960, 340, 64, 20, 48, 40};
    SeriesChart chart = open_series_chart(f, id, title, desc, series, false);
    std::string& s = chart.svg;
    const Scale& sc = chart.scale;
    const auto groups = static_cast<std::int64_t>(years.size());
    const auto per_group = static_cast<std::int64_t>(series.size());
    const std::int64_t group_w = f.plot_width() / groups;
    const std::int64_t bar_w = std::min<std::int64_t>(group_w * 3 / 4 / per_group, 320);
    const std::int64_t zero = sc.y(0, f.plot_top(), f.plot_height());
    s += "<g class=\"axis axis-x\">";
    for (std::int64_t g = 0; g < groups; ++g)
        s += year_label(f, f.plot_left() + g * group_w + group_w / 2, years[static_cast<std::size_t>(g)]);
    s += "</g>";
    for (std::int64_t k = 0; k < per_group; ++k) {
        const Series& se = series[static_cast<std::size_t>(k)];
        s += "<g class=\"series\" data-series=\"" + xml_escape(se.key) + "\" fill=\"" + xml_escape(se.color) + "\">";
        for (std::int64_t g = 0; g < groups; ++g) {
            const auto gi = static_cast<std::size_t>(g);
            const Money v = gi < se.values.size() ? se.values[gi] : Money();
            const std::int64_t x = f.plot_left() + g * group_w + (group_w - bar_w * per_group) / 2 + k * bar_w;
            const std::int64_t y = sc.y(v.minor(), f.plot_top(), f.plot_height());
            s += "<rect class=\"bar\" data-year=\"" + std::to_string(years[gi]) + "\" x=\"" + px(x + 5) + "\" y=\"" +
                 px(std::min(y, zero)) + "\" width=\"" + px(bar_w - 10) + "\" height=\"" +
                 px(y < zero ? zero - y : y - zero) + "\"><title>" + std::to_string(years[gi]) + " · " +
                 xml_escape(se.label) + ": " + v.to_swedish() + "</title></rect>";
        }
        s += "</g>";
    }
    // The zero line over the bars' feet.
    s += "<line class=\"zero\" x1=\"" + px(f.plot_left()) + "\" x2=\"" + px(f.plot_right()) + "\" y1=\"" + px(zero) +
         "\" y2=\"" + px(zero) + "\"/>";
    s += "</svg>";
    return std::move(chart.svg);
}

}  // namespace sifund::svg
