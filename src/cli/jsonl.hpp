#pragma once
// Reading a JSON Lines command file, remembering each command's line so that
// errors can name it. Blank lines are skipped; anything else must be one
// JSON object.

#include <fstream>
#include <string>
#include <vector>

#include <sifund/detail/json_document.hpp>
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

// A command, even a whole rulebook, is a few kilobytes; a longer line is
// refused before it is parsed rather than held as a field of the fund.
inline constexpr std::size_t max_line_bytes = 1 << 20;

// Parses one line, as sifund apply reads it: malformed JSON, a key given
// twice in one object (JSON leaves it open; an amount must not say two
// things at once) or nesting past 64 levels is an InputError.
inline const detail::JsonNode& parse_line(detail::JsonDocument& doc, std::string_view line) { return doc.parse(line); }

inline CommandFile read_command_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cli.file", "cannot read " + path);
    CommandFile file{path, {}, {}};
    std::string line;
    detail::JsonDocument doc;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        if (line.size() > max_line_bytes)
            throw LineError("input.line_too_long", n,
                            "the line is " + std::to_string(line.size()) + " bytes long; a command may be at most " +
                                std::to_string(max_line_bytes) + " bytes");
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

}  // namespace sifund::cli
