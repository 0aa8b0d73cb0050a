#pragma once
// Opening the store a DB argument names: a postgresql:// URL or a SQLite file
// path (sifund/store/open_store.hpp).

#include <memory>
#include <string>

#include <sifund/ledger/store.hpp>
#include <sifund/store/open_store.hpp>

namespace sifund::cli {

inline std::unique_ptr<Store> open_store(const std::string& db, StoreOpen mode) { return sifund::open_store(db, mode); }

}  // namespace sifund::cli
