// sifund._core: the compiled half of the `sifund` package. The package's
// __init__.py re-exports it; import sifund, not sifund._core.
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "sifund's C++ library, bound with pybind11: exact money, rules, the fund, the auditor";
    m.attr("__version__") = SIFUND_VERSION;
    sifund::python::bind_errors(m);
    sifund::python::bind_money(m);
    sifund::python::bind_time(m);
    sifund::python::bind_store(m);
    sifund::python::bind_fund(m);
    sifund::python::bind_audit(m);
}
