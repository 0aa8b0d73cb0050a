// sifund forecast DB --until YEAR [--assumptions FILE.json] [--runs N] [--seed S] [--threads T] [--format text|json|svg]
// sifund evaluate DB --grant ID [--rate R] [--assumptions FILE.json] [--format text|json]
// sifund focus-areas DB [--assumptions FILE.json] [--format text|json]
// The store is only read. Exit 0 done, 2 bad input or could not run.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <sifund/io/fan_chart.hpp>
#include <sifund/sifund.hpp>

#include "commands.hpp"
#include "options.hpp"
#include <sifund/store/open_store.hpp>

namespace sifund::cli {

namespace {

// An assumptions file is a few kilobytes: a directory, a read that fails or
// a file past 1 MiB (/dev/zero) is refused, never read as empty or to the
// end of memory.
std::string read_small_file(const std::string& path) {
    constexpr std::size_t max_bytes = std::size_t{1} << 20;
    const std::string shown = detail::quoted(detail::printable(path));
    if (std::error_code ec; std::filesystem::is_directory(path, ec))
        throw InputError("cli.file", "cannot read " + shown + ": it is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cli.file", "cannot read " + shown);
    std::string text(max_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw InputError("input.read_failed", "reading " + shown + " failed; nothing of it was used");
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes)
        throw InputError("input.file_too_large", shown + " is longer than " + std::to_string(max_bytes) +
                                                     " bytes (reading stopped there); an assumptions file is a few kilobytes");
    return text;
}

// The assumptions file, or none; errors name the file and the field.
forecast::Assumptions read_assumptions(const Options& opts) {
    const auto path = opts.flag("assumptions");
    if (!path) return {};
    const std::string text = read_small_file(*path);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::string why = e.what();
        if (const auto at = why.find("parse error"); at != std::string::npos) why = why.substr(at);
        throw InputError("input.malformed_json", *path + ": malformed JSON: " + why);
    }
    if (!j.is_object()) throw FieldError("input.wrong_type", "(file)", *path + ": the assumptions must be a JSON object");
    try {
        return forecast::Assumptions::parse(j);
    } catch (const FieldError& e) {
        throw FieldError(e.id(), e.field(), *path + ": " + e.what());
    }
}

std::string forecast_text(const forecast::Projection& pr, const forecast::MonteCarloResult& mc) {
    using sifund::detail::msek;
    using sifund::detail::pad_left;
    using sifund::detail::percent_sv;
    std::string out = pr.to_text();
    out += "\nMonte Carlo: " + std::to_string(mc.runs) + " runs, seed " + std::to_string(mc.seed) +
           " (MSEK; nearest-rank percentiles)\n\n";
    out += "  year   free capital P10      P50      P90   obligations P50   repaid P50   P(below floor)\n";
    for (const auto& y : mc.years)
        out += "  " + std::to_string(y.budget_year) + pad_left(msek(y.free_capital.p10), 21) +
               pad_left(msek(y.free_capital.p50), 9) + pad_left(msek(y.free_capital.p90), 9) +
               pad_left(msek(y.obligations.p50), 18) + pad_left(msek(y.repayments.p50), 13) +
               pad_left(percent_sv(y.p_breach), 17) + "\n";
    out += "\nProbability that free capital ends some year below the reserve floor: " +
           percent_sv(mc.p_breach_reserve_floor) + "\n";
    out += "Expected share of the grants followed (" + mc.approved_in_scope.to_swedish() + ") repaid by " +
           std::to_string(pr.until) + ": " + percent_sv(mc.expected_share_repaid) + "\n";
    return out;
}

}  // namespace

int run_forecast(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"text", "json", "svg"});
    const int until = opts.integer<int>("until", 0, 1900, 2199);
    forecast::MonteCarloOptions mco;
    mco.runs = opts.integer<std::size_t>("runs", 1000, 1, 10'000'000);
    mco.seed = opts.integer<std::uint64_t>("seed", 1, 0, std::numeric_limits<std::uint64_t>::max());
    mco.threads = opts.integer<unsigned>("threads", 2, 1, 64);
    const forecast::Assumptions assumptions = read_assumptions(opts);

    auto store = open_store(opts.arg(0), StoreOpen::read_only);
    const Fund fund(*store);
    const forecast::Plan plan = forecast::make_plan(fund.events(), assumptions, until);
    const forecast::Projection projection = forecast::project(plan);
    const forecast::MonteCarloResult mc = forecast::monte_carlo(plan, mco);

    if (format == "json") {
        nlohmann::json j = mc.to_json();
        j["fund"] = plan.opening.fund;
        j["from"] = plan.from;
        j["until"] = plan.until;
        j["first_breach_year"] =
            projection.first_breach_year ? nlohmann::json(*projection.first_breach_year) : nlohmann::json(nullptr);
        j["projection"] = projection.to_json();
        out << j.dump(2) << "\n";
    } else if (format == "svg") {
        out << svg::fan_chart(mc, plan.opening.name.empty() ? plan.opening.fund : plan.opening.name, &projection);
    } else {
        out << detail::printable_lines(forecast_text(projection, mc));  // names from the history: shown, not run
    }
    return 0;
}

int run_evaluate(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"text", "json"});
    const forecast::Assumptions assumptions = read_assumptions(opts);
    const Rate rate = opts.rate("rate", assumptions.discount_rate);

    auto store = open_store(opts.arg(0), StoreOpen::read_only);
    const Fund fund(*store);
    const forecast::CashFlows flows = forecast::grant_flows(fund.events(), *opts.flag("grant"), assumptions);
    const forecast::Evaluation e = forecast::evaluate(flows, rate, assumptions.rounding);
    if (format == "json") {
        nlohmann::json j = e.to_json();
        j["flows"] = nlohmann::json::array();
        for (const forecast::Flow& f : flows.flows) {
            nlohmann::json by = nlohmann::json::object();
            for (forecast::Bearer b : forecast::all_bearers) {
                const auto it = f.savings.find(b);
                by[std::string(forecast::to_string(b))] = (it == f.savings.end() ? Money() : it->second).to_string();
            }
            j["flows"].push_back({{"budget_year", f.budget_year}, {"costs", f.costs.to_string()}, {"savings", by}});
        }
        out << j.dump(2) << "\n";
    } else {
        out << detail::printable_lines(e.to_text()) << "\n  flows by budget year (costs / savings)\n";
        for (const forecast::Flow& f : flows.flows)
            out << "    " << f.budget_year << sifund::detail::pad_left(f.costs.to_swedish(), 20)
                << sifund::detail::pad_left(f.total_savings().to_swedish(), 20) << "\n";
    }
    return 0;
}

int run_focus_areas(const Options& opts, std::ostream& out) {
    const std::string format = opts.choice("format", {"text", "json"});
    const forecast::Assumptions assumptions = read_assumptions(opts);
    auto store = open_store(opts.arg(0), StoreOpen::read_only);
    const Fund fund(*store);
    const forecast::FocusAreaReport report = forecast::report_by_focus_area(fund.events(), assumptions.vision);
    if (format == "json") out << report.to_json().dump(2) << "\n";
    else out << detail::printable_lines(report.to_text());
    return 0;
}

}  // namespace sifund::cli
