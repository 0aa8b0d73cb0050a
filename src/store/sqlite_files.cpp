// SQLite store files: see sqlite_files.hpp.

#include "sqlite_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <system_error>

#include "sifund/error.hpp"
#include "sifund/ledger/store.hpp"

namespace sifund::sqlite_files {
namespace {

// Removes the half-built stores (and their -wal, -shm) that an interrupted
// `sifund init` left beside the path: files named PREFIX<pid>-... whose
// process no longer runs. A live init's file is left alone (and a reused pid
// only makes us keep a file).
void remove_left_behind(const std::filesystem::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        const std::size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789") != dash) continue;
        const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
        if (pid <= 0 || pid > std::numeric_limits<pid_t>::max()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        std::error_code ignored;
        std::filesystem::remove(entry.path(), ignored);
    }
}

}  // namespace

bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

// A reader that may not create the -shm and -wal files beside the store (an
// auditor's read-only copy in a read-only folder) opens it immutable: SQLite
// then reads the file alone. That is exact when there is no write-ahead log
// to read, which every append and close of a writer see to (they checkpoint).
bool reads_file_alone(const std::string& path) {
    std::error_code ec;
    const std::string wal = path + "-wal";
    if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) != 0) return false;
    const std::filesystem::path p(path);
    const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
    // No one writes where this user may not create a file (a read-only folder
    // or mount), so nothing changes the file while it is read alone.
    return ::access(dir.c_str(), W_OK | X_OK) != 0;
}

// "file:" URI of a path, escaping what a URI gives meaning to.
std::string file_uri(const std::string& path, const char* query) {
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static constexpr char hex[] = "0123456789ABCDEF";
            uri += '%';
            uri += hex[(static_cast<unsigned char>(c) >> 4) & 0xf];
            uri += hex[static_cast<unsigned char>(c) & 0xf];
        } else {
            uri += c;
        }
    }
    return uri + "?" + query;
}

void create_beside_and_rename(const std::string& path, const std::function<void(const std::string& temp)>& build) {
    if (exists(path))
        throw StoreError("store.exists",
                         detail::quoted(path) + " already exists; a new fund store is only created where there is no file");
    const std::filesystem::path target(path);
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    // The name carries our pid, so that the next `sifund init` of this path
    // can tell what a killed one left behind from what a live one is building.
    // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict, its
    // bug 105329) on "." + std::string inlined here.
    std::string prefix = ".";
    prefix += target.filename().string();
    prefix += ".sifund-init-";
    remove_left_behind(dir, prefix);
    std::string temp = (dir / (prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());  // O_CREAT | O_EXCL: ours alone
    if (fd < 0) throw StoreError("store.open", "cannot create " + detail::quoted(path) + ": " + std::strerror(errno));
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);  // the mode a new file gets, not mkstemp's 0600
    ::close(fd);
    const auto remove_temp = [&] {
        std::error_code ec;
        for (const char* suffix : {"-wal", "-shm", ""}) std::filesystem::remove(temp + suffix, ec);
    };
    try {
        build(temp);
        if (const int tfd = ::open(temp.c_str(), O_RDONLY); tfd >= 0) {
            ::fsync(tfd);
            ::close(tfd);
        }
        int rc = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS)) {  // no RENAME_NOREPLACE here: link() refuses too
            rc = ::link(temp.c_str(), path.c_str());
            if (rc == 0) ::unlink(temp.c_str());
        }
        if (rc != 0) {
            const int err = errno;
            if (err == EEXIST)
                throw StoreError("store.exists", detail::quoted(path) + " was created by another process meanwhile");
            throw StoreError("store.open", "cannot create " + detail::quoted(path) + ": " + std::strerror(err));
        }
    } catch (...) {
        remove_temp();
        throw;
    }
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {  // the rename is durable
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace sifund::sqlite_files
