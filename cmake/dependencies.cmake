# What sifund's headers need. The Debian packages that provide these (and
# what the tests and tools need) are listed in scripts/debian-packages.txt.
find_package(Boost 1.74 REQUIRED)                  # header-only: Multiprecision, Date_Time
find_package(nlohmann_json 3.11 REQUIRED)          # commands and events as JSON
find_package(OpenSSL 3 REQUIRED COMPONENTS Crypto) # SHA-256 of the hash chain
find_package(Threads REQUIRED)                     # reading long ledgers in parallel
find_package(SQLite3 REQUIRED)                     # the embedded store (linked privately)
# The store for many writers (libpq, linked privately): optional. Without it
# postgres_store.cpp is not compiled, open_store refuses a postgresql:// URL
# ("store.unsupported"), and the installed package does not ask for libpq.
find_package(PostgreSQL QUIET)
option(SIFUND_WITH_POSTGRESQL "Build the PostgreSQL store (needs libpq)" ${PostgreSQL_FOUND})
if(SIFUND_WITH_POSTGRESQL)
  find_package(PostgreSQL REQUIRED)
endif()
