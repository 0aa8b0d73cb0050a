// The event stores: Store (the port), MemoryStore, SqliteStore. PostgresStore
// comes with the PostgreSQL store itself: bind it here as a third
// StoreHandle kind (a PostgresStoreHandle opening sifund::PostgresStore), and
// sifund/__init__.py picks it up from _core in place of its placeholder.
#include "common.hpp"

namespace sifund::python {

// ---- StoreHandle ----------------------------------------------------------------

StoreHandle::StoreHandle(std::unique_ptr<Store> store, std::string kind)
    : store_(std::move(store)), kind_(std::move(kind)), description_(store_->describe()) {}

StoreHandle::~StoreHandle() = default;

Store& StoreHandle::open_store() const {
    if (!store_)
        throw StoreError("store.closed", "the store " + description_ + " is closed");
    return *store_;
}

std::vector<StoredEvent> StoreHandle::load() {
    std::lock_guard lock(mutex_);
    return open_store().load();
}

void StoreHandle::append(std::span<const StoredEvent> batch) {
    std::lock_guard lock(mutex_);
    open_store().append(batch);
}

std::int64_t StoreHandle::count() {
    std::lock_guard lock(mutex_);
    return open_store().count();
}

void StoreHandle::close() {
    std::unique_ptr<Store> closing;
    {
        std::lock_guard lock(mutex_);
        closing = std::move(store_);
    }
    // Destroyed outside the lock: closing a SQLite file checkpoints its log.
}

bool StoreHandle::closed() const {
    std::lock_guard lock(mutex_);
    return !store_;
}

MemoryStoreHandle::MemoryStoreHandle() : StoreHandle(std::make_unique<MemoryStore>(), "MemoryStore") {}

SqliteStoreHandle::SqliteStoreHandle(const std::string& path, SqliteStore::Open mode)
    : StoreHandle(std::make_unique<SqliteStore>(path, mode), "SqliteStore") {}

// ---- iteration over a store's events -------------------------------------------

namespace {

// A snapshot of the rows, taken when iteration starts: later appends and
// closing the store do not disturb it.
struct EventIterator {
    std::vector<StoredEvent> rows;
    std::size_t next = 0;
};

py::dict event_dict(const StoredEvent& row) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(row.json);
    } catch (const nlohmann::json::exception& e) {
        throw IntegrityError("integrity.unreadable", row.seq,
                             "event " + std::to_string(row.seq) + " cannot be read: " + e.what());
    }
    if (!j.is_object())
        throw IntegrityError("integrity.unreadable", row.seq, "event " + std::to_string(row.seq) + " is not an object");
    j["hash"] = row.hash;
    return py::reinterpret_steal<py::dict>(from_json(j).release());
}

std::string path_text(py::handle path) {
    return py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
}

std::string repr_of(const StoreHandle& s) {
    std::string out = s.kind() + "(" + (s.kind() == "MemoryStore" ? std::string() : "'" + s.describe() + "'") + ")";
    if (s.closed()) out += " (closed)";
    return out;
}

}  // namespace

void bind_store(py::module_& m) {
    py::class_<EventIterator>(m, "_EventIterator")
        .def("__iter__", [](EventIterator& it) -> EventIterator& { return it; })
        .def("__next__", [](EventIterator& it) {
            if (it.next >= it.rows.size()) throw py::stop_iteration();
            return event_dict(it.rows[it.next++]);
        });

    py::class_<StoreHandle, std::shared_ptr<StoreHandle>>(
        m, "Store",
        "Where a fund's events live. Iterating gives each stored event as a dict (the command of DESIGN §4.1 "
        "with seq, recorded_at, prev_hash and hash), as stored: Fund(store).events() gives them verified. "
        "close() (or leaving a `with` block) releases the store; a Fund opened on it keeps what it read.")
        .def("count", [](StoreHandle& s) {
            py::gil_scoped_release nogil;
            return s.count();
        }, "The number of stored events.")
        .def("__len__", [](StoreHandle& s) {
            py::gil_scoped_release nogil;
            return static_cast<std::size_t>(s.count());
        })
        .def("__iter__", [](StoreHandle& s) {
            EventIterator it;
            {
                py::gil_scoped_release nogil;
                it.rows = s.load();
            }
            return it;
        })
        .def("describe", &StoreHandle::describe, "Where the events live: the path, or 'memory'.")
        .def("close", [](StoreHandle& s) {
            py::gil_scoped_release nogil;
            s.close();
        }, "Releases the store (for SQLite: closes the file). Closing twice is harmless.")
        .def_property_readonly("closed", &StoreHandle::closed)
        .def("__enter__", [](py::object self) { return self; })
        .def("__exit__", [](StoreHandle& s, py::args) {
            py::gil_scoped_release nogil;
            s.close();
            return false;
        })
        .def("__repr__", &repr_of);

    py::class_<MemoryStoreHandle, StoreHandle, std::shared_ptr<MemoryStoreHandle>>(
        m, "MemoryStore", "Events in memory, for tests and simulations.")
        .def(py::init<>());

    py::class_<SqliteStoreHandle, StoreHandle, std::shared_ptr<SqliteStoreHandle>> sqlite(
        m, "SqliteStore",
        "The embedded store: one SQLite file. SqliteStore(path) opens it, or creates and initialises a missing "
        "file (as `sifund init` does); pass mode=SqliteStore.Open.existing to refuse a missing file, "
        "Open.create_new to refuse an existing one, Open.read_only to only read.");
    py::enum_<SqliteStore::Open>(sqlite, "Open")
        .value("existing", SqliteStore::Open::existing)
        .value("create_if_missing", SqliteStore::Open::create_if_missing)
        .value("create_new", SqliteStore::Open::create_new)
        .value("read_only", SqliteStore::Open::read_only);
    sqlite
        .def(py::init([](py::handle path, SqliteStore::Open mode) {
            const std::string p = path_text(path);
            py::gil_scoped_release nogil;  // opening may wait for another writer
            return std::make_shared<SqliteStoreHandle>(p, mode);
        }), py::arg("path"), py::arg("mode") = SqliteStore::Open::create_if_missing)
        .def_property_readonly("path", [](SqliteStoreHandle& s) { return s.describe(); })
        .def_property_readonly("mode", [](SqliteStoreHandle& s) {
            return s.with<SqliteStore>([](SqliteStore& x) { return x.mode(); });
        })
        .def_property("busy_timeout",
            [](SqliteStoreHandle& s) { return s.with<SqliteStore>([](SqliteStore& x) { return x.busy_timeout(); }); },
            [](SqliteStoreHandle& s, std::chrono::milliseconds t) {
                s.with<SqliteStore>([t](SqliteStore& x) { x.busy_timeout(t); });
            },
            "How long an append waits for another writer before StoreError 'store.busy' (a timedelta).");
}

}  // namespace sifund::python
