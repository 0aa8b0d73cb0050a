// The edge between Python values and sifund's: Decimal, str, datetime, dicts.
#include <datetime.h>

#include <chrono>

#include "common.hpp"

namespace sifund::python {

namespace {

// Objects looked up once and kept for the life of the process (never
// released: a static py::object would be destroyed after the interpreter).
PyObject* decimal_type() {
    static PyObject* type = py::object(py::module_::import("decimal").attr("Decimal")).release().ptr();
    return type;
}

void ensure_datetime_api() {
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    if (!PyDateTimeAPI) throw py::error_already_set();
}

[[noreturn]] void refuse_float(const char* what, const char* example) {
    throw py::type_error(std::string("a float is not accepted as ") + what +
                         ": binary floating point cannot hold it exactly; pass a decimal.Decimal or a str such as " +
                         example);
}

// The exact value of a finite Decimal as a plain decimal string ("-1234.5",
// "0.0200"), without exponent, or an InputError. `max_digits` guards against
// Decimal("1E+999999999"), whose plain form would not fit in memory.
std::string plain_decimal(py::handle dec, const char* id, const char* what) {
    const py::tuple t = dec.attr("as_tuple")();
    const py::object exponent = t[2];
    if (!py::isinstance<py::int_>(exponent))
        throw InputError(id, std::string("not ") + what + ": " + py::str(dec).cast<std::string>() +
                                 " is not a finite number");
    const long long exp = exponent.cast<long long>();
    const py::tuple digits = t[1];
    std::string text;
    text.reserve(digits.size() + 4);
    for (const py::handle d : digits) text.push_back(static_cast<char>('0' + d.cast<int>()));
    // Trailing zeros after the point carry no value: 1.500 is 1.50.
    long long e = exp;
    while (e < 0 && text.size() > 1 && text.back() == '0') {
        text.pop_back();
        ++e;
    }
    if (text == "0") e = std::max(e, 0LL);
    if (e < -40)
        throw InputError(id, std::string("not ") + what + ": " + py::str(dec).cast<std::string>() +
                                 " has more decimals than sifund keeps");
    if (e > 80 || static_cast<long long>(text.size()) + e > 80)
        throw InputError(id, std::string("not ") + what + ": " + py::str(dec).cast<std::string>() + " is far too large");
    if (e >= 0) {
        if (text != "0") text.append(static_cast<std::size_t>(e), '0');
    } else {
        const auto frac = static_cast<std::size_t>(-e);
        if (text.size() <= frac) text.insert(0, frac + 1 - text.size(), '0');
        text.insert(text.size() - frac, 1, '.');
    }
    if (t[0].cast<int>() == 1 && text != "0") text.insert(0, 1, '-');
    return text;
}

}  // namespace

bool is_decimal(py::handle v) {
    const int r = PyObject_IsInstance(v.ptr(), decimal_type());
    if (r < 0) throw py::error_already_set();
    return r == 1;
}

Money money_from_python(py::handle value) {
    if (py::isinstance<Money>(value)) return value.cast<Money>();
    if (PyFloat_Check(value.ptr())) refuse_float("money", "'1234.50'");
    if (PyUnicode_Check(value.ptr())) return Money::parse(value.cast<std::string>());
    if (is_decimal(value)) {
        // A Decimal is a number, not text: its value must be a whole number
        // of öre (Decimal("1.500") is 1.50 kr), nothing more is asked of its form.
        const std::string text = plain_decimal(value, "money.parse", "an amount");
        return Money::parse(text);
    }
    if (PyLong_Check(value.ptr()))
        throw py::type_error("an int is not accepted as money: say what it counts, Money.kronor(" +
                             py::repr(value).cast<std::string>() + ") or Money.from_minor(" +
                             py::repr(value).cast<std::string>() + ") for öre, or pass a Decimal or a str");
    throw py::type_error("money is a decimal.Decimal, a str such as '1234.50' or a sifund.Money, not " +
                         py::repr(py::type::handle_of(value)).cast<std::string>());
}

Rate rate_from_python(py::handle value) {
    if (py::isinstance<Rate>(value)) return value.cast<Rate>();
    if (PyFloat_Check(value.ptr())) refuse_float("a rate", "'0.02'");
    if (PyBool_Check(value.ptr())) throw py::type_error("a bool is not a rate");
    if (PyUnicode_Check(value.ptr())) return Rate::parse(value.cast<std::string>());
    // Read as the text of their exact value, so that every refusal is Rate::parse's.
    if (PyLong_Check(value.ptr())) return Rate::parse(py::str(value).cast<std::string>());
    if (is_decimal(value)) return Rate::parse(plain_decimal(value, "rate.parse", "a rate"));
    throw py::type_error("a rate is a decimal.Decimal, a str such as '0.02' or '2 %', an int or a sifund.Rate, not " +
                         py::repr(py::type::handle_of(value)).cast<std::string>());
}

py::object decimal_from_text(const std::string& text) {
    return py::reinterpret_borrow<py::object>(decimal_type())(text);
}

Rounding rounding_from_python(py::handle value) {
    if (py::isinstance<Rounding>(value)) return value.cast<Rounding>();
    if (PyUnicode_Check(value.ptr())) {
        const std::string name = value.cast<std::string>();
        if (auto r = rounding_from_string(name)) return *r;
        throw InputError("rounding.unknown", detail::quoted(name) +
                                                 " is not a rounding mode (half_even, half_up, half_down, up, "
                                                 "down, ceiling, floor)");
    }
    throw py::type_error("a rounding mode is a sifund.Rounding such as Rounding.half_even, not " +
                         py::repr(py::type::handle_of(value)).cast<std::string>());
}

// ---- JSON -------------------------------------------------------------------

namespace {

[[noreturn]] void refuse_value(const std::string& path, py::handle value) {
    const std::string field = path.empty() ? std::string("(command)") : path;
    throw FieldError("input.wrong_type", field,
                     "field \"" + field + "\": a " + py::type::handle_of(value).attr("__name__").cast<std::string>() +
                         " has no place in a command (use str, int, bool, None, list, dict, Decimal, date, Money, "
                         "Rate or BudgetYear)");
}

std::string child(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

std::string utf8(PyObject* s) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(s, &size);
    if (!data) throw py::error_already_set();
    return std::string(data, static_cast<std::size_t>(size));
}

// A dict key as json.dumps writes it.
std::string key_text(py::handle key, const std::string& path) {
    PyObject* k = key.ptr();
    if (PyUnicode_Check(k)) return utf8(k);
    if (PyBool_Check(k)) return k == Py_True ? "true" : "false";
    if (PyLong_Check(k)) return py::str(key).cast<std::string>();
    if (k == Py_None) return "null";
    throw FieldError("input.wrong_type", path.empty() ? "(command)" : path,
                     "field \"" + (path.empty() ? std::string("(command)") : path) + "\": a key of type " +
                         py::type::handle_of(key).attr("__name__").cast<std::string>() +
                         " (keys are str, or int such as a budget year)");
}

}  // namespace

nlohmann::json to_json(py::handle value, const std::string& path) {
    PyObject* v = value.ptr();
    if (PyUnicode_Check(v)) return utf8(v);
    if (PyDict_Check(v)) {
        nlohmann::json out = nlohmann::json::object();
        PyObject *k = nullptr, *item = nullptr;
        Py_ssize_t pos = 0;
        while (PyDict_Next(v, &pos, &k, &item)) {
            std::string key = key_text(k, path);
            const std::string at = child(path, key);
            out[std::move(key)] = to_json(item, at);
        }
        return out;
    }
    if (v == Py_None) return nullptr;
    if (PyBool_Check(v)) return v == Py_True;
    if (PyLong_Check(v)) {
        int overflow = 0;
        const long long n = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow == 0) return static_cast<std::int64_t>(n);
        if (overflow > 0) {
            const unsigned long long u = PyLong_AsUnsignedLongLong(v);
            if (!PyErr_Occurred()) return static_cast<std::uint64_t>(u);
            PyErr_Clear();
        }
        const std::string field = path.empty() ? "(command)" : path;
        throw FieldError("input.invalid_value", field, "field \"" + field + "\": " + py::str(value).cast<std::string>() +
                                                           " does not fit in 64 bits");
    }
    if (PyList_Check(v) || PyTuple_Check(v)) {
        nlohmann::json out = nlohmann::json::array();
        const py::sequence seq = py::reinterpret_borrow<py::sequence>(value);
        const std::size_t n = seq.size();
        for (std::size_t i = 0; i < n; ++i) out.push_back(to_json(seq[i], path + "[" + std::to_string(i) + "]"));
        return out;
    }
    // A float goes in as a JSON number, as json.dumps would write it: the
    // strict reader then refuses it, naming the field, as the CLI does.
    if (PyFloat_Check(v)) return PyFloat_AsDouble(v);
    if (py::isinstance<Money>(value)) return value.cast<Money>().to_string();
    if (py::isinstance<Rate>(value)) return value.cast<Rate>().to_string();
    if (py::isinstance<BudgetYear>(value)) {
        const auto& y = value.cast<const BudgetYear&>();
        if (y.start_month() != 1) refuse_value(path, value);
        return y.year();
    }
    ensure_datetime_api();
    if (PyDate_Check(v)) return value.attr("isoformat")().cast<std::string>();
    if (is_decimal(value)) {
        try {
            return plain_decimal(value, "input.invalid_value", "a number");
        } catch (const Error& e) {
            const std::string field = path.empty() ? "(command)" : path;
            throw FieldError(e.id(), field, "field \"" + field + "\": " + e.what());
        }
    }
    refuse_value(path, value);
}

py::object from_json(const nlohmann::json& value) {
    using T = nlohmann::json::value_t;
    switch (value.type()) {
        case T::null: return py::none();
        case T::boolean: return py::bool_(value.get<bool>());
        case T::number_integer: return py::int_(value.get<std::int64_t>());
        case T::number_unsigned: return py::int_(value.get<std::uint64_t>());
        case T::number_float: return py::float_(value.get<double>());
        case T::string: {
            const auto& s = value.get_ref<const std::string&>();
            PyObject* text = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "strict");
            if (!text) throw py::error_already_set();
            return py::reinterpret_steal<py::object>(text);
        }
        case T::array: {
            py::list out(value.size());
            for (std::size_t i = 0; i < value.size(); ++i) out[i] = from_json(value[i]);
            return out;
        }
        case T::object: {
            py::dict out;
            for (auto it = value.begin(); it != value.end(); ++it) out[py::str(it.key())] = from_json(it.value());
            return out;
        }
        default: return py::none();
    }
}

// ---- the clock ----------------------------------------------------------------

Timestamp now_utc() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp::from_micros(std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count());
}

Date today_utc() { return now_utc().date(); }

}  // namespace sifund::python

// ---- type casters ---------------------------------------------------------------

namespace pybind11::detail {

bool type_caster<sifund::Date>::load(handle src, bool) {
    sifund::python::ensure_datetime_api();
    PyObject* v = src.ptr();
    if (PyDateTime_Check(v))
        throw type_error("a datetime.datetime is not a date: which day it means depends on a time zone; pass "
                         "a datetime.date (for instance value.date())");
    if (PyDate_Check(v)) {
        value = sifund::Date(PyDateTime_GET_YEAR(v), static_cast<unsigned>(PyDateTime_GET_MONTH(v)),
                             static_cast<unsigned>(PyDateTime_GET_DAY(v)));
        return true;
    }
    if (PyUnicode_Check(v)) {
        value = sifund::Date::parse(src.cast<std::string>());
        return true;
    }
    return false;
}

handle type_caster<sifund::Date>::cast(const sifund::Date& d, return_value_policy, handle) {
    sifund::python::ensure_datetime_api();
    return PyDate_FromDate(d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()));
}

bool type_caster<sifund::Timestamp>::load(handle src, bool) {
    using sifund::Timestamp;
    sifund::python::ensure_datetime_api();
    PyObject* v = src.ptr();
    if (PyDateTime_Check(v)) {
        if (src.attr("utcoffset")().is_none())
            throw sifund::InputError("timestamp.naive",
                                     "a naive datetime (" + str(src).cast<std::string>() +
                                         ") names no instant: sifund records UTC; pass an aware datetime, "
                                         "for instance datetime.now(timezone.utc)");
        const object utc = src.attr("astimezone")(reinterpret_borrow<object>(PyDateTime_TimeZone_UTC));
        PyObject* u = utc.ptr();
        const sifund::Date day(PyDateTime_GET_YEAR(u), static_cast<unsigned>(PyDateTime_GET_MONTH(u)),
                               static_cast<unsigned>(PyDateTime_GET_DAY(u)));
        const std::int64_t seconds = (PyDateTime_DATE_GET_HOUR(u) * 60 + PyDateTime_DATE_GET_MINUTE(u)) * 60 +
                                     PyDateTime_DATE_GET_SECOND(u);
        value = Timestamp::from_micros(Timestamp::start_of(day).micros() + seconds * 1'000'000 +
                                       PyDateTime_DATE_GET_MICROSECOND(u));
        return true;
    }
    if (PyDate_Check(v)) {
        value = Timestamp::end_of(sifund::Date(PyDateTime_GET_YEAR(v), static_cast<unsigned>(PyDateTime_GET_MONTH(v)),
                                               static_cast<unsigned>(PyDateTime_GET_DAY(v))));
        return true;
    }
    if (PyUnicode_Check(v)) {
        value = Timestamp::parse(src.cast<std::string>());
        return true;
    }
    return false;
}

handle type_caster<sifund::Timestamp>::cast(const sifund::Timestamp& t, return_value_policy, handle) {
    sifund::python::ensure_datetime_api();
    const sifund::Date d = t.date();
    std::int64_t in_day = t.micros() - sifund::Timestamp::start_of(d).micros();
    const auto micro = static_cast<int>(in_day % 1'000'000);
    in_day /= 1'000'000;
    return PyDateTimeAPI->DateTime_FromDateAndTime(d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()),
                                                   static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                                                   static_cast<int>(in_day % 60), micro, PyDateTime_TimeZone_UTC,
                                                   PyDateTimeAPI->DateTimeType);
}

}  // namespace pybind11::detail
