#pragma once
// Reading text one line at a time from a stream that may be hostile or may
// fail: a command file, a JSON Lines history. Two promises std::getline does
// not keep:
// * a line longer than the limit is refused after reading at most the limit
//   (and one chunk) of it, so /dev/zero or an endless line cannot exhaust memory;
// * a stream that fails (badbit: a read error, a directory, a device that
//   gives up) is an error, never taken for the end of the input, so a failed
//   read is never mistaken for a shorter file.
// A last line without a newline is a line when the input ends normally.

#include <array>
#include <cerrno>
#include <cstring>
#include <istream>
#include <string>

#include "sifund/error.hpp"

namespace sifund {

// A line that could not be read whole: "input.line_too_long" or
// "input.read_failed". line() is the 1-based line it concerns.
class LineReadError : public InputError {
public:
    LineReadError(std::string id, std::size_t line, const std::string& message)
        : InputError(std::move(id), message), line_(line) {}
    [[nodiscard]] std::size_t line() const noexcept { return line_; }

private:
    std::size_t line_;
};

namespace detail {

// A command, even a whole rulebook, is a few kilobytes; a longer line is
// refused before it is parsed rather than held as a field of the fund.
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

class LineReader {
public:
    explicit LineReader(std::istream& in, std::size_t max_bytes = max_line_bytes) : in_(in), max_bytes_(max_bytes) {}

    // The next line, without its '\n', into `line`; false at the end of the
    // input. Throws LineReadError when the line is too long or the stream
    // fails; after a throw the reader is done (the input is not to be trusted).
    bool next(std::string& line) {
        line.clear();
        if (done_) return false;
        ++number_;
        for (;;) {
            if (pos_ == end_ && !fill()) {
                done_ = true;
                return !line.empty();  // a last line without a newline
            }
            const char* start = buffer_.data() + pos_;
            const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
            const std::size_t take = newline ? static_cast<std::size_t>(newline - start) : end_ - pos_;
            if (line.size() + take > max_bytes_) {
                done_ = true;
                throw LineReadError("input.line_too_long", number_,
                                    "the line is longer than " + std::to_string(max_bytes_) +
                                        " bytes (reading stopped there); a command may be at most " +
                                        std::to_string(max_bytes_) + " bytes");
            }
            line.append(start, take);
            pos_ += take;
            if (newline) {
                ++pos_;
                return true;
            }
        }
    }

    // The 1-based number of the line last returned (or being read).
    [[nodiscard]] std::size_t line_number() const noexcept { return number_; }

private:
    // Refills the buffer; false at a normal end of the input.
    bool fill() {
        pos_ = end_ = 0;
        if (at_end_) return false;
        errno = 0;
        in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
        const int error = errno;
        end_ = static_cast<std::size_t>(in_.gcount());
        if (in_.bad() || (in_.fail() && !in_.eof())) {
            done_ = true;
            throw LineReadError("input.read_failed", number_,
                                "reading failed at line " + std::to_string(number_) +
                                    (error != 0 ? std::string(" (") + std::strerror(error) + ")" : std::string()) +
                                    "; nothing of the input was used");
        }
        if (in_.eof()) at_end_ = true;
        return end_ > 0;
    }

    std::istream& in_;
    std::size_t max_bytes_;
    std::array<char, 64 * 1024> buffer_{};
    std::size_t pos_ = 0, end_ = 0;
    std::size_t number_ = 0;
    bool at_end_ = false;  // the stream reached its end; what is buffered is the rest
    bool done_ = false;
};

}  // namespace detail
}  // namespace sifund
