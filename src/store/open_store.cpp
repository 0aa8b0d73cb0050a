#include "sifund/store/open_store.hpp"

#include "sifund/store/postgres_store.hpp"
#include "sifund/store/sqlite_store.hpp"

namespace sifund {

std::unique_ptr<Store> open_store(const std::string& db, StoreOpen mode) {
    if (PostgresStore::is_url(db)) {
#if SIFUND_WITH_POSTGRESQL
        return std::make_unique<PostgresStore>(db, mode);
#else
        // The URL is not repeated: it may hold a password.
        throw StoreError("store.unsupported",
                         "this build of sifund has no PostgreSQL store (it was built with SIFUND_WITH_POSTGRESQL=OFF), "
                         "so it cannot open a postgresql:// URL; use a SQLite file, or a sifund built with libpq");
#endif
    }
    return std::make_unique<SqliteStore>(db, mode);
}

}  // namespace sifund
