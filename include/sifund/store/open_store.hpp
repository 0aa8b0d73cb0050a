#pragma once
// Opening the store that a DB argument names, as the CLI and the Python
// bindings accept it: a postgresql:// (or postgres://) URL is a PostgresStore,
// anything else the path of a SqliteStore file.

#include <memory>
#include <string>

#include "sifund/ledger/store.hpp"
#include "sifund/store/open_mode.hpp"

namespace sifund {

[[nodiscard]] std::unique_ptr<Store> open_store(const std::string& db, StoreOpen mode);

}  // namespace sifund
