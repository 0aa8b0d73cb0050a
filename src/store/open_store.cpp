#include "sifund/store/open_store.hpp"

#include "sifund/store/postgres_store.hpp"
#include "sifund/store/sqlite_store.hpp"

namespace sifund {

std::unique_ptr<Store> open_store(const std::string& db, StoreOpen mode) {
    if (PostgresStore::is_url(db)) return std::make_unique<PostgresStore>(db, mode);
    return std::make_unique<SqliteStore>(db, mode);
}

}  // namespace sifund
