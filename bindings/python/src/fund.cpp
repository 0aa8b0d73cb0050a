// Fund, Statement (with its grant lines), Applied and Rulebook.
//
// A Fund shares its store (shared_ptr) and works with the GIL released, one
// thread at a time (its own lock, taken after the GIL is let go, so a thread
// waiting for the fund never holds the GIL). Statements, rulebooks and events
// handed to Python are copies: nothing dangles when the fund or the store goes.
#include <filesystem>
#include <fstream>

#include <sifund/detail/line_reader.hpp>

#include "common.hpp"

namespace sifund::python {

namespace {

struct PyFund {
    explicit PyFund(std::shared_ptr<StoreHandle> s) : store(std::move(s)), fund(*store) {}
    std::shared_ptr<StoreHandle> store;
    Fund fund;
    std::mutex mutex;
};

// Runs `f` on the fund with the GIL released and the fund locked.
template <class F>
auto locked(PyFund& f, F work) {
    py::gil_scoped_release nogil;
    std::lock_guard lock(f.mutex);
    return work(f.fund);
}

py::object decimal(Money m) { return decimal_from_text(m.to_string()); }

py::dict grant_dict(const GrantLine& g) {
    py::dict d;
    d["grant"] = g.grant;
    d["application"] = g.application;
    d["status"] = g.status;
    d["approved"] = decimal(g.approved);
    d["disbursed"] = decimal(g.disbursed);
    d["repaid"] = decimal(g.repaid);
    d["obligation"] = decimal(g.obligation);
    d["written_off"] = decimal(g.written_off);
    d["focus_area"] = g.focus_area;
    return d;
}

py::dict statement_dict(const Statement& s) {
    py::dict d;
    d["fund"] = s.fund;
    d["currency"] = std::string(s.currency.code());
    d["as_of"] = py::cast(s.as_of);
    d["known_at"] = s.known_at ? py::cast(*s.known_at) : py::object(py::none());
    for (const Statement::Amount& a : Statement::amounts) d[py::str(std::string(a.key))] = decimal(s.*a.member);
    py::list grants;
    for (const auto& g : s.grants) grants.append(grant_dict(g));
    d["grants"] = grants;
    return d;
}

nlohmann::json grant_json(const GrantLine& g) {
    Statement one;
    one.grants.push_back(g);
    return one.to_json()["grants"][0];
}

// The commands of a batch, read with the GIL held; a value that has no JSON
// form is an InputError naming its field and the command's position.
std::vector<nlohmann::json> commands_from_python(py::handle commands) {
    std::vector<nlohmann::json> out;
    if (PyDict_Check(commands.ptr())) {
        try {
            out.push_back(to_json(commands));
        } catch (const Error& e) {
            raise(e, 1);
        }
        return out;
    }
    if (PyUnicode_Check(commands.ptr()) || PyBytes_Check(commands.ptr()))
        throw py::type_error("apply() takes a list of command dicts (or one dict); for a JSON Lines file use "
                             "apply_jsonl(path)");
    if (PyList_Check(commands.ptr())) out.reserve(static_cast<std::size_t>(PyList_GET_SIZE(commands.ptr())));
    std::size_t i = 0;
    for (py::handle c : py::iter(commands)) {
        ++i;
        try {
            out.push_back(to_json(c));
        } catch (const Error& e) {
            raise(e, i);
        }
    }
    return out;
}

struct JsonlFile {
    std::vector<std::string> commands;  // each a JSON object's text, checked to be JSON
    std::vector<std::size_t> line_of;   // 1-based line of each command
};

// A JSON Lines command file, read as `sifund apply` reads it: blank lines
// skipped, anything else one JSON object, read by the library's own reader.
void read_jsonl(const std::string& path, JsonlFile& file) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("input.file", "cannot read " + path);
    if (std::error_code ec; std::filesystem::is_directory(path, ec))
        throw InputError("input.file", "cannot read " + path + ": it is a directory, not a command file");
    std::string line;
    detail::JsonDocument doc;
    // A failed read is an error, never a shorter file (sifund apply reads alike).
    detail::LineReader reader(in);
    for (;;) {
        try {
            if (!reader.next(line)) break;
        } catch (const LineReadError& e) {
            InputError err(e.id(), e.what());
            err.set_index(file.line_of.size());
            file.line_of.push_back(e.line());
            throw err;
        }
        const std::size_t n = reader.line_number();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        try {
            doc.parse(line);
        } catch (InputError& err) {
            err.set_index(file.line_of.size());
            file.line_of.push_back(n);
            throw;
        }
        file.commands.push_back(std::move(line));
        line = std::string();
        file.line_of.push_back(n);
    }
}

}  // namespace

void bind_fund(py::module_& m) {
    py::class_<Applied>(m, "Applied", "What apply() appended: events first_seq..last_seq (with any true-ups).")
        .def_readonly("first_seq", &Applied::first_seq)
        .def_readonly("last_seq", &Applied::last_seq)
        .def_property_readonly("count", &Applied::count)
        .def("__len__", [](const Applied& a) { return static_cast<std::size_t>(a.count()); })
        .def("__repr__", [](const Applied& a) {
            return "Applied(first_seq=" + std::to_string(a.first_seq) + ", last_seq=" + std::to_string(a.last_seq) + ")";
        });

    py::class_<Rulebook>(m, "Rulebook",
                         "A rulebook revision (DESIGN §4.2), read strictly from the dict of a rulebook.adopted "
                         "command's \"rules\": Rulebook({...}). Rulebook() is the permissive default.")
        .def(py::init([]() { return Rulebook::parse(nlohmann::json::object()); }))
        .def(py::init([](py::handle rules) { return Rulebook::parse(to_json(rules, "rules"), "rules"); }),
             py::arg("rules"))
        .def_static("from_dict", [](py::handle rules) { return Rulebook::parse(to_json(rules, "rules"), "rules"); },
                    py::arg("rules"))
        .def("to_dict", [](const Rulebook& r) { return from_json(r.to_json()); },
             "Every rule, defaults filled in, in the JSON shape of DESIGN §4.2.")
        .def("cite", &Rulebook::cite, py::arg("rule_id"), "The paragraph a rule cites, or '' when none is given.")
        .def("roles_of", &Rulebook::roles_of, py::arg("actor"))
        .def_property_readonly("citations", [](const Rulebook& r) { return r.citations; })
        .def("__eq__", [](const Rulebook& a, py::handle b) -> py::object {
            if (!py::isinstance<Rulebook>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(a.to_json() == b.cast<const Rulebook&>().to_json());
        }, py::is_operator())
        .def("__repr__", [](const Rulebook& r) { return "Rulebook(" + r.to_json().dump() + ")"; });

    py::class_<GrantLine>(m, "GrantLine", "One grant's line of a statement. Immutable.")
        .def_property_readonly("grant", [](const GrantLine& g) { return g.grant; })
        .def_property_readonly("application", [](const GrantLine& g) { return g.application; })
        .def_property_readonly("status", [](const GrantLine& g) { return g.status; })
        .def_property_readonly("focus_area", [](const GrantLine& g) { return g.focus_area; })
        .def_property_readonly("title", [](const GrantLine& g) { return g.title; })
        .def_property_readonly("approved", [](const GrantLine& g) { return g.approved; })
        .def_property_readonly("disbursed", [](const GrantLine& g) { return g.disbursed; })
        .def_property_readonly("repaid", [](const GrantLine& g) { return g.repaid; })
        .def_property_readonly("obligation", [](const GrantLine& g) { return g.obligation; })
        .def_property_readonly("written_off", [](const GrantLine& g) { return g.written_off; })
        .def_property_readonly("outstanding", [](const GrantLine& g) { return g.outstanding; })
        .def_property_readonly("overdue", [](const GrantLine& g) { return g.overdue; })
        .def("to_dict", &grant_dict, "The keys of a grant in DESIGN §4.3, amounts as Decimal.")
        .def("__eq__", [](const GrantLine& a, py::handle b) -> py::object {
            if (!py::isinstance<GrantLine>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            const auto& o = b.cast<const GrantLine&>();
            return py::bool_(grant_json(a) == grant_json(o) && a.title == o.title && a.outstanding == o.outstanding &&
                             a.overdue == o.overdue);
        }, py::is_operator())
        .def("__hash__", [](const GrantLine& g) { return py::hash(py::str(grant_json(g).dump())); })
        .def("__repr__", [](const GrantLine& g) {
            return "GrantLine(grant='" + g.grant + "', status='" + g.status + "', approved=" + g.approved.to_string() +
                   ", disbursed=" + g.disbursed.to_string() + ")";
        });

    py::class_<Statement>(m, "Statement",
                          "Where the fund stands on a date, as known at a time (DESIGN §4.3). Immutable; amounts "
                          "are Money. to_dict() gives Decimal values, to_json() the text of `sifund statement "
                          "--format json`, str() the text statement.")
        .def_property_readonly("as_of", [](const Statement& s) { return s.as_of; })
        .def_property_readonly("known_at", [](const Statement& s) { return s.known_at; })
        .def_property_readonly("fund", [](const Statement& s) { return s.fund; })
        .def_property_readonly("name", [](const Statement& s) { return s.name; })
        .def_property_readonly("currency", [](const Statement& s) { return std::string(s.currency.code()); })
        .def_property_readonly("capital_contributed", [](const Statement& s) { return s.capital_contributed; })
        .def_property_readonly("allocations", [](const Statement& s) { return s.allocations; })
        .def_property_readonly("repayments", [](const Statement& s) { return s.repayments; })
        .def_property_readonly("disbursed", [](const Statement& s) { return s.disbursed; })
        .def_property_readonly("written_off", [](const Statement& s) { return s.written_off; })
        .def_property_readonly("cash", [](const Statement& s) { return s.cash; })
        .def_property_readonly("committed_undisbursed", [](const Statement& s) { return s.committed_undisbursed; })
        .def_property_readonly("free_capital", [](const Statement& s) { return s.free_capital; })
        .def_property_readonly("obligations_outstanding", [](const Statement& s) { return s.obligations_outstanding; })
        .def_property_readonly("obligations_overdue", [](const Statement& s) { return s.obligations_overdue; })
        .def_property_readonly("grants", [](const Statement& s) {
            py::tuple t(s.grants.size());
            for (std::size_t i = 0; i < s.grants.size(); ++i) t[i] = py::cast(s.grants[i]);
            return t;
        }, "One GrantLine a grant, a tuple.")
        .def("to_dict", &statement_dict, "The keys of DESIGN §4.3 (and fund, currency, as_of, known_at); amounts "
                                         "as Decimal, as_of a date, known_at an aware datetime or None.")
        .def("to_json", [](const Statement& s, int indent) { return s.to_json().dump(indent); },
             py::arg("indent") = 2, "The JSON text `sifund statement --format json` prints.")
        .def("to_text", &Statement::to_text)
        .def("__str__", &Statement::to_text)
        .def("__eq__", [](const Statement& a, py::handle b) -> py::object {
            if (!py::isinstance<Statement>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(a.to_json() == b.cast<const Statement&>().to_json());
        }, py::is_operator())
        .def("__hash__", [](const Statement& s) { return py::hash(py::str(s.to_json().dump())); })
        .def("__repr__", [](const Statement& s) {
            return "Statement(fund='" + s.fund + "', as_of=" + s.as_of.to_string() +
                   (s.known_at ? ", known_at=" + s.known_at->to_string() : std::string()) +
                   ", cash=" + s.cash.to_string() + ", free_capital=" + s.free_capital.to_string() + ")";
        });

    py::class_<PyFund>(m, "Fund",
                       "The one way to change a fund. Fund(store) reads and verifies every stored event "
                       "(IntegrityError names the first that fails); apply() checks commands against the rules "
                       "in force and appends them all or none.")
        .def(py::init([](std::shared_ptr<StoreHandle> store) {
            py::gil_scoped_release nogil;
            return std::make_unique<PyFund>(std::move(store));
        }), py::arg("store"))
        .def("apply", [](PyFund& f, py::handle commands, std::optional<Timestamp> recorded_at) {
            const std::vector<nlohmann::json> objects = commands_from_python(commands);
            const Timestamp at = recorded_at ? *recorded_at : now_utc();
            try {
                if (recorded_at) check_recording_time(at, now_utc(), "recorded_at");
                return locked(f, [&](Fund& fund) { return fund.apply(objects, at); });
            } catch (const Error& e) {
                raise(e, line_of(e));
            }
        }, py::arg("commands"), py::arg("recorded_at") = py::none(),
           "Checks every command (a dict in the JSON shape of DESIGN §4.1; Decimal, Money, Rate and date values "
           "are welcome) and appends them all, with the true-ups the fund owes, or none. RuleViolation or "
           "InputError otherwise, .line the command's 1-based position. recorded_at: an aware datetime, "
           "now by default.")
        .def("apply_jsonl", [](PyFund& f, py::handle path, std::optional<Timestamp> recorded_at) {
            const std::string p = py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
            const Timestamp at = recorded_at ? *recorded_at : now_utc();
            JsonlFile file;
            try {
                if (recorded_at) check_recording_time(at, now_utc(), "recorded_at");
                {
                    py::gil_scoped_release nogil;
                    read_jsonl(p, file);
                }
                return locked(f, [&](Fund& fund) { return fund.apply(file.commands, at); });
            } catch (const Error& e) {
                std::optional<std::size_t> line;
                if (e.index()) line = *e.index() < file.line_of.size() ? file.line_of[*e.index()] : *e.index() + 1;
                raise(e, line, p);
            }
        }, py::arg("path"), py::arg("recorded_at") = py::none(),
           "apply() of a JSON Lines command file, as `sifund apply` reads it; .line is the file's line.")
        .def("statement", [](PyFund& f, std::optional<Date> as_of, std::optional<Timestamp> known_at) {
            const Date on = as_of ? *as_of : today_utc();
            return locked(f, [&](Fund& fund) { return fund.statement(on, known_at); });
        }, py::arg("as_of") = py::none(), py::arg("known_at") = py::none(),
           "Where the fund stands on `as_of` (today by default), as known at `known_at` (all that is recorded "
           "by default; a date means the end of that day).")
        .def("statements", [](PyFund& f, const std::vector<Date>& dates, std::optional<Timestamp> known_at) {
            return locked(f, [&](Fund& fund) {
                std::vector<Statement> out;
                out.reserve(dates.size());
                for (const Date& d : dates) out.push_back(fund.statement(d, known_at));
                return out;
            });
        }, py::arg("dates"), py::arg("known_at") = py::none(), "statement() for each date, in one call.")
        .def("flows", [](PyFund& f, std::optional<int> from_year, std::optional<int> until, std::optional<Timestamp> known_at) {
            const int last = until ? *until : today_utc().year();
            try {
                return locked(f, [&](Fund& fund) {
                    return make_flows(fund.events(), from_year ? *from_year : first_budget_year(fund.events(), last), last,
                                      known_at);
                });
            } catch (const Error& e) {
                raise(e, std::nullopt);
            }
        }, py::kw_only(), py::arg("from_year") = py::none(), py::arg("until") = py::none(), py::arg("known_at") = py::none(),
           "Money in and out by budget year, from `from_year` (the year of the earliest event by default) to "
           "`until` (this year by default), as known at `known_at`; the years add up to the statement.")
        .def("events", [](PyFund& f) {
            const std::vector<nlohmann::json> events = locked(f, [](Fund& fund) {
                std::vector<nlohmann::json> out;
                out.reserve(fund.events().size());
                for (const Event& e : fund.events()) out.push_back(to_json(e));
                return out;
            });
            py::list out(events.size());
            for (std::size_t i = 0; i < events.size(); ++i) out[i] = from_json(events[i]);
            return out;
        }, "Every event, verified, as a dict: the command with seq, recorded_at, prev_hash and hash.")
        .def("__len__", [](PyFund& f) { return locked(f, [](Fund& fund) { return fund.events().size(); }); })
        .def_property_readonly("last_seq", [](PyFund& f) { return locked(f, [](Fund& fund) { return fund.state().last_seq; }); })
        .def_property_readonly("id", [](PyFund& f) {
            return locked(f, [](Fund& fund) {
                const auto& e = fund.state().fund;
                return e ? std::optional<std::string>(e->fund) : std::nullopt;
            });
        }, "The fund's id, or None before fund.established.")
        .def_property_readonly("name", [](PyFund& f) {
            return locked(f, [](Fund& fund) {
                const auto& e = fund.state().fund;
                return e ? std::optional<std::string>(e->name) : std::nullopt;
            });
        })
        .def_property_readonly("currency", [](PyFund& f) {
            return locked(f, [](Fund& fund) { return std::string(fund.state().currency().code()); });
        })
        .def("rulebook", [](PyFund& f, Date on) {
            return locked(f, [&](Fund& fund) {
                const RulebookRevision* r = fund.state().rulebook_on(on);
                return r ? std::optional<Rulebook>(r->rules) : std::nullopt;
            });
        }, py::arg("on"), "The rulebook in force on a date, or None.")
        .def_property_readonly("store", [](PyFund& f) { return f.store; })
        .def("__repr__", [](PyFund& f) {
            const auto [id, n] = locked(f, [](Fund& fund) {
                const auto& e = fund.state().fund;
                return std::pair(e ? e->fund : std::string(), fund.events().size());
            });
            return "Fund(" + (id.empty() ? std::string("not established") : "'" + id + "'") + ", " +
                   std::to_string(n) + " events, " + f.store->describe() + ")";
        });
}

}  // namespace sifund::python
