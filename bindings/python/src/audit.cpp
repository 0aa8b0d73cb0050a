// Auditor, AuditReport, Finding, Severity. An audit runs with the GIL
// released; its report and findings are immutable copies.
#include <fstream>

#include "common.hpp"

namespace sifund::python {

namespace {

py::object text_or_none(const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(py::str(s)); }

py::dict finding_dict(const Finding& f) { return py::reinterpret_steal<py::dict>(from_json(f.to_json()).release()); }

py::dict series_dict(const AuditSeries& s) {
    py::list quarters, years;
    for (const auto& q : s.quarters) {
        py::dict d;
        d["date"] = py::cast(q.date);
        d["cash"] = py::cast(q.cash);
        d["committed"] = py::cast(q.committed);
        d["free_capital"] = py::cast(q.free_capital);
        quarters.append(d);
    }
    for (const auto& y : s.years) {
        py::dict d;
        d["year"] = y.year;
        d["obligations_arisen"] = py::cast(y.obligations_arisen);
        d["repaid"] = py::cast(y.repaid);
        d["written_off"] = py::cast(y.written_off);
        years.append(d);
    }
    py::dict out;
    out["quarters"] = quarters;
    out["years"] = years;
    return out;
}

}  // namespace

void bind_audit(py::module_& m) {
    py::enum_<Severity>(m, "Severity", "How grave a finding is: error, warning or note.")
        .value("error", Severity::error)
        .value("warning", Severity::warning)
        .value("note", Severity::note);
    py::handle severity = m.attr("Severity");
    py::setattr(severity, "__str__",
                py::cpp_function([](Severity s) { return std::string(to_string(s)); }, py::is_method(severity)));

    py::class_<Finding>(m, "Finding",
                        "One finding of an audit: data with an id (docs/findings.md lists them). Immutable.")
        .def_property_readonly("id", [](const Finding& f) { return f.id; })
        .def_property_readonly("severity", [](const Finding& f) { return f.severity; })
        .def_property_readonly("seq", [](const Finding& f) { return f.seq; }, "The event it concerns, or None.")
        .def_property_readonly("subject", [](const Finding& f) { return text_or_none(f.subject); },
                               "The grant or application it concerns, or None.")
        .def_property_readonly("rule_id", [](const Finding& f) { return text_or_none(f.rule_id); })
        .def_property_readonly("citation", [](const Finding& f) { return text_or_none(f.citation); })
        .def_property_readonly("expected", [](const Finding& f) { return text_or_none(f.expected); })
        .def_property_readonly("actual", [](const Finding& f) { return text_or_none(f.actual); })
        .def_property_readonly("message", [](const Finding& f) { return f.message; })
        .def("to_dict", &finding_dict, "The finding as in `sifund audit --format json`.")
        .def("__eq__", [](const Finding& a, py::handle b) -> py::object {
            if (!py::isinstance<Finding>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(a.to_json() == b.cast<const Finding&>().to_json());
        }, py::is_operator())
        .def("__hash__", [](const Finding& f) { return py::hash(py::str(f.to_json().dump())); })
        .def("__str__", [](const Finding& f) {
            std::string out = std::string(to_string(f.severity)) + " " + f.id;
            if (f.seq) out += " seq " + std::to_string(*f.seq);
            if (!f.subject.empty()) out += " " + f.subject;
            return out + ": " + f.message;
        })
        .def("__repr__", [](const Finding& f) {
            return "Finding(id='" + f.id + "', severity=" + std::string(to_string(f.severity)) +
                   (f.seq ? ", seq=" + std::to_string(*f.seq) : std::string()) +
                   (f.subject.empty() ? std::string() : ", subject='" + f.subject + "'") + ")";
        });

    py::class_<AuditReport>(m, "AuditReport",
                            "What an audit found, and the statement as of its date. Immutable.")
        .def_property_readonly("as_of", [](const AuditReport& r) { return r.as_of; })
        .def_property_readonly("events", [](const AuditReport& r) { return r.events; }, "The number of events read.")
        .def_property_readonly("findings", [](const AuditReport& r) {
            py::tuple t(r.findings.size());
            for (std::size_t i = 0; i < r.findings.size(); ++i) t[i] = py::cast(r.findings[i]);
            return t;
        }, "The findings, most severe first, a tuple.")
        .def_property_readonly("statement", [](const AuditReport& r) { return r.statement; })
        .def_property_readonly("series", [](const AuditReport& r) { return series_dict(r.series); },
                               "The fund over time, for charts: {'quarters': [{date, cash, committed, "
                               "free_capital}], 'years': [{year, obligations_arisen, repaid, written_off}]}.")
        .def("count", &AuditReport::count, py::arg("severity"))
        .def_property_readonly("has_errors", &AuditReport::has_errors)
        .def("to_dict", [](const AuditReport& r) {
            py::dict d = py::reinterpret_steal<py::dict>(from_json(r.to_json()).release());
            d["as_of"] = py::cast(r.as_of);
            d["statement"] = py::cast(r.statement).attr("to_dict")();
            return d;
        }, "The report as `sifund audit --format json` has it, with as_of a date and the statement's to_dict().")
        .def("to_json", [](const AuditReport& r, int indent) { return r.to_json().dump(indent); },
             py::arg("indent") = 2, "The JSON text of `sifund audit --format json`.")
        .def("to_text", &AuditReport::to_text)
        .def("to_html", [](const AuditReport& r) {
            py::gil_scoped_release nogil;
            return render_html(r);
        }, "The report as one self-contained HTML page.")
        .def("__str__", &AuditReport::to_text)
        .def("__repr__", [](const AuditReport& r) {
            return "AuditReport(as_of=" + r.as_of.to_string() + ", events=" + std::to_string(r.events) +
                   ", errors=" + std::to_string(r.count(Severity::error)) +
                   ", warnings=" + std::to_string(r.count(Severity::warning)) +
                   ", notes=" + std::to_string(r.count(Severity::note)) + ")";
        });

    py::class_<Auditor>(m, "Auditor",
                        "Re-checks a stored history, trusting nobody who kept it: the hash chain and sequence, "
                        "every rule in force, and what only hindsight shows as of `as_of` (today by default).")
        .def(py::init([](std::optional<Date> as_of, long backdating_days) {
            return Auditor(AuditOptions{as_of ? *as_of : today_utc(), backdating_days});
        }), py::arg("as_of") = py::none(), py::arg("backdating_days") = 31)
        .def("audit", [](const Auditor& a, StoreHandle& store) {
            py::gil_scoped_release nogil;
            return a.audit(store.load());
        }, py::arg("store"), "Audits the events of a store.")
        .def("audit_jsonl", [](const Auditor& a, py::handle path) {
            const std::string p = py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
            py::gil_scoped_release nogil;
            std::ifstream in(p, std::ios::binary);
            if (!in) throw InputError("input.file", "cannot read " + p);
            return a.audit_jsonl(in);
        }, py::arg("path"),
           "Audits a JSON Lines history (as `sifund export --format jsonl` writes it), kept by any system.");
}

}  // namespace sifund::python
