#pragma once
// How a store is opened: the same four modes for every store that lives
// outside the process (SqliteStore::Open and PostgresStore::Open name this).

namespace sifund {

enum class StoreOpen {
    existing,           // open a sifund store; a missing one is "store.missing"
    create_if_missing,  // open it, or create and initialise it
    create_new,         // create and initialise; an existing one is "store.exists" (`sifund init`)
    read_only,          // open a sifund store for reading; append() is "store.read_only"
};

}  // namespace sifund
