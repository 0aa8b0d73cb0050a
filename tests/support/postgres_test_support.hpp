#pragma once
// PostgreSQL for the store tests: the server scripts/test.sh starts (its URL
// in SIFUND_TEST_POSTGRES_URL), a fresh database for every test, and raw
// libpq for looking inside.
//
// Without SIFUND_TEST_POSTGRES_URL a test that needs PostgreSQL FAILS: start
// one with `scripts/postgres.sh start DIR` and export the URL it prints. To
// run the other tests by hand without a server, say so explicitly:
// SIFUND_TEST_POSTGRES_URL=skip passes over the PostgreSQL cases (with a
// warning), never silently.

#include <libpq-fe.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace sifund_store_test {

// The test server's URL; nullopt when the run explicitly skips PostgreSQL.
inline std::optional<std::string> postgres_base_url() {
    const char* url = std::getenv("SIFUND_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0')
        FAIL("SIFUND_TEST_POSTGRES_URL is not set: run the tests through scripts/test.sh, or start a server with "
             "`scripts/postgres.sh start DIR` and export the URL it prints (or set it to `skip` to pass over "
             "the PostgreSQL cases explicitly)");
    if (std::string(url) == "skip") {
        WARN("SKIPPED: SIFUND_TEST_POSTGRES_URL=skip, the PostgreSQL case did not run");
        return std::nullopt;
    }
    return std::string(url);
}

// `url` with its database replaced by `database`.
inline std::string with_database(const std::string& url, const std::string& database) {
    const auto scheme = url.find("://");
    REQUIRE(scheme != std::string::npos);
    const auto path = url.find_first_of("/?", scheme + 3);
    if (path == std::string::npos) return url + "/" + database;
    const auto query = url.find('?', path);
    const std::string rest = query == std::string::npos ? "" : url.substr(query);
    return url.substr(0, path) + "/" + database + rest;
}

// A database name no other test uses (the test server is thrown away whole,
// so nothing is dropped).
inline std::string fresh_database_name() {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    return "sifund_test_" + std::to_string(random()) + "_" + std::to_string(counter.fetch_add(1));
}

// The URL of a database that does not exist yet; nullopt when skipping.
inline std::optional<std::string> fresh_postgres_url() {
    const auto base = postgres_base_url();
    if (!base) return std::nullopt;
    return with_database(*base, fresh_database_name());
}

// Raw libpq, for making foreign and altered databases and looking inside ours.
class RawPg {
public:
    explicit RawPg(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK) FAIL("connecting to " << url << ": " << PQerrorMessage(conn_));
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }
    ~RawPg() { PQfinish(conn_); }
    RawPg(const RawPg&) = delete;
    RawPg& operator=(const RawPg&) = delete;

    void exec(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        const auto status = PQresultStatus(r);
        const std::string message = PQresultErrorMessage(r);
        PQclear(r);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) FAIL(sql << ": " << message);
    }

    // The error message of a statement that must fail.
    std::string error_of(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        const auto status = PQresultStatus(r);
        const std::string message = PQresultErrorMessage(r);
        PQclear(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) FAIL(sql << " succeeded, expected it to fail");
        return message;
    }

    // Each row of the result, its columns joined by '|'.
    std::vector<std::string> rows(const std::string& sql) {
        PGresult* r = PQexec(conn_, sql.c_str());
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            const std::string message = PQresultErrorMessage(r);
            PQclear(r);
            FAIL(sql << ": " << message);
        }
        std::vector<std::string> out;
        for (int row = 0; row < PQntuples(r); ++row) {
            std::string line;
            for (int col = 0; col < PQnfields(r); ++col) {
                if (col > 0) line += '|';
                line += PQgetvalue(r, row, col);
            }
            out.push_back(line);
        }
        PQclear(r);
        return out;
    }

    std::string value(const std::string& sql) {
        const auto result = rows(sql);
        REQUIRE(result.size() == 1);
        return result.front();
    }

private:
    PGconn* conn_;
};

// Whether the server has a database of this name.
inline bool database_exists(const std::string& base_url, const std::string& name) {
    RawPg admin(base_url);
    return admin.value("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1";
}

}  // namespace sifund_store_test
