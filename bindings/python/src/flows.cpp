// Flows: money in and out by budget year (fund/flows.hpp), as Fund.flows() returns them.
#include "common.hpp"

namespace sifund::python {

namespace {

py::dict year_dict(const YearFlows& y) {
    py::dict d;
    d["budget_year"] = y.budget_year;
    for_each_flow_figure(y, [&](const char* key, const Money& m) { d[key] = decimal_from_text(m.to_string()); });
    return d;
}

}  // namespace

void bind_flows(py::module_& m) {
    py::class_<Flows>(m, "Flows",
                      "Money in and out by budget year, the commitments made and released, the obligations that "
                      "arose, were repaid and written off, and where the fund stood at each year's end. The years "
                      "add up to the statement exactly: opening plus every year's flows is closing.")
        .def_property_readonly("fund", [](const Flows& f) { return f.fund; })
        .def_property_readonly("currency", [](const Flows& f) { return std::string(f.currency.code()); })
        .def_property_readonly("from_year", [](const Flows& f) { return f.from; })
        .def_property_readonly("until", [](const Flows& f) { return f.until; })
        .def_property_readonly("known_at", [](const Flows& f) { return f.known_at; })
        .def_property_readonly("opening", [](const Flows& f) { return f.opening; },
                               "The statement as of 31 December of the year before the first.")
        .def_property_readonly("closing", [](const Flows& f) { return f.closing; },
                               "The statement as of 31 December of the last year.")
        .def_property_readonly("years", [](const Flows& f) {
            py::list out;
            for (const YearFlows& y : f.years) out.append(year_dict(y));
            return out;
        }, "One dict a budget year, amounts as Decimal.")
        .def("to_dict", [](const Flows& f) {
            py::dict d;
            d["fund"] = f.fund;
            d["currency"] = std::string(f.currency.code());
            d["from"] = f.from;
            d["until"] = f.until;
            d["known_at"] = f.known_at ? py::cast(*f.known_at) : py::object(py::none());
            py::list years;
            for (const YearFlows& y : f.years) years.append(year_dict(y));
            d["years"] = years;
            return d;
        }, "fund, currency, from, until, known_at and the years, amounts as Decimal.")
        .def("to_json", [](const Flows& f, int indent) { return f.to_json().dump(indent); }, py::kw_only(),
             py::arg("indent") = 2, "The JSON text `sifund flows --format json` prints.")
        .def("to_csv", &Flows::to_csv, "The CSV text `sifund flows --format csv` prints.")
        .def("to_text", &Flows::to_text)
        .def("__str__", &Flows::to_text)
        .def("__repr__", [](const Flows& f) {
            return "Flows(fund='" + f.fund + "', from_year=" + std::to_string(f.from) + ", until=" + std::to_string(f.until) +
                   ")";
        });
}

}  // namespace sifund::python
