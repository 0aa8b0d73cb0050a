// sifund._core: the compiled half of the `sifund` package. The package's
// __init__.py re-exports it; import sifund, not sifund._core.
//
// One bind_* a part, each in its own file. Forecasting (include/sifund/forecast/,
// not written yet) gets a forecast.cpp of its own: a Forecast run releases the
// GIL like apply() and audit(), and returns copies.
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "sifund's C++ library, bound with pybind11: exact money, rules, the fund, the auditor";
    m.attr("__version__") = SIFUND_VERSION;
    sifund::python::bind_errors(m);
    sifund::python::bind_money(m);
    sifund::python::bind_time(m);
    sifund::python::bind_store(m);
    sifund::python::bind_flows(m);
    sifund::python::bind_fund(m);
    sifund::python::bind_audit(m);
}
