// BudgetYear. Dates themselves are datetime.date in Python (see the casters
// in convert.cpp); times are aware datetime.datetime.
#include <pybind11/operators.h>

#include "common.hpp"

namespace sifund::python {

void bind_time(py::module_& m) {
    py::class_<BudgetYear>(m, "BudgetYear",
                           "The year a budget frame covers: BudgetYear(2014), or BudgetYear(2014, start_month=7) "
                           "for one that runs 2014-07-01 to 2015-06-30 ('2014/15').")
        .def(py::init<int, unsigned>(), py::arg("year"), py::arg("start_month") = 1)
        .def_static("containing", &BudgetYear::containing, py::arg("day"), py::arg("start_month") = 1,
                    "The budget year a day falls in.")
        .def_property_readonly("year", &BudgetYear::year)
        .def_property_readonly("start_month", &BudgetYear::start_month)
        .def_property_readonly("first_day", &BudgetYear::first_day)
        .def_property_readonly("last_day", &BudgetYear::last_day)
        .def("contains", &BudgetYear::contains, py::arg("day"))
        .def("next", &BudgetYear::next)
        .def("previous", &BudgetYear::previous)
        .def("__contains__", &BudgetYear::contains)
        .def("__add__", [](const BudgetYear& y, int years) { return y + years; }, py::is_operator())
        .def("__radd__", [](const BudgetYear& y, int years) { return y + years; }, py::is_operator())
        .def("__sub__", [](const BudgetYear& y, int years) { return y + (-years); }, py::is_operator())
        .def(py::self == py::self)
        .def(py::self < py::self)
        .def(py::self <= py::self)
        .def(py::self > py::self)
        .def(py::self >= py::self)
        .def("__hash__", [](const BudgetYear& y) { return py::hash(py::make_tuple(y.year(), y.start_month())); })
        .def("__str__", &BudgetYear::to_string)
        .def("__repr__", [](const BudgetYear& y) {
            return "BudgetYear(" + std::to_string(y.year()) +
                   (y.start_month() == 1 ? std::string() : ", start_month=" + std::to_string(y.start_month())) + ")";
        })
        .def(py::pickle([](const BudgetYear& y) { return py::make_tuple(y.year(), y.start_month()); },
                        [](const py::tuple& t) { return BudgetYear(t[0].cast<int>(), t[1].cast<unsigned>()); }));
}

}  // namespace sifund::python
