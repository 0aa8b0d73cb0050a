// sifund's errors as Python exceptions. Every one is a sifund.Error with the
// stable id of the C++ error (.id) and, when it concerns a command of a
// batch, .line: its 1-based position (or its line in a JSON Lines file).
//
//   Error(Exception)
//   ├── InputError(Error, ValueError)      .field: the field, when one is named
//   │   └── CurrencyError                  an amount in another currency
//   ├── RuleViolation                      .rule_id .citation .reason .expected .actual
//   ├── IntegrityError                     .seq: the first event that does not verify
//   ├── StoreError                         the store cannot be opened, read or written
//   │   └── ConcurrencyError               another writer appended first
//   └── OverflowError(Error, OverflowError)  a result beyond what Money holds
#include "common.hpp"

namespace sifund::python {

namespace {

struct Types {
    PyObject* error = nullptr;
    PyObject* input = nullptr;
    PyObject* currency = nullptr;
    PyObject* rule = nullptr;
    PyObject* integrity = nullptr;
    PyObject* store = nullptr;
    PyObject* concurrency = nullptr;
    PyObject* overflow = nullptr;
};

// Created once when the module is imported, and kept for the process's life.
Types& types() {
    static Types t;
    return t;
}

PyObject* make_type(py::module_& m, const char* name, const char* doc, std::initializer_list<PyObject*> bases,
                    std::initializer_list<const char*> attributes) {
    py::tuple base_tuple(bases.size());
    std::size_t i = 0;
    for (PyObject* b : bases) base_tuple[i++] = py::reinterpret_borrow<py::object>(b);
    const std::string qualified = std::string("sifund.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base_tuple.ptr(), nullptr);
    if (!type) throw py::error_already_set();
    // Class-level defaults, so that an exception raised by Python code has them too.
    for (const char* a : attributes)
        if (PyObject_SetAttrString(type, a, Py_None) < 0) throw py::error_already_set();
    m.add_object(name, py::reinterpret_borrow<py::object>(type));
    return type;
}

void set(py::handle obj, const char* name, py::object value) {
    if (PyObject_SetAttrString(obj.ptr(), name, value.ptr()) < 0) throw py::error_already_set();
}

py::object text_or_none(const std::string& s) { return s.empty() ? py::object(py::none()) : py::object(py::str(s)); }

// Builds the exception object and sets it as the current Python error.
void set_python_error(const Error& e, std::optional<std::size_t> line, const std::string& file = {}) {
    const Types& t = types();
    PyObject* type = t.error;
    if (dynamic_cast<const RuleViolation*>(&e)) type = t.rule;
    else if (dynamic_cast<const IntegrityError*>(&e)) type = t.integrity;
    else if (dynamic_cast<const ConcurrencyError*>(&e)) type = t.concurrency;
    else if (dynamic_cast<const StoreError*>(&e)) type = t.store;
    else if (dynamic_cast<const CurrencyError*>(&e)) type = t.currency;
    else if (dynamic_cast<const InputError*>(&e)) type = t.input;
    else if (dynamic_cast<const OverflowError*>(&e)) type = t.overflow;

    std::string message = e.what();
    if (line) message = (file.empty() ? "command " : file + ":") + std::to_string(*line) + ": " + message;

    py::object exc = py::reinterpret_steal<py::object>(PyObject_CallFunction(type, "s", message.c_str()));
    if (!exc) throw py::error_already_set();
    set(exc, "id", py::str(e.id()));
    set(exc, "line", line ? py::object(py::int_(*line)) : py::object(py::none()));
    if (const auto* f = dynamic_cast<const FieldError*>(&e)) set(exc, "field", py::str(f->field()));
    if (const auto* v = dynamic_cast<const RuleViolation*>(&e)) {
        set(exc, "rule_id", py::str(v->rule_id()));
        set(exc, "citation", text_or_none(v->citation()));
        set(exc, "reason", py::str(v->reason()));
        set(exc, "expected", text_or_none(v->expected()));
        set(exc, "actual", text_or_none(v->actual()));
    }
    if (const auto* i = dynamic_cast<const IntegrityError*>(&e)) set(exc, "seq", py::int_(i->seq()));
    PyErr_SetObject(type, exc.ptr());
}

}  // namespace

std::optional<std::size_t> line_of(const Error& e) {
    if (const auto i = e.index()) return *i + 1;
    return std::nullopt;
}

void raise(const Error& e, std::optional<std::size_t> line, const std::string& file) {
    set_python_error(e, line, file);
    throw py::error_already_set();
}

void bind_errors(py::module_& m) {
    Types& t = types();
    t.error = make_type(m, "Error",
                        "Every error sifund raises. .id is its stable id ('money.parse', 'grant.max_amount', ...); "
                        ".line the 1-based position of the command it concerns in its batch, or None.",
                        {PyExc_Exception}, {"id", "line"});
    t.input = make_type(m, "InputError",
                        "Malformed input: an amount, rate, date or field that cannot be read. .field names the "
                        "field of a command ('amount', 'tranches[1].date') when there is one.",
                        {t.error, PyExc_ValueError}, {"field"});
    t.currency = make_type(m, "CurrencyError", "An amount in another currency than the fund keeps.", {t.input}, {});
    t.rule = make_type(m, "RuleViolation",
                       "A command refused by a rule of the rulebook in force or by an invariant of sifund: "
                       ".rule_id ('grant.max_amount'), .citation (the rulebook's paragraph, or None), .reason, "
                       ".expected and .actual, and .line (the command's position in the batch).",
                       {t.error}, {"rule_id", "citation", "reason", "expected", "actual"});
    t.integrity = make_type(m, "IntegrityError",
                            "The stored history does not verify (a hash, the chain or the sequence is broken); "
                            ".seq is the first event that fails.",
                            {t.error}, {"seq"});
    t.store = make_type(m, "StoreError", "The store cannot be opened, read or written, or it is closed.", {t.error}, {});
    t.concurrency = make_type(m, "ConcurrencyError",
                              "Another writer appended first: nothing was written; reopen the fund and retry.",
                              {t.store}, {});
    t.overflow = make_type(m, "OverflowError", "A result beyond what Money holds (never a wrap or a clamp).",
                           {t.error, PyExc_OverflowError}, {});

    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const Error& e) {
            set_python_error(e, line_of(e));
        }
    });
}

}  // namespace sifund::python
