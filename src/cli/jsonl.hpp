#pragma once
// Reading a JSON Lines command file, remembering each command's line so that
// errors can name it. Blank lines are skipped; anything else must be one
// JSON object.

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <string>
#include <vector>

#include <sifund/detail/json_document.hpp>
#include <sifund/detail/line_reader.hpp>
#include <sifund/detail/printable.hpp>
#include <sifund/error.hpp>

namespace sifund::cli {

struct CommandFile {
    std::string path;
    std::vector<std::string> commands;  // each a JSON object's text, checked to be JSON
    std::vector<std::size_t> line_of;  // 1-based line of each command
};

// An error about one line of the command file: malformed input, or a
// command refused by a rule (`refused`).
class LineError : public Error {
public:
    LineError(std::string id, std::size_t line, const std::string& message, bool refused = false)
        : Error(std::move(id), message), line_(line), refused_(refused) {}
    [[nodiscard]] std::size_t line() const noexcept { return line_; }
    [[nodiscard]] bool refused() const noexcept { return refused_; }

private:
    std::size_t line_;
    bool refused_;
};

// Parses one line, as sifund apply reads it: malformed JSON, a key given
// twice in one object (JSON leaves it open; an amount must not say two
// things at once) or nesting past 64 levels is an InputError.
inline const detail::JsonNode& parse_line(detail::JsonDocument& doc, std::string_view line) { return doc.parse(line); }

// The commands of a stream, read whole before anything is applied: a stream
// that fails half-way is an error (LineError "input.read_failed"), never a
// shorter file, and no line is held longer than detail::max_line_bytes.
inline CommandFile read_commands(std::istream& in, const std::string& path) {
    CommandFile file{path, {}, {}};
    std::string line;
    detail::JsonDocument doc;
    detail::LineReader reader(in);
    for (;;) {
        try {
            if (!reader.next(line)) break;
        } catch (const LineReadError& e) {
            throw LineError(e.id(), e.line(), e.what());
        }
        const std::size_t n = reader.line_number();
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        // The parser stops at a NUL byte as at the end of the text: what
        // follows one would be silently dropped.
        if (const auto nul = line.find('\0'); nul != std::string::npos)
            throw LineError("input.malformed_json", n,
                            "malformed JSON: a NUL byte at column " + std::to_string(nul + 1) + " (text may not contain one)");
        try {
            (void)parse_line(doc, line);
        } catch (const InputError& e) {
            throw LineError(e.id(), n, e.what());
        }
        file.commands.push_back(std::move(line));
        line = std::string();
        file.line_of.push_back(n);
    }
    return file;
}

// A command file by its path: a regular file, a pipe or a device such as
// /dev/stdin; a directory is refused before it is read.
inline CommandFile read_command_file(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError("cli.file", "cannot read " + detail::printable(path) + ": it is a directory, not a command file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cli.file", "cannot read " + detail::printable(path) + ": " + std::strerror(errno));
    return read_commands(in, path);
}

}  // namespace sifund::cli
