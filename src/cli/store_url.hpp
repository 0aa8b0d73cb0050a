#pragma once
// Opening the store a DB argument names: a SQLite file path, or (later) a
// postgresql:// URL.

#include <memory>
#include <string>

#include <sifund/ledger/store.hpp>
#include <sifund/store/sqlite_store.hpp>

namespace sifund::cli {

inline std::unique_ptr<Store> open_store(const std::string& db, SqliteStore::Open mode) {
    if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0)
        throw StoreError("store.unsupported", "PostgreSQL stores are not supported by this build yet: " + db);
    return std::make_unique<SqliteStore>(db, mode);
}

}  // namespace sifund::cli
