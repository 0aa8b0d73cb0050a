#pragma once
// Writing a report to the file an option names (`sifund audit --out FILE`).
// A report must never take the place of what it reports on: the store being
// read, any other sifund store (or SQLite file), or something that is not a
// plain file (a directory, a device, a FIFO) is refused even with
// --overwrite; an existing plain file is replaced only with --overwrite.
// The text goes to a new file beside the target (O_EXCL, a unique name),
// is fsynced and then renamed over it, so that a failed write leaves the
// target as it was and no temporary file behind.

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <sifund/detail/printable.hpp>
#include <sifund/error.hpp>

namespace sifund::cli {

// A SQLite file starts with these 16 bytes; every sifund store is one.
inline bool starts_like_sqlite(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char header[16] = {};
    in.read(header, sizeof header);
    return in.gcount() == 16 && std::string_view(header, 16) == std::string_view("SQLite format 3\0", 16);
}

struct OutputTarget {
    std::string option;      // "--out", for messages
    std::string path;        // the file to write
    std::string reads;       // what the command reads (a store's path or URL, a history file)
    bool overwrite = false;  // --overwrite given
};

namespace output_detail {

[[noreturn]] inline void refuse(const char* id, const OutputTarget& t, const std::string& why) {
    throw InputError(id, t.option + " " + detail::quoted(detail::printable(t.path)) + " " + why + "; nothing was written");
}

// The file beside the target that is written first: created exclusively
// (mkstemp opens O_CREAT|O_EXCL), so it is ours alone.
inline int create_beside(const std::filesystem::path& target, std::string& temp) {
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    temp = (dir / ("." + target.filename().string() + ".sifund-XXXXXX")).string();
    return ::mkstemp(temp.data());
}

inline bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Puts the finished file in place: replacing what is there only when that
// was allowed (renameat2 RENAME_NOREPLACE fails if a file appeared meanwhile).
inline int put_in_place(const std::string& temp, const std::string& target, bool replace) {
    if (replace) return ::rename(temp.c_str(), target.c_str());
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    // A file system without RENAME_NOREPLACE: link() refuses an existing name too.
    if (::link(temp.c_str(), target.c_str()) != 0) return -1;
    ::unlink(temp.c_str());
    return 0;
}

}  // namespace output_detail

// Throws InputError "output.is_store", "output.not_a_file", "output.exists"
// or "output.write_failed"; on any of them the target is as it was.
inline void write_output_file(const OutputTarget& t, std::string_view text) {
    namespace fs = std::filesystem;
    using output_detail::refuse;
    std::error_code ec;
    const fs::path target(t.path);
    const fs::file_status status = fs::status(target, ec);  // follows a symlink to what it names
    const bool exists = fs::exists(status);
    // What the command reads, also through another name (a symbolic or hard link).
    const std::string& source = t.reads;
    for (const std::string& own : {source, source + "-wal", source + "-shm", source + "-journal"}) {
        if (!exists || !fs::exists(own, ec) || !fs::equivalent(target, own, ec)) continue;
        const std::string what = own == source ? "what this command reads" : "a file of the store this command reads";
        refuse("output.is_store", t, "is " + what + " (" + detail::quoted(detail::printable(own)) +
                                         "); a report never replaces it, even with --overwrite");
    }
    if (exists && !fs::is_regular_file(status))
        refuse("output.not_a_file", t, "is not a plain file (a directory, device or FIFO); write the report to a file");
    if (exists && starts_like_sqlite(t.path))
        refuse("output.is_store", t,
               "is a SQLite file, perhaps a fund store; a report never replaces one, even with --overwrite");
    if (exists && !t.overwrite)
        refuse("output.exists", t, "already exists; give --overwrite to replace it, or name a new file");

    std::string temp;
    const int fd = output_detail::create_beside(target, temp);
    if (fd < 0) refuse("output.write_failed", t, std::string("cannot be written: ") + std::strerror(errno));
    bool ok = true;
    int error = 0;
    // The report gets the mode an ordinary new file would (mkstemp makes 0600),
    // or keeps the one of the file it replaces.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    struct stat old {};
    const mode_t mode = exists && ::stat(t.path.c_str(), &old) == 0 ? (old.st_mode & 07777) : (0666 & ~mask);
    if (::fchmod(fd, mode) != 0 || !output_detail::write_all(fd, text) || ::fsync(fd) != 0) ok = false, error = errno;
    if (::close(fd) != 0 && ok) ok = false, error = errno;
    if (ok && output_detail::put_in_place(temp, t.path, t.overwrite) != 0) ok = false, error = errno;
    if (!ok) {
        ::unlink(temp.c_str());
        if (error == EEXIST)
            refuse("output.exists", t, "appeared while the report was written; give --overwrite to replace it");
        refuse("output.write_failed", t, std::string("could not be written: ") + std::strerror(error) + "; it is as it was");
    }
    // The rename is durable once the directory is.
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace sifund::cli
