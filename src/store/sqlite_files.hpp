#pragma once
// What the SQLite store does with files rather than with SQLite: a new store
// is built beside its path and renamed into place, what an interrupted
// `sifund init` left behind is cleared away, and an auditor's read-only copy
// is recognised so that SQLite may read it alone.

#include <functional>
#include <string>

namespace sifund::sqlite_files {

// Whether anything is at the path (a file, a directory, a dangling name).
bool exists(const std::string& path);

// Creates a new file beside `path` (named for this process, so that the next
// call can tell what a killed one left behind), lets `build` make a whole
// store in it, and renames it to `path` without ever replacing a file there.
// Interrupted at any moment, it leaves no file at the path or a store that
// works. store.exists when something is at the path (or appears meanwhile),
// store.open when the folder refuses; whatever `build` throws, after the new
// file is removed.
void create_beside_and_rename(const std::string& path, const std::function<void(const std::string& temp)>& build);

// Whether a reader may not create the -shm and -wal files beside the store
// (a read-only folder) and there is no write-ahead log to read: SQLite may
// then read the file alone, opened immutable.
bool reads_file_alone(const std::string& path);

// The "file:" URI of a path with a query ("immutable=1"), escaping what a URI gives meaning to.
std::string file_uri(const std::string& path, const char* query);

}  // namespace sifund::sqlite_files
