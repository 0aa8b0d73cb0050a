#pragma once
// Reading a JSON Lines command file, remembering each command's line so that
// errors can name it. Blank lines are skipped; anything else must be one
// JSON object.

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sifund/error.hpp>

namespace sifund::cli {

struct CommandFile {
    std::string path;
    std::vector<nlohmann::json> commands;
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

// The parser's messages quote what it last read, which in a hostile file may
// be bytes that are not UTF-8: those are written as \xNN, so that the
// message itself is always text.
inline std::string printable(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= text.size() && !(n == 2 && c < 0xC2);
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (ok && n == 3) {  // no overlong forms, no surrogates
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && n == 4) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (ok && (n > 1 || c >= 0x20)) {
            out.append(text, i, n);
            i += n;
            continue;
        }
        static constexpr char hex[] = "0123456789abcdef";
        out += "\\x";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 0xF]);
        ++i;
    }
    return out;
}

// A command, even a whole rulebook, is a few kilobytes; a longer line is
// refused before it is parsed rather than held as a field of the fund.
inline constexpr std::size_t max_line_bytes = 1 << 20;

// Parses one line; a key given twice in one object is an error (JSON leaves
// it open, and nlohmann would silently keep the last, so that an amount
// could say two things at once).
inline nlohmann::json parse_line(const std::string& line) {
    std::vector<std::vector<std::string>> keys;  // the keys of each open object or array
    const auto callback = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using E = nlohmann::json::parse_event_t;
        if (event == E::object_start || event == E::array_start) keys.emplace_back();
        else if (event == E::object_end || event == E::array_end) keys.pop_back();
        else if (event == E::key) {
            auto& seen = keys.back();
            const std::string& key = parsed.get_ref<const std::string&>();
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                throw InputError("input.duplicate_key", "the key \"" + key + "\" appears twice in one object");
            seen.push_back(key);
        }
        return true;
    };
    return nlohmann::json::parse(line, callback);
}

inline CommandFile read_command_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cli.file", "cannot read " + path);
    CommandFile file{path, {}, {}};
    std::string line;
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
            file.commands.push_back(parse_line(line));
        } catch (const nlohmann::json::parse_error& e) {
            std::string why = e.what();
            if (const auto at = why.find("parse error"); at != std::string::npos) why = why.substr(at);
            throw LineError("input.malformed_json", n, "malformed JSON: " + printable(why));
        } catch (const nlohmann::json::exception& e) {
            // A number too large for any number type (1e400) is out_of_range, not a parse error.
            std::string why = e.what();
            if (const auto at = why.find("] "); at != std::string::npos) why = why.substr(at + 2);
            throw LineError("input.malformed_json", n, "malformed JSON: " + printable(why));
        } catch (const InputError& e) {
            throw LineError(e.id(), n, e.what());
        }
        file.line_of.push_back(n);
    }
    return file;
}

}  // namespace sifund::cli
