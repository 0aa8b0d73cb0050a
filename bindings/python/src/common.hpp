#pragma once
// What the parts of sifund._core share: the conversions at the edge
// (Decimal, datetime, dicts), the store handle that Fund and Python share,
// the exception mapping, and one bind_* function per part.
//
// Python at the edges, sifund inside: money and rates come in as Decimal or
// str (never float), dates as datetime.date, times as aware datetime.datetime,
// commands as dicts read by the library's own strict JSON codec, so a bad
// field gets the same error as on the command line.

#include <pybind11/chrono.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <sifund/sifund.hpp>

namespace py = pybind11;

namespace sifund::python {

// ---- one function per part (each in its own .cpp) -------------------------
void bind_errors(py::module_& m);
void bind_money(py::module_& m);
void bind_time(py::module_& m);
void bind_store(py::module_& m);
void bind_flows(py::module_& m);
void bind_fund(py::module_& m);
void bind_audit(py::module_& m);

// ---- errors (errors.cpp) ---------------------------------------------------
// Sets the Python exception for a sifund error and throws
// py::error_already_set. `line` is the 1-based position of the command in
// its batch (or its line in the JSON Lines file `file`), when the error
// concerns one; the message starts "command 3: " (or "fund.jsonl:3: ").
[[noreturn]] void raise(const Error& e, std::optional<std::size_t> line, const std::string& file = {});
// The line an error carries by itself: its index in the batch, plus one.
[[nodiscard]] std::optional<std::size_t> line_of(const Error& e);

// ---- values (convert.cpp) ---------------------------------------------------
[[nodiscard]] Money money_from_python(py::handle value);  // Decimal, str or Money; float and int refused
[[nodiscard]] Rate rate_from_python(py::handle value);    // Decimal, str, int or Rate; float refused
[[nodiscard]] py::object decimal_from_text(const std::string& text);
[[nodiscard]] bool is_decimal(py::handle value);
[[nodiscard]] Rounding rounding_from_python(py::handle value);  // a Rounding or its name

// Commands and events: Python objects <-> JSON documents. to_json reads the
// JSON shapes of DESIGN §4.1 and also takes Decimal, Money, Rate, date and
// BudgetYear values (written as the strings and numbers of those shapes);
// anything else is an InputError naming the field.
[[nodiscard]] nlohmann::json to_json(py::handle value, const std::string& path = {});
[[nodiscard]] py::object from_json(const nlohmann::json& value);

// ---- the clock (the bindings, like the CLI, are where "now" is read) --------
[[nodiscard]] Timestamp now_utc();
[[nodiscard]] Date today_utc();

// ---- the store shared by Python and every Fund opened on it ----------------
// Python's store objects and Fund both hold it by shared_ptr, so neither
// dangles whatever is collected first. close() releases the underlying store
// (the SQLite file) at once; afterwards every use is StoreError "store.closed".
// One lock serialises the threads that use it with the GIL released.
class StoreHandle : public Store {
public:
    StoreHandle(std::unique_ptr<Store> store, std::string kind);
    ~StoreHandle() override;

    std::vector<StoredEvent> load() override;
    void append(std::span<const StoredEvent> batch) override;
    std::int64_t count() override;
    std::string describe() const override { return description_; }

    void close();
    [[nodiscard]] bool closed() const;
    [[nodiscard]] const std::string& kind() const noexcept { return kind_; }

    // The underlying store, locked, for what only one kind of store offers.
    template <class T, class F>
    auto with(F f) {
        std::lock_guard lock(mutex_);
        return f(dynamic_cast<T&>(open_store()));
    }

private:
    Store& open_store() const;
    mutable std::mutex mutex_;
    std::unique_ptr<Store> store_;
    std::string kind_, description_;
};

// The kinds of store, as Python classes (they add nothing but their name).
class MemoryStoreHandle final : public StoreHandle {
public:
    MemoryStoreHandle();
};
class SqliteStoreHandle final : public StoreHandle {
public:
    SqliteStoreHandle(const std::string& path, SqliteStore::Open mode);
};

}  // namespace sifund::python

// ---- type casters: sifund::Date <-> datetime.date, Timestamp <-> datetime ---
namespace pybind11::detail {

template <>
struct type_caster<sifund::Date> {
    PYBIND11_TYPE_CASTER(sifund::Date, const_name("datetime.date"));
    // A datetime.date (a datetime is refused: which day it means depends on a
    // time zone), or an ISO string "2016-12-31".
    bool load(handle src, bool convert);
    static handle cast(const sifund::Date& d, return_value_policy, handle);
};

template <>
struct type_caster<sifund::Timestamp> {
    PYBIND11_TYPE_CASTER(sifund::Timestamp, const_name("datetime.datetime"));
    // An aware datetime (a naive one is refused: sifund records UTC), a date
    // (the end of that day, as `--known-at 2017-02-15` means), or a string
    // "2017-02-15T09:00:00Z" / "2017-02-15".
    bool load(handle src, bool convert);
    // An aware datetime in UTC.
    static handle cast(const sifund::Timestamp& t, return_value_policy, handle);
};

}  // namespace pybind11::detail
