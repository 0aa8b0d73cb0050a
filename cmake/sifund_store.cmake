# The compiled part of sifund: the event stores (DESIGN.md §2, "Storage is a
# port"). Included from the top-level CMakeLists after the `sifund` INTERFACE
# target and `sifund_warnings` exist. SQLite stays private: the public header
# sifund/store/sqlite_store.hpp does not include <sqlite3.h>.
find_package(SQLite3 REQUIRED)

add_library(sifund_store STATIC
  ${PROJECT_SOURCE_DIR}/src/store/sqlite_store.cpp)
add_library(sifund::store ALIAS sifund_store)
target_include_directories(sifund_store PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(sifund_store
  PUBLIC sifund
  PRIVATE SQLite::SQLite3 sifund_warnings)
# Position-independent, so that the Python module (a shared object) can link it.
set_target_properties(sifund_store PROPERTIES POSITION_INDEPENDENT_CODE ON)
