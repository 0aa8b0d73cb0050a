// Money, Rate, Rounding and allocate: exact values with Python's operators.
// Money meets Money (+, -, comparisons) and int counts (*); a rate becomes an
// amount only through rate.of(amount, rounding), which names its rounding, so
// Money * Rate, Money * Decimal and anything with a float are TypeErrors.
#include "common.hpp"

namespace sifund::python {

namespace {

py::object not_implemented() { return py::reinterpret_borrow<py::object>(Py_NotImplemented); }

// Comparisons are exact, with a Money or Rate, a Decimal or an int, by their
// values as Decimals: Money("12.00") == Decimal("12") is True and hashes
// alike. A float or a str is refused (TypeError), never a silent False: a
// float cannot hold most amounts, and text is not a number until parsed.
// Anything else is not comparable (NotImplemented: == is False, < raises).
template <class T>
py::object compare(const T& a, py::handle b, int op, const char* name) {
    if (PyFloat_Check(b.ptr()) || PyUnicode_Check(b.ptr()))
        throw py::type_error(std::string(name) + " compares with " + name + ", decimal.Decimal and int, not " +
                             py::str(py::type::handle_of(b).attr("__name__")).cast<std::string>() + ": " +
                             (PyFloat_Check(b.ptr()) ? "a float cannot hold it exactly; use Decimal('1234.50')"
                                                     : "parse it first, " + std::string(name) + "('1234.50')"));
    py::object other;
    if (py::isinstance<T>(b)) other = decimal_from_text(b.cast<T>().to_string());
    else if (is_decimal(b)) other = py::reinterpret_borrow<py::object>(b);
    else if (PyLong_Check(b.ptr()) && !PyBool_Check(b.ptr())) other = py::reinterpret_borrow<py::object>(b);
    else return not_implemented();
    const py::object mine = decimal_from_text(a.to_string());
    PyObject* result = PyObject_RichCompare(mine.ptr(), other.ptr(), op);
    if (!result) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(result);
}

bool is_count(py::handle v) { return PyLong_Check(v.ptr()) && !PyBool_Check(v.ptr()); }

std::int64_t count_of(py::handle v) {
    int overflow = 0;
    const long long n = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
    if (overflow != 0) detail::throw_money_overflow("multiplication");
    if (n == -1 && PyErr_Occurred()) throw py::error_already_set();
    return n;
}

// A clear TypeError for the products that would hide a rounding.
[[noreturn]] void refuse_product(py::handle other) {
    if (PyFloat_Check(other.ptr()))
        throw py::type_error("Money * float: money never meets binary floating point; multiply by an int, or "
                             "use Rate(...).of(amount, Rounding...) for a share");
    throw py::type_error("Money * " + py::type::handle_of(other).attr("__name__").cast<std::string>() +
                         ": a product with a fraction needs a rounding; use Rate(...).of(amount, Rounding.half_even)");
}

py::object multiply(const Money& a, py::handle other) {
    if (is_count(other)) return py::cast(a * count_of(other));
    if (PyFloat_Check(other.ptr()) || PyBool_Check(other.ptr()) || py::isinstance<Rate>(other) || is_decimal(other))
        refuse_product(other);
    return not_implemented();
}

py::object format_with(const std::string& text, const std::string& spec) {
    if (spec.empty()) return py::str(text);
    return py::module_::import("builtins").attr("format")(decimal_from_text(text), spec);
}

py::int_ int_from_units(const Rate::units_type& units) {
    return py::reinterpret_steal<py::int_>(PyLong_FromString(units.str().c_str(), nullptr, 10));
}

Rate::units_type units_from_int(py::handle v) {
    if (!is_count(v)) throw py::type_error("Rate.from_units takes an int (units of 10^-18)");
    return Rate::units_type(py::str(v).cast<std::string>());
}

template <class T>
std::vector<T> all_of(const py::sequence& parts, bool (*accept)(py::handle)) {
    std::vector<T> out;
    for (py::handle p : parts) {
        if (!accept(p)) return {};
        out.push_back(p.cast<T>());
    }
    return out;
}

}  // namespace

void bind_money(py::module_& m) {
    py::enum_<Rounding>(m, "Rounding",
                        "How a result is rounded to the öre (or to a step). The modes mean what the decimal "
                        "module's ROUND_* modes mean; .decimal gives the matching constant.")
        .value("half_even", Rounding::half_even, "to nearest; a tie to the even neighbour (banker's rounding)")
        .value("half_up", Rounding::half_up, "to nearest; a tie away from zero")
        .value("half_down", Rounding::half_down, "to nearest; a tie toward zero")
        .value("up", Rounding::up, "away from zero")
        .value("down", Rounding::down, "toward zero (truncation)")
        .value("ceiling", Rounding::ceiling, "toward +infinity")
        .value("floor", Rounding::floor, "toward -infinity")
        .def_property_readonly("decimal", [](Rounding r) {
            std::string name(to_string(r));
            for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return "ROUND_" + name;
        }, "The decimal module's rounding constant of the same meaning ('ROUND_HALF_EVEN').");
    // Replaces (rather than overloads) the enum's own __str__: str(mode) is its name.
    py::handle rounding_type = m.attr("Rounding");
    py::setattr(rounding_type, "__str__",
                py::cpp_function([](Rounding r) { return std::string(to_string(r)); }, py::is_method(rounding_type)));

    py::class_<Money>(m, "Money",
                      "An exact amount in öre. Money(Decimal('1234.50')) or Money('1234.50') (also Swedish "
                      "'1 234,50 kr'); a float is a TypeError, and so is an int (say Money.kronor(n) or "
                      "Money.from_minor(öre)). Money() is zero.")
        .def(py::init([]() { return Money(); }))
        .def(py::init([](py::handle value) { return money_from_python(value); }), py::arg("value"))
        .def_static("parse", [](const std::string& text, const std::string& currency) {
            return Money::parse(text, Currency::parse(currency));
        }, py::arg("text"), py::arg("currency") = "SEK",
           "'1234.50', '-0.05', '1 234 567,89 kr'; more than two decimals is an InputError.")
        .def_static("from_minor", [](std::int64_t ore) { return Money::from_minor(ore); }, py::arg("ore"))
        .def_static("kronor", [](std::int64_t whole) { return Money::kronor(whole); }, py::arg("whole"))
        .def_static("max", &Money::max, "The largest amount Money holds.")
        .def_static("min", &Money::min, "The smallest (most negative) amount Money holds.")
        .def_property_readonly("minor", &Money::minor, "The amount in öre, an int.")
        .def("to_decimal", [](const Money& a) { return decimal_from_text(a.to_string()); },
             "The exact amount as a decimal.Decimal with two decimals.")
        .def("to_swedish", [](const Money& a, const std::string& currency, bool with_unit) {
            return a.to_swedish(Currency::parse(currency), with_unit);
        }, py::arg("currency") = "SEK", py::arg("with_unit") = true, "'1 234 567,89 kr', for reports.")
        .def("is_zero", &Money::is_zero)
        .def("is_negative", &Money::is_negative)
        .def("is_positive", &Money::is_positive)
        .def("abs", &Money::abs)
        .def("round_to", [](const Money& a, const Money& step, py::handle mode) {
            return a.round_to(step, rounding_from_python(mode));
        }, py::arg("step"), py::arg("rounding"), "Rounded to a multiple of `step` by the named mode.")
        .def("__add__", [](const Money& a, py::handle b) -> py::object {
            if (!py::isinstance<Money>(b)) return not_implemented();
            return py::cast(a + b.cast<Money>());
        }, py::is_operator())
        // sum() starts from the int 0: 0 + money is money; any other int is refused.
        .def("__radd__", [](const Money& a, py::handle b) -> py::object {
            if (is_count(b) && b.cast<py::int_>().equal(py::int_(0))) return py::cast(a);
            return not_implemented();
        }, py::is_operator())
        .def("__sub__", [](const Money& a, py::handle b) -> py::object {
            if (!py::isinstance<Money>(b)) return not_implemented();
            return py::cast(a - b.cast<Money>());
        }, py::is_operator())
        .def("__mul__", &multiply, py::is_operator())
        .def("__rmul__", &multiply, py::is_operator())
        .def("__neg__", [](const Money& a) { return -a; })
        .def("__pos__", [](const Money& a) { return a; })
        .def("__abs__", &Money::abs)
        .def("__bool__", [](const Money& a) { return !a.is_zero(); })
        .def("__eq__", [](const Money& a, py::handle b) { return compare(a, b, Py_EQ, "Money"); }, py::is_operator())
        .def("__ne__", [](const Money& a, py::handle b) { return compare(a, b, Py_NE, "Money"); }, py::is_operator())
        .def("__lt__", [](const Money& a, py::handle b) { return compare(a, b, Py_LT, "Money"); }, py::is_operator())
        .def("__le__", [](const Money& a, py::handle b) { return compare(a, b, Py_LE, "Money"); }, py::is_operator())
        .def("__gt__", [](const Money& a, py::handle b) { return compare(a, b, Py_GT, "Money"); }, py::is_operator())
        .def("__ge__", [](const Money& a, py::handle b) { return compare(a, b, Py_GE, "Money"); }, py::is_operator())
        // As the equal Decimal hashes (and so as an equal int): one key in a dict or set.
        .def("__hash__", [](const Money& a) { return py::hash(decimal_from_text(a.to_string())); })
        .def("__str__", &Money::to_string)
        .def("__repr__", [](const Money& a) { return "Money('" + a.to_string() + "')"; })
        .def("__format__", [](const Money& a, const std::string& spec) { return format_with(a.to_string(), spec); })
        .def(py::pickle([](const Money& a) { return py::make_tuple(a.minor()); },
                        [](const py::tuple& t) { return Money::from_minor(t[0].cast<std::int64_t>()); }));

    py::class_<Rate>(m, "Rate",
                     "An exact, non-negative rate with up to 18 decimals: Rate(Decimal('0.02')), Rate('0.02'), "
                     "Rate('2 %'), Rate(3). A float is a TypeError. Its one way to an amount is "
                     "rate.of(amount, rounding).")
        .def(py::init([]() { return Rate(); }))
        .def(py::init([](py::handle value) { return rate_from_python(value); }), py::arg("value"))
        .def_static("parse", &Rate::parse, py::arg("text"))
        .def_static("from_units", [](py::handle units) { return Rate::from_units(units_from_int(units)); },
                    py::arg("units"), "The rate units / 10**18.")
        .def_static("one", &Rate::one)
        .def_property_readonly("units", [](const Rate& r) { return int_from_units(r.units()); },
                               "The rate in units of 10**-18, an int.")
        .def("of", [](const Rate& r, const Money& amount, py::handle mode, std::optional<Money> step) {
            const Rounding rounding = rounding_from_python(mode);
            return step ? r.of(amount, rounding, *step) : r.of(amount, rounding);
        }, py::arg("amount"), py::arg("rounding"), py::arg("step") = py::none(),
           "rate × amount, rounded by `rounding` to the öre, or to a multiple of `step` "
           "(Money.kronor(1) for whole kronor).")
        .def("to_decimal", [](const Rate& r) { return decimal_from_text(r.to_string()); })
        .def("to_percent_string", &Rate::to_percent_string, "'2 %'")
        .def("is_zero", &Rate::is_zero)
        .def("__add__", [](const Rate& a, py::handle b) -> py::object {
            if (!py::isinstance<Rate>(b)) return not_implemented();
            return py::cast(a + b.cast<Rate>());
        }, py::is_operator())
        .def("__sub__", [](const Rate& a, py::handle b) -> py::object {
            if (!py::isinstance<Rate>(b)) return not_implemented();
            return py::cast(a - b.cast<Rate>());
        }, py::is_operator())
        .def("__mul__", [](const Rate&, py::handle b) -> py::object {
            if (py::isinstance<Money>(b))
                throw py::type_error("Rate * Money: the product needs a rounding; use rate.of(amount, Rounding.half_even)");
            return not_implemented();
        }, py::is_operator())
        .def("__rmul__", [](const Rate&, py::handle b) -> py::object {
            if (py::isinstance<Money>(b)) refuse_product(py::cast(Rate()));
            return not_implemented();
        }, py::is_operator())
        .def("__bool__", [](const Rate& r) { return !r.is_zero(); })
        .def("__eq__", [](const Rate& a, py::handle b) { return compare(a, b, Py_EQ, "Rate"); }, py::is_operator())
        .def("__ne__", [](const Rate& a, py::handle b) { return compare(a, b, Py_NE, "Rate"); }, py::is_operator())
        .def("__lt__", [](const Rate& a, py::handle b) { return compare(a, b, Py_LT, "Rate"); }, py::is_operator())
        .def("__le__", [](const Rate& a, py::handle b) { return compare(a, b, Py_LE, "Rate"); }, py::is_operator())
        .def("__gt__", [](const Rate& a, py::handle b) { return compare(a, b, Py_GT, "Rate"); }, py::is_operator())
        .def("__ge__", [](const Rate& a, py::handle b) { return compare(a, b, Py_GE, "Rate"); }, py::is_operator())
        .def("__hash__", [](const Rate& r) { return py::hash(decimal_from_text(r.to_string())); })
        .def("__str__", &Rate::to_string)
        .def("__repr__", [](const Rate& r) { return "Rate('" + r.to_string() + "')"; })
        .def("__format__", [](const Rate& r, const std::string& spec) { return format_with(r.to_string(), spec); })
        .def(py::pickle([](const Rate& r) { return py::make_tuple(r.to_string()); },
                        [](const py::tuple& t) { return Rate::parse(t[0].cast<std::string>()); }));

    m.def("allocate", [](const Money& total, py::handle parts) -> std::vector<Money> {
        if (is_count(parts)) {
            const auto n = parts.cast<py::int_>();
            if (n < py::int_(0)) throw InputError("allocate.no_parts", "cannot allocate to a negative number of parts");
            return allocate(total, n.cast<std::size_t>());
        }
        if (!py::isinstance<py::sequence>(parts) || PyUnicode_Check(parts.ptr()))
            throw py::type_error("allocate(total, parts): parts is a count, or a sequence of int, Money or Rate weights");
        const auto seq = py::reinterpret_borrow<py::sequence>(parts);
        if (seq.size() == 0) return allocate(total, std::span<const std::int64_t>());
        if (auto w = all_of<std::int64_t>(seq, &is_count); w.size() == seq.size()) return allocate(total, std::span<const std::int64_t>(w));
        if (auto w = all_of<Money>(seq, [](py::handle h) { return py::isinstance<Money>(h); }); w.size() == seq.size())
            return allocate(total, std::span<const Money>(w));
        if (auto w = all_of<Rate>(seq, [](py::handle h) { return py::isinstance<Rate>(h); }); w.size() == seq.size())
            return allocate(total, std::span<const Rate>(w));
        throw py::type_error("allocate(total, weights): the weights are all int, all Money or all Rate");
    }, py::arg("total"), py::arg("parts"),
       "Splits `total` into parts that add up to it to the öre: `parts` equal parts, or parts in proportion to "
       "weights (all int, all Money or all Rate). The öre left over go to the largest remainders.");
}

}  // namespace sifund::python
